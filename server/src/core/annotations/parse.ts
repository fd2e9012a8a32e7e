/**
 * Reads MedTrace tags out of one comment's text. Works on the comment node's text (found by tree-sitter),
 * never on the raw file, so tags in strings or code are never read. Positions are computed from the
 * comment's start, in UTF-16 units like the rest of the core.
 */
import { EmbeddedText } from '../text';
import type { Position, Range } from '../types';
import { IdToken, TAG_NAMES, TagName } from './model';

export const ID_PATTERN = /[A-Za-z](?:[A-Za-z0-9_.:~-]*[A-Za-z0-9])?/y;
const ID_FULL = /^[A-Za-z](?:[A-Za-z0-9_.:~-]*[A-Za-z0-9])?$/;
const TAG_START = /@(implements|mitigates|verifies|unit|untraced)(?![A-Za-z0-9_-])/g;
const IGNORE_START = /medtrace-ignore(?![A-Za-z0-9_-])/g;
/** Misspellings worth telling (edit distance 1–2 from a tag), e.g. `@implement`, `@mitigate`, `@verify`. */
const NEAR_TAG = /@(implement|implemented|implementes|mitigate|mitigated|verify|verified|verifys|units|untrace|untracked)(?![A-Za-z0-9_-])/g;

export function isValidId(s: string): boolean {
  return ID_FULL.test(s);
}

export interface ParsedTag {
  tag: TagName;
  tagRange: Range;
  range: Range;
  ids: IdToken[];
  text?: string;
}

export interface ParsedIgnore {
  ruleId: string;
  ruleRange: Range;
  justification: string;
  range: Range;
}

export interface ParsedComment {
  tags: ParsedTag[];
  ignores: ParsedIgnore[];
  problems: { message: string; range: Range }[];
}

/** Characters that end a tag's line inside a comment: newline, or the comment's closing token. */
function lineEnd(text: string, from: number): number {
  let end = text.indexOf('\n', from);
  if (end < 0) end = text.length;
  const close = text.indexOf('*/', from);
  if (close >= 0 && close < end) end = close;
  const doc = text.indexOf('"""', from);
  if (doc >= 0 && doc < end) end = doc;
  const doc2 = text.indexOf("'''", from);
  if (doc2 >= 0 && doc2 < end) end = doc2;
  return end;
}

/** After a newline inside a comment: skip the continuation prefix (`//`, `///`, `*`, `#`, spaces). */
function skipContinuation(text: string, from: number): number {
  const m = /[ \t]*(?:\/\/[/!]?|\*(?!\/)|#)?[ \t]*/y;
  m.lastIndex = from;
  m.exec(text);
  return m.lastIndex;
}

function skipSpaces(text: string, from: number): number {
  while (from < text.length && (text[from] === ' ' || text[from] === '\t')) from++;
  return from;
}

/** A `@` preceded by a word character is part of an e-mail address or a decorator-like word, not a tag. */
function atWordBoundary(text: string, at: number): boolean {
  return at === 0 || !/[A-Za-z0-9_.-]/.test(text[at - 1]);
}

export function parseCommentText(text: string, start: Position): ParsedComment {
  const pm = new EmbeddedText(text, start);
  const out: ParsedComment = { tags: [], ignores: [], problems: [] };
  if (text.indexOf('@') < 0 && text.indexOf('medtrace-ignore') < 0) return out;

  for (const m of text.matchAll(TAG_START)) {
    const at = m.index;
    if (!atWordBoundary(text, at)) continue;
    const tag = m[1] as TagName;
    const afterTag = at + m[0].length;
    out.tags.push(readTag(text, pm, tag, at, afterTag, out.problems));
  }
  for (const m of text.matchAll(NEAR_TAG)) {
    if (!atWordBoundary(text, m.index)) continue;
    const wanted = TAG_NAMES.find((t) => t.startsWith(m[1].slice(0, 4))) ?? 'implements';
    out.problems.push({
      message: `Unknown tag '@${m[1]}': did you mean '@${wanted}'? MedTrace reads only ${TAG_NAMES.map((t) => '@' + t).join(', ')}.`,
      range: pm.range(m.index, m.index + m[0].length),
    });
  }
  for (const m of text.matchAll(IGNORE_START)) {
    readIgnore(text, pm, m.index, m.index + m[0].length, out);
  }
  return out;
}

function readTag(text: string, pm: EmbeddedText, tag: TagName, at: number, afterTag: number, problems: ParsedComment['problems']): ParsedTag {
  const tagRange = pm.range(at, afterTag);
  const end = lineEnd(text, afterTag);
  if (tag === 'untraced') {
    const just = text.slice(afterTag, end).trim().replace(/^[:\-–—]\s*/, '');
    if (!just) problems.push({ message: '@untraced needs a justification (e.g. "@untraced debug helper, not in the release build"): auditors ask why code is not traced.', range: tagRange });
    return { tag, tagRange, range: pm.range(at, end === afterTag ? afterTag : trimEnd(text, end)), ids: [], text: just || undefined };
  }
  const ids: IdToken[] = [];
  let pos = skipSpaces(text, afterTag);
  let lastEnd = afterTag;
  let expectId = true;
  for (;;) {
    if (pos >= text.length) break;
    if (text[pos] === '\n' && expectId && ids.length > 0) {
      // A trailing comma continues the list on the next comment line.
      pos = skipContinuation(text, pos + 1);
      continue;
    }
    ID_PATTERN.lastIndex = pos;
    const m = ID_PATTERN.exec(text);
    if (!m || !expectId) break;
    const idEnd = pos + m[0].length;
    // An id must end at a boundary: `SRS-1,` or `SRS-1 ` — not `SRS-1(`.
    if (idEnd < text.length && /[^\s,;:.)\]*"'/]/.test(text[idEnd])) {
      problems.push({ message: `'${text.slice(pos, lineEnd(text, pos)).trim()}' is not a valid id after @${tag}: ids look like SRS-042, RC.12 or swreq~dose-limit~2.`, range: pm.range(pos, lineEnd(text, pos)) });
      break;
    }
    ids.push({ id: m[0], range: pm.range(pos, idEnd) });
    lastEnd = idEnd;
    pos = skipSpaces(text, idEnd);
    if (text[pos] === ',') {
      pos = skipSpaces(text, pos + 1);
      expectId = true;
      if (pos >= text.length || text[pos] === '\n' || lineEnd(text, pos) === pos) {
        if (text[pos] !== '\n') {
          problems.push({ message: `Trailing comma after ${m[0]}: another id was expected.`, range: pm.range(idEnd, pos) });
          break;
        }
      }
    } else {
      expectId = false;
    }
  }
  if (ids.length === 0) {
    const rest = text.slice(afterTag, lineEnd(text, afterTag)).trim();
    problems.push({
      message: rest
        ? `'${rest.split(/\s/)[0]}' is not a valid id after @${tag}: ids start with a letter (e.g. SRS-042).`
        : `@${tag} needs at least one id (e.g. @${tag} ${tag === 'mitigates' ? 'RC-12' : tag === 'unit' ? 'SU-DOSE' : 'SRS-042'}).`,
      range: tagRange,
    });
  } else if (tag === 'unit' && ids.length > 1) {
    problems.push({ message: `@unit takes one id: a file belongs to one software unit (IEC 62304 5.4).`, range: ids[1].range });
  }
  const textEnd = lineEnd(text, lastEnd);
  const free = ids.length ? text.slice(lastEnd, textEnd).trim() : '';
  return { tag, tagRange, range: pm.range(at, ids.length ? lastEnd : afterTag), ids, text: free || undefined };
}

function trimEnd(text: string, end: number): number {
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}

function readIgnore(text: string, pm: EmbeddedText, at: number, after: number, out: ParsedComment): void {
  const end = lineEnd(text, after);
  const rest = text.slice(after, end);
  const m = /^\s+([a-z]+\/[a-z0-9-]+)\s*:\s*(.*)$/.exec(rest);
  if (!m) {
    out.problems.push({ message: 'medtrace-ignore needs a rule id and a justification: "medtrace-ignore crypto/weak-hash: checksum only, not security".', range: pm.range(at, trimEnd(text, end)) });
    return;
  }
  const ruleStart = after + rest.indexOf(m[1]);
  const justification = m[2].trim();
  if (!justification) {
    out.problems.push({ message: `medtrace-ignore ${m[1]} needs a justification after the colon: suppressions are audit evidence.`, range: pm.range(at, trimEnd(text, end)) });
    return;
  }
  out.ignores.push({ ruleId: m[1], ruleRange: pm.range(ruleStart, ruleStart + m[1].length), justification, range: pm.range(at, trimEnd(text, end)) });
}
