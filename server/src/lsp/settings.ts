/**
 * Settings pulled from the client per resource (workspace/configuration, section 'medtrace') and cached
 * until workspace/didChangeConfiguration. Clients that cannot be asked get initializationOptions.settings
 * (or the settings pushed with didChangeConfiguration), else the defaults of the one schema (core/settings.ts).
 */
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, fromNested, type Settings } from '../core/settings';

const PULL_TIMEOUT_MS = 5000;

export class SettingsCache {
  private readonly cache = new Map<string, Promise<Settings>>();
  private pushed: unknown;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
    initial: unknown,
  ) {
    this.pushed = initial;
  }

  /** Settings for a resource (a folder or document URI). */
  get(scopeUri: string): Promise<Settings> {
    let p = this.cache.get(scopeUri);
    if (!p) {
      p = this.pull(scopeUri);
      this.cache.set(scopeUri, p);
    }
    return p;
  }

  /** Forget everything (didChangeConfiguration); `settings` is what a push-only client sent. */
  reset(pushed?: unknown): void {
    this.cache.clear();
    if (pushed !== undefined && pushed !== null) this.pushed = pushed;
  }

  private async pull(scopeUri: string): Promise<Settings> {
    if (!this.canPull) return this.fromPushed();
    try {
      // A client that never answers must not stall indexing: defaults after a few seconds.
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), PULL_TIMEOUT_MS).unref());
      const v: unknown = await Promise.race([this.connection.workspace.getConfiguration({ scopeUri, section: 'medtrace' }), timeout]);
      if (v === 'timeout') {
        this.connection.console.warn(`MedTrace: the client did not answer workspace/configuration within ${PULL_TIMEOUT_MS / 1000} s; using defaults.`);
        return this.fromPushed();
      }
      if (v === null || v === undefined) return this.fromPushed();
      return fromNested(v);
    } catch (e) {
      this.connection.console.warn(`MedTrace: could not read settings (${(e as Error).message}); using defaults.`);
      return this.fromPushed();
    }
  }

  private fromPushed(): Settings {
    const p = this.pushed as { medtrace?: unknown } | undefined;
    if (p && typeof p === 'object') return fromNested('medtrace' in p ? p.medtrace : p);
    return DEFAULT_SETTINGS;
  }
}
