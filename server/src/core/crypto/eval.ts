/**
 * Fixture evaluation for the crypto rules (used by test/core/crypto.test.ts and scripts/eval.mjs crypto).
 *
 * Corpus layout: test/fixtures/crypto/<language>/<rule>/… Each <language>/<rule> folder is analysed as
 * one workspace (so cross-file constants and configuration files in it resolve). A source line carrying
 * `expect: crypto/<rule>[, crypto/<rule>…]` in a comment expects exactly those findings on that line;
 * every other line expects none. Files matching the default test globs are analysed as test files.
 *
 * Development tooling: reads the file system; not part of the analysis core's runtime.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ConfigFile } from '../engine/analyzer';
import { analyzeText } from '../engine/analyzeFile';
import type { FileFacts } from '../engine/fileFacts';
import { Grammars, type GrammarAssets } from '../language/grammars';
import { languageForPath } from '../language/languages';
import { DEFAULT_POLICY, type Manifest } from '../manifest/model';
import type { Finding } from '../types';
import { globMatcher } from '../workspace/files';
import { cryptoAnalyzer } from './analyzer';
import type { CryptoFacts } from './facts';

const CONFIG_FILE = /(\.properties|\.ya?ml|\.json|\.toml|\.ini|\.cfg|\.conf)$|(^|\/)\.env(\.[\w.-]+)?$/i;

export interface FixtureFile {
  /** Path relative to the corpus root: <language>/<rule>/<file>. */
  path: string;
  language: string;
  folder: string;
  expected: { line: number; rule: string }[];
  actual: Finding[];
}

export interface FixtureWorkspace {
  language: string;
  folder: string;
  files: FixtureFile[];
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
    const m = /expect:\s*(crypto\/[\w-]+(?:\s*,\s*crypto\/[\w-]+)*)/.exec(l);
    if (m) for (const r of m[1].split(',')) out.push({ line: i, rule: r.trim() });
  });
  return out;
}

/** Analyses one fixture workspace (a folder) with the real engine pieces and the crypto analyser. */
export async function runWorkspace(grammars: Grammars, dir: string, label: { language: string; folder: string; prefix: string }, manifest?: Manifest): Promise<FixtureWorkspace> {
  const isTest = globMatcher(DEFAULT_POLICY.tests);
  const files: FileFacts[] = [];
  const configFiles: ConfigFile[] = [];
  const texts = new Map<string, string>();
  for (const rel of walk(dir)) {
    const text = fs.readFileSync(path.join(dir, rel), 'utf8');
    const lang = languageForPath(rel);
    if (lang) {
      const r = await analyzeText(grammars, rel, lang, text, { analyzers: [cryptoAnalyzer as never], isTest: isTest(rel), maxFileBytes: 2 * 1024 * 1024 });
      if (!('reason' in r)) {
        files.push(r);
        texts.set(rel, text);
        for (const n of r.notes) if (/analysis failed/.test(n.message)) throw new Error(`${label.prefix}/${rel}: ${n.message}`);
      }
    } else if (CONFIG_FILE.test(rel)) configFiles.push({ path: rel, text });
  }
  const facts = new Map<string, CryptoFacts>();
  for (const f of files) if ('crypto' in f.analyzers) facts.set(f.path, f.analyzers.crypto as CryptoFacts);
  const t0 = performance.now();
  const findings = cryptoAnalyzer.check({ files, facts, configFiles, manifest });
  const checkMs = performance.now() - t0;
  const out: FixtureFile[] = [];
  for (const f of files) {
    out.push({
      path: `${label.prefix}/${f.path}`,
      language: label.language,
      folder: label.folder,
      expected: expectations(texts.get(f.path)!),
      actual: findings.filter((x) => x.path === f.path),
    });
  }
  return { language: label.language, folder: label.folder, files: out, checkMs };
}

/** Every <language>/<rule> folder under the corpus root. */
export async function runCorpus(root: string, assets: GrammarAssets): Promise<FixtureWorkspace[]> {
  const grammars = new Grammars(assets);
  const out: FixtureWorkspace[] = [];
  for (const lang of fs.readdirSync(root).sort()) {
    const ld = path.join(root, lang);
    if (!fs.statSync(ld).isDirectory()) continue;
    for (const folder of fs.readdirSync(ld).sort()) {
      const d = path.join(ld, folder);
      if (!fs.statSync(d).isDirectory()) continue;
      out.push(await runWorkspace(grammars, d, { language: lang, folder, prefix: `${lang}/${folder}` }));
    }
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
      for (const e of exp) {
        const rule = e.split('|')[1];
        if (act.has(e)) cell(rule, w.language).tp++;
        else cell(rule, w.language).fn++;
      }
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
  const head = ['rule'.padEnd(32), ...langs.map((l) => l.slice(0, 10).padStart(11)), 'all'.padStart(11)];
  lines.push(head.join(' '));
  lines.push('(each cell: precision/recall; tp fp fn in the totals)');
  const totals: Score = { tp: 0, fp: 0, fn: 0 };
  for (const r of rules) {
    const row = [r.padEnd(32)];
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
  lines.push(`${'TOTAL'.padEnd(32)} precision ${pct(totals.tp, totals.tp + totals.fp).trim()}  recall ${pct(totals.tp, totals.tp + totals.fn).trim()}  (tp ${totals.tp}, fp ${totals.fp}, fn ${totals.fn})`);
  return lines.join('\n');
}

/** Entry point of scripts/eval.mjs crypto (bundled). */
export async function main(argv: string[]): Promise<number> {
  const root = argv[0] ?? 'test/fixtures/crypto';
  const ws = await runCorpus(root, { wasmDir: 'dist/grammars', queryDir: 'grammars' });
  const table = score(ws);
  console.log(formatTable(table));
  const misses: string[] = [];
  for (const w of ws) {
    for (const f of w.files) {
      const exp = new Set(f.expected.map((e) => `${e.line}|${e.rule}`));
      const act = new Set(f.actual.map((a) => `${a.range.start.line}|${a.ruleId}`));
      for (const e of exp) if (!act.has(e)) misses.push(`FN ${f.path}:${Number(e.split('|')[0]) + 1} ${e.split('|')[1]}`);
      for (const a of f.actual) if (!exp.has(`${a.range.start.line}|${a.ruleId}`)) misses.push(`FP ${f.path}:${a.range.start.line + 1} ${a.ruleId}: ${a.message.slice(0, 140)}`);
    }
  }
  if (misses.length && argv.includes('--verbose')) console.log('\n' + misses.join('\n'));
  else if (misses.length) console.log(`\n${misses.length} mismatches (run with --verbose to list them)`);
  const checkMs = ws.reduce((a, w) => a + w.checkMs, 0);
  console.log(`\n${ws.reduce((a, w) => a + w.files.length, 0)} fixture files in ${ws.length} workspaces; crypto check() ${checkMs.toFixed(1)} ms in total`);
  return 0;
}
