/**
 * What every editor feature needs: what lies at a position (a tag, an id in a tag, an id in the manifest),
 * every occurrence of an id across code, tests and manifest, manifest entries by id, and id ranking by the
 * file's unit. Derived indexes are cached per CheckResult (a new result object after every re-assembly).
 *
 * Features are pure functions over a WorkspaceSession snapshot returning LSP types; the only thing they need
 * from the front end is how a workspace-relative path becomes a URI.
 */
import type { Annotation, TagName } from '../annotations/model';
import type { CheckResult } from '../engine/check';
import type { FileFacts } from '../engine/fileFacts';
import type { WorkspaceSession } from '../engine/session';
import type { Manifest, Requirement, Risk, RiskControl, Unit } from '../manifest/model';
import type { EntryKind, TraceLink } from '../trace/graph';
import { comparePositions, containsPosition, type Location, type Position, type Range } from '../types';

export interface FeatureContext {
  session: WorkspaceSession;
  /** URI of a workspace-relative path (the client's own URI for open documents). */
  uri(path: string): string;
}

export type EntryInfo =
  | { kind: 'requirement'; entry: Requirement }
  | { kind: 'riskControl'; entry: RiskControl }
  | { kind: 'risk'; entry: Risk }
  | { kind: 'unit'; entry: Unit };

/** Which manifest kinds each tag takes (SPEC 1). */
export const TAG_TAKES: Record<TagName, EntryKind[]> = {
  implements: ['requirement'],
  mitigates: ['riskControl'],
  verifies: ['requirement', 'riskControl'],
  unit: ['unit'],
  untraced: [],
};

export const TAG_DOCS: Record<TagName, string> = {
  implements: '`@implements ID[, ID…]` — this code implements the requirement(s).',
  mitigates: '`@mitigates ID[, ID…]` — this code implements the risk control measure(s) (ISO 14971 7.1/7.2).',
  verifies: '`@verifies ID[, ID…]` — this test verifies the requirement(s) / risk control(s).',
  unit: '`@unit ID` — this file belongs to the software unit (IEC 62304 5.4).',
  untraced: '`@untraced JUSTIFICATION` — deliberately not traced; the justification is kept for audit.',
};

export const KIND_NOUN: Record<EntryKind, string> = { requirement: 'requirement', risk: 'risk', riskControl: 'risk control', unit: 'software unit' };

const entryCache = new WeakMap<Manifest, Map<string, EntryInfo>>();

export function entryOf(m: Manifest | undefined, id: string): EntryInfo | undefined {
  if (!m) return undefined;
  let map = entryCache.get(m);
  if (!map) {
    map = new Map();
    for (const e of m.units) map.set(e.id, { kind: 'unit', entry: e });
    for (const e of m.requirements) map.set(e.id, { kind: 'requirement', entry: e });
    for (const e of m.risks) map.set(e.id, { kind: 'risk', entry: e });
    for (const e of m.riskControls) map.set(e.id, { kind: 'riskControl', entry: e });
    entryCache.set(m, map);
  }
  return map.get(id);
}

export function entryTitle(info: EntryInfo): string | undefined {
  switch (info.kind) {
    case 'requirement':
    case 'riskControl':
      return info.entry.title;
    case 'risk':
      return info.entry.hazard;
    case 'unit':
      return info.entry.name;
  }
}

/** One place an id is written: in a tag, as a manifest entry's id, or as a reference inside the manifest. */
export interface Occurrence {
  id: string;
  path: string;
  range: Range;
  kind: 'tag' | 'entry' | 'ref';
  tag?: TagName;
  isTest?: boolean;
  /** Name of the declaration the tag covers. */
  declaration?: string;
}

export interface OccurrenceIndex {
  byId: Map<string, Occurrence[]>;
  /** Per path, in document order. */
  byPath: Map<string, Occurrence[]>;
}

const occurrenceCache = new WeakMap<CheckResult, OccurrenceIndex>();

const tagCache = new WeakMap<FileFacts, Occurrence[]>();

/** Ids written in the tags of one file, in document order. */
export function tagOccurrences(f: FileFacts): Occurrence[] {
  let out = tagCache.get(f);
  if (!out) {
    out = [];
    for (const a of f.annotations) {
      const decl = a.scope.kind === 'declaration' ? f.declarations[a.scope.declaration]?.name : undefined;
      for (const id of a.ids) out.push({ id: id.id, path: f.path, range: id.range, kind: 'tag', tag: a.tag, isTest: f.isTest, declaration: decl });
    }
    out.sort((x, y) => comparePositions(x.range.start, y.range.start));
    tagCache.set(f, out);
  }
  return out;
}

/** Every occurrence of every id in the result (for references and rename: call after ensureCurrent()). */
export function occurrences(result: CheckResult): OccurrenceIndex {
  const cached = occurrenceCache.get(result);
  if (cached) return cached;
  const index: OccurrenceIndex = { byId: new Map(), byPath: new Map() };
  const add = (o: Occurrence) => {
    const a = index.byId.get(o.id);
    if (a) a.push(o);
    else index.byId.set(o.id, [o]);
    const b = index.byPath.get(o.path);
    if (b) b.push(o);
    else index.byPath.set(o.path, [o]);
  };
  const m = result.manifest;
  if (m) {
    for (const e of [...m.units, ...m.requirements, ...m.risks, ...m.riskControls]) add({ id: e.id, path: e.idLocation.path, range: e.idLocation.range, kind: 'entry' });
    const refs = [
      ...m.requirements.flatMap((r) => r.derivedFrom),
      ...m.risks.flatMap((r) => r.controls),
      ...m.riskControls.flatMap((c) => c.requirements),
    ];
    for (const r of refs) add({ id: r.id, path: r.location.path, range: r.location.range, kind: 'ref' });
  }
  for (const f of result.files) for (const o of tagOccurrences(f)) add(o);
  for (const list of index.byPath.values()) list.sort((x, y) => comparePositions(x.range.start, y.range.start));
  occurrenceCache.set(result, index);
  return index;
}

/**
 * The occurrences in one file, from its freshest facts: an open document's edit may be newer than the last
 * full result (which is re-assembled only once typing pauses).
 */
export function occurrencesIn(session: WorkspaceSession, path: string): Occurrence[] {
  const indexed = occurrences(session.result).byPath.get(path) ?? [];
  const facts = session.fileFacts(path);
  if (!facts) return indexed;
  const manifestOnes = indexed.filter((o) => o.kind !== 'tag');
  const tags = tagOccurrences(facts);
  return manifestOnes.length ? [...manifestOnes, ...tags].sort((x, y) => comparePositions(x.range.start, y.range.start)) : tags;
}

export function occurrenceAt(session: WorkspaceSession, path: string, pos: Position): Occurrence | undefined {
  return occurrencesIn(session, path).find((o) => containsPosition(o.range, pos));
}

/** The annotation whose tag token or one of whose ids holds the position. */
export function annotationAt(facts: FileFacts | undefined, pos: Position): { annotation: Annotation; onTag: boolean } | undefined {
  if (!facts) return undefined;
  for (const a of facts.annotations) {
    if (containsPosition(a.tagRange, pos)) return { annotation: a, onTag: true };
    if (a.ids.some((i) => containsPosition(i.range, pos))) return { annotation: a, onTag: false };
  }
  return undefined;
}

export function linksOf(result: CheckResult, id: string, tags: readonly TagName[]): TraceLink[] {
  return (result.graph.links.get(id) ?? []).filter((l) => tags.includes(l.tag));
}

/** Code that implements an entry: @implements for requirements, @mitigates for controls, @unit for units. */
export function implementations(result: CheckResult, info: EntryInfo): Location[] {
  switch (info.kind) {
    case 'requirement':
      return linksOf(result, info.entry.id, ['implements']).filter((l) => !l.isTest).map(linkTarget);
    case 'riskControl':
      return linksOf(result, info.entry.id, ['mitigates']).filter((l) => !l.isTest).map(linkTarget);
    case 'risk':
      return info.entry.controls.flatMap((c) => linksOf(result, c.id, ['mitigates']).filter((l) => !l.isTest).map(linkTarget));
    case 'unit':
      return unitFiles(result, info.entry.id).map((p) => ({ path: p, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }));
  }
}

/** Tests that verify an entry (for a risk: its controls' tests). */
export function verifications(result: CheckResult, info: EntryInfo): Location[] {
  switch (info.kind) {
    case 'requirement':
    case 'riskControl':
      return linksOf(result, info.entry.id, ['verifies']).map(linkTarget);
    case 'risk':
      return info.entry.controls.flatMap((c) => linksOf(result, c.id, ['verifies']).map(linkTarget));
    case 'unit':
      return [];
  }
}

/** Where a link points a reader: the declaration's name when the tag covers one, else the id in the tag. */
export function linkTarget(l: TraceLink): Location {
  return { path: l.path, range: l.declaration ? l.declaration.nameRange : l.range };
}

export function unitFiles(result: CheckResult, unitId: string): string[] {
  const out: string[] = [];
  for (const [path, ft] of result.graph.files) if (ft.unit?.id === unitId) out.push(path);
  return out;
}

/** The unit and safety class of a file (unit by @unit tag or by the unit's paths, else the system's class). */
export function fileUnit(session: WorkspaceSession, path: string): { unit?: Unit; safetyClass: string } {
  const ft = session.result.graph.files.get(path);
  if (ft) return { unit: ft.unit, safetyClass: ft.safetyClass };
  const m = session.manifest;
  return { safetyClass: m?.system.safetyClass ?? 'C' };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function riskRating(r: { severity?: number; probability?: number }): string {
  return `S${r.severity ?? '?'}/P${r.probability ?? '?'}`;
}

export function risksOfControl(m: Manifest, controlId: string): Risk[] {
  return m.risks.filter((r) => r.controls.some((c) => c.id === controlId));
}

export function controlsOfRequirement(m: Manifest, reqId: string): RiskControl[] {
  return m.riskControls.filter((c) => c.requirements.some((r) => r.id === reqId));
}

function words(s: string | undefined): Set<string> {
  const out = new Set<string>();
  if (!s) return out;
  for (const w of s
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)) {
    if (w.length >= 3) out.add(w.length > 5 ? w.slice(0, 5) : w);
  }
  return out;
}

export interface RankedId {
  id: string;
  kind: EntryKind;
  score: number;
}

/**
 * Manifest ids of the given kinds, most likely first for code in `path` near `line`: ids used close by in
 * the same file, then ids used elsewhere in the file's unit, then words shared with a declaration name, then
 * ids not yet implemented; manifest order breaks ties.
 */
export function rankIds(session: WorkspaceSession, path: string, kinds: readonly EntryKind[], opts: { line?: number; name?: string; tag?: TagName } = {}): RankedId[] {
  const result = session.result;
  const m = result.manifest;
  if (!m) return [];
  const { unit } = fileUnit(session, path);
  const nameWords = words(opts.name);
  const candidates: { id: string; kind: EntryKind; title?: string; text?: string }[] = [];
  if (kinds.includes('requirement')) for (const r of m.requirements) candidates.push({ id: r.id, kind: 'requirement', title: r.title, text: r.text });
  if (kinds.includes('riskControl')) for (const c of m.riskControls) candidates.push({ id: c.id, kind: 'riskControl', title: c.title });
  if (kinds.includes('unit')) for (const u of m.units) candidates.push({ id: u.id, kind: 'unit', title: u.name });
  if (kinds.includes('risk')) for (const r of m.risks) candidates.push({ id: r.id, kind: 'risk', title: r.hazard });
  const ranked = candidates.map((c, order) => {
    let score = 0;
    const links = result.graph.links.get(c.id) ?? [];
    let nearest = Infinity;
    let inUnit = 0;
    for (const l of links) {
      if (l.path === path) {
        if (opts.line !== undefined) nearest = Math.min(nearest, Math.abs(l.range.start.line - opts.line));
        else nearest = 0;
      } else if (unit && result.graph.files.get(l.path)?.unit?.id === unit.id) inUnit++;
    }
    if (c.kind === 'unit' && unit?.id === c.id) score += 50;
    if (nearest !== Infinity) score += 20 + 20 / (1 + nearest / 5);
    if (inUnit > 0) score += 10 + Math.min(5, inUnit);
    if (nameWords.size) {
      const w = words(`${c.title ?? ''} ${c.text ?? ''}`);
      for (const x of nameWords) if (w.has(x)) score += 6;
    }
    const tag = opts.tag ?? (c.kind === 'riskControl' ? 'mitigates' : 'implements');
    if ((tag === 'implements' || tag === 'mitigates') && !links.some((l) => l.tag === tag)) score += 1;
    if (tag === 'verifies' && !links.some((l) => l.tag === 'verifies')) score += 1;
    return { id: c.id, kind: c.kind, score, order };
  });
  ranked.sort((a, b) => b.score - a.score || a.order - b.order);
  return ranked.map(({ id, kind, score }) => ({ id, kind, score }));
}

/** `path:line` for humans (1-based line). */
export function where(l: Location): string {
  return `${l.path}:${l.range.start.line + 1}`;
}

/** A file URI with a line fragment VS Code understands (`#L12,5`), for Markdown links and document links. */
export function uriAt(ctx: FeatureContext, l: Location): string {
  return `${ctx.uri(l.path)}#L${l.range.start.line + 1},${l.range.start.character + 1}`;
}

/** The comment syntax to write a new line comment in a file's language (block comment when it has no line comment). */
export function lineCommentPrefix(lineComment: string | undefined, blockComment: [string, string] | undefined): { open: string; close: string } {
  if (lineComment) return { open: lineComment, close: '' };
  if (blockComment) return { open: blockComment[0], close: ` ${blockComment[1]}` };
  return { open: '//', close: '' };
}

/** A request that cannot be answered for a reason the user should read (rename refused, …); front ends show the message. */
export class FeatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeatureError';
  }
}
