/**
 * An in-memory WorkspaceHost for tests: a workspace described as `{ 'rel/path': contents }`.
 *
 *   const host = new MemoryHost({ 'medtrace.yaml': 'version: 1\n', 'src/a.ts': '// @implements SRS-1\n' });
 *   await loadManifest(host, host.root);
 *
 * - Paths given to the constructor and to `set`/`remove`/`symlink` are relative to `root` (forward slashes);
 *   paths given to the WorkspaceHost methods are absolute, as the core passes them. `host.abs('a/b')` converts.
 * - Folders exist implicitly as parents of files; add an empty one with `mkdir`.
 * - Symlinks: `symlink('link', 'target')` with a target relative to the root (file or folder). `stat` and
 *   `readFile` follow them (loops raise ELOOP / report undefined), `readDirectory` reports them as 'symlink',
 *   like Node's `readdir(..., { withFileTypes: true })`. `stat().realPath` is the resolved path.
 * - `unreadable('path')` makes `readFile`/`readDirectory` reject with EACCES while `stat` still succeeds.
 * - `reads` records every `readFile` call (absolute paths), to assert what the core touched.
 */
import * as path from 'path';
import type { DirEntry, EntryKind, FileStat, WorkspaceHost } from '../../server/src/core/workspace/host';

type Node = { kind: 'file'; data: Uint8Array } | { kind: 'directory' } | { kind: 'symlink'; target: string };

const MAX_LINK_HOPS = 40;

function fsError(code: string, message: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`${code}: ${message}`);
  err.code = code;
  return err;
}

export class MemoryHost implements WorkspaceHost {
  /** Absolute path of the workspace root. */
  readonly root: string;
  readonly reads: string[] = [];
  private readonly nodes = new Map<string, Node>();
  private readonly denied = new Set<string>();

  constructor(files: Record<string, string | Uint8Array> = {}, root = '/ws') {
    this.root = path.posix.resolve(root);
    this.ensureDir(this.root);
    for (const [rel, contents] of Object.entries(files)) this.set(rel, contents);
  }

  /** Absolute path of a root-relative path. */
  abs(rel: string): string {
    return path.posix.resolve(this.root, rel);
  }

  /** Creates or replaces a file (and its parent folders). Strings are stored as UTF-8. */
  set(rel: string, contents: string | Uint8Array): this {
    const abs = this.abs(rel);
    this.ensureDir(path.posix.dirname(abs));
    const data = typeof contents === 'string' ? new TextEncoder().encode(contents) : contents;
    this.nodes.set(abs, { kind: 'file', data });
    return this;
  }

  /** Creates an empty folder (and its parents). */
  mkdir(rel: string): this {
    this.ensureDir(this.abs(rel));
    return this;
  }

  /** Creates a symlink at `rel` pointing to `targetRel` (relative to the root; need not exist). */
  symlink(rel: string, targetRel: string): this {
    const abs = this.abs(rel);
    this.ensureDir(path.posix.dirname(abs));
    this.nodes.set(abs, { kind: 'symlink', target: this.abs(targetRel) });
    return this;
  }

  /** Removes a file, symlink or folder (with everything under it). */
  remove(rel: string): this {
    const abs = this.abs(rel);
    for (const key of [...this.nodes.keys()]) {
      if (key === abs || key.startsWith(`${abs}/`)) this.nodes.delete(key);
    }
    return this;
  }

  /** Makes reading this file or folder fail with EACCES. */
  unreadable(rel: string): this {
    this.denied.add(this.abs(rel));
    return this;
  }

  async readFile(absPath: string): Promise<Uint8Array> {
    this.reads.push(absPath);
    const real = this.realPath(absPath);
    const node = real === undefined ? undefined : this.nodes.get(real);
    if (!node || real === undefined) throw fsError('ENOENT', `no such file: ${absPath}`);
    if (node.kind === 'directory') throw fsError('EISDIR', `is a directory: ${absPath}`);
    if (this.denied.has(real) || this.denied.has(path.posix.resolve(absPath))) throw fsError('EACCES', `permission denied: ${absPath}`);
    if (node.kind !== 'file') throw fsError('ENOENT', `no such file: ${absPath}`);
    return node.data.slice();
  }

  async readDirectory(absPath: string): Promise<DirEntry[]> {
    const real = this.realPath(absPath);
    const node = real === undefined ? undefined : this.nodes.get(real);
    if (!node || real === undefined) throw fsError('ENOENT', `no such directory: ${absPath}`);
    if (node.kind !== 'directory') throw fsError('ENOTDIR', `not a directory: ${absPath}`);
    if (this.denied.has(real)) throw fsError('EACCES', `permission denied: ${absPath}`);
    const prefix = real === '/' ? '/' : `${real}/`;
    const out: DirEntry[] = [];
    for (const [key, child] of this.nodes) {
      if (key.startsWith(prefix) && key !== real && !key.slice(prefix.length).includes('/')) {
        out.push({ name: key.slice(prefix.length), kind: child.kind as EntryKind });
      }
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async stat(absPath: string): Promise<FileStat | undefined> {
    const real = this.realPath(absPath);
    const node = real === undefined ? undefined : this.nodes.get(real);
    if (!node || real === undefined || node.kind === 'symlink') return undefined;
    return { kind: node.kind, size: node.kind === 'file' ? node.data.length : 0, realPath: real };
  }

  /** Resolves symlinks in every component; undefined for a missing path or a symlink loop. */
  private realPath(absPath: string): string | undefined {
    const parts = path.posix.resolve(absPath).split('/').filter((p) => p !== '');
    let current = '/';
    let hops = 0;
    while (parts.length > 0) {
      const next = path.posix.join(current, parts.shift() as string);
      const node = this.nodes.get(next);
      if (!node) return undefined;
      if (node.kind === 'symlink') {
        if (++hops > MAX_LINK_HOPS) return undefined;
        // Re-walk the target's components, then continue with what remained.
        parts.unshift(...node.target.split('/').filter((p) => p !== ''));
        current = '/';
        continue;
      }
      current = next;
    }
    return current;
  }

  private ensureDir(abs: string): void {
    let dir = abs;
    const missing: string[] = [];
    while (!this.nodes.has(dir)) {
      missing.push(dir);
      const parent = path.posix.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    for (const d of missing) this.nodes.set(d, { kind: 'directory' });
  }
}
