/**
 * Suspect links (as Doorstop and OpenFastTrace users know them): a requirement whose manifest entry changed in a
 * commit newer than the last change of the code that implements it is flagged `trace/suspect-link`, so a
 * reviewer re-checks the code against the new text. History comes from `git blame --porcelain HEAD` on the
 * manifest files and the implementing files; the git runner is injected (the CLI runs git with a timeout,
 * only when the workspace is a git repository and only with --suspect-links). Committed history only: the
 * working tree is never read through git, so no repository-configured filter or hook runs.
 */
import type { CheckResult } from '../engine/check';
import { finalizeFindings } from '../engine/finalize';
import { requireRule } from '../rules/registry';
import type { TraceLink } from '../trace/graph';
import { compareFindings, type Finding } from '../types';

/** Runs git with these arguments in the workspace root; resolves stdout, rejects on failure or timeout. */
export type GitRunner = (args: string[]) => Promise<string>;

interface LineCommit {
  sha: string;
  time: number;
}

/** `git blame --porcelain` output → the commit (and its committer time) of each line, 0-based. */
export function parseBlame(porcelain: string): LineCommit[] {
  const times = new Map<string, number>();
  const shaOfLine: string[] = [];
  let sha = '';
  let line = -1;
  for (const l of porcelain.split('\n')) {
    const head = /^([0-9a-f]{40}) \d+ (\d+)/.exec(l);
    if (head) {
      sha = head[1];
      line = Number(head[2]) - 1;
    } else if (l.startsWith('committer-time ')) times.set(sha, Number(l.slice(15)));
    else if (l.startsWith('\t') && line >= 0) shaOfLine[line] = sha;
  }
  return shaOfLine.map((s) => ({ sha: s, time: times.get(s) ?? 0 }));
}

interface Latest {
  sha: string;
  time: number;
}

function latest(lines: readonly LineCommit[], from: number, to: number): Latest | undefined {
  let best: Latest | undefined;
  for (let i = Math.max(0, from); i <= Math.min(to, lines.length - 1); i++) {
    const c = lines[i];
    if (c && (!best || c.time > best.time)) best = c;
  }
  return best;
}

const day = (t: number): string => new Date(t * 1000).toISOString().slice(0, 10);

export async function suspectLinkFindings(result: CheckResult, git: GitRunner): Promise<Finding[]> {
  const m = result.manifest;
  if (!m) return [];
  const cache = new Map<string, Promise<LineCommit[] | undefined>>();
  const blame = (p: string): Promise<LineCommit[] | undefined> => {
    let b = cache.get(p);
    if (!b) {
      // Files not in HEAD (new, untracked) have no history: nothing to compare.
      b = git(['blame', '--porcelain', '--no-textconv', 'HEAD', '--', p]).then(parseBlame, () => undefined);
      cache.set(p, b);
    }
    return b;
  };
  const out: Finding[] = [];
  const severity = requireRule('trace/suspect-link').defaultSeverity;
  for (const r of m.requirements) {
    const impl = (result.graph.links.get(r.id) ?? []).filter((l) => l.tag === 'implements' && !l.isTest);
    if (!impl.length) continue;
    const reqLines = await blame(r.location.path);
    if (!reqLines) continue;
    const req = latest(reqLines, r.location.range.start.line, r.location.range.end.line);
    if (!req) continue;
    let code: (Latest & { link: TraceLink }) | undefined;
    for (const l of impl) {
      const lines = await blame(l.path);
      if (!lines) continue;
      const [from, to] = l.fileScope ? [0, lines.length - 1] : l.declaration ? [Math.min(l.range.start.line, l.declaration.range.start.line), l.declaration.range.end.line] : [l.range.start.line, l.range.end.line];
      const c = latest(lines, from, to);
      if (c && (!code || c.time > code.time)) code = { ...c, link: l };
    }
    if (!code || req.time <= code.time) continue;
    const where = `${code.link.path}:${code.link.range.start.line + 1}${code.link.declaration ? ` (${code.link.declaration.name})` : ''}`;
    out.push({
      ruleId: 'trace/suspect-link',
      severity,
      message: `${r.id} changed in commit ${req.sha.slice(0, 8)} (${day(req.time)}), after its implementation last changed (${code.sha.slice(0, 8)}, ${day(code.time)}): re-check ${where}${impl.length > 1 ? ` and the other ${impl.length - 1} implementing place(s)` : ''} against the new text, then commit the reviewed code (or a note in its @implements comment).`,
      path: r.location.path,
      range: r.idLocation.range,
      data: { id: r.id, requirementCommit: req.sha, codeCommit: code.sha },
    });
  }
  return out;
}

export async function applySuspectLinks(result: CheckResult, git: GitRunner): Promise<CheckResult> {
  const raw = await suspectLinkFindings(result, git);
  if (!raw.length) return result;
  const { findings } = finalizeFindings(raw, new Map(), {});
  return { ...result, findings: [...result.findings, ...findings].sort(compareFindings) };
}
