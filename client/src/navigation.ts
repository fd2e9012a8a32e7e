/**
 * Client-side commands the server's code lenses, hovers and the tree view use. Their arguments arrive
 * as plain JSON (LSP has no vscode types): convert them, then open or peek.
 */
import * as vscode from 'vscode';

interface JsonPosition {
  line: number;
  character: number;
}
interface JsonRange {
  start: JsonPosition;
  end: JsonPosition;
}
interface JsonLocation {
  uri: string;
  range: JsonRange;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export function toUri(v: unknown): vscode.Uri {
  if (v instanceof vscode.Uri) return v;
  if (typeof v === 'string' && v.length > 0) return vscode.Uri.parse(v, true);
  // A vscode.Uri that went through JSON ({ scheme, path, ... }) or a UriComponents object.
  if (isObject(v) && typeof v.scheme === 'string' && typeof v.path === 'string') return vscode.Uri.from(v as unknown as { scheme: string; path: string });
  throw new Error(`not a URI: ${JSON.stringify(v)}`);
}

function nonNegInt(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0;
}

export function toPosition(v: unknown): vscode.Position {
  if (v instanceof vscode.Position) return v;
  if (isObject(v)) return new vscode.Position(nonNegInt(v.line), nonNegInt(v.character));
  return new vscode.Position(0, 0);
}

export function toRange(v: unknown): vscode.Range {
  if (v instanceof vscode.Range) return v;
  if (isObject(v)) return new vscode.Range(toPosition(v.start), toPosition(v.end ?? v.start));
  return new vscode.Range(0, 0, 0, 0);
}

export function toLocation(v: unknown): vscode.Location {
  if (v instanceof vscode.Location) return v;
  if (isObject(v)) {
    const l = v as Partial<JsonLocation> & { targetUri?: unknown; targetSelectionRange?: unknown; targetRange?: unknown };
    // LocationLink as well as Location.
    if (l.targetUri !== undefined) return new vscode.Location(toUri(l.targetUri), toRange(l.targetSelectionRange ?? l.targetRange));
    return new vscode.Location(toUri(l.uri), toRange(l.range));
  }
  throw new Error(`not a location: ${JSON.stringify(v)}`);
}

/** medtrace.openLocation(uri, line, character): opens the file with the cursor there (0-based, as in LSP). */
export async function openLocation(uri: unknown, line?: unknown, character?: unknown): Promise<vscode.TextEditor> {
  // Also accept a single { uri, line, character } or a Location-like object.
  if (isObject(uri) && !(uri instanceof vscode.Uri) && 'uri' in uri) {
    const o = uri as { uri: unknown; line?: unknown; character?: unknown; range?: unknown };
    if (o.range !== undefined) return openLocation(o.uri, toRange(o.range).start.line, toRange(o.range).start.character);
    return openLocation(o.uri, o.line, o.character);
  }
  const target = toUri(uri);
  const doc = await vscode.workspace.openTextDocument(target);
  const ln = Math.min(nonNegInt(line), Math.max(0, doc.lineCount - 1));
  const pos = doc.validatePosition(new vscode.Position(ln, nonNegInt(character)));
  return vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos), preview: true });
}

/** medtrace.showReferences(uri, position, locations): the peek view of VS Code's references. */
export async function showReferences(uri: unknown, position: unknown, locations: unknown): Promise<void> {
  const locs = Array.isArray(locations) ? locations.map(toLocation) : [];
  await vscode.commands.executeCommand('editor.action.showReferences', toUri(uri), toPosition(position), locs);
}
