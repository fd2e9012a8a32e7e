/**
 * Test results applied to the trace: each @verifies tag is matched to the test cases it covers (by test name =
 * the tagged declaration's name, and by file), a failing verifying test becomes `trace/verification-failed`
 * at the tag, and a requirement or risk control verified only by failing tests counts as unverified.
 */
import type { CheckResult } from '../engine/check';
import { finalizeFindings } from '../engine/finalize';
import { requireRule } from '../rules/registry';
import type { TraceGraph, TraceLink } from '../trace/graph';
import { coverage, traceFindings } from '../trace/rules';
import { compareFindings, type Finding } from '../types';
import type { TestCase, TestStatus } from './junit';

export interface LinkResult {
  link: TraceLink;
  cases: TestCase[];
  status: TestStatus | 'no-result';
}

export interface VerificationSummary {
  /** Per manifest id: the outcome of the tests that verify it. */
  byId: Map<string, { passed: number; failed: number; noResult: number }>;
  links: LinkResult[];
  /** Test cases that matched no @verifies tag (informational). */
  unmatched: number;
}

const stripExt = (p: string): string => p.replace(/\.[^./]+$/, '');
const norm = (p: string): string => p.replace(/\\/g, '/').replace(/^\.\//, '');

/** `test_rate[5-high]` → `test_rate`; `rejects(int)[2]` → `rejects`; `Suite.method` → `method`. */
export function baseTestName(name: string): string {
  let n = name.trim().replace(/\[.*\]$/, '').replace(/\(.*\)$/, '');
  const sep = Math.max(n.lastIndexOf('::'), n.lastIndexOf('.'), n.lastIndexOf('/'));
  if (sep >= 0 && /^[\w$]+$/.test(n.slice(sep + (n[sep] === ':' ? 2 : 1)))) n = n.slice(sep + (n[sep] === ':' ? 2 : 1));
  return n;
}

/** Whether the test case's file (or dotted classname) names the workspace file `path`. */
function fileMatches(tc: TestCase, path: string): boolean | undefined {
  if (tc.file) {
    const f = norm(tc.file);
    return f === path || f.endsWith('/' + path) || path.endsWith('/' + f);
  }
  if (tc.classname && /^[\w$.]+$/.test(tc.classname)) {
    const parts = tc.classname.replace(/\$.*$/, '').split('.');
    const noExt = stripExt(path);
    for (let i = parts.length; i >= 1; i--) {
      const p = parts.slice(0, i).join('/');
      if (noExt === p || noExt.endsWith('/' + p)) return true;
    }
    return false;
  }
  return undefined;
}

export function matchCases(link: TraceLink, cases: readonly TestCase[]): TestCase[] {
  const decl = link.declaration?.name;
  return cases.filter((tc) => {
    const file = fileMatches(tc, link.path);
    if (file === false) return false;
    const cls = tc.classname?.replace(/\$.*$/, '').split('.').pop();
    const nameOk = decl !== undefined && (baseTestName(tc.name) === decl || cls === decl);
    if (file === undefined) return nameOk; // ctest-style results carry no file: the name must match
    return link.fileScope || nameOk;
  });
}

function outcome(cases: readonly TestCase[]): LinkResult['status'] {
  if (!cases.length) return 'no-result';
  if (cases.some((c) => c.status === 'failed')) return 'failed';
  if (cases.some((c) => c.status === 'error')) return 'error';
  if (cases.every((c) => c.status === 'skipped')) return 'skipped';
  return 'passed';
}

export function verify(graph: TraceGraph, cases: readonly TestCase[]): VerificationSummary {
  const links: LinkResult[] = [];
  const byId: VerificationSummary['byId'] = new Map();
  const used = new Set<TestCase>();
  for (const [id, ls] of graph.links) {
    for (const link of ls) {
      if (link.tag !== 'verifies' || !graph.kinds.has(id)) continue;
      const matched = matchCases(link, cases);
      for (const m of matched) used.add(m);
      const status = outcome(matched);
      links.push({ link, cases: matched, status });
      const e = byId.get(id) ?? { passed: 0, failed: 0, noResult: 0 };
      if (status === 'failed' || status === 'error') e.failed++;
      else if (status === 'passed') e.passed++;
      else e.noResult++;
      byId.set(id, e);
    }
  }
  return { byId, links, unmatched: cases.filter((c) => !used.has(c)).length };
}

/** The check result with test results applied: new findings, and coverage that does not count failing tests. */
export function applyTestResults(result: CheckResult, cases: readonly TestCase[]): CheckResult & { verification: VerificationSummary } {
  const summary = verify(result.graph, cases);
  const failing = summary.links.filter((l) => l.status === 'failed' || l.status === 'error');
  const raw: Finding[] = [];
  const severity = requireRule('trace/verification-failed').defaultSeverity;
  for (const l of failing) {
    const bad = l.cases.filter((c) => c.status === 'failed' || c.status === 'error');
    const names = bad.map((c) => `${c.classname ? `${c.classname}::` : ''}${c.name}`);
    const first = bad[0];
    raw.push({
      ruleId: 'trace/verification-failed',
      severity,
      message: `${names.length > 1 ? `${names.length} tests` : `Test ${names[0]}`}, verifying ${l.link.id}, ${first.status === 'error' ? 'errored' : 'failed'} in ${first.source}${first.message ? `: ${first.message.replace(/[.\s]+$/, '')}` : ''}. Fix the code or the test and rerun it.`,
      path: l.link.path,
      range: l.link.range,
      data: { id: l.link.id, tests: names },
    });
  }
  // A verification that failed does not count: rerun the manifest gaps without those links.
  const failedLinks = new Set(failing.map((l) => l.link));
  const graph: TraceGraph = { ...result.graph, links: new Map([...result.graph.links].map(([id, ls]) => [id, ls.filter((l) => !failedLinks.has(l))])) };
  const affected = new Set(failing.map((l) => l.link.id));
  for (const f of traceFindings(graph, result.files)) {
    if (f.ruleId !== 'trace/unverified-requirement' && f.ruleId !== 'trace/unverified-control') continue;
    const id = (f.data as { id?: string } | undefined)?.id;
    if (!id || !affected.has(id)) continue;
    raw.push({ ...f, message: `${f.ruleId.endsWith('control') ? 'Risk control' : 'Requirement'} ${id} is verified only by failing tests (see trace/verification-failed): it counts as unverified until they pass.` });
  }
  const ignores = new Map(result.files.filter((f) => f.ignores.length).map((f) => [f.path, f.ignores]));
  const { findings, suppressed } = finalizeFindings(raw, ignores, {});
  return {
    ...result,
    findings: [...result.findings, ...findings].sort(compareFindings),
    suppressed: [...result.suppressed, ...suppressed],
    coverage: coverage(graph, result.files),
    verification: summary,
  };
}
