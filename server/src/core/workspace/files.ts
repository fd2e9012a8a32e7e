/**
 * Enumerates the workspace: walks folders through the host, applies policy include/exclude globs and the
 * default excludes (vendored, generated, build and dependency trees), breaks symlink loops, and sorts
 * each file into what the engine does with it.
 */
import picomatch from 'picomatch';
import { languageForPath, type LanguageInfo } from '../language/languages';
import { isWithin, type WorkspaceHost } from './host';

const DEFAULT_EXCLUDED_DIRS = new Set([
  'node_modules', '.git', '.hg', '.svn', 'vendor', 'third_party', 'third-party', 'external', 'build', 'dist', 'out',
  'target', 'obj', '.venv', 'venv', '__pycache__', '.tox', '.mypy_cache', '.pytest_cache', '.gradle', '.idea',
  '.vscode-test', 'generated', '.next', 'coverage', 'cmake-build-debug', 'cmake-build-release', 'Pods', '.build',
  // Installed Python packages, whatever the virtual environment is called (env/lib/python3.x/site-packages).
  'site-packages', 'dist-packages', '__pypackages__',
]);

const VCS_DIRS = new Set(['.git', '.hg', '.svn']);
/**
 * `bin/` holds hand-written scripts in Node and Python projects (bin/cli.js, bin/manage.py) and is analysed;
 * only .NET's build output under it (bin/Debug, bin/Release) is skipped.
 */
const BUILD_OUTPUT_UNDER_BIN = new Set(['Debug', 'Release']);

/**
 * Is the folder `name`, inside the folder at `parentPath` (relative to the root, '' at the root), one the default
 * excludes skip? An `external/` inside a source tree (`packages/zambdas/src/ehr/lab/external/`: the product's
 * code for external laboratories) is the product's own code; elsewhere it holds vendored libraries.
 */
export function isDefaultExcludedDir(name: string, parentPath: string): boolean {
  if (name === 'external' && /(^|\/)src(\/|$)/.test(parentPath)) return false;
  const parent = parentPath.slice(parentPath.lastIndexOf('/') + 1);
  return DEFAULT_EXCLUDED_DIRS.has(name) || (parent === 'bin' && BUILD_OUTPUT_UNDER_BIN.has(name));
}

/** Platform files that configure transport security, read as configuration (crypto/platformConfig.ts). */
export const PLATFORM_CONFIG_FILE = /(^|\/)(AndroidManifest\.xml|Info\.plist)$|(^|\/)res\/xml\/[^/]+\.xml$/;
const CONFIG_EXT = /(\.properties|\.ya?ml|\.json|\.toml|\.ini|\.cfg|\.conf)$|(^|\/)\.env(\.[\w.-]+)?$/i;
/** Is the file configuration the analysers read (by its name)? */
export const isConfigFile = (path: string): boolean => CONFIG_EXT.test(path) || PLATFORM_CONFIG_FILE.test(path);
const LOCKFILE = /(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml|Cargo\.lock|poetry\.lock|composer\.lock)$/;
const MAX_CONFIG_BYTES = 512 * 1024;

const OUTSIDE = 'points outside the workspace (a symbolic link whose target is not under the workspace folder); only files inside the workspace are analysed';

export interface WorkspaceFile {
  /** Relative to the root, forward slashes. */
  path: string;
  absPath: string;
  size: number;
}

export interface SourceFileEntry extends WorkspaceFile {
  language: LanguageInfo;
}

export interface WorkspaceListing {
  sources: SourceFileEntry[];
  /** Files that may configure code (for resolving algorithm names read from configuration). */
  configs: WorkspaceFile[];
  /** Every other file in scope (package manifests are picked from these and from configs by name). */
  others: WorkspaceFile[];
  /** Paths and reasons for what could not be listed (unreadable folder, symlink loop). */
  problems: { path: string; reason: string }[];
  /** Number of files in scope whose type MedTrace does not parse (said in verbose output). */
  unknownTypes: number;
  /**
   * Folders skipped by the default excludes (dependencies, build output, virtual environments), not by
   * the user's policy: the summary counts them and --verbose lists them. Their files are not counted —
   * that would mean walking node_modules.
   */
  skippedDirs: string[];
}

export interface ListOptions {
  include: string[];
  exclude: string[];
  /** Stop after this many files, saying so (protects editors opened on a home folder). */
  maxFiles?: number;
}

export async function listWorkspace(host: WorkspaceHost, rootAbs: string, opts: ListOptions): Promise<WorkspaceListing> {
  const include = picomatch(opts.include.length ? opts.include : ['**/*'], { dot: true });
  const exclude = opts.exclude.length ? picomatch(opts.exclude, { dot: true }) : () => false;
  const out: WorkspaceListing = { sources: [], configs: [], others: [], problems: [], unknownTypes: 0, skippedDirs: [] };
  const visited = new Set<string>();
  const maxFiles = opts.maxFiles ?? 200000;
  let count = 0;
  /** Canonical root: entries whose canonical path is not under it are outside the workspace, however linked. */
  let rootReal = '';

  async function walk(absDir: string, relDir: string): Promise<void> {
    const st = await host.stat(absDir);
    if (!st) {
      out.problems.push({ path: relDir || '.', reason: 'folder cannot be read' });
      return;
    }
    if (visited.has(st.realPath)) {
      out.problems.push({ path: relDir, reason: 'symlink loop (folder already visited through another path); skipped' });
      return;
    }
    visited.add(st.realPath);
    if (relDir === '') rootReal = st.realPath;
    let entries;
    try {
      entries = await host.readDirectory(absDir);
    } catch (e) {
      out.problems.push({ path: relDir || '.', reason: `folder cannot be read: ${(e as Error).message}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const rel = relDir ? `${relDir}/${e.name}` : e.name;
      const abs = `${absDir}/${e.name}`;
      let kind = e.kind;
      let size = 0;
      let outside = false;
      if (kind === 'symlink' || kind === 'file') {
        const s = await host.stat(abs);
        if (!s) {
          out.problems.push({ path: rel, reason: kind === 'symlink' ? 'broken symlink' : 'file cannot be read' });
          continue;
        }
        outside = e.kind === 'symlink' && !isWithin(rootReal, s.realPath);
        kind = s.kind;
        size = s.size;
      }
      if (kind === 'directory') {
        if (exclude(rel) || exclude(rel + '/')) continue;
        if (outside) {
          out.problems.push({ path: rel, reason: OUTSIDE });
          continue;
        }
        if (isDefaultExcludedDir(e.name, relDir)) {
          // Version-control folders are never code: naming them would only be noise.
          if (!VCS_DIRS.has(e.name)) out.skippedDirs.push(rel);
          continue;
        }
        await walk(abs, rel);
        continue;
      }
      if (kind === 'other' && languageForPath(rel) && include(rel) && !exclude(rel)) {
        // A FIFO or device named like source: reading it could block forever, so it is named, not read.
        out.problems.push({ path: rel, reason: 'not a regular file (FIFO, socket or device)' });
        continue;
      }
      if (kind !== 'file' || !include(rel) || exclude(rel)) continue;
      if (outside) {
        // Named only when MedTrace would have read it: a link to an outside README is not worth a note.
        if (languageForPath(rel) || isConfigFile(rel)) out.problems.push({ path: rel, reason: OUTSIDE });
        continue;
      }
      if (++count > maxFiles) {
        if (count === maxFiles + 1) out.problems.push({ path: rel, reason: `more than ${maxFiles} files in scope; the rest were not analysed (narrow policy.include)` });
        continue;
      }
      const file: WorkspaceFile = { path: rel, absPath: abs, size };
      const language = languageForPath(rel);
      if (language) out.sources.push({ ...file, language });
      else if (isConfigFile(rel) && !LOCKFILE.test(rel) && size <= MAX_CONFIG_BYTES) out.configs.push(file);
      else {
        out.others.push(file);
        out.unknownTypes++;
      }
    }
  }
  await walk(rootAbs.replace(/\/+$/, '') || '/', '');
  return out;
}

/** picomatch over workspace-relative paths, cached per glob list. */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  if (!globs.length) return () => false;
  const m = picomatch(globs as string[], { dot: true });
  return (p) => m(p);
}
