/**
 * Where a file's comments and declarations lie, indexed once per file so that deciding what each tag covers
 * costs a binary search, not a scan: with a scan per tag, 20,000 tags took 4 s and 100,000 minutes. Every
 * question here was asked before by a loop over all comments or declarations (extract.ts kept the rules).
 */
import type { Declaration } from '../language/declarations';
import type { LineIndex } from '../text';
import { comparePositions, containsPosition, type Position } from '../types';

/** First index in [0, n) for which `pred` holds, pred being false then true over the range; n if never. */
function firstWhere(n: number, pred: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const NOT_SPACE = /\S/g;

export class CommentLayout {
  /** firstCode[k]: offset of the first character after comment k that is neither white space nor comment. */
  private readonly firstCode: Int32Array;
  /** Declarations by anchor offset (ties keep declaration order), for "the next declaration after". */
  private readonly byAnchor: number[];
  /** Declarations by start position (ties keep declaration order) and the innermost one containing each. */
  private readonly byStart: number[];
  private readonly enclosing: Int32Array;
  /** Consecutive line breaks with only blanks between ("a blank line"), built on first use (header tags only). */
  private blanks?: { from: number[]; to: number[] };
  private ignoreTargets?: Int32Array;

  constructor(
    /** Comment spans in document order (sorted by start). */
    private readonly spans: readonly (readonly [number, number])[],
    private readonly decls: readonly Declaration[],
    private readonly anchors: readonly number[],
    private readonly lines: LineIndex,
  ) {
    const text = lines.text;
    const n = spans.length;
    this.firstCode = new Int32Array(n);
    let after = text.length;
    for (let k = n - 1; k >= 0; k--) {
      const gapEnd = k + 1 < n ? Math.max(spans[k + 1][0], spans[k][1]) : text.length;
      NOT_SPACE.lastIndex = spans[k][1];
      const m = NOT_SPACE.exec(text);
      let code = m && m.index < gapEnd ? m.index : k + 1 < n ? after : text.length;
      // A span nested in this one (a docstring's string inside its statement): scan past this one's end.
      if (code < spans[k][1]) code = this.firstCodeFrom(spans[k][1], k + 1);
      this.firstCode[k] = code;
      after = code;
    }
    const order = decls.map((_, i) => i);
    this.byAnchor = [...order].sort((a, b) => anchors[a] - anchors[b] || a - b);
    this.byStart = [...order].sort((a, b) => comparePositions(decls[a].range.start, decls[b].range.start) || a - b);
    // The innermost declaration containing each one: nested declarations are contained by an earlier start.
    this.enclosing = new Int32Array(this.byStart.length).fill(-1);
    const stack: number[] = [];
    for (let k = 0; k < this.byStart.length; k++) {
      const d = decls[this.byStart[k]];
      while (stack.length && !containsPosition(decls[this.byStart[stack[stack.length - 1]]].range, d.range.start)) stack.pop();
      this.enclosing[k] = stack.length ? stack[stack.length - 1] : -1;
      stack.push(k);
    }
  }

  /** First character at or after `from` outside white space and the spans from index `k` on (the slow, general way). */
  private firstCodeFrom(from: number, k: number): number {
    const text = this.lines.text;
    let pos = from;
    for (; k < this.spans.length; k++) {
      const [s, e] = this.spans[k];
      if (e <= pos) continue;
      NOT_SPACE.lastIndex = pos;
      const m = NOT_SPACE.exec(text);
      if (m && m.index < s) return m.index;
      pos = Math.max(pos, e);
    }
    NOT_SPACE.lastIndex = pos;
    return NOT_SPACE.exec(text)?.index ?? text.length;
  }

  anchorOf(decl: number): number {
    return this.anchors[decl];
  }

  /** The declaration whose anchor is the first at or after `offset`, or -1. */
  nextDeclaration(offset: number): number {
    const k = firstWhere(this.byAnchor.length, (i) => this.anchors[this.byAnchor[i]] >= offset);
    return k < this.byAnchor.length ? this.byAnchor[k] : -1;
  }

  /** Is there nothing but white space and comments between the end of comment `k` and `to`? */
  onlyCommentsAfter(k: number, to: number): boolean {
    return this.firstCode[k] >= to;
  }

  /** Is there a blank line (two line breaks with only blanks between) within [from, to)? */
  blankLineWithin(from: number, to: number): boolean {
    const b = (this.blanks ??= this.blankLines());
    const k = firstWhere(b.from.length, (i) => b.from[i] >= from);
    return k < b.from.length && b.to[k] < to;
  }

  /** Pairs of consecutive line breaks with only blanks between: the offset of the first, then the second. */
  private blankLines(): { from: number[]; to: number[] } {
    const text = this.lines.text;
    const out = { from: [] as number[], to: [] as number[] };
    let prevBreak = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        if (prevBreak >= 0) {
          out.from.push(prevBreak);
          out.to.push(i);
        }
        prevBreak = i;
      } else if (c !== 32 && c !== 9 && c !== 13) prevBreak = -1;
    }
    return out;
  }

  /** The innermost declaration that contains `pos` and starts before it, or -1. */
  innermostAround(pos: Position): number {
    // The last declaration starting before pos; the one containing pos is it or one of its enclosing ones.
    let k = firstWhere(this.byStart.length, (i) => comparePositions(this.decls[this.byStart[i]].range.start, pos) >= 0) - 1;
    while (k >= 0 && !containsPosition(this.decls[this.byStart[k]].range, pos)) k = this.enclosing[k];
    return k >= 0 ? this.byStart[k] : -1;
  }

  /**
   * The line a `medtrace-ignore` on its own line applies to: the next line after `afterLine` that is neither
   * blank nor a whole-line comment (its first character inside a comment).
   */
  ignoreTargetAfter(afterLine: number): number {
    if (!this.ignoreTargets) this.ignoreTargets = this.computeIgnoreTargets();
    const target = afterLine + 1 < this.lines.lineCount ? this.ignoreTargets[afterLine + 1] : -1;
    return target >= 0 ? target : afterLine + 1;
  }

  private computeIgnoreTargets(): Int32Array {
    const lines = this.lines;
    const wholeLineComment = new Uint8Array(lines.lineCount);
    for (const [s, e] of this.spans) {
      for (let l = lines.lineAt(s), last = lines.lineAt(e); l <= last; l++) {
        const t = lines.lineText(l);
        const first = lines.lineStarts[l] + (t.length - t.trimStart().length);
        if (t.trim() !== '' && s <= first && first < e) wholeLineComment[l] = 1;
      }
    }
    // targets[l]: the first line >= l with code; a file that ends in comments targets the line after the ignore.
    const targets = new Int32Array(lines.lineCount).fill(-1);
    let next = -1;
    for (let l = lines.lineCount - 1; l >= 0; l--) {
      if (lines.lineText(l).trim() !== '' && !wholeLineComment[l]) next = l;
      targets[l] = next;
    }
    return targets;
  }
}
