/**
 * Text edits on a manifest file for quick fixes ("declare SRS-9 in medtrace.yaml"): pure functions over the
 * file's text that insert an entry where a person would, in the style the file already uses (block or flow
 * entries, the same indentation), and touch nothing else. Rename needs no help here: the engine rewrites
 * every `idLocation` / `IdRef.location`.
 */
import { LineCounter, isMap, isScalar, isSeq, parse, parseDocument, type Node as YamlNode, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextEdit } from '../types';

export type EntrySection = 'requirements' | 'riskControls' | 'risks' | 'units';
export type EntryValue = string | number | boolean | readonly string[];

/** A new entry: `id` first, then fields in the order given; undefined fields are left out. */
export interface NewEntry {
  id: string;
  [field: string]: EntryValue | undefined;
}

/** How entries of a block sequence are written, relative to the section key. */
interface EntryStyle {
  /** Columns from the section key to the dash (0 for `key:\n- id: …`). */
  dashOffset: number;
  /** Columns from the dash to the first key of the entry (usually 2). */
  gap: number;
  /** `- { id: A, title: B }` rather than a block mapping. */
  flowEntries: boolean;
  /** Spaces inside flow-map braces: `{ id: A }` vs `{id: A}`. */
  braceSpace: boolean;
}

const DEFAULT_STYLE: EntryStyle = { dashOffset: 2, gap: 2, flowEntries: false, braceSpace: true };

/**
 * A YAML scalar for `value`: plain when it reads back as the same string in both block and flow context
 * (so `SRS-1` stays bare), double-quoted otherwise (`"42"`, `"true"`, `"a: b"`, `"*glob"`).
 */
export function yamlScalar(value: string): string {
  if (value !== '' && value === value.trim() && !/[\r\n]/.test(value) && readsBack(value)) return value;
  return JSON.stringify(value);
}

function readsBack(plain: string): boolean {
  try {
    const block: unknown = parse(`k: ${plain}\n`, { prettyErrors: false });
    const flow: unknown = parse(`[${plain}]`, { prettyErrors: false });
    return (
      typeof block === 'object' &&
      block !== null &&
      (block as Record<string, unknown>).k === plain &&
      Array.isArray(flow) &&
      flow.length === 1 &&
      flow[0] === plain
    );
  } catch {
    return false;
  }
}

function yamlValue(v: EntryValue): string {
  if (typeof v === 'string') return yamlScalar(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return `[${v.map(yamlScalar).join(', ')}]`;
}

function fields(entry: NewEntry): [string, EntryValue][] {
  const out: [string, EntryValue][] = [['id', entry.id]];
  for (const [k, v] of Object.entries(entry)) if (k !== 'id' && v !== undefined) out.push([k, v]);
  return out;
}

function flowEntry(entry: NewEntry, braceSpace: boolean): string {
  const body = fields(entry)
    .map(([k, v]) => `${k}: ${yamlValue(v)}`)
    .join(', ');
  return braceSpace ? `{ ${body} }` : `{${body}}`;
}

/** Lines of a block sequence item, the first starting with the dash, all indented to `dashCol`. */
function blockEntryLines(entry: NewEntry, dashCol: number, style: EntryStyle): string[] {
  const dash = `${' '.repeat(dashCol)}-${' '.repeat(Math.max(1, style.gap - 1))}`;
  if (style.flowEntries) return [`${dash}${flowEntry(entry, style.braceSpace)}`];
  const keyIndent = ' '.repeat(dashCol + Math.max(2, style.gap));
  return fields(entry).map(([k, v], i) => `${i === 0 ? dash : keyIndent}${k}: ${yamlValue(v)}`);
}

class TextInfo {
  readonly lines = new LineCounter();
  readonly eol: string;

  constructor(readonly text: string) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
  }

  column(offset: number): number {
    return this.lines.linePos(offset).col - 1;
  }

  /** Offset of the end of the line holding the last non-blank character before `offset`. */
  lineEndAfterContent(offset: number): number {
    let p = offset;
    while (p > 0 && /\s/.test(this.text[p - 1])) p--;
    const nl = this.text.indexOf('\n', p);
    if (nl < 0) return this.text.length;
    return this.text[nl - 1] === '\r' ? nl - 1 : nl;
  }

  insertAt(offset: number, newText: string): TextEdit {
    const p = this.lines.linePos(offset);
    const pos = { line: p.line - 1, character: p.col - 1 };
    return { range: { start: pos, end: pos }, newText };
  }
}

/** The style of the first block sequence of mappings in the file, preferring `section` itself. */
function inferStyle(info: TextInfo, root: YAMLMap, section: string): EntryStyle {
  const candidates = [...root.items].sort((a, b) => Number(keyName(b.key) === section) - Number(keyName(a.key) === section));
  for (const pair of candidates) {
    const seq = pair.value;
    if (!isSeq(seq) || seq.flow || !seq.range || !isScalar(pair.key) || !pair.key.range) continue;
    const item = seq.items.find((i): i is YAMLMap => isMap(i));
    if (!item?.range) continue;
    const dashCol = info.column(seq.range[0]);
    const itemText = info.text.slice(item.range[0], item.range[1]);
    return {
      dashOffset: Math.max(0, dashCol - info.column(pair.key.range[0])),
      gap: Math.max(2, info.column(item.range[0]) - dashCol),
      flowEntries: Boolean(item.flow),
      braceSpace: !item.flow || /^\{\s/.test(itemText),
    };
  }
  return DEFAULT_STYLE;
}

function keyName(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

function insertIntoFlowSeq(info: TextInfo, seq: YAMLSeq, entry: NewEntry): TextEdit | undefined {
  if (!seq.range) return undefined;
  const close = seq.range[1] - 1;
  if (info.text[close] !== ']') return undefined;
  const last = seq.items[seq.items.length - 1] as YamlNode | undefined;
  const lastMap = seq.items.find((i): i is YAMLMap => isMap(i));
  const braceSpace = lastMap?.range ? /^\{\s/.test(info.text.slice(lastMap.range[0], lastMap.range[1])) : true;
  const text = flowEntry(entry, braceSpace);
  if (!last?.range) return info.insertAt(close, text);
  const lastLine = info.lines.linePos(last.range[1]).line;
  const closeLine = info.lines.linePos(close).line;
  if (lastLine === closeLine) return info.insertAt(last.range[1], `, ${text}`);
  return info.insertAt(last.range[1], `,${info.eol}${' '.repeat(info.column(last.range[0]))}${text}`);
}

function insertIntoBlockSeq(info: TextInfo, seq: YAMLSeq, entry: NewEntry, style: EntryStyle): TextEdit | undefined {
  const last = seq.items[seq.items.length - 1] as YamlNode | undefined;
  if (!seq.range || !last?.range) return undefined;
  const dashCol = info.column(seq.range[0]);
  const lastMap = isMap(last) ? last : undefined;
  const own: EntryStyle = lastMap?.range
    ? {
        ...style,
        gap: Math.max(2, info.column(lastMap.range[0]) - dashCol),
        flowEntries: Boolean(lastMap.flow),
        braceSpace: !lastMap.flow || /^\{\s/.test(info.text.slice(lastMap.range[0], lastMap.range[1])),
      }
    : style;
  const at = info.lineEndAfterContent(last.range[1]);
  return info.insertAt(at, info.eol + blockEntryLines(entry, dashCol, own).join(info.eol));
}

/** `section:` with nothing (or only a comment) after it: the entries go on the lines below the key. */
function insertUnderEmptyKey(info: TextInfo, keyNode: YamlNode, valueNode: YamlNode | null, entry: NewEntry, style: EntryStyle): TextEdit | undefined {
  if (!keyNode.range) return undefined;
  const keyCol = info.column(keyNode.range[0]);
  const from = valueNode?.range ? Math.max(keyNode.range[1], valueNode.range[2]) : keyNode.range[1];
  const at = info.lineEndAfterContent(from);
  return info.insertAt(at, info.eol + blockEntryLines(entry, keyCol + style.dashOffset, style).join(info.eol));
}

function appendSection(info: TextInfo, section: string, entry: NewEntry, style: EntryStyle, keyCol: number): TextEdit {
  const text = info.text;
  const needsBreak = text.length > 0 && !text.endsWith('\n');
  const lines = [`${' '.repeat(keyCol)}${section}:`, ...blockEntryLines(entry, keyCol + style.dashOffset, style)];
  return info.insertAt(text.length, (needsBreak ? info.eol : '') + lines.join(info.eol) + info.eol);
}

/**
 * The edit that adds `entry` at the end of `section` in the manifest text, creating the section at the end of
 * the file when it is missing. Undefined when the file's structure leaves no safe place (the root is not a
 * block mapping, or the section holds something other than a list).
 */
export function insertEntryEdit(text: string, section: EntrySection, entry: NewEntry): TextEdit | undefined {
  try {
    const info = new TextInfo(text);
    const doc = parseDocument(text, { lineCounter: info.lines, prettyErrors: false, keepSourceTokens: false });
    const root = doc.contents;
    if (root === null || root === undefined) {
      return doc.errors.length === 0 ? appendSection(info, section, entry, DEFAULT_STYLE, 0) : undefined;
    }
    if (!isMap(root) || root.flow || !root.range) return undefined;
    const style = inferStyle(info, root, section);
    const pair = root.items.find((p) => keyName(p.key) === section);
    if (!pair) return appendSection(info, section, entry, style, info.column(root.range[0]));
    const value = pair.value;
    if (isSeq(value)) return value.flow ? insertIntoFlowSeq(info, value, entry) : insertIntoBlockSeq(info, value, entry, style);
    if ((value === null || (isScalar(value) && value.value === null)) && isScalar(pair.key)) {
      return insertUnderEmptyKey(info, pair.key, isScalar(value) ? value : null, entry, style);
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/**
 * Quick fix for an unknown requirement id: declares it at the end of `requirements:`. The path argument
 * names the file the edit is for; it does not change the edit (callers key `Fix.edits` with it).
 */
export function insertRequirementEdit(text: string, _relPath: string, req: { id: string; title?: string }): TextEdit | undefined {
  return insertEntryEdit(text, 'requirements', { id: req.id, title: req.title });
}
