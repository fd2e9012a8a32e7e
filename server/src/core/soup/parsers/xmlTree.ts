/**
 * A minimal XML element tree with offsets, enough for pom.xml: elements, text, comments, CDATA,
 * processing instructions and a DOCTYPE. Attributes are skipped (a pom keeps its data in elements).
 * Mismatched or unclosed tags come back as an error with an offset, never as an exception.
 */

export interface XmlElement {
  /** Local name (prefix dropped). */
  name: string;
  start: number;
  children: XmlElement[];
  /** Direct text content, trimmed and entity-decoded. */
  text: string;
  /** Offsets of the trimmed text in the file (start === end when empty). */
  textStart: number;
  textEnd: number;
}

export type XmlParse = { ok: true; root: XmlElement } | { ok: false; message: string; offset: number };

const NAME = /^[A-Za-z_][-A-Za-z0-9_.:]*/;

export function parseXmlTree(text: string): XmlParse {
  const stack: { el: XmlElement; qname: string; chunks: { text: string; start: number }[] }[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  const n = text.length;

  const addText = (raw: string, start: number): void => {
    const top = stack[stack.length - 1];
    if (top) top.chunks.push({ text: raw, start });
    else if (raw.trim() !== '') throw new XmlError('text outside the root element', start);
  };
  const skipTo = (end: string, what: string): number => {
    const k = text.indexOf(end, i);
    if (k < 0) throw new XmlError(`unterminated ${what}`, i);
    return k + end.length;
  };

  try {
    while (i < n) {
      const lt = text.indexOf('<', i);
      if (lt < 0) {
        addText(text.slice(i), i);
        break;
      }
      if (lt > i) addText(text.slice(i, lt), i);
      i = lt;
      if (text.startsWith('<!--', i)) i = skipTo('-->', 'comment');
      else if (text.startsWith('<![CDATA[', i)) {
        const end = skipTo(']]>', 'CDATA section');
        addText(text.slice(i + 9, end - 3), i + 9);
        i = end;
      } else if (text.startsWith('<?', i)) i = skipTo('?>', 'processing instruction');
      else if (text.startsWith('<!', i)) {
        // DOCTYPE, possibly with an internal subset in brackets.
        let depth = 0;
        let k = i + 2;
        for (; k < n; k++) {
          if (text[k] === '[') depth++;
          else if (text[k] === ']') depth--;
          else if (text[k] === '>' && depth <= 0) break;
        }
        if (k >= n) throw new XmlError('unterminated declaration', i);
        i = k + 1;
      } else if (text[i + 1] === '/') {
        const m = NAME.exec(text.slice(i + 2, i + 200));
        const gt = text.indexOf('>', i);
        if (!m || gt < 0 || text.slice(i + 2 + m[0].length, gt).trim() !== '') throw new XmlError('malformed closing tag', i);
        const top = stack.pop();
        if (!top) throw new XmlError(`closing tag </${m[0]}> without an opening tag`, i);
        if (top.qname !== m[0]) throw new XmlError(`expected </${top.qname}> (opened at offset ${top.el.start}) but found </${m[0]}>`, i);
        finish(top);
        i = gt + 1;
      } else {
        const m = NAME.exec(text.slice(i + 1, i + 200));
        if (!m) throw new XmlError("'<' that starts no tag (write &lt; in text)", i);
        // Find the end of the start tag, skipping quoted attribute values.
        let k = i + 1 + m[0].length;
        let quote = '';
        for (; k < n; k++) {
          const c = text[k];
          if (quote) {
            if (c === quote) quote = '';
          } else if (c === '"' || c === "'") quote = c;
          else if (c === '>') break;
          else if (c === '<') throw new XmlError(`unterminated start tag <${m[0]}>`, i);
        }
        if (k >= n) throw new XmlError(`unterminated start tag <${m[0]}>`, i);
        const el: XmlElement = { name: m[0].replace(/^.*:/, ''), start: i, children: [], text: '', textStart: k + 1, textEnd: k + 1 };
        const parent = stack[stack.length - 1];
        if (parent) parent.el.children.push(el);
        else if (root) throw new XmlError('more than one root element', i);
        else root = el;
        if (text[k - 1] === '/') finish({ el, chunks: [] });
        else stack.push({ el, qname: m[0], chunks: [] });
        i = k + 1;
      }
    }
    const open = stack.pop();
    if (open) throw new XmlError(`<${open.qname}> is never closed`, open.el.start);
    if (!root) throw new XmlError('no root element', 0);
    return { ok: true, root };
  } catch (e) {
    if (e instanceof XmlError) return { ok: false, message: e.message, offset: e.offset };
    return { ok: false, message: String(e), offset: 0 };
  }
}

class XmlError {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

function finish(frame: { el: XmlElement; chunks: { text: string; start: number }[] }): void {
  const first = frame.chunks.find((c) => c.text.trim() !== '');
  if (!first) return;
  const raw = frame.chunks.map((c) => c.text).join('');
  frame.el.text = decode(raw.trim());
  frame.el.textStart = first.start + (first.text.length - first.text.trimStart().length);
  const last = [...frame.chunks].reverse().find((c) => c.text.trim() !== '') ?? first;
  frame.el.textEnd = last.start + last.text.trimEnd().length;
}

function decode(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e];
  });
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** Follows a path of child names: path(project, 'dependencyManagement', 'dependencies'). */
export function path(el: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let cur = el;
  for (const n of names) cur = child(cur, n);
  return cur;
}
