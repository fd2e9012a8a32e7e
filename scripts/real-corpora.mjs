// The real-code evaluation's corpus list, cache location and label files (used by real-cache.mjs and eval-real.mjs).
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the checked-out code bases live: outside the repository, so no test can reach them. */
export function cacheDir() {
  return process.env.MEDTRACE_REAL_CACHE || join(homedir(), '.cache', 'medtrace-real');
}

export function loadCorpora(root) {
  return JSON.parse(readFileSync(join(root, 'test/real/corpora.json'), 'utf8')).corpora;
}

/**
 * Labels of one code base: `path:line<TAB>rule<TAB>tp|fp<TAB>reason`, one finding a line; `#` starts a comment.
 * Returns a map from `path:line rule` to { verdict, reason, line }.
 */
export function loadLabels(file) {
  const labels = new Map();
  if (!existsSync(file)) return labels;
  const text = readFileSync(file, 'utf8');
  text.split('\n').forEach((raw, i) => {
    const line = raw.trimEnd();
    if (!line || line.startsWith('#')) return;
    const [where, rule, verdict, ...reason] = line.split('\t');
    if (!where || !rule || (verdict !== 'tp' && verdict !== 'fp')) {
      throw new Error(`${file}:${i + 1}: expected "path:line<TAB>rule<TAB>tp|fp<TAB>reason", got ${JSON.stringify(raw)}`);
    }
    labels.set(`${where} ${rule}`, { verdict, reason: reason.join('\t'), line: i + 1 });
  });
  return labels;
}

/** Known misses of one code base: `path:line<TAB>rule<TAB>what should be found`. */
export function loadMisses(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [where, rule, ...what] = l.split('\t');
      return { where, rule, what: what.join('\t') };
    });
}
