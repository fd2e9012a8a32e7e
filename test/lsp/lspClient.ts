/**
 * A small LSP client for the protocol tests: spawns the real bundle (`node dist/server.js --stdio`), speaks
 * JSON-RPC over its stdio, answers the server's requests (configuration, registrations, progress, showDocument),
 * records what it pushes (diagnostics, progress, coverage, log messages) and lets tests wait for a condition
 * on them instead of sleeping.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type MessageConnection,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';

export function repoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'grammars', 'languages.json'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`repository root not found above ${__dirname}`);
}

export const SERVER = path.join(repoRoot(), 'dist', 'server.js');

/** Copies a fixture workspace (test/fixtures/lsp/NAME) to a fresh temporary folder the test may change. */
export function copyFixture(name: string): string {
  const src = path.join(repoRoot(), 'test', 'fixtures', 'lsp', name);
  const dst = fs.mkdtempSync(path.join(os.tmpdir(), `medtrace-lsp-${name}-`));
  fs.cpSync(src, dst, { recursive: true });
  return fs.realpathSync(dst);
}

export function fixtureText(rel: string): string {
  return fs.readFileSync(path.join(repoRoot(), 'test', 'fixtures', 'lsp', rel), 'utf8');
}

export function uriOf(root: string, rel: string): string {
  return pathToFileURL(path.join(root, rel)).href;
}

const LANGUAGE_IDS: Record<string, string> = {
  '.c': 'c', '.h': 'c', '.cpp': 'cpp', '.py': 'python', '.ts': 'typescript', '.java': 'java', '.yaml': 'yaml', '.yml': 'yaml', '.js': 'javascript', '.json': 'json',
};

export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceFolders: true,
    workspaceEdit: { documentChanges: true, snippetEditSupport: true },
    codeLens: { refreshSupport: true },
    inlayHint: { refreshSupport: true },
    semanticTokens: { refreshSupport: true },
  },
  window: { workDoneProgress: true, showDocument: { support: true } },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    definition: { linkSupport: true },
    completion: { completionItem: { snippetSupport: true } },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
  },
};

export interface StartOptions {
  /** The `medtrace` section returned for workspace/configuration. */
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  clientName?: string;
  /** Command line of the server (default: node dist/server.js --stdio). */
  command?: string[];
  /** Initialize with neither rootUri nor workspaceFolders (a lone file opened in an editor). */
  noFolders?: boolean;
}

type Waiter = { check: () => boolean; resolve: () => void };

export class TestClient {
  readonly conn: MessageConnection;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Every publishDiagnostics, in order. */
  readonly published: { uri: string; diagnostics: Diagnostic[] }[] = [];
  readonly logs: string[] = [];
  readonly progressEnds: string[] = [];
  readonly progressBegins: string[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly shownDocuments: unknown[] = [];
  settings: Record<string, unknown>;
  private readonly waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  readonly texts = new Map<string, string>();
  stderr = '';
  initializeResult: unknown;

  private constructor(
    readonly child: ChildProcess,
    readonly root: string,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
    this.conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.published.push(p);
      this.poke();
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.poke();
    });
    this.conn.onNotification('$/progress', (p: { token: string; value: { kind: string; title?: string } }) => {
      if (p.value.kind === 'end') this.progressEnds.push(String(p.token));
      if (p.value.kind === 'begin') this.progressBegins.push(p.value.title ?? '');
      this.poke();
    });
    this.conn.onNotification((method: string, params: unknown) => {
      this.notifications.push({ method, params });
      this.poke();
    });
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => this.settings));
    this.conn.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      this.poke();
      return null;
    });
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('window/showDocument', (p: unknown) => {
      this.shownDocuments.push(p);
      return { success: true };
    });
    this.conn.onRequest('workspace/codeLens/refresh', () => null);
    this.conn.onRequest('workspace/inlayHint/refresh', () => null);
    this.conn.onRequest('workspace/semanticTokens/refresh', () => null);
    this.conn.listen();
  }

  static async start(root: string, opts: StartOptions = {}): Promise<TestClient> {
    const [cmd, ...args] = opts.command ?? [process.execPath, SERVER, '--stdio'];
    const child = spawn(cmd, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new TestClient(child, root, opts.settings ?? {});
    client.initializeResult = await client.conn.sendRequest('initialize', {
      processId: process.pid,
      clientInfo: { name: opts.clientName ?? 'medtrace-test-client' },
      rootUri: opts.noFolders ? null : pathToFileURL(root).href,
      workspaceFolders: opts.noFolders ? null : [{ uri: pathToFileURL(root).href, name: path.basename(root) }],
      capabilities: opts.capabilities ?? FULL_CAPABILITIES,
      initializationOptions: opts.initializationOptions,
    });
    await client.conn.sendNotification('initialized', {});
    return client;
  }

  uri(rel: string): string {
    return uriOf(this.root, rel);
  }

  private poke(): void {
    for (const w of [...this.waiters]) {
      if (w.check()) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  /** Resolves when `check` holds (checked now and after every message from the server). */
  waitFor(what: string, check: () => boolean, timeoutMs = 20000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`timed out waiting for ${what}\nlast logs:\n${this.logs.slice(-10).join('\n')}\nstderr:\n${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      const w: Waiter = {
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(w);
    });
  }

  /** Waits for the initial index to finish (its progress ends). */
  indexed(timeoutMs = 30000): Promise<void> {
    // Clients without window.workDoneProgress get no progress: the server's log line says it too.
    return this.waitFor('the initial index', () => this.progressEnds.length > 0 || this.logs.some((l) => /^MedTrace: indexed /.test(l)), timeoutMs);
  }

  diagnosticsOf(rel: string): Diagnostic[] {
    return this.diagnostics.get(this.uri(rel)) ?? [];
  }

  /** Waits until the file's latest diagnostics satisfy `pred`. */
  waitForDiagnostics(rel: string, what: string, pred: (d: Diagnostic[]) => boolean, timeoutMs = 20000): Promise<Diagnostic[]> {
    const uri = this.uri(rel);
    return this.waitFor(`diagnostics of ${rel}: ${what}`, () => this.diagnostics.has(uri) && pred(this.diagnostics.get(uri)!), timeoutMs).then(() => this.diagnostics.get(uri)!);
  }

  open(rel: string, text?: string, languageId?: string): string {
    const t = text ?? fs.readFileSync(path.join(this.root, rel), 'utf8');
    const uri = this.uri(rel);
    this.versions.set(uri, 1);
    this.texts.set(uri, t);
    void this.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: languageId ?? LANGUAGE_IDS[path.extname(rel)] ?? 'plaintext', version: 1, text: t },
    });
    return t;
  }

  /** Sends incremental changes (applied in order, each relative to the text after the previous). */
  change(rel: string, changes: { range?: Range; text: string }[]): string {
    const uri = this.uri(rel);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    let text = this.texts.get(uri) ?? '';
    for (const c of changes) text = c.range ? applyEdits(text, [{ range: c.range, newText: c.text }]) : c.text;
    this.texts.set(uri, text);
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return text;
  }

  /** Replaces the whole text with one ranged change (like an editor's "select all, paste"). */
  replaceAll(rel: string, newText: string): string {
    const old = this.texts.get(this.uri(rel)) ?? '';
    return this.change(rel, [{ range: { start: { line: 0, character: 0 }, end: endOf(old) }, text: newText }]);
  }

  close(rel: string): void {
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri: this.uri(rel) } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): void {
    void this.conn.sendNotification(method, params);
  }

  pos(rel: string, needle: string, offsetInNeedle = 0, occurrence = 0): Position {
    const text = this.texts.get(this.uri(rel)) ?? fs.readFileSync(path.join(this.root, rel), 'utf8');
    let idx = -1;
    for (let i = 0; i <= occurrence; i++) idx = text.indexOf(needle, idx + 1);
    if (idx < 0) throw new Error(`'${needle}' not found in ${rel}`);
    return positionAt(text, idx + offsetInNeedle);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      void this.conn.sendNotification('exit');
    } catch {
      // The server may already be gone.
    }
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.child.kill('SIGKILL');
        resolve();
      }, 3000);
      this.child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.conn.dispose();
  }
}

/** A diagnostic's message as text (LSP 3.18 allows MarkupContent). */
export function msg(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, character: offset - start };
}

export function offsetAt(text: string, p: Position): number {
  let line = 0;
  let i = 0;
  while (line < p.line && i < text.length) {
    if (text.charCodeAt(i) === 10) line++;
    i++;
  }
  return i + p.character;
}

export function endOf(text: string): Position {
  return positionAt(text, text.length);
}

/** Applies LSP text edits (non-overlapping, ranges in the original text). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetAt(out, e.range.start)) + e.newText + out.slice(offsetAt(out, e.range.end));
  return out;
}

/** The edits of a WorkspaceEdit per URI (`changes` or `documentChanges`; snippet edits as their snippet text). */
export function editsByUri(edit: WorkspaceEdit): Map<string, TextEdit[]> {
  const out = new Map<string, TextEdit[]>();
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) out.set(uri, [...(out.get(uri) ?? []), ...edits]);
  for (const dc of edit.documentChanges ?? []) {
    if (!('textDocument' in dc)) continue;
    const edits = dc.edits.map((e) => ('snippet' in e ? { range: e.range, newText: (e as unknown as { snippet: { value: string } }).snippet.value } : (e as TextEdit)));
    out.set(dc.textDocument.uri, [...(out.get(dc.textDocument.uri) ?? []), ...edits]);
  }
  return out;
}
