/**
 * What happens when the server connection errors or closes: restart a crashed server up to
 * `maxRestarts` times within `windowMs`, tell the user once (not at every crash), and give up with
 * a clear message after that.
 */
import {
  CloseAction,
  ErrorAction,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type Message,
} from 'vscode-languageclient/node';

export interface RestartPolicyOptions {
  maxRestarts: number;
  windowMs: number;
  /** Shown once, at the first restart. */
  onFirstRestart: () => void;
  /** Shown when the policy gives up. */
  onGiveUp: (crashes: number) => void;
  log: (message: string) => void;
  now?: () => number;
}

export class RestartPolicy implements ErrorHandler {
  private crashes: number[] = [];
  private told = false;
  /** How many restarts this policy ordered since the extension started (for tests and the log). */
  restartCount = 0;

  constructor(private readonly opts: RestartPolicyOptions) {}

  error(error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    this.opts.log(`connection error (${count ?? 1}): ${error.message}`);
    // Same as vscode-languageclient's default: a few write/read errors are survivable.
    return { action: (count ?? 1) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = (this.opts.now ?? Date.now)();
    this.crashes = [...this.crashes.filter((t) => now - t < this.opts.windowMs), now];
    if (this.crashes.length > this.opts.maxRestarts) {
      this.opts.log(`the server stopped ${this.crashes.length} times within ${Math.round(this.opts.windowMs / 1000)} s; not restarting it`);
      this.opts.onGiveUp(this.crashes.length);
      this.crashes = [];
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    this.restartCount++;
    this.opts.log(`the server stopped unexpectedly; restarting it (${this.crashes.length}/${this.opts.maxRestarts})`);
    if (!this.told) {
      this.told = true;
      this.opts.onFirstRestart();
    }
    return { action: CloseAction.Restart, handled: true };
  }
}
