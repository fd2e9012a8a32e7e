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
import { expectations as sharedExpectations, formatTable, mismatches, score, walkFixtures as walk, type Expected } from '../engine/fixtureScore';

export { formatTable, mismatches, score };
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


export function expectations(text: string): Expected[] {
  return sharedExpectations(text, 'privacy');
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
