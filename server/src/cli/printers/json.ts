/** JSON output: findings, coverage and suppressions, stable for scripts. */
import type { CheckResult } from '../../core/engine/check';

export function printJson(r: CheckResult, version: string): string {
  return (
    JSON.stringify(
      {
        tool: { name: 'MedTrace', version },
        manifest: r.manifest?.path ?? null,
        findings: r.findings.map((f) => ({
          ruleId: f.ruleId,
          severity: f.severity,
          message: f.message,
          path: f.path,
          line: f.range.start.line + 1,
          column: f.range.start.character + 1,
          endLine: f.range.end.line + 1,
          endColumn: f.range.end.character + 1,
          ...(f.flow ? { flow: f.flow.map((s) => ({ path: s.path, line: s.range.start.line + 1, column: s.range.start.character + 1, message: s.message })) } : {}),
        })),
        coverage: r.coverage,
        suppressed: r.suppressed.map((s) => ({ ruleId: s.finding.ruleId, path: s.finding.path, line: s.finding.range.start.line + 1, justification: s.justification })),
        exclusions: r.exclusions,
        files: { analysed: r.files.length, skipped: r.skipped, skippedFolders: r.listing.skippedDirs },
      },
      null,
      2,
    ) + '\n'
  );
}
