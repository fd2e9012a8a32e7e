/**
 * `check --format github`: GitHub Actions workflow commands, one a finding, so findings show as
 * annotations on the pull request and in the job log:
 *   ::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::message
 * error → error, warning → warning, information and hint → notice. Escaping follows the runner's rules
 * (actions/toolkit command.ts): in the message %, \r and \n; in property values also : and ,. Other control
 * characters are written as escapes (visible.ts).
 */
import type { CheckResult } from '../../core/engine/check';
import type { Severity } from '../../core/types';
import { visible } from './visible';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** Then the control characters left (an ESC would reach the log raw) are made visible. */
export function escapeData(s: string): string {
  return visible(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `pathPrefix` turns workspace-relative paths into paths relative to the repository root (the job's working directory). */
export function githubAnnotations(r: CheckResult, pathPrefix = ''): string {
  const lines: string[] = [];
  for (const f of r.findings) {
    const props = [
      `file=${escapeProperty(pathPrefix + f.path)}`,
      `line=${f.range.start.line + 1}`,
      `col=${f.range.start.character + 1}`,
      `endLine=${f.range.end.line + 1}`,
      `endColumn=${f.range.end.character + 1}`,
      `title=${escapeProperty(f.ruleId)}`,
    ];
    lines.push(`::${LEVEL[f.severity]} ${props.join(',')}::${escapeData(f.message)}`);
  }
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of r.findings) counts[f.severity]++;
  lines.push(`MedTrace: ${r.findings.length} finding${r.findings.length === 1 ? '' : 's'}: ${counts.error} error, ${counts.warning} warning, ${counts.information} information, ${counts.hint} hint`);
  return lines.join('\n') + '\n';
}
