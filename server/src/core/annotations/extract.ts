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
import type { Annotation, AnnotationProblem, AnnotationScope, CommentInfo, IgnoreDirective } from './model';
import { parseInteropTags } from '../interchange/interop';
import { CommentLayout } from './layout';
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
  // Built only for a file with a tag or an ignore to place: most files have none, and it sorts and scans.
  let layout: CommentLayout | undefined;
  const getLayout = () => (layout ??= new CommentLayout(commentSpans, declarations, anchors, lines));
  const out: ExtractedAnnotations = { comments: [], annotations: [], ignores: [], problems: [] };

  nodes.forEach(({ node, docstring }, index) => {
    const r = nodeRange(node);
    out.comments.push({ range: r, docstring });
    const text = node.text;
    const parsed = parseCommentText(text, r.start);
    out.problems.push(...parsed.problems);
    if (INTEROP_MARKER.test(text)) parsed.tags.push(...parseInteropTags(text, r.start, ALL_INTEROP, isTest));
    if (parsed.tags.length) {
      const scope = scopeOf(node, index, docstring, header, getLayout());
      for (const t of parsed.tags) {
        const fileScoped = t.tag === 'unit' || ('scopeHint' in t && t.scopeHint === 'file');
        out.annotations.push({ ...t, comment: index, scope: fileScoped ? { kind: 'file' } : scope });
      }
    }
    for (const ig of parsed.ignores) {
      out.ignores.push({ ...ig, targetLine: ignoreTarget(node, lines, getLayout) });
    }
  });
  return out;
}

function scopeOf(node: Node, index: number, docstring: boolean, header: number, layout: CommentLayout): AnnotationScope {
  // Node properties are WebAssembly calls: read each once.
  const end = node.endIndex;
  const inHeader = end <= header;
  const innerDoc = /^(\/\/!|\/\*!)/.test(node.text);
  if (!docstring && !innerDoc) {
    const next = layout.nextDeclaration(end);
    if (next >= 0 && layout.onlyCommentsAfter(index, layout.anchorOf(next))) {
      if (!(inHeader && layout.blankLineWithin(end, layout.anchorOf(next)))) return { kind: 'declaration', declaration: next };
    }
  }
  if (inHeader) return { kind: 'file' };
  const inner = layout.innermostAround(nodeRange(node).start);
  if (inner >= 0) return { kind: 'declaration', declaration: inner };
  return { kind: 'statement', range: nodeRange(node) };
}

/** The line a `medtrace-ignore` applies to: its own line after code, else the next line with code. */
function ignoreTarget(node: Node, lines: LineIndex, layout: () => CommentLayout): number {
  const line = node.startPosition.row;
  const before = lines.lineText(line).slice(0, node.startPosition.column);
  if (before.trim() !== '') return line;
  return layout().ignoreTargetAfter(node.endPosition.row);
}
