/** Grammar assets for tests: the built dist/grammars (npm test builds first) and the repository's queries. */
import * as path from 'path';
import { Grammars } from '../../server/src/core/language/grammars';

export const REPO_ROOT = process.env.MEDTRACE_REPO ?? path.resolve(__dirname, '..', '..', '..');

let shared: Grammars | undefined;
export function testGrammars(): Grammars {
  shared ??= new Grammars({ wasmDir: path.join(REPO_ROOT, 'dist', 'grammars'), queryDir: path.join(REPO_ROOT, 'grammars') });
  return shared;
}
