// Precision of the crypto and privacy detectors on public code bases nobody here wrote (`npm run eval:real`).
// Checks each code base of test/real/corpora.json from the local cache (fill it first with
// scripts/real-cache.mjs; nothing is downloaded here, and CI does not run this) with the built CLI, joins the
// crypto/* and privacy/* findings with the hand-made labels in test/real/labels/<id>.tsv and prints precision
// per code base, rule and language, the labelled findings no longer reported, the known misses
// (test/real/misses/<id>.tsv) and, for an OWASP Benchmark corpus, its score per category.
// Options:
//   --only id,id      these code bases only
//   --todo DIR        write, per code base, the unlabelled findings to label (all of them up to --sample N,
//                     default 40 labelled per code base, else a seeded random sample) as DIR/<id>.tsv
//   --save FILE       write the findings as JSON (to compare two builds with --diff)
//   --diff FILE       print the findings that are new or gone against a saved run
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir, loadCorpora, loadLabels, loadMisses } from './real-corpora.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = opt('--only')?.split(',');
const todoDir = opt('--todo');
const sampleSize = Number(opt('--sample') ?? 40);
const cache = cacheDir();
const cli = join(root, 'bin/medtrace.js');
if (!existsSync(join(root, 'dist/cli.js'))) {
  console.error('dist/cli.js is missing: run `npm run build` first (npm run eval:real does).');
  process.exit(2);
}

const langOfExt = new Map();
for (const l of JSON.parse(readFileSync(join(root, 'grammars/languages.json'), 'utf8')).languages) {
  for (const e of l.extensions) langOfExt.set(e, l.id);
}
const language = (path) => langOfExt.get(extname(path).toLowerCase()) ?? extname(path);
const detectorRule = (r) => r.startsWith('crypto/') || r.startsWith('privacy/');
const sampleKey = (id, key) => createHash('sha256').update(`${id}\0${key}`).digest('hex');

const results = {};
const hintCount = {};
const tally = () => ({ findings: 0, labelled: 0, tp: 0, fp: 0 });
const byCorpus = new Map();
const byRule = new Map();
const byLang = new Map();
const byFamily = new Map();
// The OWASP Benchmark's cases are written to be found: its findings would swamp the real code's precision.
const byFamilyReal = new Map();
/** Code bases marked heldOut: labelled once, never used to tune the detectors. */
const byFamilyHeldOut = new Map();
const stale = [];
const missReport = [];
const benchmarks = [];
const add = (map, key, f, verdict) => {
  if (!map.has(key)) map.set(key, tally());
  const t = map.get(key);
  t.findings++;
  if (verdict) {
    t.labelled++;
    t[verdict]++;
  }
};

for (const corpus of loadCorpora(root)) {
  if (only && !only.includes(corpus.id)) continue;
  const dir = join(cache, corpus.id);
  if (!existsSync(dir)) {
    console.error(`${corpus.id}: not in the cache (${dir}); fill it with scripts/real-cache.mjs. Skipped.`);
    continue;
  }
  const started = Date.now();
  const run = spawnSync(process.execPath, [cli, 'check', dir, '--format', 'json', '--fail-on', 'none'], {
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    console.error(`${corpus.id}: medtrace check exited ${run.status}\n${run.stderr}`);
    process.exitCode = 1;
    continue;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  // Hints are shown, not claimed: not counted. A labelled finding demoted to a hint is reported as gone
  // (or LOST, when it was true), like one no longer reported at all.
  const all = JSON.parse(run.stdout).findings.filter((f) => detectorRule(f.ruleId));
  hintCount[corpus.id] = all.filter((f) => f.severity === 'hint').length;
  const findings = all
    .filter((f) => f.severity !== 'hint')
    .map((f) => ({ key: `${f.path}:${f.line} ${f.ruleId}`, path: f.path, line: f.line, rule: f.ruleId, message: f.message }));
  results[corpus.id] = findings;
  const labels = loadLabels(join(root, 'test/real/labels', `${corpus.id}.tsv`));
  // An OWASP Benchmark corpus labels its own test cases: a finding of a category's rule in a test case's
  // file is true when the case is a real vulnerability of that category.
  const cases = corpus.benchmark ? benchmarkCases(corpus, dir) : undefined;
  if (cases) for (const [k, l] of benchmarkLabels(corpus, cases, findings)) if (!labels.has(k)) labels.set(k, l);
  const seen = new Set();
  const unlabelled = [];
  for (const f of findings) {
    seen.add(f.key);
    const verdict = labels.get(f.key)?.verdict;
    if (!verdict) unlabelled.push(f);
    add(byCorpus, corpus.id, f, verdict);
    add(byRule, f.rule, f, verdict);
    add(byLang, language(f.path), f, verdict);
    add(byFamily, f.rule.split('/')[0], f, verdict);
    if (corpus.heldOut) add(byFamilyHeldOut, f.rule.split('/')[0], f, verdict);
    else if (!corpus.benchmark) add(byFamilyReal, f.rule.split('/')[0], f, verdict);
  }
  for (const [key, l] of labels) if (!seen.has(key)) stale.push({ id: corpus.id, key, ...l });
  const keys = new Set(findings.map((f) => f.key));
  for (const m of loadMisses(join(root, 'test/real/misses', `${corpus.id}.tsv`))) {
    missReport.push({ id: corpus.id, ...m, found: keys.has(`${m.where} ${m.rule}`) });
  }
  if (cases) benchmarks.push(scoreBenchmark(corpus, cases, findings));
  console.error(`${corpus.id}: ${findings.length} detector findings, ${hintCount[corpus.id]} hints not counted (${seconds} s)`);
  if (todoDir) {
    const labelled = findings.length - unlabelled.length;
    const want = findings.length <= sampleSize ? findings.length : Math.max(0, sampleSize - labelled);
    const pick = unlabelled
      .map((f) => ({ f, h: sampleKey(corpus.id, f.key) }))
      .sort((a, b) => (a.h < b.h ? -1 : 1))
      .slice(0, want)
      .map(({ f }) => `${f.path}:${f.line}\t${f.rule}\t?\t${f.message.replace(/\s+/g, ' ')}`);
    mkdirSync(todoDir, { recursive: true });
    writeFileSync(join(todoDir, `${corpus.id}.tsv`), pick.length ? `${pick.join('\n')}\n` : '');
  }
}

/** An OWASP Benchmark test case's name: its file's name without the extension. */
function caseName(path) {
  return path.replace(/^.*\//, '').replace(/\.\w+$/, '');
}

/** The Benchmark's expected results: test case name → its category and whether it is a real vulnerability. */
function benchmarkCases(corpus, dir) {
  const cases = new Map();
  for (const row of readFileSync(join(dir, corpus.benchmark.expected), 'utf8').split('\n').slice(1)) {
    const [name, category, real] = row.split(',');
    if (name) cases.set(name, { category, real: real === 'true' });
  }
  return cases;
}

function benchmarkLabels(corpus, cases, findings) {
  const out = new Map();
  for (const f of findings) {
    const c = cases.get(caseName(f.path));
    if (!c || corpus.benchmark.categories[c.category] !== f.rule) continue;
    out.set(f.key, { verdict: c.real ? 'tp' : 'fp', reason: `OWASP Benchmark expected result: ${c.category} ${c.real ? 'true' : 'false'}`, line: 0 });
  }
  return out;
}

/** OWASP Benchmark: a test case is flagged when a finding of the category's rule is in its file. */
function scoreBenchmark(corpus, cases, findings) {
  const out = [];
  for (const [category, rule] of Object.entries(corpus.benchmark.categories)) {
    const flagged = new Set(findings.filter((f) => f.rule === rule).map((f) => caseName(f.path)));
    const c = { category, rule, tp: 0, fn: 0, fp: 0, tn: 0 };
    for (const [name, kase] of cases) {
      if (kase.category !== category) continue;
      const hit = flagged.has(name);
      if (kase.real) c[hit ? 'tp' : 'fn']++;
      else c[hit ? 'fp' : 'tn']++;
    }
    out.push(c);
  }
  return { id: corpus.id, categories: out };
}

const pct = (t) => (t.labelled ? `${((100 * t.tp) / t.labelled).toFixed(0)}%` : '–');
function table(title, map) {
  console.log(`\n${title.padEnd(32)} findings labelled   tp   fp precision`);
  for (const [k, t] of [...map].sort((a, b) => a[0].localeCompare(b[0]))) {
    console.log(
      `${k.padEnd(32)} ${String(t.findings).padStart(8)} ${String(t.labelled).padStart(8)} ${String(t.tp).padStart(4)} ${String(t.fp).padStart(4)} ${pct(t).padStart(9)}`,
    );
  }
}
table('code base', byCorpus);
table('rule', byRule);
table('language', byLang);
table('detector', byFamily);
table('detector, tuning set (no benchmark)', byFamilyReal);
if (byFamilyHeldOut.size) table('detector, held-out code bases', byFamilyHeldOut);

if (stale.length) {
  console.log(`\nLabelled findings no longer reported: ${stale.filter((s) => s.verdict === 'tp').length} true (lost), ${stale.filter((s) => s.verdict === 'fp').length} false (gone)`);
  for (const s of stale) console.log(`  ${s.verdict === 'tp' ? 'LOST' : 'gone'} ${s.id} ${s.key}  (${s.reason})`);
}
if (missReport.length) {
  const found = missReport.filter((m) => m.found).length;
  console.log(`\nKnown misses: ${found} of ${missReport.length} now found`);
  for (const m of missReport) console.log(`  ${m.found ? 'found ' : 'missed'} ${m.id} ${m.where} ${m.rule}  ${m.what}`);
}
for (const b of benchmarks) {
  console.log(`\n${b.id}: category  rule  TPR  FPR  (tp fn fp tn)`);
  for (const c of b.categories) {
    const tpr = c.tp + c.fn ? ((100 * c.tp) / (c.tp + c.fn)).toFixed(0) : '–';
    const fpr = c.fp + c.tn ? ((100 * c.fp) / (c.fp + c.tn)).toFixed(0) : '–';
    console.log(`  ${c.category} ${c.rule} ${tpr}% ${fpr}%  (${c.tp} ${c.fn} ${c.fp} ${c.tn})`);
  }
}

const saveTo = opt('--save');
if (saveTo) writeFileSync(saveTo, JSON.stringify(results, null, 1));
const diffWith = opt('--diff');
if (diffWith) {
  const before = JSON.parse(readFileSync(diffWith, 'utf8'));
  console.log(`\nAgainst ${diffWith}:`);
  for (const id of Object.keys(results)) {
    const was = new Set((before[id] ?? []).map((f) => f.key));
    const now = new Set(results[id].map((f) => f.key));
    const gone = [...was].filter((k) => !now.has(k));
    const added = [...now].filter((k) => !was.has(k));
    if (!gone.length && !added.length) continue;
    console.log(`  ${id}: ${gone.length} gone, ${added.length} new`);
    for (const k of gone) console.log(`    - ${k}`);
    for (const k of added) console.log(`    + ${k}`);
  }
}
