// Precision and recall of the privacy rules over the fixture corpus (test/fixtures/privacy), by rule and
// language. Bundles server/src/core/privacy/eval.ts with esbuild into a temporary file and runs it.
// Usage: node scripts/eval-privacy.mjs [corpus-dir] [--verbose]      (npm run eval:privacy)
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const out = mkdtempSync(join(tmpdir(), 'medtrace-eval-privacy-'));
const file = join(out, 'eval-privacy.cjs');
try {
  await esbuild.build({
    entryPoints: [join(root, 'server/src/core/privacy/eval.ts')],
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
  const args = process.argv.slice(2);
  const corpus = args.find((a) => !a.startsWith('--')) ?? 'test/fixtures/privacy';
  process.exitCode = await main([corpus, ...args.filter((a) => a.startsWith('--'))]);
} finally {
  rmSync(out, { recursive: true, force: true });
}
