/**
 * medtrace.exportSarif and medtrace.exportMatrix: ask the server for the text (medtrace/export), save it
 * where the user says. Both accept arguments so they can be scripted (and tested) without dialogs:
 *   medtrace.exportSarif(target?: Uri)     medtrace.exportMatrix(format?: 'html'|'md'|'csv'|'json', target?: Uri)
 */
import * as vscode from 'vscode';
import { EXPORT_REQUEST, type ExportParams } from '../../server/src/shared/protocol';
import { pickFolder } from './folders';
import type { ServerController } from './languageClient';

type MatrixFormat = Exclude<ExportParams['format'], 'sarif'>;

const MATRIX_FORMATS: { format: MatrixFormat; label: string; ext: string; filter: string }[] = [
  { format: 'html', label: 'HTML', ext: 'html', filter: 'HTML' },
  { format: 'md', label: 'Markdown', ext: 'md', filter: 'Markdown' },
  { format: 'csv', label: 'CSV (spreadsheet)', ext: 'csv', filter: 'CSV' },
  { format: 'json', label: 'JSON', ext: 'json', filter: 'JSON' },
];

async function requestExport(server: ServerController, folder: vscode.WorkspaceFolder, format: ExportParams['format']): Promise<string> {
  const client = server.require();
  const params: ExportParams = { folderUri: client.code2ProtocolConverter.asUri(folder.uri), format };
  const text = await client.sendRequest<string | null>(EXPORT_REQUEST, params);
  if (typeof text !== 'string') throw new Error(`the server sent no ${format} export`);
  return text;
}

async function save(text: string, target: vscode.Uri, what: string, interactive: boolean): Promise<vscode.Uri> {
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  if (interactive) {
    void vscode.window.showInformationMessage(`MedTrace: ${what} saved to ${vscode.workspace.asRelativePath(target)}.`, 'Open').then((choice) => {
      if (choice === 'Open') void vscode.commands.executeCommand('vscode.open', target);
    });
  }
  return target;
}

export async function exportSarif(server: ServerController, target?: unknown): Promise<vscode.Uri | undefined> {
  const folder = await pickFolder(target instanceof vscode.Uri ? target : undefined, 'Export the findings of which folder?');
  if (!folder) return undefined;
  const text = await requestExport(server, folder, 'sarif');
  let uri = target instanceof vscode.Uri ? target : undefined;
  const interactive = !uri;
  uri ??= await vscode.window.showSaveDialog({
    title: 'Export MedTrace findings as SARIF',
    defaultUri: vscode.Uri.joinPath(folder.uri, 'medtrace.sarif'),
    filters: { SARIF: ['sarif', 'json'] },
    saveLabel: 'Export',
  });
  return uri && save(text, uri, 'SARIF report', interactive);
}

export async function exportMatrix(server: ServerController, format?: unknown, target?: unknown): Promise<vscode.Uri | undefined> {
  let choice = MATRIX_FORMATS.find((f) => f.format === format);
  if (!choice) {
    const picked = await vscode.window.showQuickPick(
      MATRIX_FORMATS.map((f) => ({ label: f.label, description: `.${f.ext}`, f })),
      { title: 'Export the traceability matrix', placeHolder: 'Format' },
    );
    if (!picked) return undefined;
    choice = picked.f;
  }
  const folder = await pickFolder(target instanceof vscode.Uri ? target : undefined, 'Export the matrix of which folder?');
  if (!folder) return undefined;
  const text = await requestExport(server, folder, choice.format);
  let uri = target instanceof vscode.Uri ? target : undefined;
  const interactive = !uri;
  uri ??= await vscode.window.showSaveDialog({
    title: `Export the traceability matrix as ${choice.label}`,
    defaultUri: vscode.Uri.joinPath(folder.uri, `traceability-matrix.${choice.ext}`),
    filters: { [choice.filter]: [choice.ext] },
    saveLabel: 'Export',
  });
  return uri && save(text, uri, 'Traceability matrix', interactive);
}
