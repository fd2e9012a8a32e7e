/**
 * Quick fixes. Each touches only what its title says.
 *  - trace/untraced: "Add trace annotation: @implements SRS-042 …" — a comment line in the file's language,
 *    indented like the declaration, above its anchor (decorators and attributes included); one action per
 *    likely id (ranked by ids used nearby, the file's unit and the declaration's name); a snippet variant that
 *    lets the user pick the id; and "@untraced" with a justification to write.
 *  - trace/unknown-id: "Create SRS-99 in medtrace.yaml" (an entry at the end of the right section, in the
 *    file's own style), "Change to <closest id>", and for an id of the wrong kind, the right tag.
 *  - any finding in code: "Suppress with justification" — `medtrace-ignore RULE: ` on the line above.
 *  - every `fixes` entry a detector attached to a finding.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { TagName } from '../annotations/model';
import { fileStem } from '../code/paths';
import { insertEntryEdit, type EntrySection, type NewEntry } from '../manifest/edit';
import type { Manifest } from '../manifest/model';
import { LineIndex } from '../text';
import type { EntryKind } from '../trace/graph';
import type { Finding, Range } from '../types';
import { entryOf, entryTitle, lineCommentPrefix, rankIds, type FeatureContext } from './common';

/** A text edit whose new text is a snippet (LSP 3.18 SnippetTextEdit); sent only to clients that support them. */
export interface SnippetEdit {
  range: Range;
  snippet: { kind: 'snippet'; value: string };
}

export interface CodeActionOptions {
  /** The client accepts SnippetTextEdit in workspace edits (workspace.workspaceEdit.snippetEditSupport). */
  snippets?: boolean;
  /** `context.only` of the request. */
  only?: readonly string[];
}

const MAX_CANDIDATES = 3;
const NO_SUPPRESS = new Set(['trace/malformed-annotation', 'trace/manifest-error', 'medtrace/input-problem']);

function overlapsLines(f: Finding, r: Range): boolean {
  return f.range.start.line <= r.end.line && f.range.end.line >= r.start.line;
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, '\\$&');
}

/** What code actions need of the request's context diagnostics (any LSP version's Diagnostic). */
export interface ContextDiagnostic {
  code?: number | string;
  range: Range;
}

export async function codeActions(ctx: FeatureContext, path: string, range: Range, contextDiagnostics: readonly ContextDiagnostic[], opts: CodeActionOptions = {}): Promise<CodeAction[]> {
  if (opts.only && opts.only.length && !opts.only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k + '.') || k === '')) return [];
  const session = ctx.session;
  const findings = session.findingsOf(path).filter((f) => overlapsLines(f, range));
  if (!findings.length) return [];
  const text = await session.readText(path);
  if (text === undefined) return [];
  const lines = session.openLines(path) ?? new LineIndex(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const out: CodeAction[] = [];
  for (const f of findings) {
    const diag = contextDiagnostics.find((d) => d.code === f.ruleId && d.range.start.line === f.range.start.line && d.range.start.character === f.range.start.character);
    const diagnostics = diag ? [diag as Diagnostic] : undefined;
    const push = (a: CodeAction) => out.push(diagnostics ? { ...a, diagnostics } : a);
    if (f.ruleId === 'trace/untraced') for (const a of untracedActions(ctx, path, f, lines, eol, opts)) push(a);
    if (f.ruleId === 'trace/unknown-id') for (const a of await unknownIdActions(ctx, path, f)) push(a);
    for (const fix of f.fixes ?? []) {
      const changes: Record<string, TextEdit[]> = {};
      for (const [p, edits] of Object.entries(fix.edits)) changes[ctx.uri(p)] = edits;
      push({ title: fix.title, kind: CodeActionKind.QuickFix, isPreferred: fix.preferred, edit: { changes } });
    }
    const s = suppressAction(ctx, path, f, lines, eol, opts);
    if (s) push(s);
  }
  return out;
}

function insertLine(ctx: FeatureContext, path: string, line: number, newText: string, snippet: string | undefined): WorkspaceEdit {
  const at = { line, character: 0 };
  if (snippet === undefined) return { changes: { [ctx.uri(path)]: [{ range: { start: at, end: at }, newText }] } };
  const edit: SnippetEdit = { range: { start: at, end: at }, snippet: { kind: 'snippet', value: snippet } };
  return { documentChanges: [{ textDocument: { uri: ctx.uri(path), version: ctx.session.documentVersion(path) ?? null }, edits: [edit as unknown as TextEdit] }] };
}

function commentSyntax(ctx: FeatureContext, path: string): { open: string; close: string } | undefined {
  const lang = ctx.session.languageOf(path);
  return lang ? lineCommentPrefix(lang.lineComment, lang.blockComment) : undefined;
}

function untracedActions(ctx: FeatureContext, path: string, f: Finding, lines: LineIndex, eol: string, opts: CodeActionOptions): CodeAction[] {
  const session = ctx.session;
  const facts = session.fileFacts(path);
  const cs = commentSyntax(ctx, path);
  const m = session.result.manifest;
  if (!facts || !cs || !m) return [];
  const data = (f.data ?? {}) as { declaration?: number; fileLevel?: boolean };
  const decl = data.declaration !== undefined ? facts.declarations[data.declaration] : undefined;
  let line: number;
  let indent: string;
  let after = '';
  let target: string;
  if (decl) {
    line = decl.anchor.line;
    indent = lines.indentation(line);
    target = `'${decl.name}'`;
  } else if (data.fileLevel) {
    line = lines.lineText(0).startsWith('#!') ? 1 : 0;
    indent = '';
    // A blank line after the comment keeps it in the file header rather than on the first declaration.
    after = line < lines.lineCount && lines.lineText(line).trim() !== '' ? eol : '';
    target = 'this file';
  } else return [];

  // Words of the declaration's name (or, for the whole file, of its name and its declarations') rank ids by title.
  const name = decl?.name ?? `${fileStem(path)} ${facts.declarations.map((d) => d.name).join(' ')}`;
  const ranked = rankIds(session, path, ['requirement', 'riskControl'], { line, name });
  const picks = ranked.filter((r) => r.kind === 'requirement' || r.score >= 6).slice(0, MAX_CANDIDATES);
  const out: CodeAction[] = [];
  const tagFor = (k: EntryKind): TagName => (k === 'riskControl' ? 'mitigates' : 'implements');
  for (const p of picks) {
    const info = entryOf(m, p.id)!;
    const title = entryTitle(info);
    const tag = tagFor(p.kind);
    out.push({
      title: `Add trace annotation: @${tag} ${p.id}${title ? ` (${title})` : ''}`,
      kind: CodeActionKind.QuickFix,
      edit: insertLine(ctx, path, line, `${indent}${cs.open} @${tag} ${p.id}${cs.close}${eol}${after}`, undefined),
    });
  }
  if (opts.snippets) {
    const reqs = ranked.filter((r) => r.kind === 'requirement').map((r) => r.id);
    if (reqs.length) {
      out.push({
        title: `Add trace annotation… (choose the requirement for ${target})`,
        kind: CodeActionKind.QuickFix,
        edit: insertLine(ctx, path, line, '', `${escapeSnippet(indent + cs.open)} @implements \${1|${reqs.slice(0, 30).join(',')}|}${escapeSnippet(cs.close)}${eol}${after}`),
      });
    }
  }
  out.push({
    title: `Mark ${target} as @untraced (write the justification)`,
    kind: CodeActionKind.QuickFix,
    edit: opts.snippets
      ? insertLine(ctx, path, line, '', `${escapeSnippet(indent + cs.open)} @untraced \${1:justification}${escapeSnippet(cs.close)}${eol}${after}`)
      : insertLine(ctx, path, line, `${indent}${cs.open} @untraced ${cs.close}${eol}${after}`, undefined),
  });
  return out;
}

/** The manifest section an unknown id of a tag belongs in; for @verifies, judged by the id's look. */
function sectionFor(m: Manifest, tag: string, id: string): EntrySection | undefined {
  if (tag === 'implements') return 'requirements';
  if (tag === 'mitigates') return 'riskControls';
  if (tag === 'unit') return 'units';
  if (tag === 'verifies') {
    const stem = (s: string) => s.replace(/[^A-Za-z]+.*$/, '');
    const st = stem(id);
    const inControls = m.riskControls.some((c) => stem(c.id) === st);
    const inReqs = m.requirements.some((r) => stem(r.id) === st);
    return inControls && !inReqs ? 'riskControls' : 'requirements';
  }
  return undefined;
}

async function unknownIdActions(ctx: FeatureContext, path: string, f: Finding): Promise<CodeAction[]> {
  const session = ctx.session;
  const m = session.result.manifest;
  const data = (f.data ?? {}) as { id?: string; tag?: string; candidates?: string[]; wrongKind?: EntryKind };
  if (!m || !data.id || !data.tag) return [];
  const out: CodeAction[] = [];
  if (data.wrongKind) {
    const facts = session.fileFacts(path);
    const ann = facts?.annotations.find((a) => a.ids.some((i) => i.range.start.line === f.range.start.line && i.range.start.character === f.range.start.character));
    const right = data.wrongKind === 'riskControl' ? 'mitigates' : data.wrongKind === 'requirement' ? 'implements' : data.wrongKind === 'unit' ? 'unit' : undefined;
    if (ann && right && ann.ids.length === 1 && ann.tag !== 'verifies') {
      out.push({
        title: `Change @${ann.tag} to @${right}`,
        kind: CodeActionKind.QuickFix,
        isPreferred: true,
        edit: { changes: { [ctx.uri(path)]: [{ range: ann.tagRange, newText: `@${right}` }] } },
      });
    }
    return out;
  }
  (data.candidates ?? []).slice(0, MAX_CANDIDATES).forEach((c, i) => {
    const info = entryOf(m, c);
    const title = info && entryTitle(info);
    out.push({
      title: `Change to ${c}${title ? ` (${title})` : ''}`,
      kind: CodeActionKind.QuickFix,
      isPreferred: i === 0 ? true : undefined,
      edit: { changes: { [ctx.uri(path)]: [{ range: f.range, newText: c }] } },
    });
  });
  const load = session.manifestLoadResult;
  const section = sectionFor(m, data.tag, data.id);
  if (section && !load.fatal && load.manifest === m) {
    const entries = m[section];
    const file = entries.length ? entries[entries.length - 1].idLocation.path : m.path;
    const text = await session.readText(file);
    if (text !== undefined) {
      const entry: NewEntry = section === 'units' ? { id: data.id, name: '' } : { id: data.id, title: '' };
      const edit = insertEntryEdit(text, section, entry);
      if (edit) out.push({ title: `Create ${data.id} in ${file}`, kind: CodeActionKind.QuickFix, edit: { changes: { [ctx.uri(file)]: [edit] } } });
    }
  }
  return out;
}

/** True when the line starts inside a multi-line string or comment, where an inserted comment line would change it. */
function insideMultilineToken(ctx: FeatureContext, path: string, line: number, column: number): boolean {
  const tree = ctx.session.treeOf(path);
  if (!tree) return false;
  for (let n: ReturnType<typeof tree.rootNode.descendantForPosition> | null = tree.rootNode.descendantForPosition({ row: line, column }); n; n = n.parent) {
    if (n.startPosition.row < line && /string|comment|template|heredoc|raw/.test(n.type)) return true;
  }
  return false;
}

function suppressAction(ctx: FeatureContext, path: string, f: Finding, lines: LineIndex, eol: string, opts: CodeActionOptions): CodeAction | undefined {
  if (NO_SUPPRESS.has(f.ruleId)) return undefined;
  const facts = ctx.session.fileFacts(path);
  const cs = commentSyntax(ctx, path);
  if (!facts || !cs) return undefined;
  // File-level findings sit at 0:0 with no extent: a suppression cannot name a line for them.
  const r = f.range;
  if (r.start.line === 0 && r.start.character === 0 && r.end.line === 0 && r.end.character === 0) return undefined;
  // Findings inside comments (tags) would be suppressed by a directive on their own line only.
  if (facts.comments.some((c) => c.range.start.line <= r.start.line && r.start.line <= c.range.end.line && (c.range.start.line < r.start.line || c.range.start.character <= r.start.character))) return undefined;
  const line = r.start.line;
  const indent = lines.indentation(line);
  if (insideMultilineToken(ctx, path, line, indent.length)) return undefined;
  const base = `${indent}${cs.open} medtrace-ignore ${f.ruleId}: `;
  return {
    title: `Suppress ${f.ruleId} on this line with a justification`,
    kind: CodeActionKind.QuickFix,
    edit: opts.snippets ? insertLine(ctx, path, line, '', `${escapeSnippet(base)}\${1:justification}${escapeSnippet(cs.close)}${eol}`) : insertLine(ctx, path, line, `${base}${cs.close}${eol}`, undefined),
  };
}
