/**
 * medtrace.showMatrix: the traceability matrix in a webview, rendered by the server (medtrace/matrixHtml),
 * with scripts disabled and a strict CSP; re-rendered when coverage changes while it is open.
 */
import * as vscode from 'vscode';
import { MATRIX_HTML_REQUEST, type MatrixHtmlParams } from '../../server/src/shared/protocol';
import { Commands, MATRIX_VIEW_TYPE } from './constants';
import type { ServerController } from './languageClient';
import { messagePage, prepareMatrixHtml } from './matrixHtml';

export class MatrixView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private folder: vscode.WorkspaceFolder | undefined;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;

  constructor(
    private readonly server: ServerController,
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  async show(folder: vscode.WorkspaceFolder | undefined): Promise<vscode.WebviewPanel> {
    this.folder = folder;
    if (this.panel) {
      this.panel.reveal();
    } else {
      const panel = vscode.window.createWebviewPanel(MATRIX_VIEW_TYPE, 'Traceability Matrix', vscode.ViewColumn.Active, {
        enableScripts: false,
        enableForms: false,
        enableFindWidget: true,
        enableCommandUris: [Commands.openLocation],
        localResourceRoots: [],
      });
      panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.png');
      panel.onDidDispose(() => {
        this.panel = undefined;
        if (this.timer) clearTimeout(this.timer);
      });
      this.panel = panel;
    }
    this.panel.title = folder && (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? `Traceability Matrix — ${folder.name}` : 'Traceability Matrix';
    await this.render();
    return this.panel;
  }

  /** Re-render soon if open (coverage changed). */
  refreshSoon(delayMs = 500): void {
    if (!this.panel) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.render();
    }, delayMs);
  }

  private async render(): Promise<void> {
    const panel = this.panel;
    if (!panel) return;
    const webview = panel.webview;
    const generation = ++this.generation;
    if (!webview.html) webview.html = messagePage(webview.cspSource, 'Traceability Matrix', 'Loading…');
    let html: string;
    try {
      const client = this.server.require();
      const params: MatrixHtmlParams = this.folder ? { folderUri: client.code2ProtocolConverter.asUri(this.folder.uri) } : {};
      const answer = await client.sendRequest<string | null>(MATRIX_HTML_REQUEST, params);
      if (typeof answer !== 'string') throw new Error('the server sent no matrix');
      const base = this.folder?.uri;
      html = prepareMatrixHtml(answer, webview.cspSource, base && ((t) => {
        const uri = vscode.Uri.joinPath(base, ...t.path.split(/[\\/]+/));
        return `command:${Commands.openLocation}?${encodeURIComponent(JSON.stringify([uri.toString(), t.line, 0]))}`;
      }));
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      this.log.warn(`matrix: ${text}`);
      html = messagePage(webview.cspSource, 'Traceability Matrix', `The matrix could not be built: ${text}`);
    }
    // A newer render started while this one waited: let it win.
    if (generation === this.generation && this.panel === panel) webview.html = html;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
  }
}
