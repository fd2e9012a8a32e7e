/**
 * The MedTrace language server: LSP in, core calls out. It owns the connection, the workspace folders (one
 * WorkspaceSession each), the open documents' URIs, settings pulled per resource, watched-file registration,
 * diagnostics publishing and the initial-index progress. Every feature is a core function (core/features);
 * handlers (./handlers) only translate. Nothing here executes workspace code or touches the network.
 */
import * as path from 'path';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { WorkspaceSession, type FileChange } from '../core/engine/session';
import '../core/engine/registerAll';
import { Grammars } from '../core/language/grammars';
import { SEMANTIC_TOKENS_LEGEND } from '../core/features/semanticTokens';
import { CLIENT_COMMANDS } from '../core/features/codeLens';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings';
import pkg from '../../../package.json';
import { grammarAssets } from '../node/assets';
import { nodeHost } from '../node/nodeHost';
import { autoRunner } from '../node/workerRunner';
import { Folder } from './folder';
import { registerCustomMessages, CoverageNotifier } from './handlers/custom';
import { registerFeatureHandlers } from './handlers/features';
import { SettingsCache } from './settings';
import { pathToUri, uriToPath } from './uri';

export interface ServerOptions {
  /** Folder of the bundle (dist/): where worker.js lives. */
  distDir: string;
}

/** Options a client may pass in initializationOptions. */
export interface MedTraceInitOptions {
  /** Settings for clients that do not answer workspace/configuration (the `medtrace` section, nested or flat). */
  settings?: unknown;
  /**
   * True when the client registers medtrace.openLocation / medtrace.showReferences itself (the VS Code
   * extension). Otherwise the server offers them through workspace/executeCommand (window/showDocument).
   * Default: true for VS Code-family clients (by clientInfo.name), false for others.
   */
  clientCommands?: boolean;
}

export class MedTraceServer {
  readonly folders = new Map<string, Folder>();
  readonly grammars: Grammars;
  capabilities: ClientCapabilities = {};
  settings!: SettingsCache;
  private coverage!: CoverageNotifier;
  private initOptions: MedTraceInitOptions = {};
  private clientName = '';
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly connection: Connection,
    private readonly options: ServerOptions,
  ) {
    this.grammars = new Grammars(grammarAssets());
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(() => void this.guard('initialized', () => this.initialized()));
    c.onShutdown(() => {
      for (const f of this.folders.values()) f.session.dispose();
    });
    c.onDidOpenTextDocument((p) => this.guardSync('didOpen', () => this.didOpen(p.textDocument.uri, p.textDocument.text, p.textDocument.version, p.textDocument.languageId)));
    c.onDidChangeTextDocument((p) =>
      this.guardSync('didChange', () => {
        const at = this.locate(p.textDocument.uri);
        if (at) at.folder.session.changeDocument(at.path, p.textDocument.version, p.contentChanges);
      }),
    );
    c.onDidCloseTextDocument((p) =>
      this.guardSync('didClose', () => {
        const at = this.locate(p.textDocument.uri);
        if (!at) return;
        at.folder.session.closeDocument(at.path);
        at.folder.closed(at.path);
      }),
    );
    c.onDidChangeWatchedFiles((p) => void this.guard('didChangeWatchedFiles', () => this.watchedFilesChanged(p.changes)));
    c.onDidChangeConfiguration((p) => void this.guard('didChangeConfiguration', () => this.configurationChanged(p.settings)));
    registerFeatureHandlers(this);
    this.coverage = registerCustomMessages(this);
    c.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities;
    this.initOptions = (params.initializationOptions ?? {}) as MedTraceInitOptions;
    this.clientName = params.clientInfo?.name ?? '';
    this.settings = new SettingsCache(this.connection, params.capabilities.workspace?.configuration === true, this.initOptions.settings);
    const folders: WorkspaceFolder[] = params.workspaceFolders ?? [];
    if (folders.length === 0) {
      const rootUri = params.rootUri ?? (params.rootPath ? pathToUri(params.rootPath) : null);
      if (rootUri) folders.push({ uri: rootUri, name: path.basename(uriToPath(rootUri) ?? 'workspace') });
    }
    for (const f of folders) this.addFolder(f);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentLinkProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: true,
        completionProvider: { triggerCharacters: ['@', ' ', ',', '['], resolveProvider: true },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
        executeCommandProvider: this.serverCommands() ? { commands: [CLIENT_COMMANDS.openLocation, CLIENT_COMMANDS.showReferences] } : undefined,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'MedTrace', version: pkg.version },
    };
  }

  /** Whether the server executes medtrace.openLocation / showReferences itself (clients without them). */
  serverCommands(): boolean {
    if (typeof this.initOptions.clientCommands === 'boolean') return !this.initOptions.clientCommands;
    return !/visual studio code|vscode|code - oss|code-server|vscodium|cursor|windsurf/i.test(this.clientName);
  }

  private async initialized(): Promise<void> {
    const caps = this.capabilities;
    if (caps.workspace?.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => void this.guard('didChangeWorkspaceFolders', () => this.foldersChanged(e.added, e.removed)));
    }
    if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      await this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'medtrace' });
    }
    if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      // Every file: sources, manifests and what they include, package manifests, configuration files, and
      // folders (a deleted folder arrives as one event for the folder). The session ignores the rest.
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    }
    await Promise.all([...this.folders.values()].map((f) => this.startFolder(f)));
  }

  private addFolder(wf: WorkspaceFolder): Folder | undefined {
    const root = uriToPath(wf.uri);
    if (!root || this.folders.has(wf.uri)) return undefined;
    const session = new WorkspaceSession({
      rootAbs: root,
      host: nodeHost,
      grammars: this.grammars,
      // Replaced by the settings pulled for the folder before the first index (startFolder).
      settings: DEFAULT_SETTINGS,
      runner: autoRunner(nodeHost, this.grammars, path.join(this.options.distDir, 'worker.js')),
      log: (m) => this.connection.console.error(m),
      // MEDTRACE_TRACE_TIMING=1: each update step's duration in the log (profiling the edit → diagnostics path).
      timing: process.env.MEDTRACE_TRACE_TIMING ? (step, ms) => this.connection.console.log(`MedTrace timing: ${step} ${ms.toFixed(1)} ms`) : undefined,
    });
    const folder = new Folder(wf.uri, wf.name, session, this.connection);
    session.onDidChange((change) => {
      folder.publish(change);
      if (change.partial) return;
      this.coverage.changed(folder, change);
      this.scheduleRefresh();
    });
    this.folders.set(wf.uri, folder);
    return folder;
  }

  private async startFolder(folder: Folder): Promise<void> {
    const settings = await this.settings.get(folder.uri);
    await folder.session.setSettings(settings);
    const progress = await this.connection.window.createWorkDoneProgress();
    progress.begin(`MedTrace: indexing ${folder.name}`, 0, 'reading the manifest…', false);
    let last = 0;
    const started = Date.now();
    try {
      await folder.session.index((p) => {
        const now = Date.now();
        if (p.phase === 'analysing' && now - last < 150 && p.done < p.total) return;
        last = now;
        const pct = p.total > 0 && p.phase === 'analysing' ? Math.floor((p.done / p.total) * 100) : 0;
        progress.report(pct, p.phase === 'analysing' ? `${p.done}/${p.total} files` : `${p.phase}…`);
      });
      const r = folder.session.result;
      this.connection.console.info(`MedTrace: indexed ${folder.name} in ${Date.now() - started} ms: ${r.files.length} files, ${r.findings.length} findings.`);
    } finally {
      progress.done();
    }
  }

  private async foldersChanged(added: WorkspaceFolder[], removed: WorkspaceFolder[]): Promise<void> {
    for (const r of removed) {
      const f = this.folders.get(r.uri);
      if (!f) continue;
      f.session.dispose();
      f.clearAll();
      this.folders.delete(r.uri);
    }
    const fresh = added.map((a) => this.addFolder(a)).filter((f): f is Folder => f !== undefined);
    await Promise.all(fresh.map((f) => this.startFolder(f)));
  }

  /** The folder holding a document (the innermost, for nested folders) and the document's relative path. */
  locate(uri: string): { folder: Folder; path: string } | undefined {
    const abs = uriToPath(uri);
    if (!abs) return undefined;
    let best: { folder: Folder; path: string } | undefined;
    for (const f of this.folders.values()) {
      const rel = f.session.relative(abs);
      if (rel === undefined || rel === '') continue;
      if (!best || f.rootAbs.length > best.folder.rootAbs.length) best = { folder: f, path: rel };
    }
    return best;
  }

  private didOpen(uri: string, text: string, version: number, languageId: string): void {
    const at = this.locate(uri);
    if (!at) return;
    at.folder.opened(at.path, uri);
    at.folder.session.openDocument(at.path, text, version, languageId);
  }

  private async watchedFilesChanged(changes: readonly { uri: string; type: number }[]): Promise<void> {
    const perFolder = new Map<Folder, FileChange[]>();
    for (const ch of changes) {
      const at = this.locate(ch.uri);
      if (!at) continue;
      const type = ch.type === FileChangeType.Created ? 'created' : ch.type === FileChangeType.Deleted ? 'deleted' : 'changed';
      const list = perFolder.get(at.folder) ?? [];
      list.push({ path: at.path, type });
      perFolder.set(at.folder, list);
    }
    await Promise.all([...perFolder].map(([f, list]) => f.session.filesChanged(list)));
  }

  private async configurationChanged(pushed: unknown): Promise<void> {
    this.settings.reset(pushed);
    await Promise.all(
      [...this.folders.values()].map(async (f) => {
        const s = await this.settings.get(f.uri);
        await f.session.setSettings(s);
      }),
    );
    this.scheduleRefresh(0);
  }

  /** Per-resource settings of a document (code lens and inlay hint toggles). */
  async settingsFor(uri: string): Promise<Settings> {
    return this.settings.get(uri);
  }

  /** Asks the client to re-request code lenses, inlay hints and semantic tokens (other files' titles and counts change). */
  private scheduleRefresh(delay = 300): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      const ws = this.capabilities.workspace;
      if (ws?.codeLens?.refreshSupport) void this.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
      if (ws?.inlayHint?.refreshSupport) void this.connection.languages.inlayHint.refresh().catch(() => undefined);
      if (ws?.semanticTokens?.refreshSupport) void this.connection.languages.semanticTokens.refresh().catch(() => undefined);
    }, delay);
  }

  /** Runs a notification handler, logging failures instead of letting them escape. */
  async guard(name: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      this.connection.console.error(`MedTrace: ${name} failed: ${(e as Error).stack ?? String(e)}`);
    }
  }

  guardSync(name: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.connection.console.error(`MedTrace: ${name} failed: ${(e as Error).stack ?? String(e)}`);
    }
  }
}

