// Bundles test TypeScript with esbuild, keeping the folder layout so tests find the repository at
// ../../.. . Packages stay external: they load from node_modules as Node would load them for a user
// (CommonJS builds, real .wasm files).
//   node scripts/build-tests.mjs                  every test/**/*.ts into out/ (wiped first)
//   node scripts/build-tests.mjs OUTDIR [SUBDIR]  only test/SUBDIR/** into OUTDIR, not wiped — e.g.
//                                                 `node scripts/build-tests.mjs /tmp/e2e-out e2e` to iterate on the e2e harness
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [outArg, sub] = process.argv.slice(2);
const outdir = resolve(outArg ?? join(root, 'out'));
const entries = [];
(function walk(d) {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'fixtures' && e.name !== 'node_modules') walk(p);
    } else if (/\.ts$/.test(e.name) && !e.name.endsWith('.d.ts')) entries.push(p);
  }
})(join(root, 'test', sub ?? ''));
if (!outArg) rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: entries.map((e) => ({ in: e, out: relative(root, e).replace(/\.ts$/, '') })),
  outdir,
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
