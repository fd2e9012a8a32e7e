/**
 * Dependencies declared in package manifests and lockfiles: the input of the soup/* rules (SPEC 3).
 * One parser per format lives in ./parsers; each keeps the position of every dependency so findings
 * point at the dependency's own line. Parsers never throw: unreadable input becomes a problem.
 */
import type { Location, Range } from '../types';
import { parseCargoToml } from './parsers/cargoToml';
import { parseConanfile } from './parsers/conanfile';
import { parseGoMod } from './parsers/goMod';
import { parseGradle } from './parsers/gradle';
import { parsePackageJson } from './parsers/packageJson';
import { parsePackageLock } from './parsers/packageLock';
import { parsePom } from './parsers/pom';
import { parsePyproject } from './parsers/pyproject';
import { parseRequirements } from './parsers/requirements';
import { parseTomlLock } from './parsers/tomlLock';
import { parseVcpkg } from './parsers/vcpkg';
import { parseYarnLock } from './parsers/yarnLock';

export type Ecosystem = 'npm' | 'pypi' | 'maven' | 'golang' | 'cargo' | 'conan' | 'vcpkg';

export interface Dependency {
  /** As the package manager names it: lodash, @scope/pkg, requests, org.slf4j:slf4j-api, github.com/x/y. */
  name: string;
  /** The exact version when known (pin, lockfile); for a range, the lowest version the range names. */
  version?: string;
  /** The constraint as written when the file gives a range rather than an exact version (^4.17.0, >=2.31,<3). */
  versionSpec?: string;
  /** Workspace-relative lockfile that supplied `version`; set by checkSoup when it merges a lockfile in. */
  resolvedFrom?: string;
  ecosystem: Ecosystem;
  /** Package URL; carries a version only when the version is exact. */
  purl: string;
  /** Declared by the project itself (not only pulled in by another package). */
  direct: boolean;
  /** Only needed to develop, build or test (devDependencies, test scope, dev groups), not shipped. */
  dev: boolean;
  /** The dependency's own line in the file; the range covers its name. */
  location: Location;
  /** Workspace-relative file. */
  declaredIn: string;
}

export interface ParseProblem {
  message: string;
  range: Range;
}

export interface ParseResult {
  dependencies: Dependency[];
  problems: ParseProblem[];
}

/** The exact version a dependency is known to use, if any (a lockfile entry, a pin, or a merged lockfile version). */
export function exactVersion(dep: Dependency): string | undefined {
  return dep.versionSpec === undefined || dep.resolvedFrom !== undefined ? dep.version : undefined;
}

interface Format {
  /** Tested against the workspace-relative path (forward slashes). */
  match: RegExp;
  ecosystem: Ecosystem;
  lockfile: boolean;
  parse: (relPath: string, text: string) => ParseResult;
}

// requirements*.txt, *-requirements.txt (dev-requirements.txt) and the requirements/ folder convention (requirements/base.txt).
const REQUIREMENTS = /(^|\/)((?:[^/]*[-_.])?requirements(?:[-_.][^/]*)?\.txt|requirements\/[^/]+\.txt)$/i;

const FORMATS: Format[] = [
  { match: /(^|\/)package\.json$/, ecosystem: 'npm', lockfile: false, parse: parsePackageJson },
  { match: /(^|\/)(package-lock|npm-shrinkwrap)\.json$/, ecosystem: 'npm', lockfile: true, parse: parsePackageLock },
  { match: /(^|\/)yarn\.lock$/, ecosystem: 'npm', lockfile: true, parse: parseYarnLock },
  { match: REQUIREMENTS, ecosystem: 'pypi', lockfile: false, parse: parseRequirements },
  { match: /(^|\/)pyproject\.toml$/, ecosystem: 'pypi', lockfile: false, parse: parsePyproject },
  { match: /(^|\/)(poetry|uv)\.lock$/, ecosystem: 'pypi', lockfile: true, parse: parseTomlLock },
  { match: /(^|\/)pom\.xml$/, ecosystem: 'maven', lockfile: false, parse: parsePom },
  { match: /(^|\/)build\.gradle(\.kts)?$/, ecosystem: 'maven', lockfile: false, parse: parseGradle },
  { match: /(^|\/)go\.mod$/, ecosystem: 'golang', lockfile: false, parse: parseGoMod },
  { match: /(^|\/)Cargo\.toml$/, ecosystem: 'cargo', lockfile: false, parse: parseCargoToml },
  { match: /(^|\/)Cargo\.lock$/, ecosystem: 'cargo', lockfile: true, parse: parseTomlLock },
  { match: /(^|\/)conanfile\.txt$/, ecosystem: 'conan', lockfile: false, parse: parseConanfile },
  { match: /(^|\/)vcpkg\.json$/, ecosystem: 'vcpkg', lockfile: false, parse: parseVcpkg },
];

/**
 * The files the engine must collect, as globs on the last segments of a path (for picomatch, put a
 * `**` segment in front). `isPackageManifest` is the authoritative test.
 */
export const PACKAGE_MANIFEST_NAMES: string[] = [
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'requirements*.txt',
  '*-requirements.txt',
  '*_requirements.txt',
  'requirements/*.txt',
  'pyproject.toml',
  'poetry.lock',
  'uv.lock',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'go.mod',
  'Cargo.toml',
  'Cargo.lock',
  'conanfile.txt',
  'vcpkg.json',
];

function formatOf(relPath: string): Format | undefined {
  const p = relPath.replace(/\\/g, '/');
  return FORMATS.find((f) => f.match.test(p));
}

export function isPackageManifest(relPath: string): boolean {
  return formatOf(relPath) !== undefined;
}

/** True for lockfiles (exact resolved versions) as opposed to manifests (declared constraints). */
export function isLockfile(relPath: string): boolean {
  return formatOf(relPath)?.lockfile === true;
}

export function ecosystemOf(relPath: string): Ecosystem | undefined {
  return formatOf(relPath)?.ecosystem;
}

export function parseDependencies(relPath: string, text: string): ParseResult {
  const format = formatOf(relPath);
  if (!format) return { dependencies: [], problems: [] };
  const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text; // BOM → space keeps offsets
  try {
    return format.parse(relPath, body);
  } catch (e) {
    // Parsers are written not to throw; this is the last line of defence for the engine.
    const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return { dependencies: [], problems: [{ message: `Could not read dependencies: ${(e as Error).message}`, range: zero }] };
  }
}
