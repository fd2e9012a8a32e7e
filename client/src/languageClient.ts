/**
 * Creates, starts and restarts the language client that runs the bundled server (dist/server.js)
 * over IPC. Everything else in the extension talks to the server through `ServerController`.
 */
import * as fs from 'fs';
import * as vscode from 'vscode';
import {
  LanguageClient,
  State,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { LSP_LANGUAGE_ID_LIST } from '../../server/src/core/language/languages';
import { COVERAGE_NOTIFICATION, type CoverageParams } from '../../server/src/shared/protocol';
import { Commands, ContextKeys, OUTPUT_NAME } from './constants';
import { RestartPolicy } from './restartPolicy';

/** Code in every supported language (on disk and untitled) and YAML files on disk (the manifest and its includes). */
export function documentSelector(): DocumentSelector {
  const selector: { scheme: string; language: string }[] = [];
  for (const language of LSP_LANGUAGE_ID_LIST) selector.push({ scheme: 'file', language }, { scheme: 'untitled', language });
  // The manifest may include YAML files anywhere (globs in the manifest), and crypto rules read YAML
  // configuration by key, so the server gets every YAML file on disk and ignores the ones it has no use for.
  selector.push({ scheme: 'file', language: 'yaml' });
  return selector;
}

export class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly stateEmitter = new vscode.EventEmitter<State>();
  readonly onDidChangeState = this.stateEmitter.event;
  readonly restartPolicy: RestartPolicy;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    private readonly onCoverage: (p: CoverageParams) => void,
  ) {
    this.restartPolicy = new RestartPolicy({
      maxRestarts: 4,
      windowMs: 3 * 60_000,
      log: (m) => output.warn(m),
      onFirstRestart: () => {
        void vscode.window
          .showWarningMessage('The MedTrace language server stopped unexpectedly and was restarted. Further restarts are only logged.', 'Show Output')
          .then((choice) => choice && output.show(true));
      },
      onGiveUp: (crashes) => {
        void vscode.window
          .showErrorMessage(`The MedTrace language server stopped ${crashes} times in a few minutes and was not restarted again.`, 'Restart Server', 'Show Output')
          .then((choice) => {
            if (choice === 'Restart Server') void vscode.commands.executeCommand(Commands.restartServer);
            else if (choice === 'Show Output') output.show(true);
          });
      },
    });
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  get state(): State {
    return this.client?.state ?? State.Stopped;
  }

  isRunning(): boolean {
    return this.client?.state === State.Running;
  }

  serverModule(): string {
    return this.context.asAbsolutePath('dist/server.js');
  }

  private create(): LanguageClient {
    const module = this.serverModule();
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: documentSelector(),
      // No `synchronize`: the server registers, dynamically, its file watcher (every file: sources,
      // manifests and includes, package manifests, folders deleted by a git checkout) and its interest in
      // the 'medtrace' configuration section, then pulls settings per resource (workspace/configuration).
      // Static registrations here would deliver every event twice.
      initializationOptions: { clientCommands: true },
      outputChannel: this.output,
      errorHandler: this.restartPolicy,
      markdown: { isTrusted: { enabledCommands: [Commands.openLocation, Commands.showReferences] }, supportHtml: false },
      initializationFailedHandler: (error) => {
        this.output.error(`the server failed to initialize: ${error instanceof Error ? error.message : String(error)}`);
        return false;
      },
    };
    const client = new LanguageClient('medtrace', OUTPUT_NAME, serverOptions, clientOptions);
    this.disposables.push(
      client.onNotification(COVERAGE_NOTIFICATION, (p: CoverageParams) => this.onCoverage(p)),
      client.onDidChangeState((e) => {
        void vscode.commands.executeCommand('setContext', ContextKeys.serverRunning, e.newState === State.Running);
        this.stateEmitter.fire(e.newState);
      }),
    );
    return client;
  }

  /** Starts the server (creating the client the first time). Resolves when it is initialized; never rejects. */
  async start(): Promise<boolean> {
    if (!fs.existsSync(this.serverModule())) {
      const msg = `MedTrace: the server bundle ${this.serverModule()} is missing; run "npm run build" (or reinstall the extension).`;
      this.output.error(msg);
      void vscode.window.showErrorMessage(msg);
      this.stateEmitter.fire(State.Stopped);
      return false;
    }
    this.client ??= this.create();
    try {
      await this.client.start();
      this.output.info(`server started (${this.serverModule()})`);
      return true;
    } catch (e) {
      this.output.error(`the server did not start: ${e instanceof Error ? e.message : String(e)}`);
      void vscode.window.showErrorMessage('The MedTrace language server did not start. See the MedTrace output for details.', 'Show Output')
        .then((choice) => choice && this.output.show(true));
      return false;
    }
  }

  /** Restarts a running server, or starts a stopped or failed one. */
  async restart(): Promise<boolean> {
    const client = this.client;
    if (client && client.state === State.Running) {
      try {
        await client.restart();
        this.output.info('server restarted on request');
        return true;
      } catch (e) {
        this.output.error(`restart failed: ${e instanceof Error ? e.message : String(e)}`);
        return false;
      }
    }
    if (client && client.state === State.Starting) return false;
    return this.start();
  }

  /** The running client, or an error message the caller shows. */
  require(): LanguageClient {
    if (!this.client || this.client.state !== State.Running) throw new ServerNotRunningError();
    return this.client;
  }

  async stop(): Promise<void> {
    if (this.client && this.client.state === State.Running) await this.client.stop();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.stateEmitter.dispose();
  }
}

export class ServerNotRunningError extends Error {
  constructor() {
    super('The MedTrace language server is not running. Run "MedTrace: Restart Server", or see the MedTrace output.');
  }
}
