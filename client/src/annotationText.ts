/**
 * The text of an inserted trace annotation, in the comment syntax of the document's language
 * (pure: no vscode import). Comment tokens come from the core's language table.
 */
import { languageForLspId } from '../../server/src/core/language/languages';

export type TraceTag = 'implements' | 'mitigates' | 'verifies' | 'unit' | 'untraced';

export interface CommentStyle {
  line?: string;
  block?: [string, string];
}

/** An id (SPEC 1, as server/src/core/annotations/parse.ts reads it). */
export const ID_PATTERN = /^[A-Za-z](?:[A-Za-z0-9_.:~-]*[A-Za-z0-9])?$/;

export function commentStyleFor(languageId: string): CommentStyle {
  const l = languageForLspId(languageId);
  if (l) return { line: l.lineComment, block: l.blockComment };
  if (languageId === 'yaml' || languageId === 'shellscript' || languageId === 'dockerfile' || languageId === 'makefile') return { line: '#' };
  return { line: '//', block: ['/*', '*/'] };
}

/** `@implements SRS-1, SRS-2`, `@unit SU-DOSE`, `@untraced reason`. */
export function annotationBody(tag: TraceTag, ids: readonly string[], justification?: string): string {
  if (tag === 'untraced') return `@untraced ${(justification ?? '').trim()}`.trimEnd();
  if (tag === 'unit') return `@unit ${ids[0] ?? ''}`.trimEnd();
  return `@${tag} ${ids.join(', ')}`.trimEnd();
}

export interface AnnotationInsertion {
  /** Line to insert before (insertion) or to replace (replace). */
  line: number;
  replace: boolean;
  /** The line's text, without a line break. */
  text: string;
}

/**
 * Where and what to insert for the cursor on `lineText` (line `line`):
 * - on a blank line: that line becomes the comment;
 * - on a line comment or inside a block comment: a new comment line below, continuing it;
 * - on code: a comment line above, indented like the code.
 */
export function annotationInsertion(lineText: string, line: number, style: CommentStyle, body: string): AnnotationInsertion {
  const indent = /^\s*/.exec(lineText)?.[0] ?? '';
  const trimmed = lineText.trim();
  const lineComment = style.line;
  const asLine = (ind: string) => (lineComment ? `${ind}${lineComment} ${body}` : `${ind}${style.block![0]} ${body} ${style.block![1]}`);
  if (trimmed === '') return { line, replace: true, text: asLine(indent) };
  if (lineComment && trimmed.startsWith(lineComment)) return { line: line + 1, replace: false, text: asLine(indent) };
  if (style.block) {
    const [open, close] = style.block;
    const opensBlock = trimmed.startsWith(open) && !trimmed.includes(close);
    const continuesBlock = trimmed.startsWith('*') && !trimmed.startsWith(close);
    if (opensBlock) return { line: line + 1, replace: false, text: `${indent} * ${body}` };
    if (continuesBlock) return { line: line + 1, replace: false, text: `${indent}* ${body}` };
  }
  return { line, replace: false, text: asLine(indent) };
}
