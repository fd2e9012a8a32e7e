/**
 * A small, forgiving version algebra for the soup/* rules: enough of semver (npm, Cargo, Conan),
 * PEP 440 (pip, Poetry) and Maven/Gradle ranges to tell whether a SOUP entry's version is the one
 * a project uses. Anything it cannot read yields `undefined` ("cannot tell"), never an exception,
 * so an exotic constraint produces no finding rather than a wrong one.
 */
import type { Ecosystem } from './dependencies';

export interface ParsedVersion {
  /** Numeric release parts: 1.2.3 → [1, 2, 3]. */
  parts: number[];
  /** Pre-release tag (rc1, beta.2, dev3): sorts before the release. */
  pre: string;
  /** Post-release tag (PEP 440 .post1, Maven .RELEASE-like qualifiers excluded): sorts after the release. */
  post: string;
}

const VERSION = /^[vV]?(\d+(?:\.\d+)*)(.*)$/;

export function parseVersion(text: string): ParsedVersion | undefined {
  const m = VERSION.exec(text.trim().replace(/^=+/, ''));
  if (!m) return undefined;
  const parts = m[1].split('.').map(Number);
  if (parts.some((n) => !Number.isSafeInteger(n))) return undefined;
  // Build metadata (+build, Go's +incompatible) does not take part in ordering.
  const rest = m[2].replace(/\+.*$/, '');
  if (rest === '') return { parts, pre: '', post: '' };
  if (/^[-._]?(post|rev|r)\d*$/i.test(rest)) return { parts, pre: '', post: rest.replace(/^[-._]/, '') };
  return { parts, pre: rest.replace(/^[-._]/, ''), post: '' };
}

/** Negative, zero or positive like a sort comparator; missing parts count as 0 (1.2 == 1.2.0). */
export function compareParsed(a: ParsedVersion, b: ParsedVersion): number {
  const n = Math.max(a.parts.length, b.parts.length);
  for (let i = 0; i < n; i++) {
    const d = (a.parts[i] ?? 0) - (b.parts[i] ?? 0);
    if (d !== 0) return d;
  }
  if (a.pre !== b.pre) {
    if (a.pre === '') return 1;
    if (b.pre === '') return -1;
    return a.pre.localeCompare(b.pre, 'en', { numeric: true, sensitivity: 'base' });
  }
  if (a.post !== b.post) {
    if (a.post === '') return -1;
    if (b.post === '') return 1;
    return a.post.localeCompare(b.post, 'en', { numeric: true, sensitivity: 'base' });
  }
  return 0;
}

export function compareVersions(a: string, b: string): number | undefined {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  return pa && pb ? compareParsed(pa, pb) : undefined;
}

/** Same version, tolerating a leading v (Go) and missing trailing zeros; otherwise exact text, case-insensitive. */
export function versionsEqual(a: string, b: string): boolean {
  const c = compareVersions(a, b);
  if (c !== undefined) return c === 0;
  return a.trim().replace(/^[vV=]/, '').toLowerCase() === b.trim().replace(/^[vV=]/, '').toLowerCase();
}

/** An exact version as written in a file (1.2.3, v1.8.0, 2.0.0rc1, 1.2.3.RELEASE): no operator, no wildcard. */
export function isPlainVersion(text: string): boolean {
  const t = text.trim();
  if (!/^[vV]?\d+(\.\d+)*([-.+_]?[0-9A-Za-z][0-9A-Za-z.+_-]*)?$/.test(t)) return false;
  return !/(^|\.)[xX*+](\.|$)/.test(t.replace(/^[vV]/, '')) && !t.endsWith('+');
}

type Op = '' | '=' | '==' | '===' | '!=' | '>' | '>=' | '<' | '<=' | '^' | '~' | '~=';
const COMPARATOR = /^(===|==|!=|~=|>=|<=|>|<|\^|~|=)?(.*)$/;

/** The lowest version a constraint names (^4.17.0 → 4.17.0, >=2.31,<3 → 2.31, [1.0,2.0) → 1.0), for display and purls. */
export function lowerBound(spec: string): string | undefined {
  const s = spec.trim();
  if (/^[[(]/.test(s)) {
    const m = /^[[(]\s*([^,\])]*)/.exec(s);
    const v = m?.[1].trim();
    return v ? v : undefined;
  }
  for (const c of comparators(s.split(/\|\|?/)[0] ?? '')) {
    if (['', '=', '==', '===', '>=', '>', '^', '~', '~='].includes(c.op)) {
      const v = c.version.replace(/(\.[xX*+])+$/, '').replace(/[.]?[*+]$/, '');
      if (/^[vV]?\d/.test(v)) return v;
    }
  }
  return undefined;
}

/**
 * Whether `version` satisfies `spec` as `ecosystem` reads it; undefined when the spec cannot be read
 * (dynamic versions such as latest.release, property placeholders, URLs).
 */
export function satisfies(version: string, spec: string, ecosystem: Ecosystem): boolean | undefined {
  const v = parseVersion(version);
  if (!v) return undefined;
  const s = spec.trim();
  if (s === '' || s === '*' || /^[xX]$/.test(s) || s === 'latest') return true;
  if (/^[[(]/.test(s)) return mavenRange(v, s);
  let unknown = false;
  for (const alternative of s.split(/\|\|?/)) {
    const r = allOf(v, alternative, ecosystem);
    if (r === true) return true;
    if (r === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

function allOf(v: ParsedVersion, alternative: string, ecosystem: Ecosystem): boolean | undefined {
  const hyphen = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(alternative);
  const list = hyphen
    ? [{ op: '>=' as Op, version: hyphen[1] }, { op: '<=' as Op, version: hyphen[2] }]
    : comparators(alternative);
  if (list.length === 0) return undefined;
  let unknown = false;
  for (const c of list) {
    const r = test(v, c.op === '' && ecosystem === 'cargo' ? '^' : c.op, c.version);
    if (r === false) return false;
    if (r === undefined) unknown = true;
  }
  return unknown ? undefined : true;
}

function comparators(text: string): { op: Op; version: string }[] {
  const joined = text.replace(/(===|==|!=|~=|>=|<=|>|<|\^|~|=)\s+/g, '$1');
  const out: { op: Op; version: string }[] = [];
  for (const token of joined.split(/[\s,]+/)) {
    if (!token) continue;
    const m = COMPARATOR.exec(token);
    if (m) out.push({ op: (m[1] ?? '') as Op, version: m[2] });
  }
  return out;
}

function test(v: ParsedVersion, op: Op, text: string): boolean | undefined {
  if (text === '*' || /^[xX]$/.test(text)) return op === '!=' ? false : true;
  const wildcard = /^([vV]?\d+(?:\.\d+)*)\.(?:[*xX+])(?:\.[*xX])*$/.exec(text) ?? /^([vV]?\d+(?:\.\d+)*)\+$/.exec(text);
  if (wildcard) {
    const prefix = parseVersion(wildcard[1]);
    if (!prefix) return undefined;
    const matches = prefix.parts.every((p, i) => (v.parts[i] ?? 0) === p);
    if (op === '' || op === '=' || op === '==' || op === '===') return matches;
    if (op === '!=') return !matches;
    return test(v, op, wildcard[1]);
  }
  const b = parseVersion(text);
  if (!b) return undefined;
  const c = compareParsed(v, b);
  switch (op) {
    case '':
    case '=':
    case '==':
    case '===':
      return c === 0;
    case '!=':
      return c !== 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '^': {
      // First non-zero part given is the one that may not change (^1.2.3 <2, ^0.2.3 <0.3, ^0.0.3 <0.0.4).
      let i = b.parts.findIndex((p) => p !== 0);
      if (i < 0) i = b.parts.length - 1;
      return c >= 0 && compareParsed(v, bump(b.parts, i)) < 0;
    }
    case '~':
      // npm/Cargo/Poetry tilde: ~1.2.3 and ~1.2 allow patch changes, ~1 minor changes.
      return c >= 0 && compareParsed(v, bump(b.parts, b.parts.length >= 2 ? 1 : 0)) < 0;
    case '~=':
      // PEP 440 compatible release: ~=1.4.5 is >=1.4.5, ==1.4.*.
      if (b.parts.length < 2) return undefined;
      return c >= 0 && compareParsed(v, bump(b.parts, b.parts.length - 2)) < 0;
  }
}

/** Exclusive upper bound of a ^/~ range: part i incremented, later parts dropped (bump([1,2,3], 1) = 1.3). */
function bump(parts: number[], i: number): ParsedVersion {
  const out = parts.slice(0, i + 1);
  out[i] = (out[i] ?? 0) + 1;
  return { parts: out, pre: '', post: '' };
}

/** Maven/Gradle ranges: [1.0,2.0), (,1.0], [1.2], several sets separated by commas. */
function mavenRange(v: ParsedVersion, spec: string): boolean | undefined {
  const sets = spec.match(/[[(][^\])]*[\])]/g);
  if (!sets) return undefined;
  for (const set of sets) {
    const inner = set.slice(1, -1);
    const [lo, hi] = inner.includes(',') ? inner.split(',').map((x) => x.trim()) : [inner.trim(), inner.trim()];
    const pl = lo ? parseVersion(lo) : undefined;
    const ph = hi ? parseVersion(hi) : undefined;
    if ((lo && !pl) || (hi && !ph)) return undefined;
    const okLo = !pl || (set.startsWith('[') ? compareParsed(v, pl) >= 0 : compareParsed(v, pl) > 0);
    const okHi = !ph || (set.endsWith(']') ? compareParsed(v, ph) <= 0 : compareParsed(v, ph) < 0);
    if (okLo && okHi) return true;
  }
  return false;
}
