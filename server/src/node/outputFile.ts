/**
 * The one way the CLI writes a file (reports, SBOMs, imports, exports, `init`): never through a symbolic
 * link, never half-written. The data goes to a temporary file beside the target, is flushed, and is renamed
 * over the target, so a full disk or a killed process leaves the previous file whole.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isWithin } from '../core/workspace/host';

export interface WriteOptions {
  /**
   * Write only if the target's folder, with symlinks resolved, is inside this folder (a default output
   * path inside the workspace must not be led out of it by a linked folder). Explicit paths are not confined.
   */
  confineTo?: string;
}

/** Is something (a file, a folder, a link, even a dangling one) at `p`? Unlike fs.existsSync it does not follow links. */
export function pathTaken(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** Writes `data` to `target` atomically; throws an Error whose message says why not (the caller names the file). */
export function writeOutputFile(target: string, data: string | Uint8Array, opts: WriteOptions = {}): void {
  const abs = path.resolve(target);
  const dir = path.dirname(abs);
  fs.mkdirSync(dir, { recursive: true });
  if (opts.confineTo !== undefined && !isWithin(fs.realpathSync(opts.confineTo), fs.realpathSync(dir))) {
    throw new Error(`its folder leads outside the workspace through a symbolic link; name the path with --output to write there on purpose`);
  }
  let mode = 0o666;
  const existing = lstatOrUndefined(abs);
  if (existing?.isSymbolicLink()) throw new Error('it is a symbolic link, and MedTrace does not write through links; remove the link or choose another path');
  if (existing && !existing.isFile()) throw new Error('it exists and is not a regular file');
  if (existing) mode = existing.mode & 0o7777;
  const tmp = path.join(dir, `.${path.basename(abs)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  // 'wx' refuses to open anything already at the temporary name (a planted link included).
  const fd = fs.openSync(tmp, 'wx', mode);
  try {
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let off = 0;
      while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, abs);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

function lstatOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch {
    return undefined;
  }
}
