/**
 * Status bar text and tooltip for a folder's coverage (pure: no vscode import, so it is easy to test).
 */
import type { CoverageParams } from '../../server/src/shared/protocol';

/** `87%` (floored, so 99.6 never reads as complete), or `—` when nothing is required. */
export function percentText(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return '—';
  return `${Math.max(0, Math.min(100, Math.floor(percent)))}%`;
}

export function openRisksText(n: number): string {
  if (n === 0) return 'no open risks';
  return n === 1 ? '1 risk open' : `${n} risks open`;
}

/** `$(checklist) MedTrace 87% · 3 risks open`; before the first notification, a spinner. */
export function statusText(p: CoverageParams | undefined): string {
  if (!p) return '$(sync~spin) MedTrace';
  if (!p.hasManifest) return '$(checklist) MedTrace: no manifest';
  return `$(checklist) MedTrace ${percentText(p.percent)} · ${openRisksText(p.openRisks)}`;
}

function ratio(done: number, total: number): string {
  return total === 0 ? '–' : `${done}/${total}`;
}

/** Markdown tooltip: the figures behind the status text, per unit. */
export function tooltipMarkdown(p: CoverageParams | undefined, folderName?: string): string {
  const head = `**MedTrace**${folderName ? ` — ${escapeMd(folderName)}` : ''}`;
  if (!p) return `${head}\n\nIndexing the workspace…`;
  if (!p.hasManifest) return `${head}\n\nNo manifest found. Run **MedTrace: Create Manifest** to start tracing.`;
  const c = p.coverage;
  const lines = [
    head,
    '',
    `Declarations traced: ${ratio(c.declarations.traced, c.declarations.required)} (${percentText(p.percent)})`,
    '',
    '| | total | implemented | verified |',
    '|---|---:|---:|---:|',
    `| Requirements | ${c.requirements.total} | ${c.requirements.implemented} | ${c.requirements.verified} |`,
    `| Risk controls | ${c.controls.total} | ${c.controls.implemented} | ${c.controls.verified} |`,
    '',
    `Risks: ${c.risks.total}, ${c.risks.aboveAcceptance} above acceptance, ${c.risks.controlled} controlled; ${openRisksText(p.openRisks)}.`,
  ];
  if (c.units.length > 0) {
    lines.push('', '| Unit | class | files | traced |', '|---|:-:|---:|---:|');
    for (const u of c.units) {
      lines.push(`| ${escapeMd(u.name ? `${u.id} ${u.name}` : u.id)} | ${u.safetyClass} | ${u.files} | ${ratio(u.traced, u.required)} |`);
    }
  }
  lines.push('', 'Click to open the Traceability view.');
  return lines.join('\n');
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (ch) => `\\${ch}`);
}
