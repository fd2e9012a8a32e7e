/**
 * Helpers every dependency parser shares: offset → LSP position conversion, purl construction and
 * the Dependency factory. Offsets into a JavaScript string are UTF-16 code units, which is what LSP
 * columns count, so positions need no re-encoding.
 */
import type { Position, Range } from '../../types';
import type { Dependency, Ecosystem, ParseProblem, ParseResult } from '../dependencies';
import { isPlainVersion, lowerBound } from '../version';

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line, 0), this.starts.length - 1)];
  }
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
