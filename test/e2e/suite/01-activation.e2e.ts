/** The extension activates in the example workspace, starts its server and registers its commands. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../../client/src/constants';
import { folder, medtrace } from './helpers';

describe('activation', () => {
  it('[smoke] activates and starts the language server', async () => {
    const api = await medtrace();
    assert.ok(api.isServerRunning(), 'server not running');
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    console.log(`      vscode ${vscode.version}, extension at ${ext.extensionPath}, workspace ${folder().uri.fsPath}`);
  });

  it('[smoke] registers every command it contributes', async () => {
    await medtrace();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = (ext.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command);
    assert.ok(contributed.length >= 8, 'contributes.commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepStrictEqual(contributed.filter((c) => !registered.has(c)), []);
  });

  it('[smoke] the extension runs in the workspace extension host', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.strictEqual(ext.extensionKind, vscode.ExtensionKind.Workspace);
  });
});
