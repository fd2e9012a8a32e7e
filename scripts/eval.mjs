// Precision and recall of a detector family over its labelled fixture corpus (test/fixtures/<family>),
// by rule and language. Bundles server/src/core/<family>/eval.ts with esbuild into a temporary file and runs it.
// Usage: node scripts/eval.mjs crypto|privacy [corpus-dir] [--verbose]      (npm run eval:crypto / eval:privacy)
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [family, ...args] = process.argv.slice(2);
if (family !== 'crypto' && family !== 'privacy') {
  console.error('usage: node scripts/eval.mjs crypto|privacy [corpus-dir] [--verbose]');
  process.exit(2);
}
process.chdir(root);
const out = mkdtempSync(join(tmpdir(), `medtrace-eval-${family}-`));
const file = join(out, `eval-${family}.cjs`);
try {
  await esbuild.build({
    entryPoints: [join(root, `server/src/core/${family}/eval.ts`)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: file,
    logLevel: 'warning',
    loader: { '.json': 'json' },
    // As scripts/build.mjs: the package's ESM build needs import.meta.url, which a CommonJS bundle lacks.
    alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
    external: ['fs/promises', 'module'],
  });
  const require = createRequire(import.meta.url);
  const { main } = require(file);
  const corpus = args.find((a) => !a.startsWith('--')) ?? `test/fixtures/${family}`;
  process.exitCode = await main([corpus, ...args.filter((a) => a.startsWith('--'))]);
} finally {
  rmSync(out, { recursive: true, force: true });
}
