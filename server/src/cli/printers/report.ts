/**
 * The audit report as one self-contained HTML file: inline CSS, inline SVG charts, no scripts and no
 * external assets, so it opens offline, passes a strict webview CSP and prints cleanly to PDF.
 */
import type { MatrixRef } from '../../core/report/matrix';
import type { CoverageBar, Report, RiskCell } from '../../core/report/report';

const h = (s: string | number) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pct = (a: number, b: number) => (b === 0 ? 100 : Math.round((100 * a) / b));
const anchor = (prefix: string, id: string) => `${prefix}-${id.replace(/[^A-Za-z0-9_.:-]/g, '_')}`;
const refText = (r: MatrixRef) => `${r.path}:${r.line}${r.declaration ? ` (${r.declaration})` : ''}`;
/** Relative `path#Lline` links: they open the file next to a report written into DIR, and the VS Code webview turns them into editor links. */
const refs = (rs: MatrixRef[]) =>
  rs.length ? rs.map((r) => `<div class="ref"><a href="${h(encodeURI(r.path))}#L${r.line}">${h(refText(r))}</a></div>`).join('') : '<span class="gap">—</span>';

function barColor(p: number): string {
  return p >= 100 ? '#1b7f3b' : p >= 80 ? '#8a6d00' : '#b00020';
}

/** Horizontal bar chart: one bar per row, traced / required as a percentage. */
function barChart(title: string, bars: CoverageBar[], showClass: boolean): string {
  const rowH = 26;
  const labelW = 370;
  const barW = 360;
  const height = bars.length * rowH + 24;
  const rows = bars
    .map((b, i) => {
      const p = pct(b.traced, b.required);
      const y = i * rowH + 4;
      const w = Math.round((barW * p) / 100);
      const label = b.label.length > 44 ? `${b.label.slice(0, 43)}…` : b.label;
      return (
        `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end" class="lbl">${h(label)}${showClass ? ` (${h(b.safetyClass)})` : ''}</text>` +
        `<rect x="${labelW}" y="${y}" width="${barW}" height="18" fill="#e8e8e8"/>` +
        `<rect x="${labelW}" y="${y}" width="${w}" height="18" fill="${barColor(p)}"><title>${h(b.label)}: ${b.traced}/${b.required} traced</title></rect>` +
        `<text x="${labelW + barW + 8}" y="${y + 15}" class="val">${b.required ? `${p}% (${b.traced}/${b.required})` : 'nothing to trace'}</text>`
      );
    })
    .join('');
  const axis = [0, 25, 50, 75, 100]
    .map((t) => `<line x1="${labelW + (barW * t) / 100}" y1="0" x2="${labelW + (barW * t) / 100}" y2="${height - 18}" class="grid"/><text x="${labelW + (barW * t) / 100}" y="${height - 4}" text-anchor="middle" class="tick">${t}%</text>`)
    .join('');
  return `<figure><svg role="img" aria-label="${h(title)}" width="${labelW + barW + 120}" height="${height}" viewBox="0 0 ${labelW + barW + 120} ${height}" xmlns="http://www.w3.org/2000/svg">${axis}${rows}</svg><figcaption>${h(title)}</figcaption></figure>`;
}

function cellColor(c: RiskCell, acceptance: number): string {
  const score = c.severity * c.probability;
  return score > acceptance ? '#f4b6b6' : score > acceptance / 2 ? '#fbe7a1' : '#c8e6c9';
}

function riskGrid(title: string, grid: RiskCell[][], acceptance: number): string {
  const head = `<tr><th class="corner">Severity / Probability</th>${[1, 2, 3, 4, 5].map((p) => `<th>P${p}</th>`).join('')}</tr>`;
  const rows = [5, 4, 3, 2, 1]
    .map((s) => {
      const cells = grid[s - 1]
        .map((c) => `<td class="cell" style="background:${cellColor(c, acceptance)}">${c.ids.map((id) => `<a href="#${anchor('risk', id)}">${h(id)}</a>`).join(' ')}</td>`)
        .join('');
      return `<tr><th>S${s}</th>${cells}</tr>`;
    })
    .join('');
  return `<div class="riskgrid"><h3>${h(title)}</h3><table class="heat">${head}${rows}</table></div>`;
}

const STATUS_LABEL: Record<string, string> = { verified: 'verified', implemented: 'implemented, not verified', 'not-implemented': 'not implemented', 'no-control': 'no risk control' };

export function reportHtml(r: Report): string {
  const title = `MedTrace report — ${r.system || 'workspace'}`;
  const t = r.totals;
  const chainRows = r.chain
    .map(
      (c, i) =>
        `<tr id="${i === 0 || r.chain[i - 1].riskId !== c.riskId ? anchor('risk', c.riskId) : ''}" class="st-${c.status}"><td>${h(c.riskId)}</td><td>${h(c.hazard)}</td><td>${h(c.hazardousSituation)}${c.harm ? `<div class="muted">harm: ${h(c.harm)}</div>` : ''}</td>` +
        `<td>${c.controlId ? `<b>${h(c.controlId)}</b> ${h(c.controlTitle ?? '')}` : '<span class="gap">—</span>'}</td>` +
        `<td>${c.requirementId ? `<a href="#${anchor('req', c.requirementId)}"><b>${h(c.requirementId)}</b></a> ${h(c.requirementTitle ?? '')}` : '<span class="gap">—</span>'}</td>` +
        `<td>${refs(c.code)}</td><td>${refs(c.tests)}</td><td class="status">${h(STATUS_LABEL[c.status])}</td></tr>`,
    )
    .map((s) => s.replace(' id=""', ''))
    .join('\n');
  const reqRows = r.matrix.requirements
    .map(
      (q) =>
        `<tr id="${anchor('req', q.id)}" class="${q.status === 'implemented+verified' ? 'st-verified' : q.status === 'implemented' ? 'st-implemented' : 'st-not-implemented'}"><td>${h(q.id)}</td><td>${h(q.title)}</td><td>${h(q.kind)}</td><td>${refs(q.implementedBy)}</td><td>${refs(q.verifiedBy)}</td><td>${h(q.controls.join(', ')) || '—'}</td><td class="status">${h(q.status)}</td></tr>`,
    )
    .join('\n');
  const soupRows = r.soup
    .map((s) => {
      const used = s.used.length ? s.used.map((u) => `<div>${h(u.version)} <span class="muted">(${h(u.file)})</span></div>`).join('') : '<span class="muted">not in a package file</span>';
      const anomaly = s.anomalyList ? (/^https?:\/\//.test(s.anomalyList) ? `<a href="${h(s.anomalyList)}">${h(s.anomalyList)}</a>` : h(s.anomalyList)) : '<span class="gap">missing</span>';
      return `<tr><td>${h(s.name)}</td><td>${h(s.version) || '<span class="gap">missing</span>'}</td><td>${h(s.manufacturer) || '<span class="gap">missing</span>'}</td><td>${h(s.purpose)}</td><td>${h(s.safetyClass)}</td><td class="url">${anomaly}</td><td>${h(s.endOfSupport) || '—'}</td><td>${used}</td></tr>`;
    })
    .join('\n');
  const ruleRows = r.findingsByRule.map((x) => `<tr><td>${h(x.ruleId)}</td><td>${x.counts.error}</td><td>${x.counts.warning}</td><td>${x.counts.information}</td><td>${x.counts.hint}</td><td><b>${x.total}</b></td></tr>`).join('\n');
  const findingRows = r.findings.map((f) => `<tr class="sev-${f.severity}"><td>${h(f.severity)}</td><td>${h(f.ruleId)}</td><td>${h(`${f.path}:${f.line}:${f.column}`)}</td><td>${h(f.message)}</td></tr>`).join('\n');
  const exclusionRows = r.exclusions.map((e) => `<tr><td>${h(e.kind)}</td><td>${h(`${e.path}:${e.line}`)}</td><td>${h(e.what)}</td><td>${h(e.justification) || '<span class="gap">no justification</span>'}</td></tr>`).join('\n');
  const commit = r.commit ? `${r.commit.sha ? `<code>${h(r.commit.sha)}</code>` : 'no commit yet'}${r.commit.ref ? ` (${h(r.commit.ref.replace(/^refs\/heads\//, ''))})` : ' (detached HEAD)'}` : 'not in a git repository';
  const sevCount = (s: string) => r.findings.filter((f) => f.severity === s).length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${h(title)}</title>
<style>
:root{color-scheme:light}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;padding:1.5em 2em;max-width:1400px;color:#1d1d1d;background:#fff}
h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.25em;border-bottom:2px solid #0a3550;padding-bottom:.2em;margin-top:2em;color:#0a3550}h3{font-size:1.05em}
.meta{color:#555;margin:0 0 1em}.meta code{font-size:.95em}
nav ol{columns:2;margin:.5em 0 1em;padding-left:1.5em}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}
th,td{border:1px solid #c9c9c9;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#eef2f5}
.ref{font-family:ui-monospace,Consolas,monospace;font-size:.86em;overflow-wrap:anywhere}
.muted{color:#666;font-size:.9em}.gap{color:#b00020}.url{word-break:break-all}
.st-verified .status{color:#1b7f3b;font-weight:600}.st-implemented .status{color:#8a6d00;font-weight:600}
.st-not-implemented .status,.st-no-control .status{color:#b00020;font-weight:600}
.sev-error td:first-child{color:#b00020;font-weight:600}.sev-warning td:first-child{color:#8a6d00;font-weight:600}
.kpis{display:flex;flex-wrap:wrap;gap:.8em;margin:1em 0}.kpi{border:1px solid #c9c9c9;border-radius:6px;padding:.5em .9em;min-width:9em}.kpi b{display:block;font-size:1.4em}
figure{margin:.5em 0 1em}figcaption{color:#555;font-size:.9em}
svg .lbl,svg .val{font:12px system-ui,sans-serif;fill:#1d1d1d}svg .tick{font:10px system-ui,sans-serif;fill:#666}svg .grid{stroke:#d0d0d0;stroke-width:1}
.riskgrids{display:flex;flex-wrap:wrap;gap:2em}.riskgrid{flex:1 1 380px}
table.heat{width:auto}table.heat td.cell{width:86px;height:44px;text-align:center;vertical-align:middle;font-size:.85em}table.heat th{text-align:center}table.heat th.corner{font-weight:normal;font-size:.8em}
table.heat a{color:#1d1d1d;text-decoration:none;font-weight:600}
a{color:#0a4f8a}
@page{size:A4 landscape;margin:12mm}
@media print{body{padding:0;max-width:none;font-size:10.5pt}nav{display:none}h2{break-after:avoid}tr,figure,.riskgrid{break-inside:avoid}thead{display:table-header-group}a{color:inherit;text-decoration:none}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
</style></head><body>
<header>
<h1>${h(title)}</h1>
<p class="meta">Software safety class ${h(r.safetyClass || '—')} · built from commit ${commit} · generated ${h(r.generatedAt)} by MedTrace ${h(r.toolVersion)}</p>
</header>
<nav><b>Contents</b><ol>
<li><a href="#coverage">Trace coverage</a></li><li><a href="#chain">IEC 62304 7.3.3 chain</a></li><li><a href="#risk-matrix">ISO 14971 risk matrix</a></li>
<li><a href="#requirements">Requirements</a></li><li><a href="#soup">SOUP</a></li><li><a href="#findings">Open findings</a></li><li><a href="#exclusions">Justified exclusions</a></li>
</ol></nav>
<section id="coverage"><h2>1 Trace coverage</h2>
<div class="kpis">
<div class="kpi"><b>${t.declarations.traced}/${t.declarations.required}</b>declarations traced (${pct(t.declarations.traced, t.declarations.required)}%)</div>
<div class="kpi"><b>${t.requirements.implemented}/${t.requirements.total}</b>requirements implemented</div>
<div class="kpi"><b>${t.requirements.verified}/${t.requirements.total}</b>requirements verified</div>
<div class="kpi"><b>${t.controls.implemented}/${t.controls.total}</b>risk controls implemented</div>
<div class="kpi"><b>${t.controls.verified}/${t.controls.total}</b>risk controls verified</div>
<div class="kpi"><b>${t.risks.aboveAcceptance}</b>risks above acceptance (${t.risks.controlled} controlled)</div>
</div>
${barChart('Traced declarations per software unit (IEC 62304 5.4)', r.coverageByUnit, true)}
${barChart('Traced declarations per software safety class (IEC 62304 4.3)', r.coverageByClass, false)}
</section>
<section id="chain"><h2>2 Hazard → risk control → requirement → code → test (IEC 62304 7.3.3)</h2>
<table><thead><tr><th>Risk</th><th>Hazard</th><th>Hazardous situation</th><th>Risk control</th><th>Requirement</th><th>Code</th><th>Tests</th><th>Verification</th></tr></thead><tbody>
${chainRows || '<tr><td colspan="8">No risks in the register.</td></tr>'}
</tbody></table></section>
<section id="risk-matrix"><h2>3 Risk matrix (ISO 14971): severity × probability</h2>
<p class="muted">Cells above the acceptance threshold (severity × probability &gt; ${r.riskMatrix.acceptance}) are red; click a risk id to see its chain.</p>
<div class="riskgrids">${riskGrid('Initial risk', r.riskMatrix.initial, r.riskMatrix.acceptance)}${riskGrid('Residual risk (after risk controls)', r.riskMatrix.residual, r.riskMatrix.acceptance)}</div>
</section>
<section id="requirements"><h2>4 Requirements</h2>
<table><thead><tr><th>Requirement</th><th>Title</th><th>Kind</th><th>Implemented by</th><th>Verified by</th><th>Risk controls</th><th>Status</th></tr></thead><tbody>
${reqRows || '<tr><td colspan="7">No requirements.</td></tr>'}
</tbody></table></section>
<section id="soup"><h2>5 SOUP (IEC 62304 8.1.2)</h2>
<table><thead><tr><th>Name</th><th>Version (declared)</th><th>Manufacturer</th><th>Purpose</th><th>Class</th><th>Anomaly list</th><th>End of support</th><th>Version used</th></tr></thead><tbody>
${soupRows || '<tr><td colspan="8">No SOUP declared.</td></tr>'}
</tbody></table></section>
<section id="findings"><h2>6 Open findings</h2>
<p>${r.findings.length} open finding${r.findings.length === 1 ? '' : 's'}: ${sevCount('error')} error, ${sevCount('warning')} warning, ${sevCount('information')} information, ${sevCount('hint')} hint.</p>
<table><thead><tr><th>Rule</th><th>Error</th><th>Warning</th><th>Information</th><th>Hint</th><th>Total</th></tr></thead><tbody>
${ruleRows || '<tr><td colspan="6">No open findings.</td></tr>'}
</tbody></table>
<table><thead><tr><th>Severity</th><th>Rule</th><th>Location</th><th>Message</th></tr></thead><tbody>
${findingRows}
</tbody></table></section>
<section id="exclusions"><h2>7 Justified exclusions</h2>
<p class="muted">Code deliberately not traced (<code>@untraced</code>) and findings suppressed with <code>medtrace-ignore</code>, with the justification written next to them.</p>
<table><thead><tr><th>Kind</th><th>Location</th><th>Declaration / rule</th><th>Justification</th></tr></thead><tbody>
${exclusionRows || '<tr><td colspan="4">None.</td></tr>'}
</tbody></table></section>
</body></html>
`;
}
