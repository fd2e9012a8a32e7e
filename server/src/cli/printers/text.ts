/**
 * Text output (SPEC 4): one finding a line, `path:line:col severity rule-id message`, then a summary. Every
 * piece of workspace text goes through `visible` (control characters escaped, see visible.ts).
 */
import type { CheckResult } from '../../core/engine/check';
import type { Coverage } from '../../core/trace/rules';
import type { Severity } from '../../core/types';
import { line, visible } from './visible';

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[90m' };

function pct(a: number, b: number): string {
  return b === 0 ? '—' : `${Math.round((100 * a) / b)}%`;
}

export function printText(r: CheckResult, opts: { color: boolean; verbose: boolean; quiet?: boolean }): string {
  const lines: string[] = [];
  for (const f of r.findings) {
    const sev = opts.color ? `${COLORS[f.severity]}${f.severity}\x1b[0m` : f.severity;
    lines.push(line`${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1} ` + sev + line` ${f.ruleId} ${f.message}`);
    if (opts.verbose) for (const s of f.flow ?? []) lines.push(line`    ↳ ${s.path}:${s.range.start.line + 1}:${s.range.start.character + 1} ${s.message}`);
  }
  if (opts.quiet) return lines.join('\n') + (lines.length ? '\n' : '');
  if (lines.length) lines.push('');
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of r.findings) counts[f.severity]++;
  lines.push(
    `${r.findings.length} finding${r.findings.length === 1 ? '' : 's'}: ${counts.error} error, ${counts.warning} warning, ${counts.information} information, ${counts.hint} hint` +
      ` · ${r.files.length} file${r.files.length === 1 ? '' : 's'} analysed${r.skipped.length ? `, ${r.skipped.length} skipped` : ''}` +
      (r.suppressed.length ? ` · ${r.suppressed.length} suppressed by medtrace-ignore` : ''),
  );
  lines.push(...skippedDirLines(r.listing.skippedDirs, opts.verbose));
  if (r.manifest) lines.push(...coverageLines(r.coverage));
  if (opts.verbose && r.listing.unknownTypes) lines.push(`${r.listing.unknownTypes} file(s) of types MedTrace does not parse were skipped (not source code it knows).`);
  return lines.join('\n') + '\n';
}

/**
 * Folders the default excludes skipped (dependencies, build output): never silent. The summary names up to
 * five and counts the rest; --verbose lists every one.
 */
function skippedDirLines(dirs: readonly string[], verbose: boolean): string[] {
  if (!dirs.length) return [];
  const head = `${dirs.length} folder${dirs.length === 1 ? '' : 's'} skipped by default (dependencies, build output, virtual environments)`;
  if (verbose) return [`${head}:`, ...dirs.map((d) => line`  ${d}/`)];
  const shown = dirs.slice(0, 5).map((d) => line`${d}/`).join(', ');
  return [`${head}: ${shown}${dirs.length > 5 ? `, … (${dirs.length - 5} more; --verbose lists them)` : ''}`];
}

export function coverageLines(c: Coverage): string[] {
  const out = ['', 'Trace coverage'];
  const label = (u: Coverage['units'][number]) => visible(u.id + (u.name ? ` ${u.name}` : ''));
  const w = Math.max(10, ...c.units.map((u) => label(u).length));
  out.push(`  ${'unit'.padEnd(w)}  class  files  traced declarations`);
  for (const u of c.units) {
    out.push(`  ${label(u).padEnd(w)}  ${visible(u.safetyClass).padEnd(5)}  ${String(u.files).padStart(5)}  ${u.traced}/${u.required} (${pct(u.traced, u.required)})`);
  }
  out.push(`  ${'all units'.padEnd(w)}  ${''.padEnd(5)}  ${String(c.units.reduce((a, u) => a + u.files, 0)).padStart(5)}  ${c.declarations.traced}/${c.declarations.required} (${pct(c.declarations.traced, c.declarations.required)})`);
  out.push(`  requirements: ${c.requirements.implemented}/${c.requirements.total} implemented (${pct(c.requirements.implemented, c.requirements.total)}), ${c.requirements.verified}/${c.requirements.total} verified (${pct(c.requirements.verified, c.requirements.total)})`);
  out.push(`  risk controls: ${c.controls.implemented}/${c.controls.total} implemented, ${c.controls.verified}/${c.controls.total} verified`);
  out.push(`  risks: ${c.risks.total} in the register, ${c.risks.aboveAcceptance} above acceptance, ${c.risks.controlled} of those controlled by implemented controls`);
  return out;
}
