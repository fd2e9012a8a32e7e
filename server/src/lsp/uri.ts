/** file: URIs ↔ absolute paths. Other schemes (untitled:, git:) are not analysed. */
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.resolve(fileURLToPath(uri)).replace(/\\/g, '/');
  } catch {
    return undefined;
  }
}

export function pathToUri(absPath: string): string {
  return pathToFileURL(absPath).href;
}
