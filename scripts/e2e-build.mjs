// Bundles only test/e2e/**/*.ts (harness + e2e tests, not fixtures) the way scripts/build-tests.mjs
// bundles all tests, into OUTDIR (default: out/), without wiping the folder first. For iterating on
// the e2e harness:  node scripts/e2e-build.mjs /tmp/e2e-out && npx mocha /tmp/e2e-out/test/e2e/harness.test.js
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = resolve(process.argv[2] ?? join(root, 'out'));
const entries = [];
(function walk(d) {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'fixtures' && e.name !== 'node_modules') walk(p);
    } else if (/\.ts$/.test(e.name) && !e.name.endsWith('.d.ts')) entries.push(p);
  }
})(join(root, 'test', 'e2e'));
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
});
console.log(`e2e: bundled ${entries.length} files into ${relative(process.cwd(), outdir) || '.'}/test/e2e`);
