/**
 * The core reads the workspace only through this interface, so the CLI (Node fs), the language server
 * (fs overlaid with open editor buffers) and tests (in-memory) can each hand in their own.
 * Paths given to and returned by a host are absolute, in the host's own form (POSIX on Linux/macOS).
 */
export type EntryKind = 'file' | 'directory' | 'symlink' | 'other';

export interface DirEntry {
  name: string;
  kind: EntryKind;
}

export interface FileStat {
  kind: EntryKind;
  size: number;
  /** Canonical path (symlinks resolved), used to break symlink loops. */
  realPath: string;
}

export interface WorkspaceHost {
  readFile(absPath: string): Promise<Uint8Array>;
  readDirectory(absPath: string): Promise<DirEntry[]>;
  /** Follows symlinks; undefined when the path does not exist or cannot be read. */
  stat(absPath: string): Promise<FileStat | undefined>;
}

/**
 * Is the canonical path `real` the canonical root `rootReal` or inside it? Both come from FileStat.realPath,
 * so symlinks are already resolved: this is how the workspace is confined (a link that leads out is outside).
 */
export function isWithin(rootReal: string, real: string): boolean {
  const root = rootReal.replace(/[\\/]+$/, '');
  if (real === root || root === '') return true;
  const sep = root.includes('\\') && !root.includes('/') ? '\\' : '/';
  return real.startsWith(root + sep);
}

/** Decodes file bytes as UTF-8; `valid` is false when the bytes were not UTF-8 (replacement characters were used). */
export function decodeUtf8(bytes: Uint8Array): { text: string; valid: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), valid: true };
  } catch {
    return { text: new TextDecoder('utf-8', { fatal: false }).decode(bytes), valid: false };
  }
}

/** A NUL byte in the first 8 KiB is how git and most tools tell binary from text. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}
