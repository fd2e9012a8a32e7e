/**
 * CSV (RFC 4180) import and export of requirements and risks: the spreadsheet every team starts with.
 * Header row required; column names are matched case-insensitively with common aliases; a UTF-8 BOM and
 * CRLF or LF line ends are accepted; `,` or `;` separated (Excel in many locales writes `;`).
 */
import { dropUndefined, normaliseKind, REQUIREMENT_KINDS, validateIds, type ImportResult, type PlainRequirement, type PlainRisk } from './model';

export type CsvKind = 'requirements' | 'risks';

export function parseCsv(text: string): string[][] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  // Lines, for the error of a quote never closed (which would swallow the rest of the file).
  let line = 1;
  let openedAt = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') line++;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      openedAt = line;
      i++;
    } else if (c === sep) {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new Error(`line ${openedAt}: a quoted field opened here is never closed (a missing "), so the rest of the file would be read as one value; nothing was imported`);
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/**
 * A cell starting with = + - @ (or a tab / CR) runs as a formula when the file is opened in a spreadsheet
 * (CSV injection, CWE-1236): it is written with a leading apostrophe, which importCsv removes again.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function quote(raw: string): string {
  const v = FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

export function writeCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

const REQ_COLUMNS = ['id', 'title', 'text', 'kind', 'derivedFrom'] as const;
const RISK_COLUMNS = ['id', 'hazard', 'hazardousSituation', 'harm', 'severity', 'probability', 'controls', 'residualSeverity', 'residualProbability', 'threat'] as const;

const ALIASES: Record<string, string> = {
  identifier: 'id',
  'req id': 'id',
  'requirement id': 'id',
  'risk id': 'id',
  key: 'id',
  name: 'title',
  summary: 'title',
  heading: 'title',
  description: 'text',
  'requirement text': 'text',
  type: 'kind',
  category: 'kind',
  'derived from': 'derivedfrom',
  parent: 'derivedfrom',
  parents: 'derivedfrom',
  'hazardous situation': 'hazardoussituation',
  'risk controls': 'controls',
  'risk control': 'controls',
  'residual severity': 'residualseverity',
  'residual probability': 'residualprobability',
  's': 'severity',
  'p': 'probability',
};

function columnIndex(header: readonly string[], wanted: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  header.forEach((h, i) => {
    const n = h.trim().toLowerCase().replace(/[_-]+/g, ' ');
    const key = ALIASES[n] ?? n.replace(/ /g, '');
    const col = wanted.find((w) => w.toLowerCase() === key);
    if (col && !out.has(col)) out.set(col, i);
  });
  return out;
}

const idList = (s: string | undefined): string[] | undefined => {
  const ids = (s ?? '').split(/[,;\s]+/).filter(Boolean);
  return ids.length ? ids : undefined;
};

export function importCsv(text: string, kind: CsvKind): ImportResult<PlainRequirement | PlainRisk> {
  const rows = parseCsv(text);
  const warnings: string[] = [];
  if (!rows.length) return { entries: [], warnings: ['the file is empty'] };
  const cols = columnIndex(rows[0], kind === 'requirements' ? REQ_COLUMNS : RISK_COLUMNS);
  if (!cols.has('id')) throw new Error(`no "id" column in the header row (${rows[0].join(', ')}); the first row must name the columns, e.g. ${(kind === 'requirements' ? REQ_COLUMNS : RISK_COLUMNS).join(',')}`);
  const get = (r: string[], c: string): string | undefined => {
    const i = cols.get(c);
    let v = i === undefined ? undefined : r[i]?.trim();
    if (v !== undefined && v.startsWith("'") && FORMULA_START.test(v.slice(1))) v = v.slice(1);
    return v === '' ? undefined : v;
  };
  const num = (r: string[], c: string, line: number): number | undefined => {
    const v = get(r, c);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 5) {
      warnings.push(`line ${line}: ${c} "${v}" is not 1..5; left out.`);
      return undefined;
    }
    return n;
  };
  const entries: (PlainRequirement | PlainRisk)[] = [];
  const lines: number[] = [];
  rows.slice(1).forEach((r, i) => {
    const line = i + 2;
    const id = get(r, 'id');
    if (!id) {
      warnings.push(`line ${line}: no id; skipped.`);
      return;
    }
    lines.push(line);
    if (kind === 'requirements') {
      const rawKind = get(r, 'kind');
      const k = normaliseKind(rawKind);
      if (rawKind && !k) warnings.push(`line ${line}: kind "${rawKind}" is none of ${REQUIREMENT_KINDS.join(', ')}; left out.`);
      entries.push(dropUndefined({ id, title: get(r, 'title'), text: get(r, 'text'), kind: k, derivedFrom: idList(get(r, 'derivedFrom')) }));
    } else {
      const rs = num(r, 'residualSeverity', line);
      const rp = num(r, 'residualProbability', line);
      entries.push(
        dropUndefined({
          id,
          hazard: get(r, 'hazard'),
          hazardousSituation: get(r, 'hazardousSituation'),
          harm: get(r, 'harm'),
          severity: num(r, 'severity', line),
          probability: num(r, 'probability', line),
          controls: idList(get(r, 'controls')),
          residual: rs !== undefined || rp !== undefined ? dropUndefined({ severity: rs, probability: rp }) : undefined,
          threat: get(r, 'threat'),
        }),
      );
    }
  });
  const lineOf = new Map(entries.map((e, i) => [e, lines[i]]));
  return { entries: validateIds(entries, (e) => `line ${lineOf.get(e)}`, warnings), warnings };
}

export function exportCsv(entries: readonly (PlainRequirement | PlainRisk)[], kind: CsvKind): string {
  if (kind === 'requirements') {
    const rows = (entries as PlainRequirement[]).map((r) => [r.id, r.title ?? '', r.text ?? '', r.kind ?? '', (r.derivedFrom ?? []).join(', ')]);
    return writeCsv([[...REQ_COLUMNS], ...rows]);
  }
  const s = (n: number | undefined): string => (n === undefined ? '' : String(n));
  const rows = (entries as PlainRisk[]).map((r) => [
    r.id,
    r.hazard ?? '',
    r.hazardousSituation ?? '',
    r.harm ?? '',
    s(r.severity),
    s(r.probability),
    (r.controls ?? []).join(', '),
    s(r.residual?.severity),
    s(r.residual?.probability),
    r.threat ?? '',
  ]);
  return writeCsv([[...RISK_COLUMNS], ...rows]);
}
