/**
 * What one language family adds to the shared API tables of apis.ts: its own sinks (Rust macros, C stdio),
 * the calls that raise an error (Kotlin's `error()`, Go's `errors.New`), channels only it opens (Python's
 * `open(path, "w")`, Go's `u.Query()`), and where shared names mean something else in it (Swift's `fetch` is
 * Core Data). apis.ts asks these hooks at fixed points of its classification and never names a language.
 */
import type { CallEffect, CallSite, SinkHit } from '../apis';

/** The call as apis.ts reads it: names lower-cased, the receiver's last segment, the API's display name. */
export interface CallView {
  site: CallSite;
  name: string;
  lname: string;
  bare: boolean;
  /** Last receiver segment, lower-case, without `this.` / call parens ('' for a bare call). */
  recv: string;
  /** The receiver path, lower-case, dotted. */
  pathText: string;
  apiText(): string;
  /** Indexes of the positional arguments from `from` on. */
  dataArgs(from: number): number[];
}

export interface PrivacyFamily {
  /** Capitalised calls are functions, not constructors (Go's exported functions). */
  capitalCallsAreFunctions?: true;
  /** Bare calls that print to the console or a log (`print`, `println`, `os_log`). */
  bareLog?: RegExp;
  /**
   * Calls that raise or return an error carrying their arguments (Kotlin `error()`, Go `errors.New`): true
   * when every argument is the message, or the indexes of those that are (Kotlin `require(cond) { msg }`).
   */
  raises?(c: CallView): boolean | number[];
  /** The family's own sinks, asked after the shared logger tables (Rust macros, C stdio and logging macros). */
  sink?(c: CallView): SinkHit | undefined;
  /** The family's own error responses, asked after the shared ones (Go `http.Error(w, msg, code)`). */
  errorSink?(c: CallView): SinkHit | undefined;
  /** A call that opens a channel (or is known to be none) in this family only, asked first. */
  channel?(c: CallView, eff: CallEffect): CallEffect | undefined;
  /** A logger method that configures rather than logs (Go `log.New`, `log.SetOutput`). */
  notLog?(c: CallView): boolean;
  /** Positional URL arguments of the family's HTTP APIs (Go `http.Get(url)`, `http.NewRequest(m, url)`). */
  urlArgs?(c: CallView, at: (n: number) => number[]): { args: number[] } | undefined;
  /** .NET `Activity` is a tracing span. */
  activityIsSpan?: true;
  /** JavaScript's and Python's bare HTTP functions (`fetch`, `urlopen`) are something else here (Swift: Core Data). */
  noBareHttp?: true;
  /** A bare `writeFile(…)` is not Node's fs (Python). */
  noBareWriteFile?: true;
  /** `x.writeText(…)` / `write_bytes` are not file writes (Java). */
  noWriteTextFile?: true;
  /** A one-argument `x.url(…)` / `uri(…)` is not a URL builder (Python). */
  noUrlBuilderCall?: true;
  /** `Preferences.Set(key, value)` is unencrypted app storage (.NET MAUI). */
  mauiPreferences?: true;
  /** HTTP clients are declared as annotated interfaces (Retrofit, OpenFeign): declaredClients.ts reads them. */
  declaredClients?: true;
}
