/**
 * The soup/* rules (SPEC 3; IEC 62304 8.1.2, 7.1.3, 5.3.3): compares the dependencies the package
 * manifests and lockfiles declare with the manifest's soup list.
 *
 * Choices, for the README:
 * - Only direct dependencies must be listed; dev dependencies (devDependencies, test scope, dev
 *   groups, build tools) only when the manifest says `policy.soupIncludeDev: true` (also read as
 *   `policy.soup.includeDev`), because they are not part of the shipped software.
 * - A lockfile's exact version wins over the manifest's range (the nearest lockfile of the same
 *   ecosystem in the manifest's folder or above). A lockfile without a manifest next to it declares
 *   its own direct dependencies.
 * - A soup entry's version must equal an exact version in use, or satisfy the range when no exact
 *   version is known. Transitive lockfile entries are compared only when the soup list names them and
 *   no direct dependency of that name exists.
 * - soup/incomplete: version and manufacturer always; purpose and anomalyList for class B/C (the
 *   entry's safetyClass, else the system's). An endOfSupport date in the past is also reported under
 *   soup/incomplete (same default severity): the entry is no longer a valid basis for use.
 * - Without a manifest nothing is reported (the engine says once that the manifest is missing), but
 *   the dependencies are still returned for reports.
 * - A package file that cannot be read is reported as medtrace/input-problem at the problem.
 */
import { dirOf } from '../code/paths';
import type { Policy, SafetyClass, Manifest, SoupEntry } from '../manifest/model';
import { requireRule, ruleInfo } from '../rules/registry';
import { compareFindings, type Finding, type RelatedLocation } from '../types';
import { ecosystemOf, exactVersion, isLockfile, isPackageManifest, parseDependencies, type Dependency, type Ecosystem, type ParseProblem } from './dependencies';
import { purl, purlType } from './parsers/common';
import { compareVersions, satisfies, versionsEqual } from './version';

export interface SoupCheckInput {
  manifest: Manifest | undefined;
  /** Package manifests and lockfiles (others are ignored), workspace-relative paths. */
  files: { path: string; text: string }[];
  /** For endOfSupport; defaults to the current date. */
  now?: Date;
}

export interface SoupCheckResult {
  findings: Finding[];
  /** Every dependency found: manifest entries (with lockfile versions merged in), then lockfile-only entries. */
  dependencies: Dependency[];
}

const PROBLEM_RULE = 'medtrace/input-problem';

interface ParsedFile {
  path: string;
  /** Lockfiles: entries by ecosystem-normalised name, for merging. */
  byKey?: Map<string, Dependency[]>;
  dir: string;
  ecosystem: Ecosystem;
  lock: boolean;
  dependencies: Dependency[];
  problems: ParseProblem[];
}

interface Usage {
  deps: Dependency[];
  /** Only known from a lockfile as something another package pulls in. */
  transitive: boolean;
}

export function checkSoup(input: SoupCheckInput): SoupCheckResult {
  const parsed: ParsedFile[] = input.files
    .filter((f) => isPackageManifest(f.path))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => ({ path: f.path, dir: dirOf(f.path), ecosystem: ecosystemOf(f.path) ?? 'npm', lock: isLockfile(f.path), ...parseDependencies(f.path, f.text) }));

  const { declared, all, usages } = merge(parsed);
  const manifest = input.manifest;
  if (!manifest) return { findings: [], dependencies: all };

  const findings: Finding[] = [
    ...problemFindings(parsed),
    ...undeclared(manifest, declared),
    ...incomplete(manifest, input.now ?? new Date()),
    ...versionMismatch(manifest, usages),
  ];
  findings.sort(compareFindings);
  return { findings, dependencies: all };
}

/** Merges lockfile versions into manifest dependencies and groups what each file uses per package. */
function merge(parsed: ParsedFile[]): { declared: Dependency[]; all: Dependency[]; usages: Usage[] } {
  const locks = parsed.filter((p) => p.lock);
  for (const lock of locks) {
    lock.byKey = new Map();
    for (const d of lock.dependencies) lock.byKey.set(depKey(d), [...(lock.byKey.get(depKey(d)) ?? []), d]);
  }
  const covered = (lock: ParsedFile): boolean => parsed.some((p) => !p.lock && p.dir === lock.dir && p.ecosystem === lock.ecosystem);
  const lockFor = (dir: string, ecosystem: Ecosystem): ParsedFile | undefined => {
    for (let d: string | undefined = dir; d !== undefined; d = parentOf(d)) {
      const found = locks.find((l) => l.dir === d && l.ecosystem === ecosystem);
      if (found) return found;
    }
    return undefined;
  };

  const consumed = new Set<Dependency>();
  const declared: Dependency[] = [];
  const all: Dependency[] = [];
  const usages = new Map<string, Usage>();
  const use = (file: string, dep: Dependency, transitive: boolean): void => {
    const k = `${file}\u0000${depKey(dep)}`;
    const u = usages.get(k) ?? { deps: [], transitive };
    u.deps.push(dep);
    usages.set(k, u);
  };

  for (const file of parsed.filter((p) => !p.lock)) {
    const lock = lockFor(file.dir, file.ecosystem);
    for (const dep of file.dependencies) {
      const pick = lock ? pickLocked(lock, dep) : undefined;
      const merged: Dependency = pick?.version ? { ...dep, version: pick.version, resolvedFrom: lock?.path, purl: purl(dep.ecosystem, dep.name, pick.version) } : dep;
      if (pick) consumed.add(pick);
      all.push(merged);
      if (merged.direct) declared.push(merged);
      use(file.path, merged, !merged.direct);
    }
  }
  for (const lock of locks) {
    const own = !covered(lock);
    for (const dep of lock.dependencies) {
      if (consumed.has(dep)) continue;
      all.push(dep);
      if (own && dep.direct) declared.push(dep);
      use(lock.path, dep, !(own && dep.direct));
    }
  }
  // Transitive copies of a package the project also uses directly are that dependency's business.
  const direct = new Set([...usages.values()].filter((u) => !u.transitive).map((u) => depKey(u.deps[0])));
  return { declared, all, usages: [...usages.values()].filter((u) => !u.transitive || !direct.has(depKey(u.deps[0]))) };
}

/** The lockfile entry that a manifest dependency resolved to, if one can be told. */
function pickLocked(lock: ParsedFile, dep: Dependency): Dependency | undefined {
  const candidates = (lock.byKey?.get(depKey(dep)) ?? []).filter((d) => d.version !== undefined);
  if (candidates.length === 0) return undefined;
  const top = lock.dir === dirOf(dep.declaredIn) ? candidates.find((c) => c.direct) : undefined;
  if (top) return top;
  if (dep.versionSpec !== undefined) {
    const ok = candidates.filter((c) => satisfies(c.version ?? '', dep.versionSpec ?? '', dep.ecosystem) === true);
    if (ok.length) return ok.reduce((a, b) => ((compareVersions(a.version ?? '', b.version ?? '') ?? 0) >= 0 ? a : b));
  } else if (dep.version !== undefined) {
    const same = candidates.find((c) => versionsEqual(c.version ?? '', dep.version ?? ''));
    if (same) return same;
  }
  return candidates.length === 1 ? candidates[0] : undefined;
}

function problemFindings(parsed: ParsedFile[]): Finding[] {
  const severity = ruleInfo(PROBLEM_RULE)?.defaultSeverity ?? 'information';
  return parsed.flatMap((p) =>
    p.problems.map((problem) => ({
      ruleId: PROBLEM_RULE,
      severity,
      message: `${problem.message}. Dependencies that could not be read in ${p.path} are not checked against the soup list.`,
      path: p.path,
      range: problem.range,
      data: { reason: 'unreadable-dependencies' },
    })),
  );
}

function undeclared(manifest: Manifest, declared: Dependency[]): Finding[] {
  const rule = requireRule('soup/undeclared');
  const withDev = includeDev(manifest.policy);
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const dep of declared) {
    if (!dep.direct || (dep.dev && !withDev)) continue;
    const once = `${dep.declaredIn}\u0000${depKey(dep)}`;
    if (seen.has(once)) continue;
    seen.add(once);
    if (manifest.soup.some((e) => entryNames(e, dep))) continue;
    const shown = exactVersion(dep) ?? dep.versionSpec ?? dep.version;
    out.push({
      ruleId: rule.id,
      severity: rule.defaultSeverity,
      message:
        `Dependency '${dep.name}'${shown ? ` ${shown}` : ''} (${dep.declaredIn}) is not in the manifest's soup list. ` +
        `IEC 62304 8.1.2 requires each SOUP item with title, manufacturer and version: add it to soup: in ${manifest.path}.`,
      path: dep.location.path,
      range: dep.location.range,
      data: { name: dep.name, version: exactVersion(dep) ?? dep.version, ecosystem: dep.ecosystem, purl: dep.purl },
    });
  }
  return out;
}

function incomplete(manifest: Manifest, now: Date): Finding[] {
  const rule = requireRule('soup/incomplete');
  const today = now.toISOString().slice(0, 10);
  const out: Finding[] = [];
  for (const e of manifest.soup) {
    const cls: SafetyClass = e.safetyClass ?? manifest.system.safetyClass;
    const missing: string[] = [];
    if (blank(e.version)) missing.push('version');
    if (blank(e.manufacturer)) missing.push('manufacturer');
    const higher = cls === 'B' || cls === 'C';
    if (higher && blank(e.purpose)) missing.push('purpose');
    if (higher && blank(e.anomalyList)) missing.push('anomalyList');
    if (missing.length) {
      const why: string[] = [];
      if (missing.includes('version') || missing.includes('manufacturer')) why.push('IEC 62304 8.1.2 requires the title, manufacturer and version of each SOUP item');
      if (missing.includes('purpose')) why.push(`class ${cls} SOUP needs its purpose, the functional and performance requirements it serves (5.3.3)`);
      if (missing.includes('anomalyList')) why.push(`class ${cls} SOUP needs the published anomaly list it was evaluated against (7.1.3), as a URL`);
      out.push({
        ruleId: rule.id,
        severity: rule.defaultSeverity,
        message: `SOUP '${e.name}' lacks ${list(missing)}: ${why.join('; ')}. Add ${missing.length > 1 ? 'them' : 'it'} to the soup entry.`,
        path: e.nameLocation.path,
        range: e.nameLocation.range,
        data: { name: e.name, missing, safetyClass: cls },
      });
    }
    const eos = /^(\d{4}-\d{2}-\d{2})/.exec(e.endOfSupport?.trim() ?? '')?.[1];
    if (eos && eos < today) {
      out.push({
        ruleId: rule.id,
        severity: rule.defaultSeverity,
        message:
          `SOUP '${e.name}': end of support ${eos} has passed, so its anomalies are no longer fixed or published. ` +
          `Upgrade or replace it, or record why continued use is acceptable (IEC 62304 7.1.3, 6.1), and update endOfSupport.`,
        path: e.nameLocation.path,
        range: e.nameLocation.range,
        data: { name: e.name, endOfSupport: eos, kind: 'end-of-support' },
      });
    }
  }
  return out;
}

function versionMismatch(manifest: Manifest, usages: Usage[]): Finding[] {
  const rule = requireRule('soup/version-mismatch');
  const byEntry = new Map<SoupEntry, Usage[]>();
  for (const usage of usages) {
    const entries = manifest.soup.filter((e) => !blank(e.version) && entryNames(e, usage.deps[0]));
    if (entries.length === 0) continue;
    if (usage.deps.some((d) => entries.some((e) => compatible(String(e.version), d)))) continue;
    for (const e of entries) byEntry.set(e, [...(byEntry.get(e) ?? []), usage]);
  }
  const out: Finding[] = [];
  for (const [e, bad] of byEntry) {
    const deps = bad.flatMap((u) => u.deps);
    const used = deps.map((d) => `${exactVersion(d) ?? d.versionSpec ?? '?'} (${d.resolvedFrom ?? d.declaredIn})`);
    const unique = [...new Set(used)];
    const anyRange = deps.some((d) => exactVersion(d) === undefined);
    const location = e.versionLocation ?? e.nameLocation;
    const related: RelatedLocation[] = deps.map((d) => ({
      path: d.location.path,
      range: d.location.range,
      message: `'${d.name}' ${exactVersion(d) ?? d.versionSpec ?? ''} is used here`.replace(/\s+is/, ' is'),
    }));
    out.push({
      ruleId: rule.id,
      severity: rule.defaultSeverity,
      message:
        `SOUP '${e.name}' is listed as version ${e.version}, but the project uses ${list(unique)}${anyRange ? ', which excludes it' : ''}. ` +
        `IEC 62304 8.1.2 requires the version actually used: update the soup entry (and re-evaluate its anomaly list) or the dependency.`,
      path: location.path,
      range: location.range,
      related,
      data: { name: e.name, listedVersion: e.version, usedVersions: [...new Set(deps.map((d) => exactVersion(d) ?? d.versionSpec))].filter((v) => v !== undefined) },
    });
  }
  return out;
}

/** Whether the soup entry's version is the one the dependency uses (or, for a range without a lockfile, allowed by it). */
function compatible(listed: string, dep: Dependency): boolean {
  const exact = exactVersion(dep);
  if (exact !== undefined) return versionsEqual(listed, exact);
  if (dep.versionSpec !== undefined) return satisfies(listed, dep.versionSpec, dep.ecosystem) !== false;
  return true;
}

// ---- names ---------------------------------------------------------------------------------------

/** Case-insensitive; PEP 503 for Python (runs of - _ . are one -). */
function normalise(ecosystem: Ecosystem, name: string): string {
  const n = name.trim().toLowerCase();
  return ecosystem === 'pypi' ? n.replace(/[-_.]+/g, '-') : n;
}

function depKey(dep: Dependency): string {
  return `${dep.ecosystem}:${normalise(dep.ecosystem, dep.name)}`;
}

/** The names a soup entry may use for a dependency: Maven groupId:artifactId or artifactId; Go module path or its last segment. */
function aliases(dep: Dependency): string[] {
  const names = [dep.name];
  if (dep.ecosystem === 'maven' && dep.name.includes(':')) names.push(dep.name.slice(dep.name.indexOf(':') + 1));
  if (dep.ecosystem === 'golang') {
    const base = dep.name.replace(/\/v\d+$/, '');
    names.push(base, base.slice(base.lastIndexOf('/') + 1));
  }
  return names.map((n) => normalise(dep.ecosystem, n));
}

const ECOSYSTEM_WORDS: Record<string, Ecosystem> = {
  npm: 'npm', node: 'npm', yarn: 'npm', javascript: 'npm',
  pypi: 'pypi', pip: 'pypi', python: 'pypi', poetry: 'pypi',
  maven: 'maven', gradle: 'maven', java: 'maven',
  golang: 'golang', go: 'golang',
  cargo: 'cargo', crates: 'cargo', 'crates.io': 'cargo', rust: 'cargo',
  conan: 'conan',
  vcpkg: 'vcpkg',
};

/** Whether a soup: entry names a dependency (also used by the SBOM and the report, so all agree). */
export function entryNames(e: SoupEntry, dep: Dependency): boolean {
  const eco = typeof e.extra.ecosystem === 'string' ? ECOSYSTEM_WORDS[e.extra.ecosystem.trim().toLowerCase()] : undefined;
  if (eco && eco !== dep.ecosystem) return false;
  if (typeof e.extra.purl === 'string' && purlNames(e.extra.purl, dep)) return true;
  return aliases(dep).includes(normalise(dep.ecosystem, e.name));
}

/** pkg:type/namespace/name@version?qualifiers#subpath names the dependency (version ignored). */
function purlNames(p: string, dep: Dependency): boolean {
  const m = /^pkg:([^/]+)\/([^@?#]+)/i.exec(p.trim());
  if (!m) return false;
  const strip = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const ours = /^pkg:([^/]+)\/([^@?#]+)/.exec(dep.purl);
  if (!ours || m[1].toLowerCase() !== purlType(dep.ecosystem)) return false;
  return normalise(dep.ecosystem, strip(m[2])) === normalise(dep.ecosystem, strip(ours[2]));
}

// ---- small helpers -------------------------------------------------------------------------------

function includeDev(policy: Policy | undefined): boolean {
  if (!policy) return false;
  if (policy.soupIncludeDev === true) return true;
  const soup = policy.soup;
  return typeof soup === 'object' && soup !== null && (soup as Record<string, unknown>).includeDev === true;
}

function blank(v: unknown): boolean {
  return v === undefined || v === null || String(v).trim() === '';
}

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function parentOf(dir: string): string | undefined {
  if (dir === '') return undefined;
  return dirOf(dir);
}
