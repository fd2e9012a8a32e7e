/** Offsets ↔ positions over one document's text (UTF-16 units, as LSP and web-tree-sitter use). */
import type { Position, Range } from './types';

export class LineIndex {
  readonly lineStarts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }
  get lineCount(): number {
    return this.lineStarts.length;
  }
  offsetAt(p: Position): number {
    const start = this.lineStarts[Math.min(Math.max(p.line, 0), this.lineStarts.length - 1)] ?? 0;
    return Math.min(start + Math.max(p.character, 0), this.text.length);
  }
  positionAt(offset: number): Position {
    const line = this.lineAt(offset);
    return { line, character: offset - this.lineStarts[line] };
  }
  /** The line an offset is on (binary search; no allocation, for hot paths that need numbers only). */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  lineText(line: number): string {
    const s = this.lineStarts[line] ?? this.text.length;
    const e = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] - 1 : this.text.length;
    return this.text.slice(s, e).replace(/\r$/, '');
  }
  slice(r: Range): string {
    return this.text.slice(this.offsetAt(r.start), this.offsetAt(r.end));
  }
  /** Leading white space of a line (for inserting text at the same indentation). */
  indentation(line: number): string {
    return /^[ \t]*/.exec(this.lineText(line))?.[0] ?? '';
  }
}

/**
 * Positions inside a piece of text that starts at `start` in its document (a comment's text): offsets into
 * the piece map to document positions. Used by the tag parsers, which read one comment at a time.
 */
export class EmbeddedText {
  private readonly lines: LineIndex;
  constructor(
    text: string,
    private readonly start: Position,
  ) {
    this.lines = new LineIndex(text);
  }
  at(offset: number): Position {
    const p = this.lines.positionAt(offset);
    return p.line === 0 ? { line: this.start.line, character: this.start.character + p.character } : { line: this.start.line + p.line, character: p.character };
  }
  range(from: number, to: number): Range {
    return { start: this.at(from), end: this.at(to) };
  }
}
