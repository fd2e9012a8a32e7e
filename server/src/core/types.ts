/**
 * Plain data shared by every part of the core and by all front ends (CLI, language server, extension).
 * Everything here is JSON-serialisable so that file analysis can run in worker threads and results can be
 * cached or printed without conversion. Positions follow LSP: 0-based lines, UTF-16 code-unit columns
 * (web-tree-sitter reports the same units when it parses a JavaScript string).
 */
import type { Position, Range } from 'vscode-languageserver-types';

export type { Position, Range };

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** A location in the workspace. `path` is relative to the workspace root, with forward slashes. */
export interface Location {
  path: string;
  range: Range;
}

export interface RelatedLocation extends Location {
  message: string;
}

/** A text edit in one file; ranges as above. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** A mechanical fix the core can offer (quick fix in the editor, never applied by the CLI unless asked). */
export interface Fix {
  title: string;
  /** Edits per workspace-relative path. */
  edits: Record<string, TextEdit[]>;
  /** True when this is the fix an editor may apply with "fix all". */
  preferred?: boolean;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  path: string;
  range: Range;
  /** For data flows: source first, then intermediate steps, in order. */
  flow?: RelatedLocation[];
  related?: RelatedLocation[];
  fixes?: Fix[];
  /** Rule-specific data front ends may use (e.g. the unknown id, candidate ids). */
  data?: Record<string, unknown>;
}

export function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function containsPosition(r: Range, p: Position): boolean {
  return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    comparePositions(a.range.start, b.range.start) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
