/**
 * Scoring of labelled fixture corpora (test/fixtures/<family>): `expect: family/rule` comments mark the
 * findings a file must produce; precision and recall are counted per rule × language by (file, line, rule).
 * Hints are not findings here (nor in the real-code evaluation): they are shown, not claimed.
 * Shared by the crypto and privacy evaluations (npm run eval:crypto / eval:privacy) and their tests.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Finding } from '../types';

export interface Expected {
  line: number;
  rule: string;
}

export interface ScoredFile {
  path: string;
  expected: Expected[];
  actual: Finding[];
}

export interface ScoredWorkspace {
  language: string;
  files: ScoredFile[];
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
}

/** Files under dir, relative, sorted (stable across machines). */
export function walkFixtures(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...walkFixtures(path.join(dir, e.name), r));
    else out.push(r);
  }
  return out;
}

/** `expect: crypto/weak-hash, crypto/small-key` markers of one family, by 0-based line. */
export function expectations(text: string, family: string): Expected[] {
  const re = new RegExp(`expect:\\s*(${family}\\/[\\w-]+(?:\\s*,\\s*${family}\\/[\\w-]+)*)`);
  const out: Expected[] = [];
  text.split('\n').forEach((l, i) => {
    const m = re.exec(l);
    if (m) for (const r of m[1].split(',')) out.push({ line: i, rule: r.trim() });
  });
  return out;
}

const key = (line: number, rule: string) => `${line}|${rule}`;

export function score(ws: readonly ScoredWorkspace[]): Map<string, Map<string, Score>> {
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
      const exp = new Set(f.expected.map((e) => key(e.line, e.rule)));
      const act = new Set(f.actual.filter((a) => a.severity !== 'hint').map((a) => key(a.range.start.line, a.ruleId)));
      for (const e of exp) cell(e.split('|')[1], w.language)[act.has(e) ? 'tp' : 'fn']++;
      for (const a of act) if (!exp.has(a)) cell(a.split('|')[1], w.language).fp++;
    }
  }
  return table;
}

export function formatTable(table: Map<string, Map<string, Score>>): string {
  const langs = [...new Set([...table.values()].flatMap((m) => [...m.keys()]))].sort();
  const rules = [...table.keys()].sort();
  const width = Math.max(28, ...rules.map((r) => r.length + 2));
  const pct = (x: number, y: number) => (y === 0 ? '  -  ' : `${Math.round((100 * x) / y)}%`.padStart(5));
  const cellText = (c: Score) => `${pct(c.tp, c.tp + c.fp)}/${pct(c.tp, c.tp + c.fn)}`.padStart(11);
  const lines = [['rule'.padEnd(width), ...langs.map((l) => l.slice(0, 10).padStart(11)), 'all'.padStart(11)].join(' '), '(each cell: precision/recall; tp fp fn in the totals)'];
  const totals: Score = { tp: 0, fp: 0, fn: 0 };
  for (const r of rules) {
    const row = [r.padEnd(width)];
    const all: Score = { tp: 0, fp: 0, fn: 0 };
    for (const l of langs) {
      const c = table.get(r)!.get(l);
      row.push(c ? cellText(c) : ''.padStart(11));
      if (c) for (const k of ['tp', 'fp', 'fn'] as const) all[k] += c[k];
    }
    for (const k of ['tp', 'fp', 'fn'] as const) totals[k] += all[k];
    row.push(cellText(all) + `  (${all.tp} ${all.fp} ${all.fn})`);
    lines.push(row.join(' '));
  }
  lines.push(`${'TOTAL'.padEnd(width)} precision ${pct(totals.tp, totals.tp + totals.fp).trim()}  recall ${pct(totals.tp, totals.tp + totals.fn).trim()}  (tp ${totals.tp}, fp ${totals.fp}, fn ${totals.fn})`);
  return lines.join('\n');
}

export function mismatches(ws: readonly ScoredWorkspace[]): string[] {
  const out: string[] = [];
  for (const w of ws) {
    for (const f of w.files) {
      const exp = new Set(f.expected.map((e) => key(e.line, e.rule)));
      const claimed = f.actual.filter((a) => a.severity !== 'hint');
      const act = new Set(claimed.map((a) => key(a.range.start.line, a.ruleId)));
      for (const e of f.expected) if (!act.has(key(e.line, e.rule))) out.push(`FN ${f.path}:${e.line + 1} ${e.rule}`);
      for (const a of claimed) if (!exp.has(key(a.range.start.line, a.ruleId))) out.push(`FP ${f.path}:${a.range.start.line + 1} ${a.ruleId}: ${a.message.slice(0, 150)}`);
    }
  }
  return out;
}
