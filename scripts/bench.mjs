// `npm run bench`: generates a deterministic workspace (~2,000 files, ~300,000 lines, 12 languages),
// then prints in one run: a bare single-thread web-tree-sitter parse of every file (with the documented
// Language.load and with a compiled module, as MedTrace loads grammars), the full `medtrace check`
// (default settings, worker threads) and the check without crypto, privacy or both, with files/s, MB/s
// and peak RSS of each check process. Targets: check ≤ 1.5× bare parse and peak RSS ≤ 500 MB (issue 2);
// crypto adds ≤ 30% (issue 4) and privacy ≤ 50% (issue 5) to check time.
// If scripts/bench-lsp.mjs exists it runs next (editor latency figures).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWorkspace } from './bench-workspace.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ws = process.env.MEDTRACE_BENCH_DIR ?? join(root, 'bench-workspace');
const { files, lines, bytes } = generateWorkspace(ws, { files: Number(process.env.MEDTRACE_BENCH_FILES ?? 2000), seed: 42 });
console.log(`workspace: ${ws}\n  ${files} files, ${lines} lines, ${(bytes / 1048576).toFixed(1)} MB`);

// Every figure below is the median of RUNS runs, taken in interleaved rounds (each round runs every
// variant once), so that a slow spell of a shared machine falls on all variants alike. Each run is a
// fresh process: its time includes start-up and grammar loading, its peak RSS is its own.
const RUNS = Number(process.env.MEDTRACE_BENCH_RUNS ?? 3);
// Machine speed, so that figures from a throttled or shared machine can be told apart: a fixed JS loop,
// timed before and after the rounds (a host that slows down during the run skews the variants unevenly).
function calibrate() {
  const t = performance.now();
  let x = 0;
  for (let i = 0; i < 1e9; i++) x += i & 1;
  return x > 0 ? performance.now() - t : NaN;
}
const speedBefore = calibrate();
console.log(`machine: fixed 1e9-iteration loop ${speedBefore.toFixed(0)} ms (lower is faster; 670–680 ms on the 2-vCPU build machine when quiet)`);
const mb = bytes / 1048576;
// Two times per run: `ms`, measured by the script from its start until the result is known (for a check: run
// as the `medtrace` command runs it, in a child process, until its output is written), and `wall`, from
// spawning the script until it has exited, which is what `time medtrace check` shows. For the bare parse the
// exit waits for V8's background compilers (an optimising compile of Swift's 435 KB lexer takes ~3 s); the
// `medtrace` command does not wait for them (bin/medtrace.js).
function run(script, args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'scripts', script), ws, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${script} ${args.join(' ')} failed: ${r.stderr}`);
  return { ...JSON.parse(r.stdout.trim().split('\n').pop()), wall };
}
const variants = [
  // 1. Bare parse: every file through web-tree-sitter in one thread, nothing else.
  { name: 'bare parse, Language.load (1 thread)', script: 'bench-parse.cjs', args: ['load'] },
  { name: 'bare parse, compiled module (1 thread)', script: 'bench-parse.cjs', args: ['sync'] },
  // 2. medtrace check (default settings, worker threads), with and without the detectors.
  { name: 'check (all rules)', script: 'bench-check.cjs', args: [] },
  { name: 'check --skip crypto,privacy', script: 'bench-check.cjs', args: ['--skip', 'crypto,privacy'] },
  { name: 'check --skip privacy (trace+crypto)', script: 'bench-check.cjs', args: ['--skip', 'privacy'] },
  { name: 'check --skip crypto (trace+privacy)', script: 'bench-check.cjs', args: ['--skip', 'crypto'] },
];
const samples = variants.map(() => []);
for (let round = 0; round < RUNS; round++) {
  variants.forEach((v, i) => samples[i].push(run(v.script, v.args)));
  process.stdout.write(`  round ${round + 1}/${RUNS} done\n`);
}
const speedAfter = calibrate();
console.log(`machine after the rounds: ${speedAfter.toFixed(0)} ms`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const stats = samples.map((xs) => ({
  ms: median(xs.map((x) => x.ms)),
  min: Math.min(...xs.map((x) => x.ms)),
  max: Math.max(...xs.map((x) => x.ms)),
  wall: median(xs.map((x) => x.wall)),
  rss: Math.max(...xs.map((x) => x.maxRssKb ?? 0)),
  findings: xs[0].findings,
}));
const [bareLoad, bareSync, full, base, withCrypto, withPrivacy] = stats;
const bare = bareLoad.ms;
console.log(`\nmedian of ${RUNS} runs (min–max):`);
variants.forEach((v, i) => {
  const r = stats[i];
  const rss = r.rss ? `  peak RSS ${(r.rss / 1024).toFixed(0)} MB  ${r.findings} findings` : '';
  console.log(
    `${v.name.padEnd(40)} ${(r.ms / 1000).toFixed(2)} s (${(r.min / 1000).toFixed(2)}–${(r.max / 1000).toFixed(2)}), process ${(r.wall / 1000).toFixed(2)} s  ${(files / (r.ms / 1000)).toFixed(0)} files/s  ${(mb / (r.ms / 1000)).toFixed(1)} MB/s${rss}`,
  );
});
const pct = (x, k = 'ms') => `${(((x[k] - base[k]) / base[k]) * 100).toFixed(0)}%`;
console.log(`\ncrypto adds ${pct(withCrypto)} and privacy adds ${pct(withPrivacy)} to check time (targets: ≤ 30%, ≤ 50%)`);
console.log(`  measured as process time (start to exit): crypto adds ${pct(withCrypto, 'wall')}, privacy adds ${pct(withPrivacy, 'wall')}`);
// The same, paired by round: each round runs the variants back to back, so the ratio within a round is less
// affected by a slow spell of the machine than the ratio of the medians; printed with its range.
const [, , sFull, sBase, sCrypto, sPrivacy] = samples;
const paired = (xs, ys, k = 'ms') => {
  const r = xs.map((x, i) => (x[k] - ys[i][k]) / ys[i][k]).sort((a, b) => a - b);
  const f = (v) => `${(v * 100).toFixed(0)}%`;
  return `${f(r[Math.floor(r.length / 2)])} (${f(r[0])}–${f(r[r.length - 1])})`;
};
console.log(`paired by round (median, range): crypto adds ${paired(sCrypto, sBase)}, privacy adds ${paired(sPrivacy, sBase)} to the trace-only check;`);
console.log(`  to the default check (check vs check --skip X): crypto ${paired(sFull, sPrivacy)}, privacy ${paired(sFull, sCrypto)}`);
console.log(`  as process time: crypto adds ${paired(sCrypto, sBase, 'wall')}, privacy adds ${paired(sPrivacy, sBase, 'wall')} to the trace-only check`);
console.log(
  `check ÷ bare parse (Language.load): trace-only ${(base.ms / bare).toFixed(2)}×, full ${(full.ms / bare).toFixed(2)}× (target ≤ 1.5×); ` +
    `÷ bare parse with a compiled module: ${(base.ms / bareSync.ms).toFixed(2)}×, ${(full.ms / bareSync.ms).toFixed(2)}×`,
);
console.log(`peak RSS ≤ 500 MB → trace-only ${(base.rss / 1024).toFixed(0)} MB, full ${(full.rss / 1024).toFixed(0)} MB`);
// A run the host disturbed says nothing about MedTrace: its speed changed between the two calibrations, or a
// check came out faster than one that does a part of its work.
const disturbed = [];
if (Math.abs(speedAfter - speedBefore) / speedBefore > 0.15) disturbed.push(`the machine's speed changed during the run (${speedBefore.toFixed(0)} → ${speedAfter.toFixed(0)} ms)`);
if (full.ms < Math.max(withCrypto.ms, withPrivacy.ms)) disturbed.push('the full check came out faster than a check with one detector');
if (Math.min(withCrypto.ms, withPrivacy.ms) < base.ms) disturbed.push('a check with a detector came out faster than the trace-only check');
if (disturbed.length) console.log(`\nWARNING: a disturbed run: ${disturbed.join('; ')}. Run it again on a quiet machine.`);

if (existsSync(join(root, 'scripts', 'bench-lsp.mjs'))) {
  console.log('\nlanguage server:');
  execFileSync(process.execPath, [join(root, 'scripts', 'bench-lsp.mjs')], { stdio: 'inherit' });
}
