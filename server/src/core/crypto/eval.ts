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
import { expectations as sharedExpectations, formatTable, mismatches, score, walkFixtures as walk, type Expected } from '../engine/fixtureScore';

export { formatTable, mismatches, score };
import { globMatcher, isConfigFile, PLATFORM_CONFIG_FILE } from '../workspace/files';
import { cryptoAnalyzer } from './analyzer';
import type { CryptoFacts } from './facts';


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


export function expectations(text: string): Expected[] {
  return sharedExpectations(text, 'crypto');
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
    } else if (isConfigFile(rel)) {
      configFiles.push({ path: rel, text });
      // Platform configuration is judged too (AndroidManifest.xml, Info.plist): its expectations count.
      if (PLATFORM_CONFIG_FILE.test(rel)) texts.set(rel, text);
    }
  }
  const facts = new Map<string, CryptoFacts>();
  for (const f of files) if ('crypto' in f.analyzers) facts.set(f.path, f.analyzers.crypto as CryptoFacts);
  const t0 = performance.now();
  const findings = cryptoAnalyzer.check({ files, facts, configFiles, manifest });
  const checkMs = performance.now() - t0;
  const out: FixtureFile[] = [];
  for (const f of [...files, ...configFiles.filter((c) => texts.has(c.path))]) {
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

/** Entry point of scripts/eval.mjs crypto (bundled). */
export async function main(argv: string[]): Promise<number> {
  const root = argv[0] ?? 'test/fixtures/crypto';
  const ws = await runCorpus(root, { wasmDir: 'dist/grammars', queryDir: 'grammars' });
  console.log(formatTable(score(ws)));
  const misses = mismatches(ws);
  if (misses.length && argv.includes('--verbose')) console.log('\n' + misses.join('\n'));
  else if (misses.length) console.log(`\n${misses.length} mismatches (run with --verbose to list them)`);
  const checkMs = ws.reduce((a, w) => a + w.checkMs, 0);
  console.log(`\n${ws.reduce((a, w) => a + w.files.length, 0)} fixture files in ${ws.length} workspaces; crypto check() ${checkMs.toFixed(1)} ms in total`);
  return 0;
}
