/**
 * medtrace.insertTraceAnnotation: pick a tag and the manifest ids it takes (from the server's workspace
 * symbols), insert a comment line at the cursor in the language's comment syntax.
 * Scriptable: medtrace.insertTraceAnnotation(tag?: TraceTag, ids?: string[] | string).
 */
import * as vscode from 'vscode';
import { annotationBody, annotationInsertion, commentStyleFor, ID_PATTERN, type TraceTag } from './annotationText';

type IdKind = 'requirement' | 'control' | 'unit' | 'risk' | 'unknown';

interface ManifestId {
  id: string;
  kind: IdKind;
  title?: string;
  location: vscode.Location;
}

const TAGS: { tag: TraceTag; label: string; detail: string; takes: IdKind[] }[] = [
  { tag: 'implements', label: '@implements', detail: 'This code implements the requirement(s)', takes: ['requirement'] },
  { tag: 'mitigates', label: '@mitigates', detail: 'This code implements the risk control measure(s) (ISO 14971 7.1/7.2)', takes: ['control'] },
  { tag: 'verifies', label: '@verifies', detail: 'This test verifies the requirement(s) / risk control(s)', takes: ['requirement', 'control'] },
  { tag: 'unit', label: '@unit', detail: 'This file belongs to the software unit (IEC 62304 5.4)', takes: ['unit'] },
  { tag: 'untraced', label: '@untraced', detail: 'Deliberately not traced, with a justification kept for audit', takes: [] },
];

/** The kind of a manifest symbol, from its container (section) name or symbol kind. */
function kindOf(s: vscode.SymbolInformation): IdKind {
  const c = `${s.containerName ?? ''}`.toLowerCase();
  if (/control/.test(c)) return 'control';
  if (/requirement/.test(c)) return 'requirement';
  if (/unit/.test(c)) return 'unit';
  if (/risk/.test(c)) return 'risk';
  return 'unknown';
}

/** Every manifest id the server offers as a workspace symbol. */
export async function manifestIds(): Promise<ManifestId[]> {
  const symbols = (await vscode.commands.executeCommand<vscode.SymbolInformation[] | undefined>('vscode.executeWorkspaceSymbolProvider', '')) ?? [];
  const seen = new Set<string>();
  const out: ManifestId[] = [];
  for (const s of symbols) {
    if (!/\.ya?ml$/i.test(s.location.uri.path)) continue;
    // The symbol name may be `SRS-042` or `SRS-042 Limit infusion rate`.
    const [id, ...rest] = s.name.trim().split(/\s+/);
    if (!id || !ID_PATTERN.test(id) || seen.has(id)) continue;
    seen.add(id);
    out.push({ id, kind: kindOf(s), title: rest.join(' ') || undefined, location: s.location });
  }
  return out;
}

async function pickTag(): Promise<(typeof TAGS)[number] | undefined> {
  const picked = await vscode.window.showQuickPick(
    TAGS.map((t) => ({ label: t.label, detail: t.detail, t })),
    { title: 'Insert trace annotation', placeHolder: 'Tag' },
  );
  return picked?.t;
}

async function pickIds(tag: (typeof TAGS)[number], doc: vscode.TextDocument): Promise<string[] | undefined> {
  const all = await manifestIds();
  const known = all.some((m) => m.kind !== 'unknown');
  const candidates = known ? all.filter((m) => tag.takes.includes(m.kind)) : all;
  if (candidates.length === 0) {
    const typed = await vscode.window.showInputBox({
      title: `${tag.label}: no ids found in the manifest`,
      prompt: 'Type the id(s), comma-separated',
      validateInput: (v) => (v.split(',').map((x) => x.trim()).every((x) => ID_PATTERN.test(x)) ? undefined : 'Not a valid id (e.g. SRS-042)'),
    });
    return typed?.split(',').map((x) => x.trim());
  }
  const text = doc.getText();
  const used = (id: string) => new RegExp(`(^|[^A-Za-z0-9_.:~-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_.:~-])`).test(text);
  const items = candidates
    .map((m) => ({ label: m.id, description: m.title, detail: used(m.id) ? 'used in this file' : undefined, m }))
    .sort((a, b) => Number(!!b.detail) - Number(!!a.detail) || a.label.localeCompare(b.label, undefined, { numeric: true }));
  if (tag.tag === 'unit') {
    const one = await vscode.window.showQuickPick(items, { title: tag.label, placeHolder: 'Software unit', matchOnDescription: true });
    return one ? [one.label] : undefined;
  }
  const many = await vscode.window.showQuickPick(items, { title: tag.label, placeHolder: 'Pick one or more ids', canPickMany: true, matchOnDescription: true });
  return many && many.length > 0 ? many.map((i) => i.label) : undefined;
}

export async function insertTraceAnnotation(tagArg?: unknown, idsArg?: unknown): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('MedTrace: open a source file and place the cursor where the annotation goes.');
    return false;
  }
  const tag = TAGS.find((t) => t.tag === tagArg || t.label === tagArg) ?? (await pickTag());
  if (!tag) return false;
  let ids: string[] = [];
  let justification: string | undefined;
  if (tag.tag === 'untraced') {
    justification = typeof idsArg === 'string' ? idsArg : await vscode.window.showInputBox({
      title: '@untraced',
      prompt: 'Why is this code deliberately not traced? (kept for audit)',
      validateInput: (v) => (v.trim() === '' ? 'A justification is required' : undefined),
    });
    if (!justification) return false;
  } else {
    const given = Array.isArray(idsArg) ? idsArg.filter((x): x is string => typeof x === 'string') : typeof idsArg === 'string' ? idsArg.split(',').map((x) => x.trim()) : undefined;
    const picked = given && given.length > 0 ? given : await pickIds(tag, editor.document);
    if (!picked || picked.length === 0) return false;
    ids = picked;
  }
  const doc = editor.document;
  const cursorLine = editor.selection.active.line;
  const ins = annotationInsertion(doc.lineAt(cursorLine).text, cursorLine, commentStyleFor(doc.languageId), annotationBody(tag.tag, ids, justification));
  const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const ok = await editor.edit((b) => {
    if (ins.replace) b.replace(doc.lineAt(ins.line).range, ins.text);
    else if (ins.line >= doc.lineCount) b.insert(doc.lineAt(doc.lineCount - 1).range.end, eol + ins.text);
    else b.insert(new vscode.Position(ins.line, 0), ins.text + eol);
  });
  if (ok) {
    const end = new vscode.Position(ins.line, ins.text.length);
    editor.selection = new vscode.Selection(end, end);
  }
  return ok;
}
