/**
 * pip requirements files, line by line as pip reads them: comments, backslash continuations, options
 * (-r/-c name other files, which are read on their own when they are collected; -e with #egg=),
 * PEP 508 requirements with extras, version clauses and environment markers. A file whose name says
 * dev/test/docs/lint (requirements-dev.txt, requirements/test.txt) holds dev dependencies.
 */
import type { ParseResult } from '../dependencies';
import { Collector, lineRange, versionFields } from './common';

export interface Pep508 {
  name: string;
  /** Offset of the name inside the requirement string. */
  nameStart: number;
  extras: string[];
  /** Version clauses (">=2.31,<3"); undefined when none or a URL is given. */
  spec?: string;
  url?: string;
  marker?: string;
}

const NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;

/** Reads one PEP 508 requirement ("requests[socks] >=2.31, <3 ; python_version >= '3.8'"). */
export function parsePep508(text: string): Pep508 | undefined {
  const m = NAME.exec(text);
  if (!m) return undefined;
  const nameStart = m[0].length - m[1].length;
  let rest = text.slice(m[0].length);
  const req: Pep508 = { name: m[1], nameStart, extras: [] };
  const semi = rest.indexOf(';');
  if (semi >= 0) {
    req.marker = rest.slice(semi + 1).trim();
    rest = rest.slice(0, semi);
  }
  rest = rest.trim();
  const extras = /^\[([^\]]*)\]\s*/.exec(rest);
  if (extras) {
    req.extras = extras[1].split(',').map((e) => e.trim()).filter(Boolean);
    rest = rest.slice(extras[0].length);
  }
  if (rest.startsWith('@')) {
    req.url = rest.slice(1).trim();
    return req.url ? req : undefined;
  }
  rest = rest.replace(/^\((.*)\)$/, '$1').trim();
  if (rest === '') return req;
  // Every clause must be operator + version (or wildcard), else the line is not a requirement.
  const clauses = rest.split(',').map((c) => c.trim());
  if (!clauses.every((c) => /^(===|==|!=|~=|>=|<=|>|<)\s*[A-Za-z0-9][A-Za-z0-9.*+!_-]*$/.test(c))) return undefined;
  req.spec = clauses.map((c) => c.replace(/\s+/g, '')).join(',');
  return req;
}

const DEV_FILE = /(^|[-_./])(dev|devel|develop|development|test|tests|testing|doc|docs|lint|linting|ci|typing|style|qa)([-_.]|$)/i;

/** requirements-dev.txt, dev-requirements.txt, requirements/test.txt: dev; requirements.txt, requirements/base.txt: shipped. */
export function isDevRequirementsFile(relPath: string): boolean {
  const parts = relPath.split('/');
  const base = parts[parts.length - 1].replace(/\.txt$/i, '');
  const stem = base.replace(/requirements/i, '');
  return DEV_FILE.test(stem) || (parts[parts.length - 2]?.toLowerCase() === 'requirements' && DEV_FILE.test(base));
}

export function parseRequirements(relPath: string, text: string): ParseResult {
  const out = new Collector(relPath, 'pypi');
  const dev = isDevRequirementsFile(relPath);
  const lines = text.split('\n');
  const addEgg = (url: string, line: number, lineText: string): void => {
    const egg = /#(?:.*&)?egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(url);
    if (!egg) return; // a local path or URL without a name: the project's own code, or not identifiable
    const at = lineText.indexOf(`egg=${egg[1]}`);
    const col = at < 0 ? 0 : at + 4;
    out.add({ name: egg[1], direct: true, dev, range: lineRange(line, col, col + egg[1].length) });
  };
  for (let ln = 0; ln < lines.length; ln++) {
    const start = ln;
    let line = lines[ln].replace(/\r$/, '');
    // Continuations: the requirement's name stays on the first physical line, which is where we point.
    while (line.endsWith('\\') && ln + 1 < lines.length) line = line.slice(0, -1) + ' ' + lines[++ln].replace(/\r$/, '');
    const body = line.replace(/(^|\s)#.*$/, '');
    const trimmed = body.trim();
    if (trimmed === '') continue;
    const indent = body.length - body.trimStart().length;
    const firstLine = lines[start].replace(/\r$/, '');

    if (trimmed.startsWith('-')) {
      const editable = /^(?:-e|--editable)[\s=]+(\S+)/.exec(trimmed);
      if (editable) addEgg(editable[1], start, firstLine);
      continue; // -r/-c/-i/--hash/...: options, not requirements
    }
    if (/^(\w+\+)?\w+:\/\//.test(trimmed) || /^[./~]/.test(trimmed) || /\.(whl|tar\.gz|zip)$/i.test(trimmed)) {
      addEgg(trimmed.split(/\s/)[0], start, firstLine);
      continue;
    }
    // Per-requirement options (--hash=..., --config-settings) follow the requirement.
    const reqText = body.replace(/\s--?[A-Za-z][\s\S]*$/, '');
    const req = parsePep508(reqText);
    if (!req) {
      out.problem(`Cannot read requirement '${trimmed}': expected a name, optional [extras] and version clauses such as ==1.2.3 or >=1.2`, lineRange(start, indent, Math.min(firstLine.length, indent + trimmed.length)));
      continue;
    }
    const col = req.nameStart;
    out.add({ name: req.name, ...versionFields(req.spec), direct: true, dev, range: lineRange(start, col, col + req.name.length) });
  }
  return out.result();
}
