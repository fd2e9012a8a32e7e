/**
 * Finds every comment with tree-sitter (grammars/<lang>/comments.scm), reads its tags, and decides
 * what each tag covers (SPEC 1):
 *  1. `@unit` always covers the file.
 *  2. A comment directly before a declaration (only white space, comments, decorators or attributes
 *     between) covers that declaration — except a comment in the file header separated from the
 *     first declaration by a blank line, which covers the file.
 *  3. Other comments in the file header (before any code) cover the file.
 *  4. A comment inside a declaration (incl. a Python docstring) covers the innermost one.
 *  5. Anything else marks a location that covers no declaration (a 'statement' scope).
 */
import type { FlatTree, SyntaxNode as Node } from '../syntax/flatTree';
import type { SyntaxQuery } from '../syntax/query';
import type { Declaration } from '../language/declarations';
import { nodeRange } from '../language/declarations';
import { LineIndex } from '../text';
import { comparePositions, containsPosition } from '../types';
import type { Annotation, AnnotationProblem, AnnotationScope, CommentInfo, IgnoreDirective } from './model';
import { parseInteropTags } from '../interchange/interop';
import { parseCommentText } from './parse';

export interface ExtractedAnnotations {
  comments: CommentInfo[];
  annotations: Annotation[];
  ignores: IgnoreDirective[];
  problems: AnnotationProblem[];
}

function commentNodes(tree: FlatTree, query: SyntaxQuery): { node: Node; docstring: boolean }[] {
  const out: { node: Node; docstring: boolean }[] = [];
  const seen = new Set<number>();
  for (const c of query.captures(tree.rootNode)) {
    if (seen.has(c.node.id)) continue;
    seen.add(c.node.id);
    out.push({ node: c.node, docstring: c.name === 'docstring' });
  }
  return out.sort((a, b) => a.node.startIndex - b.node.startIndex);
}

/** Offset where code starts: the first top-level node that is neither a comment nor a docstring. */
function headerEnd(tree: FlatTree, commentIds: Set<number>): number {
  for (const child of tree.rootNode.namedChildren) {
    if (commentIds.has(child.id)) continue;
    if (child.type === 'expression_statement' && child.namedChildCount === 1 && commentIds.has(child.namedChildren[0]!.id)) continue;
    return child.startIndex;
  }
  return Number.MAX_SAFE_INTEGER;
}

/**
 * Tags of other tools are always read (cheap: one regex pass per comment holding their markers) and marked
 * with `tool`; engine/check.ts keeps only those the manifest enables in policy.interop, so per-file facts
 * need no policy and stay cacheable.
 */
const ALL_INTEROP = { openfasttrace: true, lobster: true, codelinks: true, strictdoc: true };
const INTEROP_MARKER = /->|lobster-trace:|@need-ids:|@relation\(/;

export function extractAnnotations(tree: FlatTree, commentsQuery: SyntaxQuery, declarations: Declaration[], lines: LineIndex, isTest = false): ExtractedAnnotations {
  const nodes = commentNodes(tree, commentsQuery);
  const ids = new Set(nodes.map((n) => n.node.id));
  const header = headerEnd(tree, ids);
  const commentSpans = nodes.map((n) => [n.node.startIndex, n.node.endIndex] as const);
  const anchors = declarations.map((d) => lines.offsetAt(d.anchor));
  const out: ExtractedAnnotations = { comments: [], annotations: [], ignores: [], problems: [] };

  nodes.forEach(({ node, docstring }, index) => {
    const r = nodeRange(node);
    out.comments.push({ range: r, docstring });
    const text = node.text;
    const parsed = parseCommentText(text, r.start);
    out.problems.push(...parsed.problems);
    if (INTEROP_MARKER.test(text)) parsed.tags.push(...parseInteropTags(text, r.start, ALL_INTEROP, isTest));
    if (parsed.tags.length) {
      const scope = scopeOf(node, docstring, header, declarations, anchors, commentSpans, lines);
      for (const t of parsed.tags) {
        const fileScoped = t.tag === 'unit' || ('scopeHint' in t && t.scopeHint === 'file');
        out.annotations.push({ ...t, comment: index, scope: fileScoped ? { kind: 'file' } : scope });
      }
    }
    for (const ig of parsed.ignores) {
      out.ignores.push({ ...ig, targetLine: ignoreTarget(node, lines, commentSpans) });
    }
  });
  return out;
}

function gapIsOnlyComments(from: number, to: number, spans: readonly (readonly [number, number])[], text: string): boolean {
  let pos = from;
  for (const [s, e] of spans) {
    if (e <= pos || s >= to) continue;
    if (text.slice(pos, s).trim() !== '') return false;
    pos = Math.max(pos, e);
  }
  return text.slice(pos, to).trim() === '';
}

function scopeOf(
  node: Node,
  docstring: boolean,
  header: number,
  decls: Declaration[],
  anchors: number[],
  spans: readonly (readonly [number, number])[],
  lines: LineIndex,
): AnnotationScope {
  // Node properties are WebAssembly calls: read each once, not inside the loops below.
  const end = node.endIndex;
  const inHeader = end <= header;
  const innerDoc = /^(\/\/!|\/\*!)/.test(node.text);
  if (!docstring && !innerDoc) {
    let next = -1;
    for (let i = 0; i < decls.length; i++) {
      if (anchors[i] >= end && (next < 0 || anchors[i] < anchors[next])) next = i;
    }
    if (next >= 0 && gapIsOnlyComments(end, anchors[next], spans, lines.text)) {
      const blankLineBetween = /\n[ \t\r]*\n/.test(lines.text.slice(end, anchors[next]));
      if (!(inHeader && blankLineBetween)) return { kind: 'declaration', declaration: next };
    }
  }
  if (inHeader) return { kind: 'file' };
  const start = nodeRange(node).start;
  let inner = -1;
  for (let i = 0; i < decls.length; i++) {
    if (containsPosition(decls[i].range, start) && comparePositions(decls[i].range.start, start) < 0) inner = i;
  }
  if (inner >= 0) return { kind: 'declaration', declaration: inner };
  return { kind: 'statement', range: nodeRange(node) };
}

/** The line a `medtrace-ignore` applies to: its own line after code, else the next line with code. */
function ignoreTarget(node: Node, lines: LineIndex, spans: readonly (readonly [number, number])[]): number {
  const line = node.startPosition.row;
  const before = lines.lineText(line).slice(0, node.startPosition.column);
  if (before.trim() !== '') return line;
  const commentLines = new Set<number>();
  for (const [s, e] of spans) {
    const a = lines.positionAt(s).line;
    const b = lines.positionAt(e).line;
    for (let l = a; l <= b; l++) if (lines.lineText(l).trim().length > 0) commentLines.add(l);
  }
  for (let l = node.endPosition.row + 1; l < lines.lineCount; l++) {
    const t = lines.lineText(l).trim();
    if (t === '') continue;
    if (commentLines.has(l) && isWholeLineComment(l, lines, spans)) continue;
    return l;
  }
  return node.endPosition.row + 1;
}

function isWholeLineComment(line: number, lines: LineIndex, spans: readonly (readonly [number, number])[]): boolean {
  const s = lines.lineStarts[line];
  const text = lines.lineText(line);
  const first = s + (text.length - text.trimStart().length);
  return spans.some(([a, b]) => a <= first && first < b);
}
