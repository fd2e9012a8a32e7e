/** WorkspaceHost over the real file system (CLI, workers, and the server's base layer). */
import { promises as fs } from 'fs';
import type { DirEntry, FileStat, WorkspaceHost } from '../core/workspace/host';

export const nodeHost: WorkspaceHost = {
  async readFile(p) {
    return fs.readFile(p);
  },
  async readDirectory(p) {
    const entries = await fs.readdir(p, { withFileTypes: true });
    return entries.map(
      (e): DirEntry => ({ name: e.name, kind: e.isSymbolicLink() ? 'symlink' : e.isDirectory() ? 'directory' : e.isFile() ? 'file' : 'other' }),
    );
  },
  async stat(p): Promise<FileStat | undefined> {
    try {
      const s = await fs.stat(p);
      const realPath = await fs.realpath(p);
      return { kind: s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other', size: s.size, realPath };
    } catch {
      return undefined;
    }
  },
};
