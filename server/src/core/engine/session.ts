/**
 * WorkspaceSession: the language server's view of one workspace folder, kept up to date as files change.
 *
 * It holds what checkWorkspace computes once — the manifest load, FileFacts per source file, config and
 * package-manifest texts, the listing — and re-runs `assemble()` (the cheap workspace-level rules) after
 * every change, so its findings are the CLI's for the same files and settings. What differs is how the
 * pieces are refreshed:
 *  - the initial index runs in chunks; after each chunk the result is re-assembled, so requests are answered
 *    from what is indexed so far and never wait for the whole workspace;
 *  - an open document is analysed from the editor's text, incrementally: its tree-sitter Tree is kept, each
 *    content change is applied with `tree.edit`, and the next parse reuses the old tree;
 *  - files created, changed or deleted on disk (watched-file events) re-analyse only what they touch; a
 *    created or deleted path re-lists the workspace (git checkout, new folders) and diffs the listing;
 *  - a manifest that stops parsing mid-typing keeps the last manifest that parsed for navigation and for the
 *    trace rules, and reports the new load's errors at their positions.
 *
 * Pure core: no LSP connection, no Node APIs beyond what the host hands in. Paths are workspace-relative with
 * forward slashes, positions 0-based with UTF-16 columns (LSP's and web-tree-sitter's units).
 */
import { Edit, type Tree } from 'web-tree-sitter';
import type { Grammars } from '../language/grammars';
import { languageForLspId, languageForPath, languageForText, type LanguageInfo } from '../language/languages';
import { loadManifest } from '../manifest/load';
import { DEFAULT_POLICY, type Manifest, type ManifestLoadResult } from '../manifest/model';
import type { Settings } from '../settings';
import { isPackageManifest } from '../soup/dependencies';
import { LineIndex } from '../text';
import { compareFindings, type Finding, type Position, type Range } from '../types';
import { globMatcher, isDefaultExcludedDir, listWorkspace, type WorkspaceListing } from '../workspace/files';
import { decodeUtf8, looksBinary, type DirEntry, type FileStat, type WorkspaceHost } from '../workspace/host';
import type { ConfigFile } from './analyzer';
import { enabledAnalyzers } from './analyzers';
import { factsFromTree, parse, skipReason } from './analyzeFile';
import { analyzeJob, analyzeOptions, assemble, inProcessRunner, type AssembleInput, type CheckResult, type FileJob, type FileRunner } from './check';
import { finalizeFindings } from './finalize';
import type { FileFacts, SkippedFile } from './fileFacts';

/** An LSP content change: a ranged replacement, or the whole text. */
export type ContentChange = { range: Range; text: string } | { text: string };

export type FileChangeType = 'created' | 'changed' | 'deleted';

export interface FileChange {
  path: string;
  type: FileChangeType;
}

export interface SessionOptions {
  rootAbs: string;
  /** The file system (the session overlays open documents on it). */
  host: WorkspaceHost;
  grammars: Grammars;
  settings: Settings;
  /** Runs file analysis for the initial index (worker threads in the server); in-process by default. */
  runner?: FileRunner;
  log?: (message: string) => void;
  /** Called with the duration of each step of an update (analyse, assemble, notify), for profiling. */
  timing?: (step: string, ms: number) => void;
}

export interface IndexProgress {
  phase: 'manifest' | 'listing' | 'analysing' | 'done';
  done: number;
  total: number;
}

/** Why the result changed, for front ends that publish incrementally. */
export interface SessionChange {
  /** The last full result (for `partial` updates, not yet including the edit). */
  result: CheckResult;
  /** True until the first full index has finished (the result is partial). */
  indexing: boolean;
  /**
   * Fast update after an edit: the findings of just the edited documents, exactly as the full re-assembly
   * will report them. The full update (every other file, the manifest) follows once typing pauses, or as
   * soon as a request needs it.
   */
  partial?: Map<string, Finding[]>;
}

interface OpenDocument {
  path: string;
  version: number;
  text: string;
  lines: LineIndex;
  /** Language from the path, else from the editor's language id. */
  language?: LanguageInfo;
  /** The tree of the last parse, edited by every content change since (source files only). */
  tree?: Tree;
  /** The grammar that tree is of (a `.h` header may be C or C++: languageForText). */
  treeLanguage?: string;
  /** Edits were applied since the last analysis. */
  dirty: boolean;
}

const EMPTY_LISTING: WorkspaceListing = { sources: [], configs: [], others: [], problems: [], unknownTypes: 0, skippedDirs: [] };
const NO_MANIFEST: ManifestLoadResult = { findings: [], fatal: false, missing: true };
/** Files per chunk of the initial index: small enough to show progress, large enough to amortise workers. */
const MIN_CHUNK = 300;
const CHUNKS = 4;
/** Quiet time after the last edit before the whole workspace is re-assembled (requests do not wait for it). */
const FULL_RECHECK_DELAY_MS = 150;

/** Workspace-relative path order of listWorkspace (a depth-first walk, names sorted per folder). */
export function compareListingOrder(a: string, b: string): number {
  const sa = a.split('/');
  const sb = b.split('/');
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    if (sa[i] !== sb[i]) return sa[i] < sb[i] ? -1 : 1;
  }
  return sa.length - sb.length;
}

function hasYamlSyntaxErrors(load: ManifestLoadResult): boolean {
  return load.findings.some((f) => (f.data as { code?: string } | undefined)?.code === 'yaml-syntax');
}

function policyKey(m: Manifest | undefined): string {
  const p = m?.policy ?? DEFAULT_POLICY;
  return JSON.stringify([p.include, p.exclude, p.tests]);
}

function analysisKey(s: Settings): string {
  return JSON.stringify([s.manifestPath, s.exclude, s.maxFileSizeKb, s.crypto.enable, s.privacy.enable]);
}

/** Offset of an LSP position, clamped to its line (LSP: a character past the line end means the line end). */
function offsetOf(lines: LineIndex, p: Position): number {
  if (p.line >= lines.lineCount) return lines.text.length;
  if (p.line < 0) return 0;
  const start = lines.lineStarts[p.line];
  const end = p.line + 1 < lines.lineCount ? lines.lineStarts[p.line + 1] - 1 : lines.text.length;
  return Math.min(start + Math.max(0, p.character), end);
}

function endPoint(start: { row: number; column: number }, inserted: string): { row: number; column: number } {
  const nl = inserted.lastIndexOf('\n');
  if (nl < 0) return { row: start.row, column: start.column + inserted.length };
  let rows = 0;
  for (let i = 0; i < inserted.length; i++) if (inserted.charCodeAt(i) === 10) rows++;
  return { row: start.row + rows, column: inserted.length - nl - 1 };
}

export class WorkspaceSession {
  readonly rootAbs: string;
  private settingsValue: Settings;
  private readonly grammars: Grammars;
  private readonly disk: WorkspaceHost;
  /** The disk with open documents laid over it: what the manifest loader and listing read. */
  readonly host: WorkspaceHost;
  private readonly runner: FileRunner;
  private readonly log: (message: string) => void;
  private readonly timing: ((step: string, ms: number) => void) | undefined;

  private manifestLoad: ManifestLoadResult = NO_MANIFEST;
  private lastGoodManifest: ManifestLoadResult | undefined;
  private listing: WorkspaceListing = EMPTY_LISTING;
  private readonly facts = new Map<string, FileFacts>();
  private readonly skipped = new Map<string, SkippedFile>();
  private readonly configTexts = new TextFiles();
  private readonly packageTexts = new TextFiles();
  private readonly open = new Map<string, OpenDocument>();
  private current: CheckResult;
  private generationValue = 0;

  private queue: Promise<unknown> = Promise.resolve();
  private flushScheduled = false;
  private fullTimer: NodeJS.Timeout | undefined;
  private indexRun = 0;
  private indexingValue = false;
  private indexedOnce = false;
  private stamp = 0;
  private readonly touchedAt = new Map<string, number>();
  private readonly listeners: ((c: SessionChange) => void)[] = [];
  private readonly matchers = new Map<string, (path: string) => boolean>();
  /** Findings of documents edited since the last full result (see notifyPartial). */
  private readonly partialFindings = new Map<string, Finding[]>();
  private findingsByPath: { result: CheckResult; byPath: Map<string, Finding[]> } | undefined;
  private disposed = false;

  constructor(opts: SessionOptions) {
    this.rootAbs = opts.rootAbs.replace(/\/+$/, '') || '/';
    this.settingsValue = opts.settings;
    this.grammars = opts.grammars;
    this.disk = opts.host;
    this.runner = opts.runner ?? inProcessRunner(opts.host, opts.grammars);
    this.log = opts.log ?? (() => undefined);
    this.timing = opts.timing;
    this.host = this.overlayHost();
    this.current = this.assembleNow();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Reading state (requests)

  get settings(): Settings {
    return this.settingsValue;
  }

  /** The last assembled result: findings, graph, coverage. Partial while `indexing`. */
  get result(): CheckResult {
    return this.current;
  }

  /** Increments whenever `result` changes; features cache derived indexes by it. */
  get generation(): number {
    return this.generationValue;
  }

  /** True while the initial (or a full re-) index runs. */
  get indexing(): boolean {
    return this.indexingValue || !this.indexedOnce;
  }

  /** The manifest used for navigation: the current one, or the last that parsed while it is broken. */
  get manifest(): Manifest | undefined {
    return this.current.manifest;
  }

  /** The load result as read now (with its errors), even when navigation uses the last good manifest. */
  get manifestLoadResult(): ManifestLoadResult {
    return this.manifestLoad;
  }

  get manifestRelPath(): string {
    const p = this.settingsValue.manifestPath;
    if (p.startsWith('/')) return p.startsWith(this.rootAbs + '/') ? p.slice(this.rootAbs.length + 1) : p;
    return p.replace(/^\.\//, '');
  }

  /** The current findings of one file: the fast update's if it was edited since the last full result. */
  findingsOf(path: string): Finding[] {
    const partial = this.partialFindings.get(path);
    if (partial) return partial;
    if (this.findingsByPath?.result !== this.current) {
      const byPath = new Map<string, Finding[]>();
      for (const f of this.current.findings) {
        const list = byPath.get(f.path);
        if (list) list.push(f);
        else byPath.set(f.path, [f]);
      }
      this.findingsByPath = { result: this.current, byPath };
    }
    return this.findingsByPath.byPath.get(path) ?? [];
  }

  fileFacts(path: string): FileFacts | undefined {
    return this.facts.get(path);
  }

  skippedFile(path: string): SkippedFile | undefined {
    return this.skipped.get(path);
  }

  isOpen(path: string): boolean {
    return this.open.has(path);
  }

  /** The editor text of an open document. */
  openText(path: string): string | undefined {
    return this.open.get(path)?.text;
  }

  openLines(path: string): LineIndex | undefined {
    return this.open.get(path)?.lines;
  }

  /** Text of a workspace file: the editor's if open, else the disk's (undefined if unreadable or binary). */
  async readText(path: string): Promise<string | undefined> {
    const o = this.open.get(path);
    if (o) return o.text;
    try {
      const bytes = await this.disk.readFile(this.abs(path));
      if (looksBinary(bytes)) return undefined;
      return decodeUtf8(bytes).text;
    } catch {
      return undefined;
    }
  }

  /** The language MedTrace parses a file as: by extension, else by the editor's language id when open. */
  languageOf(path: string): LanguageInfo | undefined {
    return languageForPath(path) ?? this.open.get(path)?.language;
  }

  isManifestFile(path: string): boolean {
    if (path === this.manifestRelPath) return true;
    return (this.current.manifest?.files ?? []).includes(path) || (this.manifestLoad.manifest?.files ?? []).includes(path);
  }

  isTestPath(path: string): boolean {
    return this.matcher((this.current.manifest ?? this.manifestLoad.manifest)?.policy.tests ?? DEFAULT_POLICY.tests)(path);
  }

  abs(path: string): string {
    return path.startsWith('/') ? path : `${this.rootAbs === '/' ? '' : this.rootAbs}/${path}`;
  }

  /** Workspace-relative path of an absolute one, or undefined when it lies outside this folder. */
  relative(absPath: string): string | undefined {
    if (absPath === this.rootAbs) return '';
    const prefix = this.rootAbs === '/' ? '/' : this.rootAbs + '/';
    return absPath.startsWith(prefix) ? absPath.slice(prefix.length) : undefined;
  }

  onDidChange(listener: (c: SessionChange) => void): { dispose(): void } {
    this.listeners.push(listener);
    return {
      dispose: () => {
        const i = this.listeners.indexOf(listener);
        if (i >= 0) this.listeners.splice(i, 1);
      },
    };
  }

  /** Resolves once every pending edit, file event and re-assembly (the debounced full one included) has been processed. */
  async settled(): Promise<void> {
    for (;;) {
      // A scheduled flush starts on setImmediate: let the event loop get there (awaiting settled promises would not).
      if (this.flushScheduled) await new Promise<void>((resolve) => setImmediate(resolve));
      this.runPendingFullRecheck();
      const q = this.queue;
      await q;
      if (q === this.queue && !this.flushScheduled && !this.fullTimer) return;
    }
  }

  /**
   * Waits until the document's pending edits are analysed (its facts are current); the workspace-wide result
   * may still lag by one debounce. Enough for completion, hover and the other per-document requests.
   */
  async ensureFresh(path?: string): Promise<void> {
    // Bounded: should an analysis fail, its document stays dirty, and a request must still be answered.
    for (let attempt = 0; attempt < 4; attempt++) {
      const dirty = path === undefined ? [...this.open.values()].some((d) => d.dirty) : this.open.get(path)?.dirty === true;
      if (!dirty && !this.flushScheduled) return;
      if (!this.flushScheduled) this.scheduleFlush();
      await new Promise<void>((resolve) => setImmediate(resolve));
      await this.queue;
    }
  }

  /** Waits until `result` reflects every change so far (forcing a pending full re-assembly): references, rename, fixes. */
  async ensureCurrent(): Promise<void> {
    await this.settled();
  }

  dispose(): void {
    this.disposed = true;
    if (this.fullTimer) clearTimeout(this.fullTimer);
    this.fullTimer = undefined;
    this.indexRun++;
    for (const d of this.open.values()) d.tree?.delete();
    this.open.clear();
    this.listeners.length = 0;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Settings and indexing

  /** New settings: re-index when they change what is analysed, else only re-assemble (severities, toggles). */
  async setSettings(settings: Settings): Promise<void> {
    const reindex = analysisKey(settings) !== analysisKey(this.settingsValue);
    const reassemble = JSON.stringify(settings.severity) !== JSON.stringify(this.settingsValue.severity);
    this.settingsValue = settings;
    if (reindex && this.indexedOnce) await this.index();
    else if (reassemble) await this.enqueue(async () => this.recheck());
  }

  /**
   * (Re)indexes the whole folder: manifest, listing, every source file, config and package files. Requests
   * keep being answered meanwhile, from what is indexed so far. A newer call supersedes a running one.
   */
  async index(onProgress?: (p: IndexProgress) => void): Promise<void> {
    const run = ++this.indexRun;
    this.indexingValue = true;
    try {
      onProgress?.({ phase: 'manifest', done: 0, total: 1 });
      const startStamp = this.stamp;
      const { jobs } = await this.enqueue(async () => {
        await this.reloadManifest();
        onProgress?.({ phase: 'listing', done: 0, total: 1 });
        const listing = await this.list();
        this.listing = listing;
        // Forget what the previous listing held; keep open documents, which are analysed from the editor.
        for (const p of [...this.facts.keys()]) if (!this.open.has(p)) this.facts.delete(p);
        for (const p of [...this.skipped.keys()]) if (!this.open.has(p)) this.skipped.delete(p);
        await this.readAuxiliaryFiles(listing, undefined);
        for (const d of this.open.values()) d.dirty = true;
        await this.analyseOpenDocuments();
        this.recheck();
        return { jobs: this.jobsFor(listing.sources.filter((s) => !this.open.has(s.path)).map((s) => s.path)) };
      });
      if (run !== this.indexRun) return;
      const chunk = Math.max(MIN_CHUNK, Math.ceil(jobs.length / CHUNKS));
      let done = 0;
      onProgress?.({ phase: 'analysing', done, total: jobs.length });
      for (let i = 0; i < jobs.length; i += chunk) {
        const part = jobs.slice(i, i + chunk);
        const base = done;
        let results: (FileFacts | SkippedFile)[];
        try {
          results = await this.runner.run(part, this.settingsValue, (n) => onProgress?.({ phase: 'analysing', done: base + n, total: jobs.length }));
        } catch (e) {
          // Workers can fail (out of memory, missing bundle): fall back to analysing in-process.
          this.log(`MedTrace: analysis workers failed (${(e as Error).message}); analysing in-process.`);
          results = await inProcessRunner(this.disk, this.grammars).run(part, this.settingsValue);
        }
        if (run !== this.indexRun || this.disposed) return;
        done += part.length;
        await this.enqueue(async () => {
          if (run !== this.indexRun) return;
          for (const r of results) {
            // A file an editor opened or a watcher reported since this chunk started is newer than r.
            if (this.open.has(r.path) || (this.touchedAt.get(r.path) ?? -1) > startStamp) continue;
            this.store(r);
          }
          if (i + chunk < jobs.length) this.recheck();
        });
        onProgress?.({ phase: 'analysing', done, total: jobs.length });
      }
      if (run !== this.indexRun) return;
      await this.enqueue(async () => {
        this.indexingValue = false;
        this.indexedOnce = true;
        this.recheck();
      });
      onProgress?.({ phase: 'done', done: jobs.length, total: jobs.length });
    } finally {
      if (run === this.indexRun) this.indexingValue = false;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Editor documents

  /** An editor opened a document (any file of the folder: source, manifest, config). */
  openDocument(path: string, text: string, version: number, lspLanguageId?: string): void {
    const prev = this.open.get(path);
    prev?.tree?.delete();
    const language = languageForPath(path) ?? (lspLanguageId ? languageForLspId(lspLanguageId) : undefined);
    this.open.set(path, { path, version, text, lines: new LineIndex(text), language, dirty: true });
    this.touch(path);
    this.scheduleFlush();
  }

  /** Applies LSP content changes in order, editing the kept tree so the next parse is incremental. */
  changeDocument(path: string, version: number, changes: readonly ContentChange[]): void {
    const doc = this.open.get(path);
    if (!doc) return;
    for (const c of changes) {
      if (!('range' in c) || !c.range) {
        doc.text = c.text;
        doc.lines = new LineIndex(c.text);
        doc.tree?.delete();
        doc.tree = undefined;
        continue;
      }
      const start = offsetOf(doc.lines, c.range.start);
      const oldEnd = Math.max(start, offsetOf(doc.lines, c.range.end));
      if (doc.tree) {
        const sp = doc.lines.positionAt(start);
        const op = doc.lines.positionAt(oldEnd);
        const startPosition = { row: sp.line, column: sp.character };
        doc.tree.edit(
          new Edit({
            startIndex: start,
            oldEndIndex: oldEnd,
            newEndIndex: start + c.text.length,
            startPosition,
            oldEndPosition: { row: op.line, column: op.character },
            newEndPosition: endPoint(startPosition, c.text),
          }),
        );
      }
      doc.text = doc.text.slice(0, start) + c.text + doc.text.slice(oldEnd);
      doc.lines = new LineIndex(doc.text);
    }
    doc.version = version;
    doc.dirty = true;
    this.touch(path);
    this.scheduleFlush();
  }

  /** The editor closed a document: from now on the disk's content counts (unsaved edits were discarded). */
  closeDocument(path: string): void {
    const doc = this.open.get(path);
    if (!doc) return;
    doc.tree?.delete();
    this.open.delete(path);
    this.touch(path);
    void this.enqueue(async () => {
      if (this.open.has(path)) return;
      await this.refreshFromDisk([path]);
      this.recheck();
    });
  }

  /** The parse tree of an open, analysed source document (valid until the next change); undefined otherwise. */
  treeOf(path: string): Tree | undefined {
    const d = this.open.get(path);
    return d && !d.dirty ? d.tree : undefined;
  }

  documentVersion(path: string): number | undefined {
    return this.open.get(path)?.version;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Files changed on disk

  /**
   * Watched-file events. Open documents keep their editor text; a created or deleted path re-lists the
   * folder; a manifest whose policy changed re-indexes everything (include/exclude/tests decide the files).
   */
  async filesChanged(changes: readonly FileChange[]): Promise<void> {
    const relevant = changes.filter((c) => !this.ignoredPath(c.path));
    if (relevant.length === 0) return;
    for (const c of relevant) this.touch(c.path);
    let reindex = false;
    await this.enqueue(async () => {
      const manifestTouched = relevant.some((c) => this.isManifestFile(c.path) && !this.open.has(c.path));
      if (manifestTouched) {
        const before = policyKey(this.manifestLoad.manifest);
        await this.reloadManifest();
        if (policyKey(this.manifestLoad.manifest) !== before) {
          reindex = true;
          return;
        }
      }
      if (relevant.some((c) => c.type !== 'changed')) {
        const listing = await this.list();
        const old = this.listing;
        this.listing = listing;
        const nowSources = new Set(listing.sources.map((s) => s.path));
        for (const s of old.sources) {
          if (!nowSources.has(s.path) && !this.open.has(s.path)) {
            this.facts.delete(s.path);
            this.skipped.delete(s.path);
          }
        }
        const oldSources = new Set(old.sources.map((s) => s.path));
        const added = listing.sources.filter((s) => !oldSources.has(s.path)).map((s) => s.path);
        const changedPaths = relevant.filter((c) => c.type !== 'deleted').map((c) => c.path);
        await this.readAuxiliaryFiles(listing, new Set(changedPaths));
        await this.refreshFromDisk([...new Set([...added, ...changedPaths.filter((p) => nowSources.has(p))])]);
      } else {
        await this.refreshFromDisk(relevant.map((c) => c.path));
      }
      this.recheck();
    });
    if (reindex) await this.index();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Internals

  private touch(path: string): void {
    this.touchedAt.set(path, ++this.stamp);
  }

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch((e: unknown) => this.log(`MedTrace: internal error: ${(e as Error).stack ?? String(e)}`));
    return run;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      void this.enqueue(() => this.flush());
    });
  }

  /** Analyses every dirty open document, reloads the manifest if it was edited, and re-assembles. */
  private async flush(): Promise<void> {
    if (this.disposed) return;
    const dirty = [...this.open.values()].filter((d) => d.dirty);
    if (dirty.length === 0) return;
    let manifestEdited = false;
    for (const d of dirty) if (this.isManifestFile(d.path)) manifestEdited = true;
    if (manifestEdited) {
      const before = policyKey(this.manifestLoad.manifest);
      await this.reloadManifest();
      if (policyKey(this.manifestLoad.manifest) !== before && this.indexedOnce) {
        for (const d of dirty) d.dirty = false;
        void this.index();
        return;
      }
    }
    for (const d of dirty) {
      if (this.configTexts.has(d.path) || this.listing.configs.some((c) => c.path === d.path)) this.configTexts.set(d.path, d.text);
      if (this.packageTexts.has(d.path) || isPackageManifest(d.path)) {
        if (this.packageTexts.has(d.path) || this.inListing(d.path)) this.packageTexts.set(d.path, d.text);
      }
    }
    const t0 = performance.now();
    const analysed = await this.analyseOpenDocuments();
    this.timing?.('analyse', performance.now() - t0);
    const onlySources = dirty.every((d) => analysed.includes(d.path));
    if (manifestEdited || !onlySources || !this.indexedOnce || this.indexingValue) {
      // The manifest, a config or package file changed everything (or the index is still running): all at once.
      this.recheck();
      return;
    }
    this.notifyPartial(analysed);
    this.scheduleFullRecheck();
  }

  private scheduleFullRecheck(): void {
    if (this.fullTimer) clearTimeout(this.fullTimer);
    this.fullTimer = setTimeout(() => this.runPendingFullRecheck(), FULL_RECHECK_DELAY_MS);
  }

  private runPendingFullRecheck(): void {
    if (!this.fullTimer) return;
    clearTimeout(this.fullTimer);
    this.fullTimer = undefined;
    void this.enqueue(async () => this.recheck());
  }

  /**
   * The findings of the edited documents, as the full assemble() will report them, at a fraction of its cost:
   * per-file rules from assemble() over the file alone (they read only the file and the manifest), the
   * detectors' findings from their workspace-wide check (flows cross files), both finalised the same way.
   */
  private notifyPartial(paths: readonly string[]): void {
    const t0 = performance.now();
    const input = this.assembleInput();
    const manifestLoad = input.manifestLoad;
    const analyzerFindings: Finding[] = [];
    for (const a of input.analyzersUsed) {
      const facts = new Map<string, unknown>();
      for (const f of input.files) if (a.name in f.analyzers) facts.set(f.path, f.analyzers[a.name]);
      try {
        for (const f of a.check({ files: input.files, facts, configFiles: input.configFiles, manifest: manifestLoad.manifest })) {
          if (paths.includes(f.path)) analyzerFindings.push(f);
        }
      } catch {
        // Reported by the full re-assembly, which follows.
      }
    }
    const tA = performance.now();
    this.timing?.('partial: detectors', tA - t0);
    const partial = new Map<string, Finding[]>();
    for (const p of paths) {
      const facts = this.facts.get(p);
      const skipped = this.skipped.get(p);
      const own = assemble({ ...input, listing: EMPTY_LISTING, files: facts ? [facts] : [], skipped: skipped ? [skipped] : [], configFiles: [], packageFiles: [], analyzersUsed: [] });
      const ignores = new Map(facts?.ignores.length ? [[p, facts.ignores]] : []);
      const detected = finalizeFindings(analyzerFindings.filter((f) => f.path === p), ignores, this.settingsValue.severity).findings;
      partial.set(p, [...own.findings.filter((f) => f.path === p), ...detected].sort(compareFindings));
      this.partialFindings.set(p, partial.get(p)!);
    }
    const t1 = performance.now();
    this.timing?.('partial', t1 - t0);
    this.emit({ result: this.current, indexing: this.indexing, partial });
    this.timing?.('notify-partial', performance.now() - t1);
  }

  private inListing(path: string): boolean {
    return this.listing.configs.some((c) => c.path === path) || this.listing.others.some((c) => c.path === path);
  }

  /** Analyses the dirty open documents in scope; returns the paths analysed. */
  private async analyseOpenDocuments(): Promise<string[]> {
    const out: string[] = [];
    for (const d of this.open.values()) {
      if (!d.dirty) continue;
      d.dirty = false;
      if (!d.language || !this.inScope(d.path)) {
        d.tree?.delete();
        d.tree = undefined;
        continue;
      }
      this.store(await this.analyseText(d));
      out.push(d.path);
    }
    return out;
  }

  /** One open document → FileFacts, parsing incrementally from its edited tree. */
  private async analyseText(d: OpenDocument): Promise<FileFacts | SkippedFile> {
    const language = languageForText(d.language!, d.path, d.text);
    const options = { ...analyzeOptions(this.settingsValue), isTest: this.isTestPath(d.path) };
    const byteLength = Buffer.byteLength(d.text, 'utf8');
    try {
      const reason = skipReason(d.path, d.text, byteLength, options.maxFileBytes) ?? (looksBinaryText(d.text) ? 'binary file (contains NUL bytes) with a source-file extension' : undefined);
      if (reason) {
        d.tree?.delete();
        d.tree = undefined;
        return { path: d.path, reason };
      }
      const parser = await this.grammars.parser(language.id);
      const t0 = performance.now();
      // (A header that became C++, or stopped being, is parsed afresh: the old tree is another grammar's.)
      if (d.tree && d.treeLanguage !== language.id) {
        d.tree.delete();
        d.tree = undefined;
      }
      const tree = parse(parser, d.text, d.tree);
      d.treeLanguage = language.id;
      d.tree?.delete();
      d.tree = tree;
      const t1 = performance.now();
      this.timing?.(`parse ${d.path}`, t1 - t0);
      const facts = await factsFromTree(this.grammars, tree, d.path, language, d.text, options, byteLength);
      this.timing?.(`facts ${d.path}`, performance.now() - t1);
      return facts;
    } catch (e) {
      d.tree?.delete();
      d.tree = undefined;
      return { path: d.path, reason: `could not be parsed: ${(e as Error).message}` };
    }
  }

  private store(r: FileFacts | SkippedFile): void {
    if ('reason' in r) {
      this.facts.delete(r.path);
      this.skipped.set(r.path, r);
    } else {
      this.skipped.delete(r.path);
      this.facts.set(r.path, r);
    }
  }

  /** Re-reads paths from disk: sources in scope are re-analysed, configs and package files re-read. */
  private async refreshFromDisk(paths: readonly string[]): Promise<void> {
    const sources = new Set(this.listing.sources.map((s) => s.path));
    const toAnalyse: string[] = [];
    for (const p of paths) {
      if (this.open.has(p)) continue;
      if (this.isManifestFile(p)) await this.reloadManifest();
      if (sources.has(p)) toAnalyse.push(p);
      else {
        this.facts.delete(p);
        this.skipped.delete(p);
      }
      if (this.configTexts.has(p) || this.listing.configs.some((c) => c.path === p)) {
        const t = await this.readDiskText(p);
        if (t === undefined) this.configTexts.delete(p);
        else this.configTexts.set(p, t);
      }
      if (this.packageTexts.has(p) || (isPackageManifest(p) && this.inListing(p))) {
        const t = await this.readDiskText(p);
        if (t === undefined) this.packageTexts.delete(p);
        else this.packageTexts.set(p, t);
      }
    }
    const options = analyzeOptions(this.settingsValue);
    for (const job of this.jobsFor(toAnalyse)) this.store(await analyzeJob(this.disk, this.grammars, job, options));
  }

  private jobsFor(paths: readonly string[]): FileJob[] {
    const isTest = this.matcher((this.manifestLoad.manifest ?? this.lastGoodManifest?.manifest)?.policy.tests ?? DEFAULT_POLICY.tests);
    const out: FileJob[] = [];
    for (const p of paths) {
      const language = languageForPath(p);
      if (language) out.push({ path: p, absPath: this.abs(p), language, isTest: isTest(p) });
    }
    return out;
  }

  private async readDiskText(path: string): Promise<string | undefined> {
    try {
      const bytes = await this.disk.readFile(this.abs(path));
      return looksBinary(bytes) ? undefined : decodeUtf8(bytes).text;
    } catch {
      return undefined;
    }
  }

  /** Config and package-manifest texts of a listing; `only` limits re-reading to those paths (plus new ones). */
  private async readAuxiliaryFiles(listing: WorkspaceListing, only: Set<string> | undefined): Promise<void> {
    const configs = new Set(listing.configs.map((c) => c.path));
    for (const p of [...this.configTexts.keys()]) if (!configs.has(p)) this.configTexts.delete(p);
    for (const c of listing.configs) {
      if (only && !only.has(c.path) && this.configTexts.has(c.path)) continue;
      const t = this.open.get(c.path)?.text ?? (await this.readDiskText(c.path));
      if (t === undefined) this.configTexts.delete(c.path);
      else this.configTexts.set(c.path, t);
    }
    const packages = [...listing.configs, ...listing.others].filter((f) => isPackageManifest(f.path));
    const pk = new Set(packages.map((c) => c.path));
    for (const p of [...this.packageTexts.keys()]) if (!pk.has(p)) this.packageTexts.delete(p);
    for (const f of packages) {
      if (only && !only.has(f.path) && this.packageTexts.has(f.path)) continue;
      const t = this.open.get(f.path)?.text ?? (await this.readDiskText(f.path));
      if (t === undefined) this.packageTexts.delete(f.path);
      else this.packageTexts.set(f.path, t);
    }
  }

  private async reloadManifest(): Promise<void> {
    const load = await loadManifest(this.host, this.rootAbs, this.manifestRelPath);
    this.manifestLoad = load;
    if (load.manifest && !hasYamlSyntaxErrors(load)) this.lastGoodManifest = load;
    if (load.missing) this.lastGoodManifest = undefined;
  }

  /**
   * The load the rules run on: the current one, unless the manifest stopped parsing (YAML syntax errors or
   * nothing usable) while a good one is known — then the last good manifest with the new load's errors.
   */
  private effectiveLoad(): ManifestLoadResult {
    const load = this.manifestLoad;
    const broken = load.fatal || (!load.missing && hasYamlSyntaxErrors(load));
    if (broken && this.lastGoodManifest?.manifest) {
      return { manifest: this.lastGoodManifest.manifest, findings: load.findings, fatal: false, missing: false };
    }
    return load;
  }

  private async list(): Promise<WorkspaceListing> {
    const policy = (this.manifestLoad.manifest ?? this.lastGoodManifest?.manifest)?.policy ?? DEFAULT_POLICY;
    return listWorkspace(this.host, this.rootAbs, { include: policy.include, exclude: [...policy.exclude, ...this.settingsValue.exclude] });
  }

  /** Whether a path is in the analysis scope (the listing's rules), for open documents not on disk yet. */
  inScope(path: string): boolean {
    if (this.ignoredPath(path)) return false;
    const policy = this.current.manifest?.policy ?? this.manifestLoad.manifest?.policy ?? DEFAULT_POLICY;
    const include = this.matcher(policy.include.length ? policy.include : ['**/*']);
    const exclude = this.matcher([...policy.exclude, ...this.settingsValue.exclude]);
    const segs = path.split('/');
    for (let i = 1; i < segs.length; i++) {
      const dir = segs.slice(0, i).join('/');
      if (exclude(dir) || exclude(dir + '/')) return false;
    }
    return include(path) && !exclude(path);
  }

  /** Compiled glob matchers, cached by their glob list (compiling costs more than matching). */
  private matcher(globs: readonly string[]): (path: string) => boolean {
    const key = JSON.stringify(globs);
    let m = this.matchers.get(key);
    if (!m) {
      if (this.matchers.size > 32) this.matchers.clear();
      m = globMatcher(globs);
      this.matchers.set(key, m);
    }
    return m;
  }

  /** Paths no analysis ever looks at: inside node_modules, .git, build output and the like. */
  private ignoredPath(path: string): boolean {
    if (path === '' || path.startsWith('../')) return true;
    const segs = path.split('/');
    for (let i = 0; i < segs.length - 1; i++) if (isDefaultExcludedDir(segs[i], segs.slice(0, i).join('/'))) return true;
    return false;
  }

  private recheck(): void {
    if (this.disposed) return;
    if (this.fullTimer) {
      clearTimeout(this.fullTimer);
      this.fullTimer = undefined;
    }
    const t0 = performance.now();
    this.current = this.assembleNow();
    this.partialFindings.clear();
    const t1 = performance.now();
    this.timing?.('assemble', t1 - t0);
    this.generationValue++;
    this.emit({ result: this.current, indexing: this.indexing });
    this.timing?.('notify', performance.now() - t1);
  }

  private emit(change: SessionChange): void {
    for (const l of [...this.listeners]) {
      try {
        l(change);
      } catch (e) {
        this.log(`MedTrace: listener failed: ${(e as Error).stack ?? String(e)}`);
      }
    }
  }

  private assembleNow(): CheckResult {
    return assemble(this.assembleInput());
  }

  /** What assemble() needs, from the current state, in the order checkWorkspace would hand it over. */
  private assembleInput(): AssembleInput {
    const listed = new Set(this.listing.sources.map((s) => s.path));
    const files: FileFacts[] = [];
    const skipped: SkippedFile[] = [];
    for (const s of this.listing.sources) {
      const f = this.facts.get(s.path);
      if (f) files.push(f);
      else {
        const k = this.skipped.get(s.path);
        if (k) skipped.push(k);
      }
    }
    // Open documents in scope that are not on disk (yet): analysed too, in listing order.
    const extra = [...this.open.keys()].filter((p) => !listed.has(p) && (this.facts.has(p) || this.skipped.has(p))).sort(compareListingOrder);
    for (const p of extra) {
      const f = this.facts.get(p);
      if (f) files.push(f);
      else skipped.push(this.skipped.get(p)!);
    }
    if (extra.length) {
      files.sort((a, b) => compareListingOrder(a.path, b.path));
      skipped.sort((a, b) => compareListingOrder(a.path, b.path));
    }
    const configFiles: ConfigFile[] = [];
    for (const c of this.listing.configs) {
      const file = this.configTexts.get(c.path);
      if (file) configFiles.push(file);
    }
    const packageFiles: ConfigFile[] = [];
    for (const f of [...this.listing.configs, ...this.listing.others]) {
      const file = this.packageTexts.get(f.path);
      if (file) packageFiles.push(file);
    }
    return {
      manifestLoad: this.effectiveLoad(),
      listing: this.listing,
      files,
      skipped,
      configFiles,
      packageFiles,
      settings: this.settingsValue,
      analyzersUsed: enabledAnalyzers(this.settingsValue),
    };
  }

  private overlayHost(): WorkspaceHost {
    const disk = this.disk;
    const openText = (abs: string): string | undefined => {
      const rel = this.relative(abs);
      return rel === undefined ? undefined : this.open.get(rel)?.text;
    };
    return {
      async readFile(abs: string): Promise<Uint8Array> {
        const t = openText(abs);
        return t !== undefined ? new TextEncoder().encode(t) : disk.readFile(abs);
      },
      readDirectory(abs: string): Promise<DirEntry[]> {
        return disk.readDirectory(abs);
      },
      async stat(abs: string): Promise<FileStat | undefined> {
        const t = openText(abs);
        const s = await disk.stat(abs);
        if (t === undefined) return s;
        return { kind: 'file', size: Buffer.byteLength(t, 'utf8'), realPath: s?.realPath ?? abs };
      },
    };
  }
}

/**
 * Config or package-manifest texts by path, as ConfigFile objects that stay the same object while their text
 * does not change — so analysers can cache what they derive from a file (parsed configuration) by identity.
 */
class TextFiles {
  private readonly files = new Map<string, ConfigFile>();
  has(path: string): boolean {
    return this.files.has(path);
  }
  get(path: string): ConfigFile | undefined {
    return this.files.get(path);
  }
  set(path: string, text: string): void {
    if (this.files.get(path)?.text !== text) this.files.set(path, { path, text });
  }
  delete(path: string): void {
    this.files.delete(path);
  }
  keys(): IterableIterator<string> {
    return this.files.keys();
  }
}

function looksBinaryText(text: string): boolean {
  const n = Math.min(text.length, 8192);
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) === 0) return true;
  return false;
}
