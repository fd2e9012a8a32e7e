/**
 * The MedTrace VS Code extension: starts the bundled language server (dist/server.js) over IPC and adds
 * what LSP has no words for: the coverage status bar item, the Traceability view, the matrix webview,
 * export / insert-annotation / create-manifest commands, and the commands the server's code lenses call.
 * Everything it shows comes from the server (server/src/shared/protocol.ts); the extension computes nothing.
 */
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import type { CoverageParams, TraceTreeNode } from '../../server/src/shared/protocol';
import { Commands, ContextKeys, OUTPUT_NAME, TRACE_VIEW_ID } from './constants';
import { CoverageStore } from './coverage';
import { createManifest } from './createManifest';
import { exportMatrix, exportSarif } from './exportCommands';
import { exists, manifestUri, pickFolder } from './folders';
import { insertTraceAnnotation } from './insertAnnotation';
import { ServerController, ServerNotRunningError } from './languageClient';
import { MatrixView } from './matrixView';
import { openLocation, showReferences } from './navigation';
import { CoverageStatusBar } from './statusBar';
import { TraceTreeProvider } from './traceTree';

/** What activate() returns: for other extensions and for the e2e tests (status bar and tree views cannot be read through the API). */
export interface MedTraceApi {
  /** Settles when the first server start finished: true when it runs. */
  readonly ready: Promise<boolean>;
  isServerRunning(): boolean;
  /** The latest coverage of a folder (default: the first), as the server sent it. */
  coverage(folder?: vscode.Uri): CoverageParams | undefined;
  readonly onDidChangeCoverage: vscode.Event<CoverageParams | undefined>;
  /** Text and tooltip of the status bar item now. */
  statusBar(): { text: string; tooltip: string; command: string | undefined };
  /** The Traceability view's root nodes as the server answers them now. */
  traceTree(folder?: vscode.WorkspaceFolder): Promise<TraceTreeNode[]>;
  /** How many times the extension restarted a crashed server. */
  crashRestarts(): number;
  /** Process id of the running server (undefined when stopped). */
  serverPid(): number | undefined;
  /** Whether the matrix webview is open. */
  isMatrixOpen(): boolean;
}

let controller: ServerController | undefined;

export function activate(context: vscode.ExtensionContext): MedTraceApi {
  const output = vscode.window.createOutputChannel(OUTPUT_NAME, { log: true });
  const store = new CoverageStore();
  const server = new ServerController(context, output, (p) => store.update(p));
  controller = server;
  const statusBar = new CoverageStatusBar(store);
  const tree = new TraceTreeProvider(server, output);
  const matrix = new MatrixView(server, context.extensionUri, output);
  const treeView = vscode.window.createTreeView(TRACE_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(output, store, server, statusBar, tree, matrix, treeView);

  context.subscriptions.push(
    store.onDidChange(() => {
      void vscode.commands.executeCommand('setContext', ContextKeys.hasManifest, store.anyHasManifest);
      tree.refreshSoon();
      matrix.refreshSoon();
      const c = store.forResource(undefined).coverage;
      treeView.badge = c && c.hasManifest && c.openRisks > 0 ? { value: c.openRisks, tooltip: `${c.openRisks} open risk(s)` } : undefined;
    }),
    server.onDidChangeState((s) => {
      statusBar.setServerState(s);
      if (s === State.Starting) store.clear();
      if (s === State.Running) tree.refresh();
    }),
  );

  const register = (id: string, fn: (...args: unknown[]) => unknown) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await fn(...args);
        } catch (e) {
          const msg = e instanceof Error ? e.message : String(e);
          output.error(`${id}: ${msg}`);
          if (e instanceof ServerNotRunningError) {
            void vscode.window.showErrorMessage(msg, 'Restart Server').then((c) => c && vscode.commands.executeCommand(Commands.restartServer));
          } else {
            void vscode.window.showErrorMessage(`MedTrace: ${msg}`);
          }
          return undefined;
        }
      }),
    );

  register(Commands.showMatrix, async (arg) => {
    const folder = await pickFolder(arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri, 'Show the matrix of which folder?');
    if (!folder) return undefined;
    server.require();
    await matrix.show(folder);
    return true;
  });
  register(Commands.exportSarif, (target) => exportSarif(server, target));
  register(Commands.exportMatrix, (format, target) => exportMatrix(server, format, target));
  register(Commands.insertTraceAnnotation, (tag, ids) => insertTraceAnnotation(tag, ids));
  register(Commands.createManifest, (folder) => createManifest(server, folder));
  register(Commands.restartServer, async () => {
    statusBar.setServerState(State.Starting);
    const ok = await server.restart();
    statusBar.setServerState(server.state);
    return ok;
  });
  register(Commands.showOutput, () => output.show(true));
  register(Commands.refreshTraceability, () => tree.refresh());
  register(Commands.openLocation, (uri, line, character) => openLocation(uri, line, character).then(() => true));
  register(Commands.showReferences, (uri, position, locations) => showReferences(uri, position, locations));

  // Before the server says anything: show the right welcome text in the Traceability view.
  void (async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const found = (await Promise.all(folders.map((f) => exists(manifestUri(f))))).some(Boolean);
    if (!store.all().length) await vscode.commands.executeCommand('setContext', ContextKeys.hasManifest, found);
  })();

  // Not awaited: activation returns at once (VS Code waits for eagerly activated extensions before it
  // runs other things); the server's initialize and first index continue in the background.
  const ready = server.start().then((ok) => {
    statusBar.setServerState(ok ? server.state : 'missing');
    return ok;
  });

  return {
    ready,
    isServerRunning: () => server.isRunning(),
    coverage: (folder) => (folder ? store.get(folder) : store.forResource(undefined).coverage),
    onDidChangeCoverage: store.onDidChange,
    statusBar: () => ({ text: statusBar.text, tooltip: statusBar.tooltip, command: statusBar.command }),
    traceTree: (folder) => tree.fetch(folder ?? vscode.workspace.workspaceFolders?.[0]),
    crashRestarts: () => server.restartPolicy.restartCount,
    serverPid: () => (server.isRunning() ? server.languageClient?.serverProcess?.pid : undefined),
    isMatrixOpen: () => matrix.isOpen,
  };
}

export async function deactivate(): Promise<void> {
  const c = controller;
  controller = undefined;
  await c?.stop();
}
