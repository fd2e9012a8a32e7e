/**
 * The last step for every finding, whatever produced it: medtrace-ignore suppressions, per-rule severity
 * overrides, order and de-duplication. The CLI and the server both call this, which is what keeps the
 * editor's findings identical to CI's.
 */
import type { IgnoreDirective } from '../annotations/model';
import { ruleInfo } from '../rules/registry';
import type { SeverityOverride } from '../settings';
import { compareFindings, type Finding } from '../types';

export interface Suppressed {
  finding: Finding;
  justification: string;
}

export function finalizeFindings(
  findings: readonly Finding[],
  ignoresByPath: ReadonlyMap<string, readonly IgnoreDirective[]>,
  severity: Record<string, SeverityOverride>,
): { findings: Finding[]; suppressed: Suppressed[] } {
  const out: Finding[] = [];
  const suppressed: Suppressed[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    const key = `${f.path}\0${f.range.start.line}:${f.range.start.character}\0${f.ruleId}\0${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const ig = ignoresByPath.get(f.path)?.find((i) => i.ruleId === f.ruleId && i.targetLine === f.range.start.line);
    if (ig) {
      suppressed.push({ finding: f, justification: ig.justification });
      continue;
    }
    const o = severity[f.ruleId] ?? severity[f.ruleId.split('/')[0] + '/*'];
    if (o === 'off') continue;
    out.push(o ? { ...f, severity: o } : { ...f, severity: f.severity ?? ruleInfo(f.ruleId)?.defaultSeverity ?? 'warning' });
  }
  out.sort(compareFindings);
  return { findings: out, suppressed };
}
