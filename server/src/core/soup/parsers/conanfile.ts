/**
 * conanfile.txt: references under [requires] (shipped) and [tool_requires] / [build_requires] /
 * [test_requires] (dev). A reference is name/version[@user/channel][#revision]; a version in brackets
 * is a Conan range ([>=1.2 <2]).
 */
import type { ParseResult } from '../dependencies';
import { Collector, lineRange, versionFields } from './common';

const SECTIONS: Record<string, boolean> = { requires: false, tool_requires: true, build_requires: true, test_requires: true };
const REFERENCE = /^([A-Za-z0-9_][A-Za-z0-9_.+-]*)\/(\[[^\]]*\]|[^@#\s]+)(@[^#\s]*)?(#\S+)?$/;

export function parseConanfile(relPath: string, text: string): ParseResult {
  const out = new Collector(relPath, 'conan');
  const lines = text.split('\n');
  let dev: boolean | undefined;
  for (let ln = 0; ln < lines.length; ln++) {
    const raw = lines[ln].replace(/\r$/, '');
    const code = raw.replace(/(^|\s)#.*$/, '').trim();
    if (code === '') continue;
    const section = /^\[([^\]]+)\]$/.exec(code);
    if (section) {
      dev = SECTIONS[section[1].trim()];
      continue;
    }
    if (dev === undefined) continue; // generators, options, layout…
    const col = raw.indexOf(code);
    const m = REFERENCE.exec(code);
    if (!m) {
      out.problem(`Cannot read Conan reference '${code}': expected name/version`, lineRange(ln, col, col + code.length));
      continue;
    }
    // In a bracketed range, what follows a comma is options (include_prerelease), not a condition.
    const version = m[2].startsWith('[') ? versionFields(m[2].slice(1, -1).split(',')[0]) : versionFields(m[2]);
    out.add({ name: m[1], ...version, direct: true, dev, range: lineRange(ln, col, col + m[1].length) });
  }
  return out.result();
}
