/**
 * Where the grammar assets are at run time. Bundles live in dist/ with the .wasm files in dist/grammars/
 * and the queries in <package root>/grammars/; this works from the repository, from an npm install and
 * from an installed .vsix alike, because all three keep that layout.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { GrammarAssets } from '../core/language/grammars';

export function packageRoot(): string {
  // __dirname is dist/ for bundles and out/server/src/node for compiled tests.
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'grammars', 'languages.json')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`MedTrace: cannot find its grammars folder above ${__dirname}; the installation is incomplete.`);
}

export function grammarAssets(): GrammarAssets {
  const root = packageRoot();
  const wasmDir = path.join(root, 'dist', 'grammars');
  if (!fs.existsSync(path.join(wasmDir, 'web-tree-sitter.wasm'))) {
    throw new Error(`MedTrace: ${wasmDir} has no web-tree-sitter.wasm; run "npm run build" first.`);
  }
  return { wasmDir, queryDir: path.join(root, 'grammars') };
}
