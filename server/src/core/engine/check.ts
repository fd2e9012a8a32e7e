/**
 * checkWorkspace: the whole analysis of one workspace folder — manifest, file listing, per-file facts,
 * trace graph, SOUP, detectors — and the finalised findings. The CLI calls it once; the language server
 * calls the same pieces (see engine/session.ts) and keeps their results up to date as files change.
 */
import type { IgnoreDirective } from '../annotations/model';
import type { Grammars } from '../language/grammars';
import type { LanguageInfo } from '../language/languages';
import { loadManifest } from '../manifest/load';
import type { Manifest, ManifestLoadResult } from '../manifest/model';
import { DEFAULT_POLICY, MANIFEST_FILE } from '../manifest/model';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import type { Dependency } from '../soup/dependencies';
import { isPackageManifest } from '../soup/dependencies';
import { checkSoup } from '../soup/rules';
import { buildTraceGraph, type TraceGraph } from '../trace/graph';
import { coverage, traceFindings, type Coverage } from '../trace/rules';
import type { Finding } from '../types';
import { globMatcher, listWorkspace, type WorkspaceListing } from '../workspace/files';
import { decodeUtf8, looksBinary, type WorkspaceHost } from '../workspace/host';
import type { ConfigFile } from './analyzer';
import { enabledAnalyzers } from './analyzers';
import { analyzeBytes, inputNote, skipReason, type AnalyzeOptions } from './analyzeFile';
import type { FileFacts, SkippedFile } from './fileFacts';
import { finalizeFindings, type Suppressed } from './finalize';

export interface FileJob {
  path: string;
  absPath: string;
  language: LanguageInfo;
  isTest: boolean;
  /** Size from the listing: lets a huge file be skipped without reading it. */
  size?: number;
}

/** Runs file analysis; in-process by default, worker threads in the Node front ends for large workspaces. */
export interface FileRunner {
  run(jobs: readonly FileJob[], settings: Settings, onFile?: (done: number) => void): Promise<(FileFacts | SkippedFile)[]>;
}

export function inProcessRunner(host: WorkspaceHost, grammars: Grammars): FileRunner {
  return {
    async run(jobs, settings, onFile) {
      const out: (FileFacts | SkippedFile)[] = [];
      await analyzeJobs(host, grammars, jobs, analyzeOptions(settings), (r) => {
        out.push(r);
        onFile?.(out.length);
      });
      return out;
    },
  };
}

/** Analyses jobs in order, handing each result to `onResult` as soon as it is there. */
export async function analyzeJobs(
  host: WorkspaceHost,
  grammars: Grammars,
  jobs: readonly FileJob[],
  options: Omit<AnalyzeOptions, 'isTest'>,
  onResult: (r: FileFacts | SkippedFile, index: number) => void,
): Promise<void> {
  for (let i = 0; i < jobs.length; i++) onResult(await analyzeJob(host, grammars, jobs[i], options), i);
}

export function analyzeOptions(settings: Settings): Omit<AnalyzeOptions, 'isTest'> {
  return { analyzers: enabledAnalyzers(settings), maxFileBytes: settings.maxFileSizeKb * 1024 };
}

export async function analyzeJob(host: WorkspaceHost, grammars: Grammars, j: FileJob, options: Omit<AnalyzeOptions, 'isTest'>): Promise<FileFacts | SkippedFile> {
  if (j.size !== undefined && j.size > options.maxFileBytes) {
    return { path: j.path, reason: skipReason(j.path, '', j.size, options.maxFileBytes)! };
  }
  let bytes: Uint8Array;
  try {
    bytes = await host.readFile(j.absPath);
  } catch (e) {
    return { path: j.path, reason: `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  try {
    return await analyzeBytes(grammars, j.path, j.language, bytes, { ...options, isTest: j.isTest });
  } catch (e) {
    return { path: j.path, reason: `could not be parsed: ${(e as Error).message}` };
  }
}

export interface CheckOptions {
  rootAbs: string;
  host: WorkspaceHost;
  grammars: Grammars;
  settings?: Settings;
  /** Overrides settings.manifestPath (CLI --manifest), relative to the root or absolute. */
  manifestPath?: string;
  runner?: FileRunner;
  onProgress?: (phase: string, done: number, total: number) => void;
}

export interface CheckResult {
  manifestLoad: ManifestLoadResult;
  manifest?: Manifest;
  listing: WorkspaceListing;
  files: FileFacts[];
  skipped: SkippedFile[];
  graph: TraceGraph;
  coverage: Coverage;
  dependencies: Dependency[];
  findings: Finding[];
  suppressed: Suppressed[];
  /** Every @untraced with its justification (audit evidence). */
  exclusions: { path: string; line: number; justification: string; declaration?: string }[];
}

export async function checkWorkspace(opts: CheckOptions): Promise<CheckResult> {
  const settings = opts.settings ?? DEFAULT_SETTINGS;
  const root = opts.rootAbs.replace(/\/+$/, '') || '/';
  const manifestRel = relativeManifestPath(root, opts.manifestPath ?? settings.manifestPath);
  opts.onProgress?.('manifest', 0, 1);
  const manifestLoad = await loadManifest(opts.host, root, manifestRel);
  const manifest = manifestLoad.manifest;
  const policy = manifest?.policy ?? DEFAULT_POLICY;

  opts.onProgress?.('listing', 0, 1);
  const listing = await listWorkspace(opts.host, root, { include: policy.include, exclude: [...policy.exclude, ...settings.exclude] });
  const isTest = globMatcher(policy.tests);
  const jobs: FileJob[] = listing.sources.map((s) => ({ path: s.path, absPath: s.absPath, language: s.language, isTest: isTest(s.path), size: s.size }));
  const analyzers = enabledAnalyzers(settings);
  const runner = opts.runner ?? inProcessRunner(opts.host, opts.grammars);
  const results = await runner.run(jobs, settings, (done) => opts.onProgress?.('analysing', done, jobs.length));
  const files: FileFacts[] = [];
  const skipped: SkippedFile[] = [];
  for (const r of results) ('reason' in r ? skipped : files).push(r as never);

  const configFiles = await readTexts(opts.host, listing.configs);
  const packageFiles = await readTexts(opts.host, [...listing.configs, ...listing.others].filter((f) => isPackageManifest(f.path)));
  return assemble({ manifestLoad, listing, files, skipped, configFiles, packageFiles, settings, analyzersUsed: analyzers });
}

export interface AssembleInput {
  manifestLoad: ManifestLoadResult;
  listing: WorkspaceListing;
  files: FileFacts[];
  skipped: SkippedFile[];
  configFiles: ConfigFile[];
  packageFiles: ConfigFile[];
  settings: Settings;
  analyzersUsed: ReturnType<typeof enabledAnalyzers>;
}

/** Workspace-level rules over per-file facts; cheap enough to rerun on every edit in the editor. */
export function assemble(input: AssembleInput): CheckResult {
  const { manifestLoad, listing, skipped, settings } = input;
  const manifest = manifestLoad.manifest;
  const files = withEnabledInterop(input.files, manifest);
  const graph = buildTraceGraph(manifest, files);
  const raw: Finding[] = [...manifestLoad.findings];
  if (manifestLoad.missing) {
    raw.push({
      ruleId: 'trace/manifest-error',
      severity: 'information',
      message: `No ${settings.manifestPath} in this workspace: traceability checks need a manifest. Run "medtrace init" (or the "MedTrace: Create Manifest" command) to write a starter one. Cryptography and privacy checks run without it.`,
      path: settings.manifestPath || MANIFEST_FILE,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    });
  }
  raw.push(...traceFindings(graph, files));
  const soup = checkSoup({ manifest, files: input.packageFiles });
  if (manifest) raw.push(...soup.findings);
  for (const a of input.analyzersUsed) {
    const facts = new Map<string, unknown>();
    for (const f of files) if (a.name in f.analyzers) facts.set(f.path, f.analyzers[a.name]);
    try {
      raw.push(...a.check({ files, facts, configFiles: input.configFiles, manifest }));
    } catch (e) {
      raw.push(inputNote(manifest?.path ?? settings.manifestPath, `The ${a.name} analysis failed (${(e as Error).message}); other checks ran. Please report this.`));
    }
  }
  for (const f of files) raw.push(...f.notes);
  for (const s of skipped) raw.push(inputNote(s.path, `Not analysed: ${s.reason}.`));
  for (const p of listing.problems) raw.push(inputNote(p.path, `Not analysed: ${p.reason}.`));

  const ignores = new Map<string, IgnoreDirective[]>();
  for (const f of files) if (f.ignores.length) ignores.set(f.path, f.ignores);
  const { findings, suppressed } = finalizeFindings(raw, ignores, settings.severity);
  const exclusions: CheckResult['exclusions'] = [];
  for (const f of files) {
    for (const a of f.annotations) {
      if (a.tag !== 'untraced') continue;
      exclusions.push({
        path: f.path,
        line: a.tagRange.start.line,
        justification: a.text ?? '',
        declaration: a.scope.kind === 'declaration' ? f.declarations[a.scope.declaration].name : a.scope.kind === 'file' ? '(file)' : undefined,
      });
    }
  }
  return { manifestLoad, manifest, listing, files, skipped, graph, coverage: coverage(graph, files), dependencies: soup.dependencies, findings, suppressed, exclusions };
}

/** Keeps tags of other tools (OpenFastTrace, LOBSTER, codelinks, StrictDoc) only where policy.interop enables them. */
function withEnabledInterop(files: FileFacts[], manifest: Manifest | undefined): FileFacts[] {
  const interop = (manifest?.policy.interop ?? {}) as Record<string, unknown>;
  return files.map((f) =>
    f.annotations.some((a) => a.tool && interop[a.tool] !== true) ? { ...f, annotations: f.annotations.filter((a) => !a.tool || interop[a.tool] === true) } : f,
  );
}

function relativeManifestPath(root: string, p: string): string {
  if (p.startsWith('/')) return p.startsWith(root + '/') ? p.slice(root.length + 1) : p;
  return p.replace(/^\.\//, '');
}

async function readTexts(host: WorkspaceHost, files: readonly { path: string; absPath: string }[]): Promise<ConfigFile[]> {
  const out: ConfigFile[] = [];
  for (const f of files) {
    try {
      const bytes = await host.readFile(f.absPath);
      if (looksBinary(bytes)) continue;
      out.push({ path: f.path, text: decodeUtf8(bytes).text });
    } catch {
      // Unreadable config files are reported by the listing when it cannot stat them; reading races are ignored.
    }
  }
  return out;
}

