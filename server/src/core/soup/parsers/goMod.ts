/**
 * go.mod: `require` lines and blocks. Go's minimal version selection makes the listed version the one
 * built (go.mod is its own lockfile); `// indirect` marks transitive modules. replace/exclude/retract
 * blocks are skipped (a replacement is a different module the soup list should name explicitly).
 */
import type { ParseResult } from '../dependencies';
import { Collector, lineRange } from './common';

const REQUIREMENT = /^("[^"]+"|\S+)\s+(\S+)\s*$/;

export function parseGoMod(relPath: string, text: string): ParseResult {
  const out = new Collector(relPath, 'golang');
  const lines = text.split('\n');
  let block: { verb: string; line: number } | undefined;
  for (let ln = 0; ln < lines.length; ln++) {
    const raw = lines[ln].replace(/\r$/, '');
    const comment = raw.indexOf('//');
    const indirect = comment >= 0 && /^\/\/\s*indirect\b/.test(raw.slice(comment));
    const code = (comment >= 0 ? raw.slice(0, comment) : raw).trim();
    if (code === '') continue;
    const indent = raw.length - raw.trimStart().length;

    if (block) {
      if (code === ')') {
        block = undefined;
        continue;
      }
      if (block.verb === 'require') requirement(code, ln, indent, indirect);
      continue;
    }
    const directive = /^(\w+)\s*(.*)$/.exec(code);
    if (!directive) {
      out.problem(`Unexpected line in go.mod: '${code}'`, lineRange(ln, indent, raw.length));
      continue;
    }
    const [, verb, rest] = directive;
    if (rest === '(') {
      block = { verb, line: ln };
      continue;
    }
    if (verb === 'require') requirement(rest, ln, raw.indexOf(rest, indent + verb.length), indirect);
  }
  if (block) out.problem(`'${block.verb} (' block is never closed with ')'`, lineRange(block.line, 0, lines[block.line].length));
  return out.result();

  function requirement(spec: string, line: number, col: number, indirect: boolean): void {
    const m = REQUIREMENT.exec(spec);
    if (!m || !/^v\d/.test(m[2])) {
      out.problem(`Cannot read requirement '${spec}': expected '<module path> v<version>'`, lineRange(line, col, col + spec.length));
      return;
    }
    const quoted = m[1].startsWith('"');
    const name = quoted ? m[1].slice(1, -1) : m[1];
    const start = col + (quoted ? 1 : 0);
    out.add({ name, version: m[2], direct: !indirect, dev: false, range: lineRange(line, start, start + name.length) });
  }
}
