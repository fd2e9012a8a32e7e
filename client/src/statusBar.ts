/**
 * The status bar item: coverage of the folder of the active editor (`$(checklist) MedTrace 87% · 3 risks open`),
 * server state when it is not running; clicking focuses the Traceability view.
 */
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import { Commands, TRACE_VIEW_ID } from './constants';
import type { CoverageStore } from './coverage';
import { statusText, tooltipMarkdown } from './coverageText';

export class CoverageStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private serverState: State | 'missing' = State.Starting;

  constructor(private readonly store: CoverageStore) {
    this.item = vscode.window.createStatusBarItem('medtrace.coverage', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'MedTrace Coverage';
    this.disposables.push(
      this.item,
      store.onDidChange(() => this.render()),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.render()),
    );
    this.render();
    this.item.show();
  }

  setServerState(state: State | 'missing'): void {
    this.serverState = state;
    this.render();
  }

  /** What the item shows now (for the e2e tests: the status bar is not readable through the API). */
  get text(): string {
    return this.item.text;
  }

  get command(): string | undefined {
    const c = this.item.command;
    return typeof c === 'string' ? c : c?.command;
  }

  get tooltip(): string {
    const t = this.item.tooltip;
    return typeof t === 'string' ? t : (t?.value ?? '');
  }

  private render(): void {
    const item = this.item;
    item.backgroundColor = undefined;
    if (this.serverState === 'missing' || this.serverState === State.Stopped) {
      item.text = '$(error) MedTrace';
      item.tooltip = 'The MedTrace language server is not running. Click to restart it.';
      item.command = Commands.restartServer;
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      return;
    }
    if (this.serverState === State.Starting) {
      item.text = '$(sync~spin) MedTrace';
      item.tooltip = 'Starting the MedTrace language server…';
      item.command = Commands.showOutput;
      return;
    }
    const { coverage, folder } = this.store.forResource(vscode.window.activeTextEditor?.document.uri);
    item.text = statusText(coverage);
    const md = new vscode.MarkdownString(tooltipMarkdown(coverage, (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? folder?.name : undefined));
    md.supportThemeIcons = true;
    item.tooltip = md;
    item.command = { command: `${TRACE_VIEW_ID}.focus`, title: 'Open the Traceability view' };
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
