/**
 * Trace tags of other tools, read as MedTrace tags when `policy.interop.<tool>: true` (SPEC 2, issue 7):
 * OpenFastTrace `[impl->dsn~name~1]`, BMW LOBSTER `lobster-trace: x`, sphinx-codelinks `@need-ids: A, B`,
 * StrictDoc `@relation(ID, scope=function)`. A pure function over one comment's text, meant to be called from
 * annotations/parse.ts parseCommentText with the policy's interop options (not wired into the engine yet: the
 * policy has to reach per-file analysis first). Tags in test files count as @verifies.
 */
import type { ParsedTag } from '../annotations/parse';
import { EmbeddedText } from '../text';
import type { Position, Range } from '../types';

export interface InteropOptions {
  openfasttrace?: boolean;
  lobster?: boolean;
  codelinks?: boolean;
  strictdoc?: boolean;
}

export interface InteropTag extends ParsedTag {
  /** Which tool's syntax it was written in. */
  tool: keyof InteropOptions;
  /** StrictDoc's explicit scope (`scope=file|class|function|line`), when given. */
  scopeHint?: string;
}

const OFT = /\[\s*(?:([A-Za-z]+)(?:~[\w.:-]+~\d+)?\s*)?->\s*([A-Za-z]+~[\w.:-]+~\d+)\s*(?:>>\s*[A-Za-z,\s]*)?\]/g;
const LOBSTER = /lobster-trace:[ \t]*([^\n]*)/g;
const CODELINKS = /@need-ids:[ \t]*([^\n]*)/g;
const STRICTDOC = /@relation\(([^)\n]*)\)/g;
const ID = /[A-Za-z](?:[A-Za-z0-9_.:~-]*[A-Za-z0-9])?/g;
const TEST_TYPES = new Set(['utest', 'itest', 'test', 'stest', 'qtest']);

export function parseInteropTags(text: string, start: Position, options: InteropOptions, isTest = false): InteropTag[] {
  const out: InteropTag[] = [];
  if (!options.openfasttrace && !options.lobster && !options.codelinks && !options.strictdoc) return out;
  const pos = new EmbeddedText(text, start);
  const range = (a: number, b: number): Range => pos.range(a, b);
  const idsIn = (s: string, offset: number, stopAtSpace: boolean): { id: string; range: Range }[] => {
    const ids: { id: string; range: Range }[] = [];
    // A list: ids separated by commas; stop at the first word that does not follow a comma.
    const re = new RegExp(ID.source, 'g');
    let m: RegExpExecArray | null;
    let expect = true;
    let last = 0;
    while ((m = re.exec(s))) {
      const between = s.slice(last, m.index);
      if (ids.length && !between.includes(',')) {
        if (stopAtSpace) break;
      }
      if (!expect && !between.includes(',')) break;
      if (/=/.test(s.slice(m.index + m[0].length).trimStart()[0] ?? '')) break; // key=value (StrictDoc scope=)
      ids.push({ id: m[0], range: range(offset + m.index, offset + m.index + m[0].length) });
      last = m.index + m[0].length;
      expect = false;
      const rest = s.slice(last);
      if (/^\s*,/.test(rest)) expect = true;
    }
    return ids;
  };
  const verb = (implementsByDefault: boolean): ParsedTag['tag'] => (isTest || !implementsByDefault ? 'verifies' : 'implements');

  if (options.openfasttrace) {
    for (const m of text.matchAll(OFT)) {
      const covering = m[1]?.toLowerCase();
      const idStart = m.index + m[0].indexOf(m[2], m[0].indexOf('->'));
      const r = range(m.index, m.index + m[0].length);
      out.push({ tool: 'openfasttrace', tag: verb(!covering || !TEST_TYPES.has(covering)), tagRange: r, range: r, ids: [{ id: m[2], range: range(idStart, idStart + m[2].length) }] });
    }
  }
  if (options.lobster) {
    for (const m of text.matchAll(LOBSTER)) {
      const ids = idsIn(m[1], m.index + m[0].length - m[1].length, true);
      if (ids.length) out.push({ tool: 'lobster', tag: verb(true), tagRange: range(m.index, m.index + 'lobster-trace:'.length), range: range(m.index, m.index + m[0].trimEnd().length), ids });
    }
  }
  if (options.codelinks) {
    for (const m of text.matchAll(CODELINKS)) {
      const ids = idsIn(m[1], m.index + m[0].length - m[1].length, true);
      if (ids.length) out.push({ tool: 'codelinks', tag: verb(true), tagRange: range(m.index, m.index + '@need-ids:'.length), range: range(m.index, m.index + m[0].trimEnd().length), ids });
    }
  }
  if (options.strictdoc) {
    for (const m of text.matchAll(STRICTDOC)) {
      const inner = m[1];
      const ids = idsIn(inner, m.index + '@relation('.length, false);
      const scope = /scope\s*=\s*(\w+)/.exec(inner)?.[1];
      if (ids.length) out.push({ tool: 'strictdoc', tag: verb(true), tagRange: range(m.index, m.index + '@relation'.length), range: range(m.index, m.index + m[0].length), ids, scopeHint: scope });
    }
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
