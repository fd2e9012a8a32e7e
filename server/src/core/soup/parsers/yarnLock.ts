/**
 * yarn.lock, classic (v1) and Berry (YAML-like) alike: an unindented line lists the specifiers an
 * entry resolves ("lodash@^4.17.0", "lodash@npm:^4.17.21"), an indented `version` line gives the
 * version. yarn.lock does not say which packages are direct, so entries only lend versions.
 */
import type { ParseResult } from '../dependencies';
import { isPlainVersion } from '../version';
import { Collector, lineRange } from './common';

export function parseYarnLock(relPath: string, text: string): ParseResult {
  const out = new Collector(relPath, 'npm');
  const lines = text.split('\n');
  let entry: { name: string; line: number; col: number; local: boolean; version?: string } | undefined;
  const flush = (): void => {
    if (entry && !entry.local) {
      out.add({
        name: entry.name,
        version: entry.version && isPlainVersion(entry.version) ? entry.version : undefined,
        direct: false,
        dev: false,
        range: lineRange(entry.line, entry.col, entry.col + entry.name.length),
      });
    }
    entry = undefined;
  };
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln].replace(/\r$/, '');
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (/^\s/.test(line)) {
      const v = /^\s+version:?\s+"?([^"\s]+)"?\s*$/.exec(line);
      if (v && entry && entry.version === undefined) entry.version = v[1];
      continue;
    }
    flush();
    if (!line.endsWith(':')) {
      out.problem('Unexpected line in yarn.lock: expected "<package>@<range>:" or an indented field', lineRange(ln, 0, line.length));
      continue;
    }
    const first = line.slice(0, -1).split(',')[0].trim().replace(/^"|"$/g, '');
    if (first === '__metadata') continue;
    const at = first.indexOf('@', 1);
    if (at <= 0) {
      out.problem(`Cannot read the package name in '${first}'`, lineRange(ln, 0, line.length));
      continue;
    }
    const name = first.slice(0, at);
    const range = first.slice(at + 1);
    entry = { name, line: ln, col: Math.max(0, line.indexOf(name)), local: /^(workspace|link|portal|file|patch):/.test(range) };
  }
  flush();
  return out.result();
}
