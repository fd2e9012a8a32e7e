// `npm run bench`: generates a deterministic workspace (~2,000 files, ~300,000 lines, 12 languages),
// then prints in one run: a bare single-thread web-tree-sitter parse of every file, the full
// `medtrace check` (default settings, worker threads) and `check --skip crypto,privacy`, with files/s,
// MB/s and peak RSS of each check process. Targets (issue 2): check ≤ 1.5× bare parse, peak RSS ≤ 500 MB.
// If scripts/bench-lsp.mjs exists it runs next (editor latency figures).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWorkspace } from './bench-workspace.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const ws = process.env.MEDTRACE_BENCH_DIR ?? join(root, 'bench-workspace');
const { files, lines, bytes } = generateWorkspace(ws, { files: Number(process.env.MEDTRACE_BENCH_FILES ?? 2000), seed: 42 });
console.log(`workspace: ${ws}\n  ${files} files, ${lines} lines, ${(bytes / 1048576).toFixed(1)} MB`);

// 1. Bare parse: every file through web-tree-sitter in this thread, nothing else.
const { Parser, Language } = require('web-tree-sitter');
const { languages } = JSON.parse(readFileSync(join(root, 'grammars', 'languages.json'), 'utf8'));
await Parser.init({ locateFile: (n) => join(root, 'dist', 'grammars', n) });
const byExt = new Map();
for (const l of languages) for (const e of l.extensions) byExt.set(e, l);
const parsers = new Map();
const list = [];
(function walk(d) {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) walk(p);
    else list.push(p);
  }
})(ws);
let parsed = 0;
const t0 = performance.now();
for (const p of list) {
  const l = byExt.get(p.slice(p.lastIndexOf('.')));
  if (!l) continue;
  let parser = parsers.get(l.id);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(await Language.load(join(root, 'dist', 'grammars', l.wasm)));
    parsers.set(l.id, parser);
  }
  const tree = parser.parse(readFileSync(p, 'utf8'));
  tree.delete();
  parsed++;
}
const bare = performance.now() - t0;
const mb = bytes / 1048576;
console.log(`\nbare parse (1 thread):  ${(bare / 1000).toFixed(2)} s  ${(parsed / (bare / 1000)).toFixed(0)} files/s  ${(mb / (bare / 1000)).toFixed(1)} MB/s`);

// 2. Full check, in a child process so its peak RSS is its own.
function check(extra) {
  const runner = join(root, 'scripts', 'bench-check.cjs');
  const r = spawnSync(process.execPath, [runner, ws, ...extra], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`check failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}
const rows = [
  ['check (all rules)', check([])],
  ['check --skip crypto,privacy', check(['--skip', 'crypto,privacy'])],
  ['check --skip privacy (trace+crypto)', check(['--skip', 'privacy'])],
  ['check --skip crypto (trace+privacy)', check(['--skip', 'crypto'])],
];
for (const [name, r] of rows) {
  console.log(
    `${name.padEnd(38)} ${(r.ms / 1000).toFixed(2)} s  ${(files / (r.ms / 1000)).toFixed(0)} files/s  ${(mb / (r.ms / 1000)).toFixed(1)} MB/s  ` +
      `peak RSS ${(r.maxRssKb / 1024).toFixed(0)} MB  ${r.findings} findings  ratio to bare parse ${(r.ms / bare).toFixed(2)}×`,
  );
}
const base = rows[1][1].ms;
console.log(`\ncrypto adds ${(((rows[2][1].ms - base) / base) * 100).toFixed(0)}% and privacy adds ${(((rows[3][1].ms - base) / base) * 100).toFixed(0)}% to check time (targets: ≤ 30%, ≤ 50%)`);
console.log(`targets: full check ≤ 1.5× bare parse → ${(rows[0][1].ms / bare).toFixed(2)}×; peak RSS ≤ 500 MB → ${(rows[0][1].maxRssKb / 1024).toFixed(0)} MB`);

if (existsSync(join(root, 'scripts', 'bench-lsp.mjs'))) {
  console.log('\nlanguage server:');
  execFileSync(process.execPath, [join(root, 'scripts', 'bench-lsp.mjs')], { stdio: 'inherit' });
}
