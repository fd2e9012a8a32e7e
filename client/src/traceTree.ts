/**
 * The Traceability view: units → requirements → implementations/tests and risks → controls → code,
 * as the server builds it (medtrace/traceTree); refreshed when coverage changes.
 */
import * as vscode from 'vscode';
import { TRACE_TREE_REQUEST, type TraceTreeNode, type TraceTreeParams } from '../../server/src/shared/protocol';
import { Commands } from './constants';
import type { ServerController } from './languageClient';

type Node =
  | { kind: 'folder'; id: string; folder: vscode.WorkspaceFolder }
  | { kind: 'trace'; id: string; data: TraceTreeNode; depth: number }
  | { kind: 'message'; id: string; text: string; icon: string };

/** Colours for the codicons that mean a gap or its absence. */
const ICON_COLORS: Record<string, string> = {
  error: 'problemsErrorIcon.foreground',
  warning: 'problemsWarningIcon.foreground',
  info: 'problemsInfoIcon.foreground',
  pass: 'testing.iconPassed',
  'pass-filled': 'testing.iconPassed',
  check: 'testing.iconPassed',
  'check-all': 'testing.iconPassed',
  'circle-slash': 'problemsWarningIcon.foreground',
};

function themeIcon(id: string | undefined): vscode.ThemeIcon | undefined {
  if (!id) return undefined;
  const color = ICON_COLORS[id];
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

/** Children with ids that stay the same across refreshes (so expansion state survives). */
function wrap(nodes: readonly TraceTreeNode[], parentId: string, depth: number): Node[] {
  const seen = new Map<string, number>();
  return nodes.map((data) => {
    const base = `${parentId}/${data.label}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { kind: 'trace', id: n === 1 ? base : `${base}#${n}`, data, depth };
  });
}

export class TraceTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private timer: NodeJS.Timeout | undefined;
  /** The last roots handed to the view (for the e2e tests: a tree view is not readable through the API). */
  lastRoots: TraceTreeNode[] = [];

  constructor(
    private readonly server: ServerController,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Refresh soon; coalesces the bursts of coverage notifications during indexing. */
  refreshSoon(delayMs = 300): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.emitter.fire(undefined);
    }, delayMs);
  }

  refresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.emitter.fire(undefined);
  }

  /** The tree of one folder as the server answers it now. */
  async fetch(folder: vscode.WorkspaceFolder | undefined): Promise<TraceTreeNode[]> {
    const client = this.server.require();
    const params: TraceTreeParams = folder ? { folderUri: client.code2ProtocolConverter.asUri(folder.uri) } : {};
    const nodes = await client.sendRequest<TraceTreeNode[] | null>(TRACE_TREE_REQUEST, params);
    return Array.isArray(nodes) ? nodes : [];
  }

  async getChildren(element?: Node): Promise<Node[]> {
    if (element?.kind === 'trace') return wrap(element.data.children ?? [], element.id, element.depth + 1);
    if (element?.kind === 'message') return [];
    if (!this.server.isRunning()) return [];
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!element && folders.length > 1) return folders.map((folder) => ({ kind: 'folder', id: folder.uri.toString(), folder }));
    const folder = element?.kind === 'folder' ? element.folder : folders[0];
    try {
      const roots = await this.fetch(folder);
      if (!element) this.lastRoots = roots;
      return wrap(roots, folder ? folder.uri.toString() : '', 0);
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      this.log.warn(`traceability tree: ${text}`);
      return [{ kind: 'message', id: `${element?.id ?? ''}/error`, text: `Could not load the tree: ${text}`, icon: 'error' }];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'folder') {
      const item = new vscode.TreeItem(node.folder.name, vscode.TreeItemCollapsibleState.Expanded);
      item.id = node.id;
      item.iconPath = vscode.ThemeIcon.Folder;
      item.resourceUri = node.folder.uri;
      item.contextValue = 'medtrace.folder';
      return item;
    }
    if (node.kind === 'message') {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.iconPath = themeIcon(node.icon);
      return item;
    }
    const d = node.data;
    const hasChildren = (d.children?.length ?? 0) > 0;
    const state = !hasChildren
      ? vscode.TreeItemCollapsibleState.None
      : node.depth === 0
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(d.label, state);
    item.id = node.id;
    item.description = d.description;
    item.tooltip = d.tooltip;
    item.iconPath = themeIcon(d.icon);
    if (d.location) {
      item.command = { command: Commands.openLocation, title: 'Open', arguments: [d.location.uri, d.location.line, d.location.character] };
      item.contextValue = 'medtrace.location';
    } else {
      item.contextValue = 'medtrace.node';
    }
    return item;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.emitter.dispose();
  }
}
