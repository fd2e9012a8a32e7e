/**
 * A strict JSON reader that keeps offsets (JSON.parse forgets them), for package.json,
 * package-lock.json and vcpkg.json. Returns an error with its offset instead of throwing.
 */

interface Span {
  start: number;
  end: number;
}

export type JsonNode =
  | (Span & { kind: 'object'; members: JsonMember[] })
  | (Span & { kind: 'array'; items: JsonNode[] })
  | (Span & { kind: 'string'; value: string })
  | (Span & { kind: 'number'; value: number })
  | (Span & { kind: 'boolean'; value: boolean })
  | (Span & { kind: 'null' });

export interface JsonMember {
  key: string;
  /** Offsets of the key's text inside its quotes. */
  keyStart: number;
  keyEnd: number;
  value: JsonNode;
}

export type JsonParse = { ok: true; root: JsonNode } | { ok: false; message: string; offset: number };

class JsonError {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

const MAX_DEPTH = 1000;

export function parseJsonTree(text: string): JsonParse {
  let i = 0;

  const fail = (message: string, at = i): never => {
    throw new JsonError(message, at);
  };
  const ws = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const describe = (): string => (i >= text.length ? 'end of file' : `'${text[i]}'`);

  const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
  const str = (): { value: string; start: number; end: number } => {
    const open = i++;
    let out = '';
    let run = i;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code === 34) {
        out += text.slice(run, i);
        return { value: out, start: open + 1, end: i++ };
      }
      if (code === 92) {
        out += text.slice(run, i);
        const e = text[i + 1];
        if (e !== undefined && e in ESCAPES) {
          out += ESCAPES[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else fail('invalid escape in string');
        run = i;
      } else if (code < 0x20) fail('unterminated string', open);
      else i++;
    }
    return fail('unterminated string', open);
  };

  const value = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) fail('nesting too deep');
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const members: JsonMember[] = [];
      ws();
      if (text[i] === '}') return { kind: 'object', members, start, end: ++i };
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a property name in quotes, found ${describe()}`);
        const k = str();
        ws();
        if (text[i] !== ':') fail(`expected ':' after property name, found ${describe()}`);
        i++;
        members.push({ key: k.value, keyStart: k.start, keyEnd: k.end, value: value(depth + 1) });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') return { kind: 'object', members, start, end: ++i };
        fail(`expected ',' or '}', found ${describe()}`);
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === ']') return { kind: 'array', items, start, end: ++i };
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') return { kind: 'array', items, start, end: ++i };
        fail(`expected ',' or ']', found ${describe()}`);
      }
    }
    if (c === '"') {
      const s = str();
      return { kind: 'string', value: s.value, start, end: i };
    }
    const lit = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (!lit) return fail(`unexpected ${describe()}`);
    i += lit[0].length;
    if (lit[0] === 'true' || lit[0] === 'false') return { kind: 'boolean', value: lit[0] === 'true', start, end: i };
    if (lit[0] === 'null') return { kind: 'null', start, end: i };
    return { kind: 'number', value: Number(lit[0]), start, end: i };
  };

  try {
    const root = value(0);
    ws();
    if (i < text.length) fail(`unexpected ${describe()} after the end of the document`);
    return { ok: true, root };
  } catch (e) {
    if (e instanceof JsonError) return { ok: false, message: e.message, offset: Math.min(e.offset, text.length) };
    return { ok: false, message: String(e), offset: 0 };
  }
}

export function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.kind !== 'object') return undefined;
  for (let k = node.members.length - 1; k >= 0; k--) if (node.members[k].key === key) return node.members[k].value; // last wins, as in JSON.parse
  return undefined;
}

export function stringOf(node: JsonNode | undefined): string | undefined {
  return node?.kind === 'string' ? node.value : undefined;
}

export function membersOf(node: JsonNode | undefined): JsonMember[] {
  return node?.kind === 'object' ? node.members : [];
}
