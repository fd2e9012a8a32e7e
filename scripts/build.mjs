// Builds every bundle with esbuild and copies the grammar .wasm files the core loads at run time.
//   dist/cli.js     the `medtrace` command          dist/server.js  the language server (stdio / IPC)
//   dist/worker.js  file-analysis worker thread     dist/client.js  the VS Code extension (vscode external)
//   dist/grammars/  web-tree-sitter.wasm + one .wasm per language in grammars/languages.json
// Usage: node scripts/build.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

function copyGrammars() {
  const out = join(root, 'dist', 'grammars');
  mkdirSync(out, { recursive: true });
  copyFileSync(join(dirname(require.resolve('web-tree-sitter')), 'web-tree-sitter.wasm'), join(out, 'web-tree-sitter.wasm'));
  const { languages } = JSON.parse(readFileSync(join(root, 'grammars', 'languages.json'), 'utf8'));
  for (const l of languages) {
    const src = join(root, 'node_modules', l.from);
    if (!existsSync(src)) throw new Error(`grammar for ${l.id} not found at ${src} (run npm ci)`);
    copyFileSync(src, join(out, l.wasm));
  }
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  loader: { '.json': 'json' },
  // The package's ESM build needs import.meta.url, which a CommonJS bundle lacks: take its CJS build.
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
  // web-tree-sitter probes for these in environments we never run in.
  external: ['fs/promises', 'module'],
};

const builds = [
  { entryPoints: { cli: 'server/src/cli/main.ts' } },
  { entryPoints: { server: 'server/src/lsp/main.ts' } },
  { entryPoints: { worker: 'server/src/node/worker.ts' } },
  { entryPoints: { client: 'client/src/extension.ts' }, external: ['vscode'] },
].filter((b) => existsSync(join(root, Object.values(b.entryPoints)[0])));

copyGrammars();
const contexts = await Promise.all(
  builds.map((b) => esbuild.context({ ...common, ...b, external: [...common.external, ...(b.external ?? [])], outdir: join(root, 'dist'), absWorkingDir: root })),
);
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('medtrace: watching for changes…');
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
