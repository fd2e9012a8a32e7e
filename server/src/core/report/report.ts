/**
 * The audit report (issue 7): everything a design history file or a notified body asks about one
 * workspace, as plain data built from a CheckResult — coverage per unit and safety class, the IEC 62304
 * 7.3.3 chain (hazard → hazardous situation → risk control → requirement → code → test), the ISO 14971
 * risk matrix, the SOUP list, open findings and the justified exclusions. Printers render it (HTML).
 */
import type { CheckResult } from '../engine/check';
import { entryNames as soupNamesDependency } from '../soup/rules';
import { exactVersion } from '../soup/dependencies';
import type { Severity } from '../types';
import { buildMatrix, type Matrix, type MatrixRef } from './matrix';

export interface CoverageBar {
  label: string;
  safetyClass: string;
  traced: number;
  required: number;
  files: number;
}

export interface ChainRow {
  riskId: string;
  hazard: string;
  hazardousSituation: string;
  harm: string;
  controlId?: string;
  controlTitle?: string;
  requirementId?: string;
  requirementTitle?: string;
  code: MatrixRef[];
  tests: MatrixRef[];
  /** verified: code and tests; implemented: code, no test; not-implemented: no code; no-control: the risk has none. */
  status: 'verified' | 'implemented' | 'not-implemented' | 'no-control';
}

export interface RiskCell {
  severity: number;
  probability: number;
  ids: string[];
}

export interface SoupRow {
  name: string;
  version: string;
  manufacturer: string;
  purpose: string;
  safetyClass: string;
  anomalyList: string;
  endOfSupport: string;
  /** Versions the package files actually resolve to (lockfile, pins), with the file that says so. */
  used: { version: string; file: string }[];
}

export interface ReportFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  path: string;
  line: number;
  column: number;
}

export interface Exclusion {
  kind: '@untraced' | 'medtrace-ignore';
  path: string;
  line: number;
  what: string;
  justification: string;
}

export interface Report {
  system: string;
  safetyClass: string;
  generatedAt: string;
  toolVersion: string;
  commit?: { sha: string; ref?: string };
  coverageByUnit: CoverageBar[];
  coverageByClass: CoverageBar[];
  totals: CheckResult['coverage'];
  chain: ChainRow[];
  /** Risk ids per cell, indexed [severity-1][probability-1]. */
  riskMatrix: { initial: RiskCell[][]; residual: RiskCell[][]; acceptance: number };
  matrix: Matrix;
  soup: SoupRow[];
  findings: ReportFinding[];
  findingsByRule: { ruleId: string; counts: Record<Severity, number>; total: number }[];
  exclusions: Exclusion[];
}

export interface ReportOptions {
  toolVersion: string;
  /** ISO date-time; the caller passes it so that reports are reproducible in tests. */
  generatedAt: string;
  commit?: { sha: string; ref?: string };
}

function emptyGrid(): RiskCell[][] {
  return [1, 2, 3, 4, 5].map((s) => [1, 2, 3, 4, 5].map((p) => ({ severity: s, probability: p, ids: [] as string[] })));
}

function place(grid: RiskCell[][], id: string, s: number | undefined, p: number | undefined): void {
  if (!s || !p || s < 1 || s > 5 || p < 1 || p > 5) return;
  grid[Math.round(s) - 1][Math.round(p) - 1].ids.push(id);
}

export function buildReport(r: CheckResult, opts: ReportOptions): Report {
  const m = r.manifest;
  const matrix = buildMatrix(r.graph);
  const coverageByUnit: CoverageBar[] = r.coverage.units.map((u) => ({ label: u.name ? `${u.id} ${u.name}` : u.id, safetyClass: u.safetyClass, traced: u.traced, required: u.required, files: u.files }));
  const byClass = new Map<string, CoverageBar>();
  for (const u of r.coverage.units) {
    const c = byClass.get(u.safetyClass) ?? { label: `Class ${u.safetyClass}`, safetyClass: u.safetyClass, traced: 0, required: 0, files: 0 };
    c.traced += u.traced;
    c.required += u.required;
    c.files += u.files;
    byClass.set(u.safetyClass, c);
  }
  const coverageByClass = [...byClass.values()].sort((a, b) => a.safetyClass.localeCompare(b.safetyClass));

  const chain: ChainRow[] = [];
  const reqs = new Map((m?.requirements ?? []).map((q) => [q.id, q]));
  const ctls = new Map((m?.riskControls ?? []).map((c) => [c.id, c]));
  const reqRow = new Map(matrix.requirements.map((q) => [q.id, q]));
  const refsOf = (id: string, tag: string): MatrixRef[] =>
    (r.graph.links.get(id) ?? []).filter((l) => l.tag === tag).map((l) => ({ path: l.path, line: l.range.start.line + 1, declaration: l.declaration?.name ?? (l.fileScope ? '(file)' : undefined) }));
  for (const risk of m?.risks ?? []) {
    const base = { riskId: risk.id, hazard: risk.hazard ?? '', hazardousSituation: risk.hazardousSituation ?? '', harm: risk.harm ?? '' };
    if (!risk.controls.length) {
      chain.push({ ...base, code: [], tests: [], status: 'no-control' });
      continue;
    }
    for (const cref of risk.controls) {
      const ctl = ctls.get(cref.id);
      const ctlCode = refsOf(cref.id, 'mitigates');
      const ctlTests = refsOf(cref.id, 'verifies');
      const reqIds = ctl?.requirements.map((q) => q.id) ?? [];
      for (const reqId of reqIds.length ? reqIds : [undefined]) {
        const row = reqId ? reqRow.get(reqId) : undefined;
        const code = [...ctlCode, ...(row?.implementedBy ?? [])];
        const tests = [...ctlTests, ...(row?.verifiedBy ?? [])];
        chain.push({
          ...base,
          controlId: cref.id,
          controlTitle: ctl?.title ?? '',
          requirementId: reqId,
          requirementTitle: reqId ? (reqs.get(reqId)?.title ?? '') : undefined,
          code,
          tests,
          status: code.length && tests.length ? 'verified' : code.length ? 'implemented' : 'not-implemented',
        });
      }
    }
  }

  const initial = emptyGrid();
  const residual = emptyGrid();
  for (const risk of m?.risks ?? []) {
    place(initial, risk.id, risk.severity, risk.probability);
    if (risk.residual) place(residual, risk.id, risk.residual.severity, risk.residual.probability);
  }

  const soup: SoupRow[] = (m?.soup ?? []).map((s) => {
    const used = new Map<string, string>();
    for (const d of r.dependencies) {
      if (!soupNamesDependency(s, d)) continue;
      const v = exactVersion(d) ?? d.versionSpec ?? d.version;
      if (v && !used.has(v)) used.set(v, d.resolvedFrom ?? d.declaredIn);
    }
    return {
      name: s.name,
      version: s.version ?? '',
      manufacturer: s.manufacturer ?? '',
      purpose: s.purpose ?? '',
      safetyClass: s.safetyClass ?? '',
      anomalyList: s.anomalyList ?? '',
      endOfSupport: s.endOfSupport ?? '',
      used: [...used].map(([version, file]) => ({ version, file })),
    };
  });

  const findings: ReportFinding[] = r.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, path: f.path, line: f.range.start.line + 1, column: f.range.start.character + 1 }));
  const rules = new Map<string, { ruleId: string; counts: Record<Severity, number>; total: number }>();
  for (const f of findings) {
    const e = rules.get(f.ruleId) ?? { ruleId: f.ruleId, counts: { error: 0, warning: 0, information: 0, hint: 0 }, total: 0 };
    e.counts[f.severity]++;
    e.total++;
    rules.set(f.ruleId, e);
  }
  const findingsByRule = [...rules.values()].sort((a, b) => b.total - a.total || a.ruleId.localeCompare(b.ruleId));

  const exclusions: Exclusion[] = [
    ...r.exclusions.map((e): Exclusion => ({ kind: '@untraced', path: e.path, line: e.line + 1, what: e.declaration ?? '', justification: e.justification })),
    ...r.suppressed.map((s): Exclusion => ({ kind: 'medtrace-ignore', path: s.finding.path, line: s.finding.range.start.line + 1, what: s.finding.ruleId, justification: s.justification })),
  ].sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);

  return {
    system: m?.system.name ?? '',
    safetyClass: m?.system.safetyClass ?? '',
    generatedAt: opts.generatedAt,
    toolVersion: opts.toolVersion,
    commit: opts.commit,
    coverageByUnit,
    coverageByClass,
    totals: r.coverage,
    chain,
    riskMatrix: { initial: initial, residual, acceptance: m?.policy.riskAcceptance ?? 8 },
    matrix,
    soup,
    findings,
    findingsByRule,
    exclusions,
  };
}
