// Bundles every test/**/*.test.ts (and the e2e suite entry) into out/ with esbuild, keeping the same
// folder layout so tests find the repository at ../../.. . Packages stay external: they load from
// node_modules as Node would load them for a user (CommonJS builds, real .wasm files).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = [];
(function walk(d) {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'fixtures' && e.name !== 'node_modules') walk(p);
    } else if (/\.ts$/.test(e.name) && !e.name.endsWith('.d.ts')) entries.push(p);
  }
})(join(root, 'test'));
rmSync(join(root, 'out'), { recursive: true, force: true });
await esbuild.build({
  entryPoints: entries.map((e) => ({ in: e, out: relative(root, e).replace(/\.ts$/, '') })),
  outdir: join(root, 'out'),
  bundle: true,
  packages: 'external',
  external: ['vscode'],
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
  loader: { '.json': 'json' },
});
