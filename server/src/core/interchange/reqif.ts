/**
 * ReqIF 1.2 (OMG Requirements Interchange Format, as DOORS, Polarion, Codebeamer and Jama export it):
 * SPEC-OBJECTs ↔ manifest requirements. Attributes are found by their LONG-NAME (configurable), values of
 * STRING, XHTML, ENUMERATION, INTEGER, REAL, DATE and BOOLEAN attributes are read; XHTML becomes plain text.
 * Relations whose type is named like "derived from" / "refines" become derivedFrom.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { dropUndefined, normaliseKind, REQUIREMENT_KINDS, validateIds, type ImportResult, type PlainRequirement } from './model';
import { xmlText } from '../xml';

export interface ReqifImportOptions {
  idAttr?: string;
  titleAttr?: string;
  textAttr?: string;
  kindAttr?: string;
  /** Prefix for ids that are bare numbers (DOORS absolute numbers): `--id-prefix SRS-` turns 42 into SRS-42. */
  idPrefix?: string;
}

export const REQIF_DEFAULTS = { idAttr: 'ReqIF.ForeignID', titleAttr: 'ReqIF.ChapterName', textAttr: 'ReqIF.Text', kindAttr: 'Type' } as const;

type X = Record<string, unknown>;

const LIST_TAGS = new Set([
  'SPEC-OBJECT',
  'SPEC-RELATION',
  'SPEC-HIERARCHY',
  'SPECIFICATION',
  'SPEC-OBJECT-TYPE',
  'SPEC-RELATION-TYPE',
  'SPECIFICATION-TYPE',
  'RELATION-GROUP-TYPE',
  'ENUM-VALUE',
  'ENUM-VALUE-REF',
  'ATTRIBUTE-VALUE-STRING',
  'ATTRIBUTE-VALUE-XHTML',
  'ATTRIBUTE-VALUE-ENUMERATION',
  'ATTRIBUTE-VALUE-INTEGER',
  'ATTRIBUTE-VALUE-REAL',
  'ATTRIBUTE-VALUE-DATE',
  'ATTRIBUTE-VALUE-BOOLEAN',
  'ATTRIBUTE-DEFINITION-STRING',
  'ATTRIBUTE-DEFINITION-XHTML',
  'ATTRIBUTE-DEFINITION-ENUMERATION',
  'ATTRIBUTE-DEFINITION-INTEGER',
  'ATTRIBUTE-DEFINITION-REAL',
  'ATTRIBUTE-DEFINITION-DATE',
  'ATTRIBUTE-DEFINITION-BOOLEAN',
  'DATATYPE-DEFINITION-ENUMERATION',
]);

export class ReqifError extends Error {}

function arr(v: unknown): X[] {
  if (v === undefined || v === null || v === '') return [];
  return (Array.isArray(v) ? v : [v]) as X[];
}
function obj(v: unknown): X {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as X) : {};
}
function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v && typeof v === 'object' && '#text' in v) return str((v as X)['#text']);
  return undefined;
}
/** The text of the first *-REF child of a DEFINITION / TYPE element. */
function ref(v: unknown): string | undefined {
  for (const [k, val] of Object.entries(obj(v))) if (k.endsWith('-REF')) return str(Array.isArray(val) ? val[0] : val)?.trim();
  return undefined;
}

/** XHTML (as raw markup) to plain text: block elements become line breaks, entities are decoded. */
export function xhtmlToText(markup: string): string {
  const text = markup
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/<(?:[\w-]+:)?br\s*\/?>/gi, '\n')
    .replace(/<\/(?:[\w-]+:)?(?:p|h[1-6]|table|ul|ol|pre|blockquote)\s*>/gi, '\n\n')
    .replace(/<\/(?:[\w-]+:)?(?:div|li|tr)\s*>/gi, '\n')
    .replace(/<(?:[\w-]+:)?li\b[^>]*>/gi, '- ')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .split('\n')
    .map((l) => l.replace(/[ \t\r\u00a0]+/g, ' ').trim())
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n')
    .trim();
}

function decodeEntities(s: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return named[e.toLowerCase()] ?? m;
  });
}

export interface ReqifDocument {
  title?: string;
  sourceTool?: string;
}

/** The validator names unclosed elements as a JSON list at line 1: said as what it means, a cut-off file. */
function validationMessage(err: { code: string; msg: string; line: number; col: number }): string {
  const open = /^Invalid '(\[[\s\S]*\])' found/.exec(err.msg);
  if (open) {
    try {
      const tags = JSON.parse(open[1]) as string[];
      return `the document ends before ${tags.length} element(s) are closed (${tags.slice(-3).join(' > ')}); is the file truncated?`;
    } catch {
      // fall through to the validator's words
    }
  }
  return `line ${err.line}, column ${err.col}: ${err.msg.replace(/\.$/, '')}`;
}

export function parseReqif(xml: string, options: ReqifImportOptions = {}): ImportResult<PlainRequirement> & ReqifDocument {
  const o = { ...REQIF_DEFAULTS, ...dropUndefined({ ...options }) };
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    stopNodes: ['*.ATTRIBUTE-VALUE-XHTML.THE-VALUE'],
    isArray: (name) => LIST_TAGS.has(name),
  });
  // The parser reads what it can of a broken document (a file cut after two requirements gave two): a
  // document that is not well-formed is refused whole, with the position of the first error.
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new ReqifError(`not well-formed XML: ${validationMessage(valid.err)}; nothing was imported`);
  let doc: X;
  try {
    doc = parser.parse(xml) as X;
  } catch (e) {
    throw new ReqifError(`not well-formed XML: ${(e as Error).message}`);
  }
  const root = obj(doc['REQ-IF']);
  if (!doc['REQ-IF']) throw new ReqifError('not a ReqIF document (no REQ-IF root element)');
  const header = obj(obj(root['THE-HEADER'])['REQ-IF-HEADER']);
  const content = obj(obj(root['CORE-CONTENT'])['REQ-IF-CONTENT']);
  const warnings: string[] = [];

  // Attribute definitions: identifier → long name; enumeration values: identifier → long name.
  const attrNames = new Map<string, string>();
  const enumNames = new Map<string, string>();
  const typeNames = new Map<string, string>();
  for (const dt of arr(obj(content['DATATYPES'])['DATATYPE-DEFINITION-ENUMERATION'])) {
    for (const ev of arr(obj(dt['SPECIFIED-VALUES'])['ENUM-VALUE'])) enumNames.set(str(ev['@_IDENTIFIER']) ?? '', str(ev['@_LONG-NAME']) ?? '');
  }
  const specTypes = obj(content['SPEC-TYPES']);
  for (const key of ['SPEC-OBJECT-TYPE', 'SPEC-RELATION-TYPE', 'SPECIFICATION-TYPE', 'RELATION-GROUP-TYPE']) {
    for (const t of arr(specTypes[key])) {
      typeNames.set(str(t['@_IDENTIFIER']) ?? '', str(t['@_LONG-NAME']) ?? '');
      for (const [k, defs] of Object.entries(obj(t['SPEC-ATTRIBUTES']))) {
        if (!k.startsWith('ATTRIBUTE-DEFINITION-')) continue;
        for (const d of arr(defs)) attrNames.set(str(d['@_IDENTIFIER']) ?? '', str(d['@_LONG-NAME']) ?? '');
      }
    }
  }

  const objects = arr(obj(content['SPEC-OBJECTS'])['SPEC-OBJECT']);
  const byIdentifier = new Map<string, X>();
  for (const so of objects) byIdentifier.set(str(so['@_IDENTIFIER']) ?? '', so);

  // Document order: the specification hierarchy first (what the user sees in DOORS), then unplaced objects.
  const order: string[] = [];
  const placed = new Set<string>();
  const walk = (children: unknown): void => {
    for (const h of arr(obj(children)['SPEC-HIERARCHY'])) {
      const id = ref(h['OBJECT']);
      if (id && !placed.has(id) && byIdentifier.has(id)) {
        placed.add(id);
        order.push(id);
      }
      walk(h['CHILDREN']);
    }
  };
  for (const spec of arr(obj(content['SPECIFICATIONS'])['SPECIFICATION'])) walk(spec['CHILDREN']);
  for (const id of byIdentifier.keys()) if (!placed.has(id)) order.push(id);

  const values = (so: X): Map<string, string> => {
    const out = new Map<string, string>();
    for (const [k, vs] of Object.entries(obj(so['VALUES']))) {
      if (!k.startsWith('ATTRIBUTE-VALUE-')) continue;
      for (const v of arr(vs)) {
        const name = attrNames.get(ref(v['DEFINITION']) ?? '') ?? ref(v['DEFINITION']) ?? '';
        let value: string | undefined;
        if (k === 'ATTRIBUTE-VALUE-XHTML') value = xhtmlToText(str(v['THE-VALUE']) ?? '');
        else if (k === 'ATTRIBUTE-VALUE-ENUMERATION')
          value = arr(obj(v['VALUES'])['ENUM-VALUE-REF'])
            .map((r) => enumNames.get(str(r)?.trim() ?? '') ?? str(r))
            .join(', ');
        else value = str(v['@_THE-VALUE']);
        if (value !== undefined) out.set(name, value.trim());
      }
    }
    return out;
  };

  const identifierToId = new Map<string, string>();
  const reqs: PlainRequirement[] = [];
  let headings = 0;
  for (const ident of order) {
    const so = byIdentifier.get(ident)!;
    const v = values(so);
    let id = v.get(o.idAttr);
    const text = v.get(o.textAttr) || undefined;
    const title = v.get(o.titleAttr) || undefined;
    if (!id) {
      if (!text) headings++;
      else warnings.push(`SPEC-OBJECT ${ident}: no "${o.idAttr}" attribute; skipped (name the id attribute with --id-attr).`);
      continue;
    }
    if (/^\d+$/.test(id)) {
      // A bare number is a DOORS absolute number; without text the object is a heading.
      if (!text) {
        headings++;
        continue;
      }
      id = (o.idPrefix ?? '') + id;
    }
    const rawKind = v.get(o.kindAttr);
    const kind = normaliseKind(rawKind);
    if (rawKind && !kind) warnings.push(`${id}: "${o.kindAttr}" is "${rawKind}", which is none of ${REQUIREMENT_KINDS.join(', ')}; kind left out.`);
    identifierToId.set(ident, id);
    reqs.push(dropUndefined({ id, title, text, kind }));
  }
  if (headings) warnings.push(`${headings} heading object(s) (no text, no requirement id) were not imported.`);

  // derivedFrom from relations typed "derived from", "refines", "satisfies", "traces to" (source derives from target).
  const byId = new Map(reqs.map((r) => [r.id, r]));
  for (const rel of arr(obj(content['SPEC-RELATIONS'])['SPEC-RELATION'])) {
    const typeName = typeNames.get(ref(rel['TYPE']) ?? '') ?? '';
    if (!/deriv|refine|satisf|trace/i.test(typeName)) continue;
    const src = identifierToId.get(ref(rel['SOURCE']) ?? '');
    const tgt = identifierToId.get(ref(rel['TARGET']) ?? '');
    if (!src || !tgt) continue;
    const r = byId.get(src)!;
    if (!(r.derivedFrom ??= []).includes(tgt)) r.derivedFrom.push(tgt);
  }
  const entries = validateIds(reqs, (e) => `requirement ${e.id}`, warnings);
  return { entries, warnings, title: str(header['TITLE']), sourceTool: str(header['SOURCE-TOOL-ID']) };
}

// ---------------------------------------------------------------------------------------------------------
// Export

export interface ReqifExportOptions {
  title: string;
  /** ISO date-time for CREATION-TIME and LAST-CHANGE (fixed in tests for reproducible output). */
  now: string;
  toolVersion: string;
}

/** An xsd:ID (NCName) for a manifest id: `~` and `:` are not allowed in one. */
function ncname(prefix: string, id: string, used: Set<string>): string {
  let n = `${prefix}-${id.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
  for (let i = 2; used.has(n); i++) n = `${prefix}-${id.replace(/[^A-Za-z0-9_.-]/g, '_')}-${i}`;
  used.add(n);
  return n;
}

function xhtml(text: string): string {
  const paras = text.split(/\n{2,}/).map((p) => `<xhtml:p>${xmlText(p).replace(/\n/g, '<xhtml:br/>')}</xhtml:p>`);
  return `<xhtml:div>${paras.join('')}</xhtml:div>`;
}

/** ReqIF 1.2 with one specification; attributes named as DOORS names them, so DOORS/Polarion map them. */
export function exportReqif(reqs: readonly PlainRequirement[], o: ReqifExportOptions): string {
  const t = xmlText(o.now);
  const used = new Set<string>();
  const objIds = new Map<string, string>();
  for (const r of reqs) objIds.set(r.id, ncname('SO', r.id, used));
  const L: string[] = [];
  L.push('<?xml version="1.0" encoding="UTF-8"?>');
  L.push('<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd" xmlns:xhtml="http://www.w3.org/1999/xhtml">');
  L.push('  <THE-HEADER>');
  L.push('    <REQ-IF-HEADER IDENTIFIER="medtrace-header">');
  L.push(`      <CREATION-TIME>${t}</CREATION-TIME>`);
  L.push(`      <REQ-IF-TOOL-ID>MedTrace ${xmlText(o.toolVersion)}</REQ-IF-TOOL-ID>`);
  L.push('      <REQ-IF-VERSION>1.0</REQ-IF-VERSION>');
  L.push(`      <SOURCE-TOOL-ID>MedTrace ${xmlText(o.toolVersion)}</SOURCE-TOOL-ID>`);
  L.push(`      <TITLE>${xmlText(o.title)}</TITLE>`);
  L.push('    </REQ-IF-HEADER>');
  L.push('  </THE-HEADER>');
  L.push('  <CORE-CONTENT>');
  L.push('    <REQ-IF-CONTENT>');
  L.push('      <DATATYPES>');
  L.push(`        <DATATYPE-DEFINITION-STRING IDENTIFIER="DT-String" LONG-NAME="String" MAX-LENGTH="4096" LAST-CHANGE="${t}"/>`);
  L.push(`        <DATATYPE-DEFINITION-XHTML IDENTIFIER="DT-XHTML" LONG-NAME="XHTML" LAST-CHANGE="${t}"/>`);
  L.push(`        <DATATYPE-DEFINITION-ENUMERATION IDENTIFIER="DT-Kind" LONG-NAME="Requirement kind" LAST-CHANGE="${t}">`);
  L.push('          <SPECIFIED-VALUES>');
  REQUIREMENT_KINDS.forEach((k, i) => {
    L.push(`            <ENUM-VALUE IDENTIFIER="EV-${k}" LONG-NAME="${k}" LAST-CHANGE="${t}">`);
    L.push(`              <PROPERTIES><EMBEDDED-VALUE KEY="${i}" OTHER-CONTENT=""/></PROPERTIES>`);
    L.push('            </ENUM-VALUE>');
  });
  L.push('          </SPECIFIED-VALUES>');
  L.push('        </DATATYPE-DEFINITION-ENUMERATION>');
  L.push('      </DATATYPES>');
  L.push('      <SPEC-TYPES>');
  L.push(`        <SPEC-OBJECT-TYPE IDENTIFIER="SOT-Requirement" LONG-NAME="Requirement" LAST-CHANGE="${t}">`);
  L.push('          <SPEC-ATTRIBUTES>');
  const attr = (kind: 'STRING' | 'XHTML', id: string, name: string, dt: string): void => {
    L.push(`            <ATTRIBUTE-DEFINITION-${kind} IDENTIFIER="${id}" LONG-NAME="${name}" LAST-CHANGE="${t}">`);
    L.push(`              <TYPE><DATATYPE-DEFINITION-${kind}-REF>${dt}</DATATYPE-DEFINITION-${kind}-REF></TYPE>`);
    L.push(`            </ATTRIBUTE-DEFINITION-${kind}>`);
  };
  attr('STRING', 'AD-ForeignID', REQIF_DEFAULTS.idAttr, 'DT-String');
  attr('STRING', 'AD-ChapterName', REQIF_DEFAULTS.titleAttr, 'DT-String');
  attr('XHTML', 'AD-Text', REQIF_DEFAULTS.textAttr, 'DT-XHTML');
  L.push(`            <ATTRIBUTE-DEFINITION-ENUMERATION IDENTIFIER="AD-Type" LONG-NAME="${REQIF_DEFAULTS.kindAttr}" MULTI-VALUED="false" LAST-CHANGE="${t}">`);
  L.push('              <TYPE><DATATYPE-DEFINITION-ENUMERATION-REF>DT-Kind</DATATYPE-DEFINITION-ENUMERATION-REF></TYPE>');
  L.push('            </ATTRIBUTE-DEFINITION-ENUMERATION>');
  L.push('          </SPEC-ATTRIBUTES>');
  L.push('        </SPEC-OBJECT-TYPE>');
  L.push(`        <SPEC-RELATION-TYPE IDENTIFIER="SRT-DerivedFrom" LONG-NAME="derived from" LAST-CHANGE="${t}"/>`);
  L.push(`        <SPECIFICATION-TYPE IDENTIFIER="ST-Spec" LONG-NAME="Software requirements specification" LAST-CHANGE="${t}"/>`);
  L.push('      </SPEC-TYPES>');
  L.push('      <SPEC-OBJECTS>');
  for (const r of reqs) {
    L.push(`        <SPEC-OBJECT IDENTIFIER="${objIds.get(r.id)}" LAST-CHANGE="${t}">`);
    L.push('          <VALUES>');
    const s = (def: string, v: string): void => {
      L.push(`            <ATTRIBUTE-VALUE-STRING THE-VALUE="${xmlText(v)}">`);
      L.push(`              <DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>${def}</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION>`);
      L.push('            </ATTRIBUTE-VALUE-STRING>');
    };
    s('AD-ForeignID', r.id);
    if (r.title) s('AD-ChapterName', r.title);
    if (r.text) {
      L.push('            <ATTRIBUTE-VALUE-XHTML>');
      L.push('              <DEFINITION><ATTRIBUTE-DEFINITION-XHTML-REF>AD-Text</ATTRIBUTE-DEFINITION-XHTML-REF></DEFINITION>');
      L.push(`              <THE-VALUE>${xhtml(r.text)}</THE-VALUE>`);
      L.push('            </ATTRIBUTE-VALUE-XHTML>');
    }
    if (r.kind) {
      L.push('            <ATTRIBUTE-VALUE-ENUMERATION>');
      L.push('              <DEFINITION><ATTRIBUTE-DEFINITION-ENUMERATION-REF>AD-Type</ATTRIBUTE-DEFINITION-ENUMERATION-REF></DEFINITION>');
      L.push(`              <VALUES><ENUM-VALUE-REF>EV-${r.kind}</ENUM-VALUE-REF></VALUES>`);
      L.push('            </ATTRIBUTE-VALUE-ENUMERATION>');
    }
    L.push('          </VALUES>');
    L.push('          <TYPE><SPEC-OBJECT-TYPE-REF>SOT-Requirement</SPEC-OBJECT-TYPE-REF></TYPE>');
    L.push('        </SPEC-OBJECT>');
  }
  L.push('      </SPEC-OBJECTS>');
  const rels: string[] = [];
  for (const r of reqs) {
    for (const d of r.derivedFrom ?? []) {
      const target = objIds.get(d);
      if (!target) continue; // derived from something outside the manifest: no object to point at
      rels.push(`        <SPEC-RELATION IDENTIFIER="${ncname('REL', `${r.id}-${d}`, used)}" LAST-CHANGE="${t}">`);
      rels.push('          <TYPE><SPEC-RELATION-TYPE-REF>SRT-DerivedFrom</SPEC-RELATION-TYPE-REF></TYPE>');
      rels.push(`          <SOURCE><SPEC-OBJECT-REF>${objIds.get(r.id)}</SPEC-OBJECT-REF></SOURCE>`);
      rels.push(`          <TARGET><SPEC-OBJECT-REF>${target}</SPEC-OBJECT-REF></TARGET>`);
      rels.push('        </SPEC-RELATION>');
    }
  }
  if (rels.length) L.push('      <SPEC-RELATIONS>', ...rels, '      </SPEC-RELATIONS>');
  else L.push('      <SPEC-RELATIONS/>');
  L.push('      <SPECIFICATIONS>');
  L.push(`        <SPECIFICATION IDENTIFIER="SPEC-1" LONG-NAME="${xmlText(o.title)}" LAST-CHANGE="${t}">`);
  L.push('          <TYPE><SPECIFICATION-TYPE-REF>ST-Spec</SPECIFICATION-TYPE-REF></TYPE>');
  if (reqs.length) {
    L.push('          <CHILDREN>');
    for (const r of reqs) {
      L.push(`            <SPEC-HIERARCHY IDENTIFIER="${ncname('SH', r.id, used)}" LAST-CHANGE="${t}">`);
      L.push(`              <OBJECT><SPEC-OBJECT-REF>${objIds.get(r.id)}</SPEC-OBJECT-REF></OBJECT>`);
      L.push('            </SPEC-HIERARCHY>');
    }
    L.push('          </CHILDREN>');
  }
  L.push('        </SPECIFICATION>');
  L.push('      </SPECIFICATIONS>');
  L.push('    </REQ-IF-CONTENT>');
  L.push('  </CORE-CONTENT>');
  L.push('</REQ-IF>');
  return L.join('\n') + '\n';
}
