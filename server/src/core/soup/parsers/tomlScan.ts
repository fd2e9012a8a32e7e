/**
 * TOML with positions: smol-toml gives the values (and syntax errors with line/column), and a light
 * scanner here finds where each table header and key was written, so parsers can point at a
 * dependency's own line. The scanner only runs on text smol-toml accepted.
 */
import { parse, TomlError } from 'smol-toml';
import type { Range } from '../../types';
import { lineRange, type LineIndex } from './common';

export type TomlTable = Record<string, unknown>;

export type TomlParse = { ok: true; value: TomlTable } | { ok: false; message: string; range: Range };

export function parseToml(text: string): TomlParse {
  try {
    return { ok: true, value: parse(text) as TomlTable };
  } catch (e) {
    if (e instanceof TomlError) {
      const first = e.message.split('\n')[0].replace(/^Invalid TOML document:\s*/, '');
      const line = Math.max(0, e.line - 1);
      const col = Math.max(0, e.column - 1);
      return { ok: false, message: `Invalid TOML: ${first}`, range: lineRange(line, col, col + 1) };
    }
    return { ok: false, message: `Invalid TOML: ${(e as Error).message}`, range: lineRange(0, 0, 0) };
  }
}

export interface Segment {
  name: string;
  /** Offsets of the segment's text, inside quotes for quoted keys. */
  start: number;
  end: number;
}

export interface TomlHeader {
  path: Segment[];
  arrayTable: boolean;
  /** For [[x]] headers: how many [[x]] with the same path came before (0-based), to pair with the parsed array. */
  index: number;
}

export interface TomlKey {
  /** The enclosing [table] or [[array]] header, undefined at top level. */
  header?: TomlHeader;
  key: Segment[];
  /** Top-level string items when the value is an array (dependencies = ["a>=1", "b"]), in order. */
  strings: Segment[];
}

export interface TomlScan {
  headers: TomlHeader[];
  keys: TomlKey[];
}

const BARE = /[A-Za-z0-9_-]/;

export function scanToml(text: string): TomlScan {
  const headers: TomlHeader[] = [];
  const keys: TomlKey[] = [];
  const arrayCounts = new Map<string, number>();
  let header: TomlHeader | undefined;
  let i = 0;
  const n = text.length;

  const toEol = (): void => {
    while (i < n && text[i] !== '\n') i++;
  };
  const spaces = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
  };
  // Reads one string starting at i (any of the four TOML kinds); returns its content span.
  const readString = (): Segment => {
    const q = text[i];
    const triple = text.startsWith(q.repeat(3), i);
    const open = triple ? q.repeat(3) : q;
    const start = i + open.length;
    let j = start;
    while (j < n) {
      if (q === '"' && text[j] === '\\') {
        j += 2;
        continue;
      }
      if (text.startsWith(open, j)) break;
      if (!triple && text[j] === '\n') break;
      j++;
    }
    // Triple-quoted strings may end with up to two extra quotes that belong to the content.
    while (triple && text.startsWith(open + q, j)) j++;
    i = Math.min(n, j + open.length);
    const raw = text.slice(start, j);
    return { name: q === '"' && !triple ? unescapeBasic(raw) : raw, start, end: j };
  };
  const readKey = (): Segment[] => {
    const segs: Segment[] = [];
    for (;;) {
      spaces();
      if (text[i] === '"' || text[i] === "'") segs.push(readString());
      else {
        const start = i;
        while (i < n && BARE.test(text[i])) i++;
        if (i === start) return segs;
        segs.push({ name: text.slice(start, i), start, end: i });
      }
      spaces();
      if (text[i] !== '.') return segs;
      i++;
    }
  };
  // Skips a value; for arrays, collects the strings at the array's own level.
  const skipValue = (strings: Segment[]): void => {
    spaces();
    if (text[i] === '"' || text[i] === "'") {
      readString();
      return;
    }
    if (text[i] !== '[' && text[i] !== '{') {
      while (i < n && text[i] !== '\n' && text[i] !== '#') i++;
      return;
    }
    const isArray = text[i] === '[';
    let depth = 0;
    while (i < n) {
      const c = text[i];
      if (c === '"' || c === "'") {
        const s = readString();
        if (isArray && depth === 1) strings.push(s);
        continue;
      }
      if (c === '#') toEol();
      else if (c === '[' || c === '{') depth++;
      else if (c === ']' || c === '}') {
        depth--;
        if (depth === 0) {
          i++;
          return;
        }
      }
      i++;
    }
  };

  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
      continue;
    }
    if (c === '#') {
      toEol();
      continue;
    }
    if (c === '[') {
      const arrayTable = text[i + 1] === '[';
      i += arrayTable ? 2 : 1;
      const path = readKey();
      const id = path.map((s) => s.name).join('\u0000');
      const index = arrayTable ? (arrayCounts.get(id) ?? 0) : 0;
      if (arrayTable) arrayCounts.set(id, index + 1);
      header = { path, arrayTable, index };
      headers.push(header);
      toEol();
      continue;
    }
    const key = readKey();
    spaces();
    if (key.length === 0 || text[i] !== '=') {
      toEol();
      continue;
    }
    i++;
    const strings: Segment[] = [];
    skipValue(strings);
    keys.push({ header, key, strings });
    toEol();
  }
  return { headers, keys };
}

function unescapeBasic(raw: string): string {
  return raw.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_m, e: string) => {
    if (e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\' } as Record<string, string>)[e] ?? e;
  });
}

export function samePath(segs: Segment[] | undefined, names: readonly string[]): boolean {
  return !!segs && segs.length === names.length && segs.every((s, k) => s.name === names[k]);
}

export function asTable(v: unknown): TomlTable | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? (v as TomlTable) : undefined;
}

export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Finds where a key of a TOML table was written, whichever of TOML's spellings was used. */
export class Locator {
  constructor(
    private readonly scan: TomlScan,
    readonly lines: LineIndex,
  ) {}

  /** Range of `key` in `table`: `key = …` under [table], a dotted `table.key = …`, or a [table.key] header. */
  key(table: readonly string[], key: string): Range {
    const want = [...table, key];
    for (const k of this.scan.keys) {
      const head = k.header?.arrayTable ? undefined : k.header?.path ?? [];
      if (!head) continue;
      const full = [...head, ...k.key];
      if (full.length < want.length || !want.every((w, i) => full[i].name === w)) continue;
      const seg = full[want.length - 1];
      if (seg) return this.seg(seg);
    }
    for (const h of this.scan.headers) {
      if (!h.arrayTable && h.path.length === want.length && want.every((w, i) => h.path[i].name === w)) return this.seg(h.path[h.path.length - 1]);
    }
    for (const h of this.scan.headers) {
      if (h.path.length === table.length && table.every((w, i) => h.path[i].name === w)) return this.seg(h.path[h.path.length - 1]);
    }
    return lineRange(0, 0, 0);
  }

  /** String items of the array written at table.key. */
  strings(table: readonly string[], key: string): Segment[] {
    const want = [...table, key];
    for (const k of this.scan.keys) {
      const full = [...(k.header?.path ?? []), ...k.key];
      if (full.length === want.length && want.every((w, i) => full[i].name === w)) return k.strings;
    }
    return [];
  }

  private seg(s: Segment): Range {
    return this.lines.range(s.start, s.end);
  }
}
