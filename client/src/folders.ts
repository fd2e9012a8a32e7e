/** Which workspace folder a command acts on. */
import * as path from 'path';
import * as vscode from 'vscode';

/**
 * The folder of `hint` (a URI argument) or of the active editor; else the only folder; else ask.
 * Undefined when no folder is open or the user cancels.
 */
export async function pickFolder(hint?: unknown, placeHolder = 'Workspace folder'): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showWarningMessage('MedTrace works on a workspace folder: open a folder first.');
    return undefined;
  }
  const hinted = hint instanceof vscode.Uri ? vscode.workspace.getWorkspaceFolder(hint) : undefined;
  if (hinted) return hinted;
  if (folders.length === 1) return folders[0];
  const active = vscode.window.activeTextEditor?.document.uri;
  const activeFolder = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
  if (activeFolder) return activeFolder;
  return vscode.window.showWorkspaceFolderPick({ placeHolder });
}

/** The manifest of a folder as the `medtrace.manifestPath` setting names it. */
export function manifestUri(folder: vscode.WorkspaceFolder): vscode.Uri {
  const rel = vscode.workspace.getConfiguration('medtrace', folder.uri).get<string>('manifestPath') || 'medtrace.yaml';
  if (path.isAbsolute(rel)) return vscode.Uri.file(rel);
  return vscode.Uri.joinPath(folder.uri, ...rel.split(/[\\/]+/).filter((s) => s !== '' && s !== '.'));
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
