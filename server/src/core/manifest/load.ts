/**
 * Loads medtrace.yaml (SPEC 2) and the files it includes into a located Manifest.
 *
 * Every id, reference and entry keeps the position it was written at (0-based lines, UTF-16 columns:
 * `yaml` offsets are JS string indices, so column = offset - line start). Problems become
 * `trace/manifest-error` findings at the exact node; nothing here throws on any input, and loading goes on
 * with whatever could be read. Invariant for consumers: ids in the returned Manifest are unique across
 * units, requirements, risks and risk controls (a duplicate is reported and left out).
 */
import * as nodePath from 'path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import picomatch from 'picomatch';
import {
  Document,
  LineCounter,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Node as YamlNode,
} from 'yaml';
import { range as makeRange, compareFindings, comparePositions, type Finding, type Location, type Range, type RelatedLocation } from '../types';
import { decodeUtf8, isWithin, looksBinary, type WorkspaceHost } from '../workspace/host';
import {
  DEFAULT_POLICY,
  MANIFEST_FILE,
  type ControlType,
  type IdRef,
  type Manifest,
  type ManifestLoadResult,
  type Policy,
  type Requirement,
  type RequirementKind,
  type Risk,
  type RiskControl,
  type RiskRating,
  type SafetyClass,
  type SoupEntry,
  type Unit,
} from './model';
import schemaJson from './schema.json';
import { editDistance } from '../trace/similar';

export const MANIFEST_RULE = 'trace/manifest-error';
export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_.:~-]*[A-Za-z0-9]$/;

/** Limits that keep a hostile or accidental input from exhausting the editor or CI. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Same default as `yaml`; an alias bomb exceeds it long before it expands. */
const MAX_ALIAS_COUNT = 100;
const MAX_SCHEMA_FINDINGS = 100;
const MAX_INCLUDED_FILES = 500;
const MAX_GLOB_ENTRIES = 20000;
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

type Section = 'units' | 'requirements' | 'risks' | 'riskControls';
const SECTION_NOUN: Record<Section, string> = {
  units: 'unit',
  requirements: 'requirement',
  risks: 'risk',
  riskControls: 'risk control',
};

// ---------------------------------------------------------------------------------------------------------
// Positions

/** Maps `yaml` nodes and offsets of one file to LSP ranges and locations. */
class SourceMap {
  private anchors: { name: string; offset: number; node: YamlNode }[] | undefined;

  constructor(
    readonly relPath: string,
    private readonly text: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  position(offset: number): { line: number; character: number } {
    const p = this.lines.linePos(Math.max(0, offset));
    return { line: p.line - 1, character: p.col - 1 };
  }

  offsetRange(start: number, end: number): Range {
    const s = this.position(start);
    const e = this.position(Math.max(start, end));
    return makeRange(s.line, s.character, e.line, e.character);
  }

  /** The node's value range; quoted scalars without escapes exclude their quotes so a rename keeps them. */
  range(node: YamlNode | undefined): Range {
    const r = node?.range;
    if (!r) return makeRange(0, 0, 0, 0);
    let [start, end] = [r[0], r[1]];
    if (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && end - start >= 2) {
      start++;
      end--;
    }
    return this.offsetRange(start, end);
  }

  /** The node's range cut at the end of its first line: a whole multi-line mapping is too loud a squiggle. */
  firstLineRange(node: YamlNode | undefined): Range {
    const full = this.range(node);
    if (full.start.line === full.end.line || !node?.range) return full;
    let end = this.lines.lineStarts[full.start.line + 1] - 1; // the line break
    if (this.text[end - 1] === '\r') end--;
    while (end > node.range[0] && /[ \t]/.test(this.text[end - 1])) end--;
    return this.offsetRange(node.range[0], end);
  }

  location(node: YamlNode | undefined): Location {
    return { path: this.relPath, range: this.range(node) };
  }

  /** Follows an alias to the node its anchor names (the last anchor of that name before the alias). */
  resolve(node: unknown): YamlNode | undefined {
    if (!isAlias(node)) return isNodeLike(node) ? node : undefined;
    if (!this.anchors) {
      const found: { name: string; offset: number; node: YamlNode }[] = [];
      visit(this.doc, {
        Node: (_key, n) => {
          if (!isAlias(n) && n.anchor && n.range) found.push({ name: n.anchor, offset: n.range[0], node: n });
        },
      });
      this.anchors = found;
    }
    const at = node.range?.[0] ?? Number.MAX_SAFE_INTEGER;
    let target: YamlNode | undefined;
    for (const a of this.anchors) if (a.name === node.source && a.offset < at) target = a.node;
    return isAlias(target) ? undefined : target;
  }

  /** The value node under a map key or sequence index (aliases resolved), if present. */
  child(node: YamlNode | undefined, key: string | number): YamlNode | undefined {
    const n = this.resolve(node);
    if (isSeq(n)) {
      const i = typeof key === 'number' ? key : /^\d+$/.test(key) ? Number(key) : -1;
      return i >= 0 && i < n.items.length ? this.resolve(n.items[i]) : undefined;
    }
    if (isMap(n)) {
      const pair = n.items.find((p) => isPair(p) && scalarKey(p.key) === String(key));
      return pair ? (this.resolve(pair.value) ?? this.resolve(pair.key)) : undefined;
    }
    return undefined;
  }

  /** The key node of `key` in a mapping, for "unknown field" findings. */
  keyNode(node: YamlNode | undefined, key: string): YamlNode | undefined {
    const n = this.resolve(node);
    if (!isMap(n)) return undefined;
    const pair = n.items.find((p) => isPair(p) && scalarKey(p.key) === key);
    return pair && isNodeLike(pair.key) ? pair.key : undefined;
  }

  /** Deepest node along `segments` (the last one found when the path breaks off early). */
  at(root: YamlNode | undefined, segments: readonly (string | number)[]): YamlNode | undefined {
    let node = this.resolve(root);
    for (const seg of segments) {
      const next = this.child(node, seg);
      if (!next) break;
      node = next;
    }
    return node;
  }
}

function isNodeLike(v: unknown): v is YamlNode {
  return isScalar(v) || isMap(v) || isSeq(v) || isAlias(v);
}

function scalarKey(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' ? key : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Findings

function manifestFinding(
  location: Location,
  message: string,
  data?: Record<string, unknown>,
  related?: RelatedLocation[],
): Finding {
  const f: Finding = { ruleId: MANIFEST_RULE, severity: 'error', message, path: location.path, range: location.range };
  if (data) f.data = data;
  if (related && related.length > 0) f.related = related;
  return f;
}

function fileStart(relPath: string): Location {
  return { path: relPath, range: makeRange(0, 0, 0, 0) };
}

function where(loc: Location): string {
  return `${loc.path}:${loc.range.start.line + 1}`;
}

// ---------------------------------------------------------------------------------------------------------
// Schema validation

let validator: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (!validator) {
    // verbose: errors carry the offending data and parent schema, used for precise messages.
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
    validator = ajv.compile(schemaJson);
  }
  return validator;
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `requirements/3/kind` → `requirements[3].kind`, the way users read YAML paths. */
function displayPath(segments: readonly string[]): string {
  let out = '';
  for (const s of segments) out += /^\d+$/.test(s) ? `[${s}]` : out === '' ? s : `.${s}`;
  return out;
}

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  const s = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

const TYPE_NOUN: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

function typeNoun(t: unknown): string {
  const types = Array.isArray(t) ? t : String(t).split(',');
  return types.map((x) => TYPE_NOUN[String(x)] ?? String(x)).join(' or ');
}

function closest(word: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const o of options) {
    const d = o.toLowerCase() === word.toLowerCase() ? 0 : editDistance(word, o);
    if (d < bestD) [best, bestD] = [o, d];
  }
  return best;
}

function schemaMessage(err: ErrorObject, segments: readonly string[]): string {
  const path = displayPath(segments);
  const field = path === '' ? 'The manifest' : path;
  const last = segments[segments.length - 1];
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'additionalProperties': {
      const prop = String(params.additionalProperty);
      const parent = err.parentSchema as { properties?: Record<string, unknown> } | undefined;
      const allowed = Object.keys(parent?.properties ?? {});
      const guess = closest(prop, allowed);
      const hint = guess ? ` Did you mean "${guess}"?` : '';
      return `Unknown field "${prop}" in ${path === '' ? 'the manifest' : path}: remove it or fix its spelling.${hint} Allowed: ${allowed.join(', ')}.`;
    }
    case 'required':
      return `${field} has no "${String(params.missingProperty)}": add \`${String(params.missingProperty)}: …\`.`;
    case 'type': {
      const expected = typeNoun(params.type);
      const quote = typeof err.data === 'number' || typeof err.data === 'boolean';
      const hint = expected === 'text' && quote ? ' Quote the value to make it text.' : expected === 'a list' ? ' Write it as a list, e.g. [A, B].' : '';
      return `${field} must be ${expected}, not ${describeValue(err.data)}.${hint}`;
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => String(v));
      const guess = typeof err.data === 'string' ? closest(err.data, allowed) : undefined;
      const hint = guess ? ` Did you mean "${guess}"?` : '';
      return `${field} must be one of ${allowed.join(' | ')}, not ${describeValue(err.data)}.${hint}`;
    }
    case 'const':
      return last === 'version'
        ? `Unsupported manifest version ${describeValue(err.data)}: this MedTrace reads \`version: 1\`.`
        : `${field} must be ${describeValue(params.allowedValue)}.`;
    case 'pattern':
      return `${describeValue(err.data)} is not a valid id: an id starts with a letter, ends with a letter or digit, and uses only letters, digits and _ . : ~ - (e.g. SRS-042).`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const parent = err.parentSchema as { minimum?: number; maximum?: number } | undefined;
      if (parent?.minimum !== undefined && parent.maximum !== undefined) {
        return `${field} must be between ${parent.minimum} and ${parent.maximum}, not ${describeValue(err.data)}.`;
      }
      return `${field} ${err.message ?? 'is out of range'}, not ${describeValue(err.data)}.`;
    }
    default:
      return `${field} ${err.message ?? 'is invalid'}.`;
  }
}

/** What is used instead of a rejected setting that has a default. */
function fallbackNote(segments: readonly string[]): string {
  if (segments.length === 2 && segments[0] === 'policy' && segments[1] === 'riskAcceptance') return ` The default, ${DEFAULT_POLICY.riskAcceptance}, is used instead.`;
  return '';
}

function schemaFindings(sm: SourceMap, root: YamlNode | undefined, data: unknown): Finding[] {
  const validate = schemaValidator();
  if (validate(data)) return [];
  const out: Finding[] = [];
  const errors = validate.errors ?? [];
  for (const err of errors.slice(0, MAX_SCHEMA_FINDINGS)) {
    const segments = pointerSegments(err.instancePath);
    const node = sm.at(root, segments);
    let range: Range;
    if (err.keyword === 'additionalProperties') {
      range = sm.range(sm.keyNode(node, String((err.params as Record<string, unknown>).additionalProperty)) ?? node);
    } else if (err.keyword === 'required' || isMap(node) || isSeq(node)) {
      range = sm.firstLineRange(node);
    } else {
      range = sm.range(node);
    }
    out.push(
      manifestFinding({ path: sm.relPath, range }, schemaMessage(err, segments) + fallbackNote(segments), {
        code: 'schema',
        keyword: err.keyword,
        instancePath: err.instancePath,
      }),
    );
  }
  if (errors.length > MAX_SCHEMA_FINDINGS) {
    out.push(
      manifestFinding(
        fileStart(sm.relPath),
        `${errors.length - MAX_SCHEMA_FINDINGS} more schema errors in ${sm.relPath} are not shown; fix the ones above first.`,
        { code: 'schema' },
      ),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// One file: YAML → located lists

/** An `include:` pattern as written, with where it was written. */
export interface IncludeRef {
  pattern: string;
  location: Location;
}

/** What one manifest file (main or included) contributes, before cross-file checks. */
export interface ParsedManifestFile {
  relPath: string;
  findings: Finding[];
  /** False when nothing could be read (no mapping at the root, alias bomb…): the file contributes nothing. */
  usable: boolean;
  /** True for an empty or comment-only file. */
  empty: boolean;
  /** Whether the file has a `version:` key, and its value when it is a number. */
  hasVersion: boolean;
  version?: number;
  system?: { name?: string; safetyClass?: SafetyClass; location: Location };
  policy?: Partial<Policy>;
  /** Keys that only the main file may hold (system, policy), with their key location. */
  mainOnlyKeys: { key: string; location: Location }[];
  units: Unit[];
  requirements: Requirement[];
  risks: Risk[];
  riskControls: RiskControl[];
  soup: SoupEntry[];
  includes: IncludeRef[];
  /** The root node's first-line location, for file-level findings. */
  rootLocation: Location;
}

function emptyParse(relPath: string): ParsedManifestFile {
  return {
    relPath,
    findings: [],
    usable: false,
    empty: false,
    hasVersion: false,
    mainOnlyKeys: [],
    units: [],
    requirements: [],
    risks: [],
    riskControls: [],
    soup: [],
    includes: [],
    rootLocation: fileStart(relPath),
  };
}

type Raw = Record<string, unknown>;

function asRecord(v: unknown): Raw | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : undefined;
}

function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function asNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function asStringList(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function asEnum<T extends string>(v: unknown, allowed: readonly T[]): T | undefined {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
}

const SAFETY_CLASSES = ['A', 'B', 'C'] as const;
const REQUIREMENT_KINDS: readonly RequirementKind[] = ['functional', 'safety', 'security', 'privacy', 'performance', 'usability'];
const CONTROL_TYPES: readonly ControlType[] = ['inherent', 'protective', 'information'];

/** Reads the file's lists from plain data, taking positions from the YAML nodes at the same paths. */
class FileReader {
  constructor(
    private readonly sm: SourceMap,
    private readonly root: YamlNode | undefined,
  ) {}

  /** The node exactly at `segments`, or undefined when the path breaks off. */
  node(segments: readonly (string | number)[]): YamlNode | undefined {
    let node = this.sm.resolve(this.root);
    for (const seg of segments) {
      node = this.sm.child(node, seg);
      if (!node) return undefined;
    }
    return node;
  }

  /** Where `segments` was written, or the deepest enclosing node when it was not. */
  loc(segments: readonly (string | number)[]): Location {
    return this.sm.location(this.node(segments) ?? this.sm.at(this.root, segments));
  }

  refs(raw: Raw, base: readonly (string | number)[], key: string): IdRef[] {
    const v = raw[key];
    if (typeof v === 'string') return [{ id: v, location: this.loc([...base, key]) }];
    if (!Array.isArray(v)) return [];
    const out: IdRef[] = [];
    v.forEach((item, j) => {
      if (typeof item === 'string') out.push({ id: item, location: this.loc([...base, key, j]) });
    });
    return out;
  }

  /** Entries of an id-carrying section; entries without a textual id are left out (the schema reports them). */
  entries<T>(data: Raw, section: Section, build: (raw: Raw, base: (string | number)[], id: string) => T): T[] {
    const list = data[section];
    if (!Array.isArray(list)) return [];
    const out: T[] = [];
    list.forEach((item, i) => {
      const raw = asRecord(item);
      const id = raw ? asString(raw.id) : undefined;
      if (raw && id !== undefined && id !== '') out.push(build(raw, [section, i], id));
    });
    return out;
  }

  entryBase(base: (string | number)[], id: string): { id: string; idLocation: Location; location: Location } {
    return { id, idLocation: this.loc([...base, 'id']), location: this.loc(base) };
  }

  rating(raw: Raw | undefined): RiskRating {
    const r: RiskRating = {};
    const severity = asNumber(raw?.severity);
    const probability = asNumber(raw?.probability);
    if (severity !== undefined) r.severity = severity;
    if (probability !== undefined) r.probability = probability;
    return r;
  }

  units(data: Raw): Unit[] {
    return this.entries(data, 'units', (raw, base, id) =>
      prune<Unit>({
        ...this.entryBase(base, id),
        name: asString(raw.name),
        safetyClass: asEnum(raw.safetyClass, SAFETY_CLASSES),
        paths: asStringList(raw.paths),
      }),
    );
  }

  requirements(data: Raw): Requirement[] {
    return this.entries(data, 'requirements', (raw, base, id) =>
      prune<Requirement>({
        ...this.entryBase(base, id),
        title: asString(raw.title),
        text: asString(raw.text),
        kind: asEnum(raw.kind, REQUIREMENT_KINDS),
        derivedFrom: this.refs(raw, base, 'derivedFrom'),
      }),
    );
  }

  risks(data: Raw): Risk[] {
    return this.entries(data, 'risks', (raw, base, id) => {
      const residualRaw = asRecord(raw.residual);
      return prune<Risk>({
        ...this.entryBase(base, id),
        ...this.rating(raw),
        hazard: asString(raw.hazard),
        hazardousSituation: asString(raw.hazardousSituation),
        harm: asString(raw.harm),
        controls: this.refs(raw, base, 'controls'),
        residual: residualRaw ? this.rating(residualRaw) : undefined,
        threat: asString(raw.threat),
      });
    });
  }

  riskControls(data: Raw): RiskControl[] {
    return this.entries(data, 'riskControls', (raw, base, id) =>
      prune<RiskControl>({
        ...this.entryBase(base, id),
        title: asString(raw.title),
        type: asEnum(raw.type, CONTROL_TYPES),
        requirements: this.refs(raw, base, 'requirements'),
      }),
    );
  }

  soup(data: Raw): SoupEntry[] {
    const list = data.soup;
    if (!Array.isArray(list)) return [];
    const out: SoupEntry[] = [];
    list.forEach((item, i) => {
      const raw = asRecord(item);
      const name = raw ? asString(raw.name) : undefined;
      if (!raw || name === undefined) return;
      const base = ['soup', i];
      const versionNode = this.node([...base, 'version']);
      const extra: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(raw)) {
        // `__proto__` as a plain assignment would replace the object's prototype.
        if (!SOUP_MODEL_FIELDS.has(k) && k !== '__proto__') extra[k] = v;
      }
      out.push(
        prune<SoupEntry>({
          name,
          version: soupVersion(raw.version, versionNode),
          manufacturer: asString(raw.manufacturer),
          purpose: asString(raw.purpose),
          safetyClass: asEnum(raw.safetyClass, SAFETY_CLASSES),
          anomalyList: asString(raw.anomalyList),
          endOfSupport: asString(raw.endOfSupport),
          extra,
          location: this.loc(base),
          nameLocation: this.loc([...base, 'name']),
          versionLocation: versionNode ? this.sm.location(versionNode) : undefined,
        }),
      );
    });
    return out;
  }

  includes(data: Raw): IncludeRef[] {
    const v = data.include;
    if (typeof v === 'string') return [{ pattern: v, location: this.loc(['include']) }];
    if (!Array.isArray(v)) return [];
    const out: IncludeRef[] = [];
    v.forEach((p, i) => {
      if (typeof p === 'string') out.push({ pattern: p, location: this.loc(['include', i]) });
    });
    return out;
  }

  policy(data: Raw): Partial<Policy> | undefined {
    const raw = asRecord(data.policy);
    if (!raw) return undefined;
    const out: Partial<Policy> = {};
    for (const key of ['include', 'exclude', 'tests'] as const) {
      if (Array.isArray(raw[key])) out[key] = asStringList(raw[key]);
    }
    // A value the schema rejects (negative, not finite) is not used: the default stays (schemaFindings says so).
    const acceptance = asNumber(raw.riskAcceptance);
    if (acceptance !== undefined && Number.isFinite(acceptance) && acceptance >= 0) out.riskAcceptance = acceptance;
    for (const [k, v] of Object.entries(raw)) {
      if (!['include', 'exclude', 'tests', 'riskAcceptance', '__proto__'].includes(k) && asRecord(v)) out[k] = v;
    }
    return out;
  }
}

const SOUP_MODEL_FIELDS = new Set(['name', 'version', 'manufacturer', 'purpose', 'safetyClass', 'anomalyList', 'endOfSupport']);

/** `version: 1.10` reads as the number 1.1; the source text is what the user meant. */
function soupVersion(v: unknown, node: YamlNode | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return isScalar(node) && typeof node.source === 'string' && node.source !== '' ? node.source : String(v);
  return undefined;
}

/** Drops keys whose value is undefined so results compare and serialise cleanly. */
function prune<T extends object>(o: { [K in keyof T]: T[K] | undefined }): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** Aliases naming no earlier anchor make `toJS` throw; find them first to report them in place. */
function unresolvedAliases(doc: Document): YamlNode[] {
  const seen = new Set<string>();
  const bad: YamlNode[] = [];
  visit(doc, {
    Node: (_key, n) => {
      if (isAlias(n)) {
        if (!seen.has(n.source)) bad.push(n);
      } else if (n.anchor) {
        seen.add(n.anchor);
      }
    },
  });
  return bad;
}

function firstAlias(doc: Document): YamlNode | undefined {
  let found: YamlNode | undefined;
  visit(doc, {
    Alias: (_key, n) => {
      found = n;
      return visit.BREAK;
    },
  });
  return found;
}

/**
 * Parses one manifest file's text. `relPath` is the workspace-relative path used in locations.
 * Syntax errors are reported and what could be read is still used; schema errors are only reported once the
 * YAML itself is clean (a half-parsed file yields misleading schema errors).
 */
export function parseManifestText(text: string, relPath: string): ParsedManifestFile {
  const result = emptyParse(relPath);
  try {
    parseInto(result, text, relPath);
  } catch (e) {
    // Defensive: a bug in `yaml` or here must not take the editor down.
    result.usable = false;
    result.findings.push(manifestFinding(fileStart(relPath), `Could not read ${relPath}: ${errorText(e)}. Check that it is valid YAML.`));
  }
  return result;
}

function parseInto(result: ParsedManifestFile, text: string, relPath: string): void {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const sm = new SourceMap(relPath, text, doc, lines);
  for (const err of doc.errors) {
    result.findings.push(
      manifestFinding(
        { path: relPath, range: sm.offsetRange(err.pos[0], err.pos[1]) },
        `YAML syntax error: ${err.message}. Fix the YAML so MedTrace can read ${relPath}.`,
        { code: 'yaml-syntax', yamlCode: err.code },
      ),
    );
  }
  const root = doc.contents ?? undefined;
  // `---` alone or `~` reads as a null scalar: as empty as an empty file.
  if (!root || (isScalar(root) && root.value === null)) {
    result.empty = doc.errors.length === 0;
    result.usable = result.empty;
    return;
  }
  result.rootLocation = { path: relPath, range: sm.firstLineRange(root) };
  if (!isMap(root)) {
    // With syntax errors the root's shape is an artefact of the error recovery; those errors say enough.
    if (doc.errors.length > 0) return;
    const what = isSeq(root) ? 'a list' : 'a single value';
    result.findings.push(
      manifestFinding(
        result.rootLocation,
        `${relPath} must be a YAML mapping with keys such as version:, system:, requirements:, not ${what}.`,
        { code: 'not-a-mapping' },
      ),
    );
    return;
  }

  const bad = unresolvedAliases(doc);
  for (const a of bad) {
    result.findings.push(
      manifestFinding(sm.location(a), `Alias ${a.toString()} names no anchor defined before it: define &${isAlias(a) ? a.source : ''} earlier or write the value out.`, {
        code: 'yaml-alias',
      }),
    );
  }
  if (bad.length > 0) return;

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    result.findings.push(
      manifestFinding(
        sm.location(firstAlias(doc) ?? root),
        `${relPath} was not read: ${errorText(e)}. Write the values out instead of repeating aliases.`,
        { code: 'yaml-alias' },
      ),
    );
    return;
  }
  const raw = asRecord(data);
  if (!raw) return;
  result.usable = true;
  if (doc.errors.length === 0) result.findings.push(...schemaFindings(sm, root, data));

  const reader = new FileReader(sm, root);
  result.hasVersion = 'version' in raw;
  result.version = asNumber(raw.version);
  const system = asRecord(raw.system);
  if (system) {
    result.system = prune({
      name: asString(system.name),
      safetyClass: asEnum(system.safetyClass, SAFETY_CLASSES),
      location: reader.loc(['system']),
    });
  }
  result.policy = reader.policy(raw);
  for (const key of ['system', 'policy']) {
    if (key in raw) result.mainOnlyKeys.push({ key, location: sm.location(sm.keyNode(root, key)) });
  }
  result.units = reader.units(raw);
  result.requirements = reader.requirements(raw);
  result.risks = reader.risks(raw);
  result.riskControls = reader.riskControls(raw);
  result.soup = reader.soup(raw);
  result.includes = reader.includes(raw);
}

function errorText(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.replace(/\.$/, '');
}

// ---------------------------------------------------------------------------------------------------------
// Reading files and includes

type ReadOutcome = { text: string; findings: Finding[] } | { problem: string };

async function readManifestFile(host: WorkspaceHost, abs: string, relPath: string): Promise<ReadOutcome> {
  let bytes: Uint8Array;
  try {
    const st = await host.stat(abs);
    if (!st) return { problem: `${relPath} does not exist` };
    if (st.kind === 'directory') return { problem: `${relPath} is a folder, not a YAML file` };
    if (st.size > MAX_FILE_BYTES) return { problem: `${relPath} is larger than ${MAX_FILE_BYTES / (1024 * 1024)} MiB` };
    bytes = await host.readFile(abs);
  } catch (e) {
    return { problem: `${relPath} could not be read (${errorText(e)})` };
  }
  if (bytes.length > MAX_FILE_BYTES) return { problem: `${relPath} is larger than ${MAX_FILE_BYTES / (1024 * 1024)} MiB` };
  if (looksBinary(bytes)) return { problem: `${relPath} is a binary file, not YAML text` };
  const { text, valid } = decodeUtf8(bytes);
  const findings: Finding[] = [];
  if (!valid) {
    const bad = text.indexOf('\uFFFD');
    const before = text.slice(0, Math.max(0, bad));
    const line = (before.match(/\n/g) ?? []).length;
    const character = before.length - (before.lastIndexOf('\n') + 1);
    findings.push(
      manifestFinding(
        { path: relPath, range: makeRange(line, character, line, character + 1) },
        `${relPath} is not valid UTF-8; the bad bytes were replaced. Save the file as UTF-8.`,
        { code: 'encoding' },
      ),
    );
  }
  return { text, findings };
}

function toRelPath(rootAbs: string, abs: string): string {
  const rel = nodePath.relative(rootAbs, abs);
  return rel.split(nodePath.sep).join('/');
}

function isOutside(rel: string): boolean {
  return rel === '..' || rel.startsWith('../') || nodePath.isAbsolute(rel);
}

interface LoadContext {
  host: WorkspaceHost;
  rootAbs: string;
  /** Canonical workspace root: includes are judged by their canonical path, so a link cannot lead out. */
  rootReal: string;
  findings: Finding[];
  files: ParsedManifestFile[];
  /** Canonical paths of every file read so far (a file included twice is read once). */
  loaded: Set<string>;
}

async function realPathOf(host: WorkspaceHost, abs: string): Promise<string> {
  try {
    return (await host.stat(abs))?.realPath ?? abs;
  } catch {
    return abs;
  }
}

/** Expands one include pattern to absolute file paths, or says why it cannot. */
async function expandInclude(ctx: LoadContext, dirAbs: string, pattern: string): Promise<{ files: string[] } | { problem: string }> {
  const host = ctx.host;
  const outside = `Include "${pattern}" reaches outside the workspace: only files inside ${nodePath.basename(ctx.rootAbs) || 'it'} are read; move the file into the workspace`;
  const trimmed = pattern.trim();
  if (trimmed === '') return { problem: 'Empty include pattern: write a path or glob relative to this file, e.g. "requirements/*.yaml"' };
  if (nodePath.isAbsolute(trimmed)) return { problem: `Include "${pattern}" is an absolute path: write it relative to this file` };
  const scan = picomatch.scan(trimmed);
  if (scan.negated) return { problem: `Negated include "${pattern}" is not supported: list the files to include instead` };
  if (!scan.isGlob) {
    const abs = nodePath.resolve(dirAbs, trimmed);
    // Refused before the file is looked at, so the answer does not even say whether it exists.
    if (isOutside(toRelPath(ctx.rootAbs, abs))) return { problem: outside };
    const st = await safeStat(host, abs);
    if (!st) return { problem: `Included file "${pattern}" not found: fix the path (relative to this file) or remove the include` };
    if (st.kind === 'directory') return { problem: `Include "${pattern}" is a folder: include its files with a glob such as "${trimmed.replace(/\/$/, '')}/*.yaml"` };
    return { files: [abs] };
  }
  const baseAbs = nodePath.resolve(dirAbs, scan.base === '' ? '.' : scan.base);
  // A base above the workspace ("../../../etc/**/*.yaml") is refused before it is walked.
  if (isOutside(toRelPath(ctx.rootAbs, baseAbs))) return { problem: outside };
  const baseSt = await safeStat(host, baseAbs);
  if (baseSt && !isWithin(ctx.rootReal, baseSt.realPath)) return { problem: outside };
  const isMatch = picomatch(scan.glob, { dot: false });
  const maxDepth = scan.glob.includes('**') ? 64 : scan.glob.split('/').length;
  const files: string[] = [];
  const budget = { entries: MAX_GLOB_ENTRIES };
  await walk(host, ctx.rootReal, baseAbs, '', maxDepth, new Set(), budget, (rel, abs) => {
    // Globs pick YAML files only, so "docs/*" does not drag in a README.
    if (/\.ya?ml$/i.test(rel) && isMatch(rel)) files.push(abs);
  });
  files.sort();
  if (files.length === 0) return { problem: `Include "${pattern}" matches no YAML file: fix the glob (relative to this file) or remove it` };
  return { files };
}

async function safeStat(host: WorkspaceHost, abs: string) {
  try {
    return await host.stat(abs);
  } catch {
    return undefined;
  }
}

async function walk(
  host: WorkspaceHost,
  rootReal: string,
  dirAbs: string,
  relDir: string,
  depthLeft: number,
  seenDirs: Set<string>,
  budget: { entries: number },
  onFile: (rel: string, abs: string) => void,
): Promise<void> {
  if (depthLeft <= 0 || budget.entries <= 0) return;
  const st = await safeStat(host, dirAbs);
  // A folder whose canonical path is outside (a symlink out of the workspace) is not walked: its file names stay private.
  if (!st || st.kind !== 'directory' || seenDirs.has(st.realPath) || !isWithin(rootReal, st.realPath)) return;
  seenDirs.add(st.realPath);
  let entries;
  try {
    entries = await host.readDirectory(dirAbs);
  } catch {
    return;
  }
  entries = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (--budget.entries <= 0) return;
    const abs = nodePath.join(dirAbs, entry.name);
    const rel = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
    let kind = entry.kind;
    if (kind === 'symlink') kind = (await safeStat(host, abs))?.kind ?? 'other';
    if (kind === 'file') onFile(rel, abs);
    else if (kind === 'directory' && !SKIPPED_DIRS.has(entry.name)) {
      await walk(host, rootReal, abs, rel, depthLeft - 1, seenDirs, budget, onFile);
    }
  }
}

async function loadIncludes(ctx: LoadContext, file: ParsedManifestFile, fileAbs: string, stack: string[]): Promise<void> {
  const dirAbs = nodePath.dirname(fileAbs);
  const selfReal = stack[stack.length - 1];
  for (const inc of file.includes) {
    const expanded = await expandInclude(ctx, dirAbs, inc.pattern);
    if ('problem' in expanded) {
      ctx.findings.push(manifestFinding(inc.location, `${expanded.problem}.`, { code: 'include', pattern: inc.pattern }));
      continue;
    }
    const isGlob = picomatch.scan(inc.pattern.trim()).isGlob;
    for (const abs of expanded.files) {
      const real = await realPathOf(ctx.host, abs);
      const rel = toRelPath(ctx.rootAbs, abs);
      // A glob such as "*.yaml" next to medtrace.yaml matches the file itself: not a loop the user meant.
      if (isGlob && real === selfReal) continue;
      if (stack.includes(real)) {
        const chain = [...stack.map((r) => toRelPath(ctx.rootAbs, r)), rel].join(' → ');
        ctx.findings.push(
          manifestFinding(inc.location, `Include loop: ${chain}. Remove the include that leads back to ${rel}.`, {
            code: 'include-loop',
            pattern: inc.pattern,
          }),
        );
        continue;
      }
      if (ctx.loaded.has(real)) continue;
      if (isOutside(rel) || !isWithin(ctx.rootReal, real)) {
        ctx.findings.push(
          manifestFinding(inc.location, `Included file ${rel} is outside the workspace: move it into the workspace or remove the include.`, {
            code: 'include',
            pattern: inc.pattern,
          }),
        );
        continue;
      }
      if (ctx.files.length >= MAX_INCLUDED_FILES) {
        ctx.findings.push(
          manifestFinding(inc.location, `More than ${MAX_INCLUDED_FILES} manifest files are included; the rest are ignored. Narrow the include globs.`, {
            code: 'include',
          }),
        );
        return;
      }
      ctx.loaded.add(real);
      const read = await readManifestFile(ctx.host, abs, rel);
      if ('problem' in read) {
        ctx.findings.push(manifestFinding(inc.location, `Included ${read.problem}: fix or remove the include.`, { code: 'include', pattern: inc.pattern }));
        continue;
      }
      ctx.findings.push(...read.findings);
      const parsed = parseManifestText(read.text, rel);
      ctx.findings.push(...parsed.findings);
      if (!parsed.usable) continue;
      for (const k of parsed.mainOnlyKeys) {
        ctx.findings.push(
          manifestFinding(k.location, `"${k.key}" is only read from the main manifest; it is ignored in included ${rel}. Move it to the main manifest.`, {
            code: 'main-only-key',
          }),
        );
      }
      ctx.files.push(parsed);
      await loadIncludes(ctx, parsed, abs, [...stack, real]);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Assembly and cross-checks

function policyFrom(partial: Partial<Policy> | undefined): Policy {
  const base: Policy = { ...DEFAULT_POLICY, include: [...DEFAULT_POLICY.include], exclude: [...DEFAULT_POLICY.exclude], tests: [...DEFAULT_POLICY.tests] };
  return { ...base, ...(partial ?? {}) };
}

function assemble(mainRel: string, files: ParsedManifestFile[]): Manifest {
  const main = files[0];
  // Class C is the conservative default (IEC 62304 4.3 a: unclassified software is class C).
  const safetyClass: SafetyClass = main.system?.safetyClass ?? 'C';
  const system: Manifest['system'] = { safetyClass };
  if (main.system?.name !== undefined) system.name = main.system.name;
  if (main.system) system.location = main.system.location;
  const manifest: Manifest = {
    path: mainRel,
    files: files.map((f) => f.relPath),
    version: main.version ?? 1,
    system,
    units: files.flatMap((f) => f.units).map((u) => (u.safetyClass ? u : { ...u, safetyClass })),
    requirements: files.flatMap((f) => f.requirements),
    risks: files.flatMap((f) => f.risks),
    riskControls: files.flatMap((f) => f.riskControls),
    soup: files.flatMap((f) => f.soup),
    policy: policyFrom(main.policy),
  };
  return manifest;
}

/** Reports ids declared twice (across all kinds and files) at the later one, and drops it from the manifest. */
function checkDuplicates(manifest: Manifest, fileOrder: Map<string, number>): Finding[] {
  type Tagged = { section: Section; entry: Unit | Requirement | Risk | RiskControl };
  const all: Tagged[] = [];
  for (const section of ['units', 'requirements', 'risks', 'riskControls'] as const) {
    for (const entry of manifest[section]) all.push({ section, entry });
  }
  const order = (t: Tagged) => fileOrder.get(t.entry.idLocation.path) ?? Number.MAX_SAFE_INTEGER;
  all.sort((a, b) => order(a) - order(b) || comparePositions(a.entry.idLocation.range.start, b.entry.idLocation.range.start));
  const first = new Map<string, Tagged>();
  const dropped = new Set<object>();
  const findings: Finding[] = [];
  for (const t of all) {
    const prior = first.get(t.entry.id);
    if (!prior) {
      first.set(t.entry.id, t);
      continue;
    }
    dropped.add(t.entry);
    const priorLoc = prior.entry.idLocation;
    findings.push(
      manifestFinding(
        t.entry.idLocation,
        `Duplicate id ${t.entry.id}: also declared at ${where(priorLoc)}. Ids must be unique across requirements, risks, controls and units.`,
        { code: 'duplicate-id', id: t.entry.id },
        [{ ...priorLoc, message: `${t.entry.id} first declared here (${SECTION_NOUN[prior.section]})` }],
      ),
    );
  }
  if (dropped.size > 0) {
    manifest.units = manifest.units.filter((e) => !dropped.has(e));
    manifest.requirements = manifest.requirements.filter((e) => !dropped.has(e));
    manifest.risks = manifest.risks.filter((e) => !dropped.has(e));
    manifest.riskControls = manifest.riskControls.filter((e) => !dropped.has(e));
  }
  return findings;
}

/** risk.controls must name risk controls, riskControl.requirements must name requirements. */
function checkReferences(manifest: Manifest): Finding[] {
  const kindOf = new Map<string, Section>();
  for (const section of ['units', 'requirements', 'risks', 'riskControls'] as const) {
    for (const e of manifest[section]) kindOf.set(e.id, section);
  }
  const findings: Finding[] = [];
  const check = (owner: string, field: string, ref: IdRef, expected: Section) => {
    const actual = kindOf.get(ref.id);
    if (actual === expected) return;
    const noun = SECTION_NOUN[expected];
    const message = actual
      ? `${owner} lists ${ref.id} under ${field}, but ${ref.id} is a ${SECTION_NOUN[actual]}, not a ${noun}. List ${noun} ids (${expected}) here.`
      : `Unknown ${noun} ${ref.id} in ${owner} ${field}: declare it under ${expected} or fix the id.`;
    findings.push(manifestFinding(ref.location, message, { code: 'dangling-reference', id: ref.id, expected, actual: actual ?? null }));
  };
  for (const risk of manifest.risks) for (const ref of risk.controls) check(risk.id, 'controls', ref, 'riskControls');
  for (const rc of manifest.riskControls) for (const ref of rc.requirements) check(rc.id, 'requirements', ref, 'requirements');
  return findings;
}

// ---------------------------------------------------------------------------------------------------------
// Entry point

/**
 * Loads the manifest at `manifestRelPath` (relative to `rootAbs`, or absolute) and everything it includes.
 * Never throws: every problem is a finding; `missing` when there is no manifest, `fatal` when one exists but
 * nothing usable could be read from it.
 */
export async function loadManifest(host: WorkspaceHost, rootAbs: string, manifestRelPath: string = MANIFEST_FILE): Promise<ManifestLoadResult> {
  const mainAbs = nodePath.resolve(rootAbs, manifestRelPath);
  const mainRel = toRelPath(rootAbs, mainAbs);
  try {
    return await loadUnsafe(host, rootAbs, mainAbs, mainRel);
  } catch (e) {
    return {
      findings: [manifestFinding(fileStart(mainRel), `Could not load ${mainRel}: ${errorText(e)}.`, { code: 'internal' })],
      fatal: true,
      missing: false,
    };
  }
}

async function loadUnsafe(host: WorkspaceHost, rootAbs: string, mainAbs: string, mainRel: string): Promise<ManifestLoadResult> {
  const st = await safeStat(host, mainAbs);
  if (!st) return { findings: [], fatal: false, missing: true };
  const rootReal = await realPathOf(host, rootAbs);
  // A manifest path inside the workspace that is a link leading out is not read (one named outside on purpose is).
  if (!isOutside(mainRel) && !isWithin(rootReal, st.realPath)) {
    const message = `${mainRel} is a symbolic link that points outside the workspace; it is not read. Put the manifest itself in the workspace.`;
    return { findings: [manifestFinding(fileStart(mainRel), message, { code: 'unreadable' })], fatal: true, missing: false };
  }
  const read = await readManifestFile(host, mainAbs, mainRel);
  if ('problem' in read) {
    return { findings: [manifestFinding(fileStart(mainRel), `The manifest ${read.problem}. Point MedTrace at a YAML manifest.`, { code: 'unreadable' })], fatal: true, missing: false };
  }
  const main = parseManifestText(read.text, mainRel);
  const findings = [...read.findings, ...main.findings];
  if (!main.usable) return { findings: findings.sort(compareFindings), fatal: true, missing: false };

  if (main.empty) {
    findings.push(
      manifestFinding(fileStart(mainRel), `Empty manifest: ${mainRel} declares nothing. Add \`version: 1\`, a \`system:\` and your requirements (\`medtrace init\` writes a starter manifest).`, {
        code: 'empty',
      }),
    );
  } else if (!main.hasVersion) {
    findings.push(manifestFinding(main.rootLocation, `${mainRel} has no version: add \`version: 1\` at the top.`, { code: 'schema', keyword: 'required' }));
  }

  const ctx: LoadContext = { host, rootAbs, rootReal, findings, files: [main], loaded: new Set([st.realPath]) };
  await loadIncludes(ctx, main, mainAbs, [st.realPath]);

  const manifest = assemble(mainRel, ctx.files);
  const fileOrder = new Map(ctx.files.map((f, i) => [f.relPath, i]));
  findings.push(...checkDuplicates(manifest, fileOrder));
  findings.push(...checkReferences(manifest));
  return { manifest, findings: findings.sort(compareFindings), fatal: false, missing: false };
}
