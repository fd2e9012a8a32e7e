/**
 * Helpers every dependency parser shares: offset → LSP position conversion, purl construction and
 * the Dependency factory. Offsets into a JavaScript string are UTF-16 code units, which is what LSP
 * columns count, so positions need no re-encoding.
 */
import type { Position, Range } from '../../types';
import type { Dependency, Ecosystem, ParseProblem, ParseResult } from '../dependencies';
import { LineIndex as CoreLineIndex } from '../../text';
import { isPlainVersion, lowerBound } from '../version';
import { parseJsonTree, type JsonNode } from './jsonTree';

/** The core's line index with the offset-based helpers the parsers use. */
export class LineIndex extends CoreLineIndex {
  position(offset: number): Position {
    return this.positionAt(offset);
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.min(Math.max(line, 0), this.lineStarts.length - 1)];
  }
}

/**
 * Parses a JSON package file whose root must be an object; on failure records the problem at its
 * position and returns undefined (package.json, package-lock.json, vcpkg.json share this opening).
 */
export function readJsonObject(out: Collector, lines: LineIndex, text: string, what: string): JsonNode | undefined {
  const tree = parseJsonTree(text);
  if (!tree.ok) {
    out.problem(`Invalid JSON: ${tree.message}`, lines.range(tree.offset, Math.min(text.length, tree.offset + 1)));
    return undefined;
  }
  if (tree.root.kind !== 'object') {
    out.problem(`${what} must hold a JSON object`, lines.range(tree.root.start, tree.root.start + 1));
    return undefined;
  }
  return tree.root;
}

export function lineRange(line: number, startCharacter: number, endCharacter: number): Range {
  return { start: { line, character: startCharacter }, end: { line, character: endCharacter } };
}

/** Collects parse results; `problem` never throws so a parser can report and carry on. */
export class Collector implements ParseResult {
  readonly dependencies: Dependency[] = [];
  readonly problems: ParseProblem[] = [];

  constructor(
    readonly path: string,
    readonly ecosystem: Ecosystem,
  ) {}

  add(init: { name: string; version?: string; versionSpec?: string; direct: boolean; dev: boolean; range: Range; ecosystem?: Ecosystem }): Dependency {
    const ecosystem = init.ecosystem ?? this.ecosystem;
    const dep: Dependency = {
      name: init.name,
      ecosystem,
      purl: purl(ecosystem, init.name, init.versionSpec === undefined ? init.version : undefined),
      direct: init.direct,
      dev: init.dev,
      location: { path: this.path, range: init.range },
      declaredIn: this.path,
    };
    if (init.version !== undefined) dep.version = init.version;
    if (init.versionSpec !== undefined) dep.versionSpec = init.versionSpec;
    this.dependencies.push(dep);
    return dep;
  }

  problem(message: string, range: Range): void {
    this.problems.push({ message, range });
  }

  result(): ParseResult {
    return { dependencies: this.dependencies, problems: this.problems };
  }
}

/**
 * Splits a version constraint into the exact version (when it is one) or the range text plus the lowest
 * version it names. `bareIsRange` is for Cargo, where "1.2.3" means ^1.2.3.
 */
export function versionFields(spec: string | undefined, bareIsRange = false): { version?: string; versionSpec?: string } {
  const s = spec?.trim();
  if (!s) return {};
  const exact = s.replace(/^(===|==|=)\s*/, '');
  if (isPlainVersion(exact) && (!bareIsRange || exact !== s)) return { version: exact };
  const low = lowerBound(s);
  return low === undefined ? { versionSpec: s } : { version: low, versionSpec: s };
}

const PURL_TYPE: Record<Ecosystem, string> = {
  npm: 'npm',
  pypi: 'pypi',
  maven: 'maven',
  golang: 'golang',
  cargo: 'cargo',
  conan: 'conan',
  // purl has no registered vcpkg type; generic with a vcpkg namespace keeps the origin visible.
  vcpkg: 'generic',
};

export function purlType(ecosystem: Ecosystem): string {
  return PURL_TYPE[ecosystem];
}

/** Package URL (https://github.com/package-url/purl-spec); the version only when it is exact. */
export function purl(ecosystem: Ecosystem, name: string, version?: string): string {
  const enc = (s: string): string => encodeURIComponent(s);
  let path: string;
  switch (ecosystem) {
    case 'npm':
      path = name.startsWith('@') && name.includes('/') ? `${enc(name.slice(0, name.indexOf('/')))}/${enc(name.slice(name.indexOf('/') + 1))}` : enc(name);
      break;
    case 'pypi':
      path = enc(name.toLowerCase().replace(/[-_.]+/g, '-'));
      break;
    case 'maven': {
      const [group, artifact] = name.includes(':') ? [name.slice(0, name.indexOf(':')), name.slice(name.indexOf(':') + 1)] : ['', name];
      path = group ? `${enc(group)}/${enc(artifact)}` : enc(artifact);
      break;
    }
    case 'golang':
      path = name.split('/').map(enc).join('/');
      break;
    case 'vcpkg':
      path = `vcpkg/${enc(name)}`;
      break;
    default:
      path = enc(name);
  }
  return `pkg:${PURL_TYPE[ecosystem]}/${path}${version ? `@${enc(version)}` : ''}`;
}

/** Zero-width range at the start of a line: where a problem without a better position goes. */
export function lineStartRange(line: number): Range {
  return lineRange(line, 0, 0);
}
