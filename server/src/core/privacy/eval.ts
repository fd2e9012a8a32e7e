/**
 * Fixture evaluation for the privacy rules (used by test/core/privacy.test.ts and scripts/eval.mjs privacy).
 *
 * Corpus layout: test/fixtures/privacy/<language>/… Each <language> folder is analysed as one workspace
 * (so flows through functions of other files in it resolve). A source line carrying
 * `expect: privacy/<rule>[, privacy/<rule>…]` in a comment expects exactly those findings on that line
 * (findings are reported at the sink, on the line where the sink call starts); every other line expects none.
 *
 * Development tooling: reads the file system; not part of the analysis core's runtime.
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText } from '../engine/analyzeFile';
import type { FileFacts } from '../engine/fileFacts';
import { Grammars, type GrammarAssets } from '../language/grammars';
import { languageForPath } from '../language/languages';
import type { Manifest } from '../manifest/model';
import type { Finding } from '../types';
import { privacyAnalyzer } from './analyzer';
import type { PrivacyFacts } from './facts';

export interface FixtureFile {
  path: string;
  language: string;
  expected: { line: number; rule: string }[];
  actual: Finding[];
}

export interface FixtureWorkspace {
  language: string;
  files: FixtureFile[];
  collectMs: number;
  checkMs: number;
}

function walk(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...walk(path.join(dir, e.name), r));
    else out.push(r);
  }
  return out;
}

export function expectations(text: string): { line: number; rule: string }[] {
  const out: { line: number; rule: string }[] = [];
  text.split('\n').forEach((l, i) => {
    const m = /expect:\s*(privacy\/[\w-]+(?:\s*,\s*privacy\/[\w-]+)*)/.exec(l);
    if (m) for (const r of m[1].split(',')) out.push({ line: i, rule: r.trim() });
  });
  return out;
}

/** Analyses one folder as a workspace with the real engine pieces and the privacy analyser. */
export async function runWorkspace(grammars: Grammars, dir: string, language: string, prefix = language, manifest?: Manifest): Promise<FixtureWorkspace> {
  const files: FileFacts[] = [];
  const texts = new Map<string, string>();
  let collectMs = 0;
  for (const rel of walk(dir)) {
    const lang = languageForPath(rel);
    if (!lang) continue;
    const text = fs.readFileSync(path.join(dir, rel), 'utf8');
    const t0 = performance.now();
    const r = await analyzeText(grammars, rel, lang, text, { analyzers: [privacyAnalyzer as never], isTest: false, maxFileBytes: 2 * 1024 * 1024 });
    collectMs += performance.now() - t0;
    if ('reason' in r) continue;
    for (const n of r.notes) if (/analysis failed/.test(n.message)) throw new Error(`${prefix}/${rel}: ${n.message}`);
    files.push(r);
    texts.set(rel, text);
  }
  const facts = new Map<string, PrivacyFacts>();
  for (const f of files) if ('privacy' in f.analyzers) facts.set(f.path, f.analyzers.privacy as PrivacyFacts);
  const t0 = performance.now();
  const findings = privacyAnalyzer.check({ files, facts, configFiles: [], manifest });
  const checkMs = performance.now() - t0;
  const out: FixtureFile[] = files.map((f) => ({
    path: `${prefix}/${f.path}`,
    language,
    expected: expectations(texts.get(f.path)!),
    actual: findings.filter((x) => x.path === f.path),
  }));
  return { language, files: out, collectMs, checkMs };
}

export async function runCorpus(root: string, assets: GrammarAssets): Promise<FixtureWorkspace[]> {
  const grammars = new Grammars(assets);
  const out: FixtureWorkspace[] = [];
  for (const lang of fs.readdirSync(root).sort()) {
    const d = path.join(root, lang);
    if (fs.statSync(d).isDirectory()) out.push(await runWorkspace(grammars, d, lang));
  }
  return out;
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
}

/** Precision / recall per rule × language, by (file, line, rule). */
export function score(ws: readonly FixtureWorkspace[]): Map<string, Map<string, Score>> {
  const table = new Map<string, Map<string, Score>>();
  const cell = (rule: string, lang: string) => {
    let r = table.get(rule);
    if (!r) table.set(rule, (r = new Map()));
    let c = r.get(lang);
    if (!c) r.set(lang, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  for (const w of ws) {
    for (const f of w.files) {
      const exp = new Set(f.expected.map((e) => `${e.line}|${e.rule}`));
      const act = new Set(f.actual.map((a) => `${a.range.start.line}|${a.ruleId}`));
      for (const e of exp) cell(e.split('|')[1], w.language)[act.has(e) ? 'tp' : 'fn']++;
      for (const a of act) if (!exp.has(a)) cell(a.split('|')[1], w.language).fp++;
    }
  }
  return table;
}

export function formatTable(table: Map<string, Map<string, Score>>): string {
  const langs = [...new Set([...table.values()].flatMap((m) => [...m.keys()]))].sort();
  const rules = [...table.keys()].sort();
  const pct = (x: number, y: number) => (y === 0 ? '  -  ' : `${Math.round((100 * x) / y)}%`.padStart(5));
  const lines: string[] = [];
  lines.push(['rule'.padEnd(28), ...langs.map((l) => l.slice(0, 10).padStart(11)), 'all'.padStart(11)].join(' '));
  lines.push('(each cell: precision/recall; tp fp fn in the totals)');
  const totals: Score = { tp: 0, fp: 0, fn: 0 };
  for (const r of rules) {
    const row = [r.padEnd(28)];
    const all: Score = { tp: 0, fp: 0, fn: 0 };
    for (const l of langs) {
      const c = table.get(r)!.get(l);
      if (!c) {
        row.push(''.padStart(11));
        continue;
      }
      all.tp += c.tp;
      all.fp += c.fp;
      all.fn += c.fn;
      row.push(`${pct(c.tp, c.tp + c.fp)}/${pct(c.tp, c.tp + c.fn)}`.padStart(11));
    }
    totals.tp += all.tp;
    totals.fp += all.fp;
    totals.fn += all.fn;
    row.push(`${pct(all.tp, all.tp + all.fp)}/${pct(all.tp, all.tp + all.fn)}`.padStart(11) + `  (${all.tp} ${all.fp} ${all.fn})`);
    lines.push(row.join(' '));
  }
  lines.push(`${'TOTAL'.padEnd(28)} precision ${pct(totals.tp, totals.tp + totals.fp).trim()}  recall ${pct(totals.tp, totals.tp + totals.fn).trim()}  (tp ${totals.tp}, fp ${totals.fp}, fn ${totals.fn})`);
  return lines.join('\n');
}

export function mismatches(ws: readonly FixtureWorkspace[]): string[] {
  const out: string[] = [];
  for (const w of ws) {
    for (const f of w.files) {
      const exp = new Set(f.expected.map((e) => `${e.line}|${e.rule}`));
      const act = new Set(f.actual.map((a) => `${a.range.start.line}|${a.ruleId}`));
      for (const e of exp) if (!act.has(e)) out.push(`FN ${f.path}:${Number(e.split('|')[0]) + 1} ${e.split('|')[1]}`);
      for (const a of f.actual) if (!exp.has(`${a.range.start.line}|${a.ruleId}`)) out.push(`FP ${f.path}:${a.range.start.line + 1} ${a.ruleId}: ${a.message.slice(0, 150)}`);
    }
  }
  return out;
}

/** Entry point of scripts/eval.mjs privacy (bundled). */
export async function main(argv: string[]): Promise<number> {
  const root = argv.find((a) => !a.startsWith('--')) ?? 'test/fixtures/privacy';
  const ws = await runCorpus(root, { wasmDir: 'dist/grammars', queryDir: 'grammars' });
  console.log(formatTable(score(ws)));
  const misses = mismatches(ws);
  if (misses.length && argv.includes('--verbose')) console.log('\n' + misses.join('\n'));
  else if (misses.length) console.log(`\n${misses.length} mismatches (run with --verbose to list them)`);
  const collectMs = ws.reduce((a, w) => a + w.collectMs, 0);
  const checkMs = ws.reduce((a, w) => a + w.checkMs, 0);
  console.log(`\n${ws.reduce((a, w) => a + w.files.length, 0)} fixture files in ${ws.length} workspaces; privacy collect ${collectMs.toFixed(0)} ms (with parsing), check() ${checkMs.toFixed(1)} ms`);
  return 0;
}
