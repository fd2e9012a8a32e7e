/**
 * Suspect links (as Doorstop and OpenFastTrace users know them): a requirement whose manifest entry changed in a
 * commit newer than the last change of the code that implements it is flagged `trace/suspect-link`, so a
 * reviewer re-checks the code against the new text. History comes from `git blame --porcelain HEAD` on the
 * manifest files and the implementing files; the git runner is injected (the CLI runs git with a timeout,
 * only when the workspace is a git repository and only with --suspect-links). Committed history only: the
 * working tree is never read through git, so no repository-configured filter or hook runs.
 */
import type { CheckResult } from '../engine/check';
import { inputNote } from '../engine/analyzeFile';
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

/** The commits that last changed lines from..to, and the newest of them by time (for the message only). */
function commitsOf(lines: readonly LineCommit[], from: number, to: number): { shas: Set<string>; newest?: Latest } {
  const shas = new Set<string>();
  let newest: Latest | undefined;
  for (let i = Math.max(0, from); i <= Math.min(to, lines.length - 1); i++) {
    const c = lines[i];
    if (!c) continue;
    shas.add(c.sha);
    if (!newest || c.time > newest.time) newest = c;
  }
  return { shas, newest };
}

const day = (t: number): string => new Date(t * 1000).toISOString().slice(0, 10);
const firstLine = (e: unknown): string => String((e as Error)?.message ?? e).split('\n').find((l) => l.trim() && !/^Command failed/.test(l))?.trim() ?? 'failed';

/**
 * A requirement is suspect when some commit that changed its entry is not an ancestor of (or the same as)
 * a commit that last changed its implementation: the code was not touched since. Ancestry, not time: two
 * commits in the same second, or a clock that went back, are still ordered.
 */
export async function suspectLinkFindings(result: CheckResult, git: GitRunner): Promise<Finding[]> {
  const m = result.manifest;
  if (!m) return [];
  const out: Finding[] = [];
  // Files git knows at HEAD (relative to the workspace): one that is not has no history, which is no failure.
  let tracked: Set<string>;
  try {
    tracked = new Set((await git(['ls-tree', '-r', '--name-only', '-z', 'HEAD'])).split('\0').filter(Boolean));
  } catch (e) {
    return [notChecked(m.path, `git could not list the files of HEAD (${firstLine(e)})`)];
  }
  const cache = new Map<string, Promise<LineCommit[] | undefined>>();
  const failed = new Map<string, string>();
  const blame = (p: string): Promise<LineCommit[] | undefined> => {
    let b = cache.get(p);
    if (!b) {
      b = tracked.has(p)
        ? git(['blame', '--porcelain', '--no-textconv', 'HEAD', '--', p]).then(parseBlame, (e: unknown) => {
            failed.set(p, `git blame failed (${firstLine(e)})`);
            return undefined;
          })
        : Promise.resolve(undefined);
      cache.set(p, b);
    }
    return b;
  };
  // Descendants of a commit (its ancestry path to HEAD), one git call per distinct requirement commit.
  const descendants = new Map<string, Promise<Set<string> | undefined>>();
  const descendantsOf = (sha: string): Promise<Set<string> | undefined> => {
    let d = descendants.get(sha);
    if (!d) {
      d = git(['rev-list', '--ancestry-path', `${sha}..HEAD`]).then(
        (o) => new Set(o.split('\n').filter(Boolean)),
        (e: unknown) => {
          failed.set(m.path, `git rev-list failed (${firstLine(e)})`);
          return undefined;
        },
      );
      descendants.set(sha, d);
    }
    return d;
  };
  const severity = requireRule('trace/suspect-link').defaultSeverity;
  for (const r of m.requirements) {
    const impl = (result.graph.links.get(r.id) ?? []).filter((l) => l.tag === 'implements' && !l.isTest);
    if (!impl.length) continue;
    const reqLines = await blame(r.location.path);
    if (!reqLines) continue;
    const req = commitsOf(reqLines, r.location.range.start.line, r.location.range.end.line);
    if (!req.newest) continue;
    const codeShas = new Set<string>();
    let code: (Latest & { link: TraceLink }) | undefined;
    for (const l of impl) {
      const lines = await blame(l.path);
      if (!lines) continue;
      const [from, to] = l.fileScope ? [0, lines.length - 1] : l.declaration ? [Math.min(l.range.start.line, l.declaration.range.start.line), l.declaration.range.end.line] : [l.range.start.line, l.range.end.line];
      const c = commitsOf(lines, from, to);
      for (const sha of c.shas) codeShas.add(sha);
      if (c.newest && (!code || c.newest.time > code.time)) code = { ...c.newest, link: l };
    }
    if (!code) continue;
    // The requirement commits the code has not seen: neither the same commit nor an ancestor of a code commit.
    let unseen: Latest | undefined;
    for (const sha of req.shas) {
      if (codeShas.has(sha)) continue;
      const after = await descendantsOf(sha);
      if (!after) break;
      if ([...codeShas].some((c) => after.has(c))) continue;
      const t = reqLines.find((x) => x?.sha === sha)!.time;
      if (!unseen || t > unseen.time) unseen = { sha, time: t };
    }
    if (!unseen) continue;
    const where = `${code.link.path}:${code.link.range.start.line + 1}${code.link.declaration ? ` (${code.link.declaration.name})` : ''}`;
    out.push({
      ruleId: 'trace/suspect-link',
      severity,
      message: `${r.id} changed in commit ${unseen.sha.slice(0, 8)} (${day(unseen.time)}), after its implementation last changed (${code.sha.slice(0, 8)}, ${day(code.time)}): re-check ${where}${impl.length > 1 ? ` and the other ${impl.length - 1} implementing place(s)` : ''} against the new text, then commit the reviewed code (or a note in its @implements comment).`,
      path: r.location.path,
      range: r.idLocation.range,
      data: { id: r.id, requirementCommit: unseen.sha, codeCommit: code.sha },
    });
  }
  for (const [p, why] of failed) out.push(notChecked(p, why));
  return out;
}

/** Suspect links that could not be checked are said, at the file git failed on (never a silent pass). */
function notChecked(path: string, why: string): Finding {
  return inputNote(path, `Suspect links not checked for this file: ${why}.`);
}

export async function applySuspectLinks(result: CheckResult, git: GitRunner): Promise<CheckResult> {
  const raw = await suspectLinkFindings(result, git);
  if (!raw.length) return result;
  const { findings } = finalizeFindings(raw, new Map(), {});
  return { ...result, findings: [...result.findings, ...findings].sort(compareFindings) };
}
