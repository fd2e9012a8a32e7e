/**
 * medtrace.createManifest (`medtrace init` in the editor): the server writes the starter text
 * (medtrace/starterManifest), the client creates the file with a WorkspaceEdit and opens it.
 * An existing manifest is opened, never overwritten.
 */
import * as vscode from 'vscode';
import { STARTER_MANIFEST_REQUEST, type StarterManifestParams } from '../../server/src/shared/protocol';
import { exists, manifestUri, pickFolder } from './folders';
import type { ServerController } from './languageClient';

export async function createManifest(server: ServerController, folderArg?: unknown): Promise<vscode.Uri | undefined> {
  const folder = await pickFolder(folderArg instanceof vscode.Uri ? folderArg : undefined, 'Create the MedTrace manifest in which folder?');
  if (!folder) return undefined;
  const target = manifestUri(folder);
  if (await exists(target)) {
    await vscode.window.showTextDocument(target);
    void vscode.window.showInformationMessage(`MedTrace: ${vscode.workspace.asRelativePath(target)} already exists; it was opened, not changed.`);
    return target;
  }
  const client = server.require();
  const params: StarterManifestParams = { folderUri: client.code2ProtocolConverter.asUri(folder.uri) };
  const text = await client.sendRequest<string | null>(STARTER_MANIFEST_REQUEST, params);
  if (typeof text !== 'string' || text.trim() === '') throw new Error('the server sent no starter manifest');
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(target, { ignoreIfExists: true, contents: new TextEncoder().encode(text) });
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not create ${target.fsPath}`);
  const doc = await vscode.workspace.openTextDocument(target);
  if (doc.isDirty) await doc.save();
  await vscode.window.showTextDocument(doc);
  return target;
}
