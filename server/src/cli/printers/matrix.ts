/** Matrix renderers: Markdown, CSV, JSON and a self-contained HTML page (no scripts, no external assets). */
import type { Matrix, MatrixRef } from '../../core/report/matrix';
import { writeCsv } from '../../core/interchange/csv';
import { visible } from './visible';

const ref = (r: MatrixRef) => `${r.path}:${r.line}${r.declaration ? ` (${r.declaration})` : ''}`;

/**
 * A Markdown table cell from text the workspace wrote (titles, hazards, file names): HTML is shown, not run
 * (`& < >` as entities), a `|` does not end the cell, a line break does not end the row and other control
 * characters are escapes (the table is often printed to a terminal).
 */
function md(s: string): string {
  return visible(s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/[\r\n\u2028\u2029]+/g, ' '));
}

const mdRefs = (refs: MatrixRef[]) => refs.map((r) => md(ref(r))).join('<br>') || '—';
const mdList = (ids: string[]) => md(ids.join(', ')) || '—';

export function matrixMarkdown(m: Matrix): string {
  const out = [`# Traceability matrix — ${md(m.system)} (class ${md(m.safetyClass)})`, '', '## Requirements', '', '| Requirement | Title | Implemented by | Verified by | Risk controls | Risks | Status |', '|---|---|---|---|---|---|---|'];
  for (const r of m.requirements) {
    out.push(`| ${md(r.id)} | ${md(r.title)} | ${mdRefs(r.implementedBy)} | ${mdRefs(r.verifiedBy)} | ${mdList(r.controls)} | ${mdList(r.risks)} | ${md(r.status)} |`);
  }
  out.push('', '## Risks', '', '| Risk | Hazard | Harm | Initial | Residual | Control | Implemented by | Verified by | Status |', '|---|---|---|---|---|---|---|---|---|');
  for (const r of m.risks) {
    const head = `| ${md(r.id)} | ${md(r.hazard)} | ${md(r.harm)} | ${md(String(r.initial))} | ${md(String(r.residual || '')) || '—'}`;
    if (!r.controls.length) out.push(`${head} | — | — | — | ${md(r.status)} |`);
    for (const c of r.controls) {
      out.push(`${head} | ${md(c.id)} ${md(c.title)} | ${mdRefs(c.implementedBy)} | ${mdRefs(c.verifiedBy)} | ${md(r.status)} |`);
    }
  }
  return out.join('\n') + '\n';
}

/** The matrix as CSV, through the one CSV writer (spreadsheet formulas neutralised, as `export csv` does). */
export function matrixCsv(m: Matrix): string {
  const rows = [['type', 'id', 'title', 'implemented_by', 'verified_by', 'risk_controls', 'risks', 'status']];
  for (const r of m.requirements) rows.push(['requirement', r.id, r.title, r.implementedBy.map(ref).join('; '), r.verifiedBy.map(ref).join('; '), r.controls.join('; '), r.risks.join('; '), r.status]);
  for (const r of m.risks) {
    for (const c of r.controls.length ? r.controls : [undefined]) {
      rows.push(['risk', r.id, r.hazard, c ? c.implementedBy.map(ref).join('; ') : '', c ? c.verifiedBy.map(ref).join('; ') : '', c?.id ?? '', r.id, r.status]);
    }
  }
  return writeCsv(rows);
}

const h = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function matrixHtml(m: Matrix): string {
  const list = (refs: MatrixRef[]) => (refs.length ? refs.map((r) => `<div>${h(ref(r))}</div>`).join('') : '<span class="gap">—</span>');
  const reqRows = m.requirements
    .map((r) => `<tr class="${r.status === 'implemented+verified' ? 'ok' : 'open'}"><td>${h(r.id)}</td><td>${h(r.title)}</td><td>${list(r.implementedBy)}</td><td>${list(r.verifiedBy)}</td><td>${h(r.controls.join(', ')) || '—'}</td><td>${h(r.risks.join(', ')) || '—'}</td><td>${h(r.status)}</td></tr>`)
    .join('\n');
  const riskRows = m.risks
    .map((r) => {
      const ctl = r.controls.length ? r.controls.map((c) => `<div><b>${h(c.id)}</b> ${h(c.title)}<br>code: ${list(c.implementedBy)}<br>tests: ${list(c.verifiedBy)}</div>`).join('') : '<span class="gap">no controls</span>';
      return `<tr class="${r.status === 'controlled' || r.status === 'accepted' ? 'ok' : 'open'}"><td>${h(r.id)}</td><td>${h(r.hazard)}</td><td>${h(r.harm)}</td><td>${h(r.initial)}</td><td>${h(r.residual) || '—'}</td><td>${ctl}</td><td>${h(r.status)}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Traceability matrix — ${h(m.system)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%;margin-bottom:2em}
th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f0f0f0}
tr.open td:last-child{color:#b00020;font-weight:600}
tr.ok td:last-child{color:#1b7f3b}
.gap{color:#b00020}
@media print{body{margin:0}tr{page-break-inside:avoid}}
</style></head><body>
<h1>Traceability matrix — ${h(m.system)} <small>(safety class ${h(m.safetyClass)})</small></h1>
<h2>Requirements</h2>
<table><thead><tr><th>Requirement</th><th>Title</th><th>Implemented by</th><th>Verified by</th><th>Risk controls</th><th>Risks</th><th>Status</th></tr></thead><tbody>
${reqRows}
</tbody></table>
<h2>Risks</h2>
<table><thead><tr><th>Risk</th><th>Hazard</th><th>Harm</th><th>Initial</th><th>Residual</th><th>Controls</th><th>Status</th></tr></thead><tbody>
${riskRows}
</tbody></table>
</body></html>
`;
}
