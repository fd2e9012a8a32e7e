/**
 * The trace graph: which code and tests name which manifest ids, which unit and safety class each file
 * falls under, and what each declaration is covered by. Built from FileFacts and the manifest; used by
 * the trace rules, the coverage summary, the matrix and every navigation feature of the editor.
 */
import type { TagName } from '../annotations/model';
import type { FileFacts } from '../engine/fileFacts';
import type { Manifest, SafetyClass, Unit } from '../manifest/model';
import type { Range } from '../types';
import { globMatcher } from '../workspace/files';

export type EntryKind = 'requirement' | 'risk' | 'riskControl' | 'unit';

export interface TraceLink {
  id: string;
  tag: TagName;
  path: string;
  /** Range of the id token in the comment. */
  range: Range;
  isTest: boolean;
  /** Name and range of the declaration the tag covers, when it covers one. */
  declaration?: { name: string; range: Range; nameRange: Range };
  fileScope: boolean;
}

export interface FileTrace {
  unit?: Unit;
  /** How the file got its unit: a @unit tag or the unit's paths. */
  unitSource?: 'tag' | 'paths';
  safetyClass: SafetyClass;
  /** Per declaration index: covered by a trace (own, enclosing or file-level). */
  traced: boolean[];
  /** A file-level @implements/@mitigates/@untraced exists. */
  fileTraced: boolean;
}

export interface TraceGraph {
  manifest?: Manifest;
  /** Manifest id → its kind. */
  kinds: Map<string, EntryKind>;
  /** Manifest id → every tag in code or tests that names it. */
  links: Map<string, TraceLink[]>;
  files: Map<string, FileTrace>;
}

const COVERING: ReadonlySet<TagName> = new Set(['implements', 'mitigates', 'untraced']);

export function manifestKinds(m: Manifest | undefined): Map<string, EntryKind> {
  const kinds = new Map<string, EntryKind>();
  if (!m) return kinds;
  for (const r of m.requirements) kinds.set(r.id, 'requirement');
  for (const r of m.risks) kinds.set(r.id, 'risk');
  for (const c of m.riskControls) kinds.set(c.id, 'riskControl');
  for (const u of m.units) kinds.set(u.id, 'unit');
  return kinds;
}

/** The unit of a file: its @unit tag if it has one, else the first unit whose paths match. */
export function unitMatchers(m: Manifest | undefined): { unit: Unit; match: (p: string) => boolean }[] {
  return (m?.units ?? []).map((unit) => ({ unit, match: globMatcher(unit.paths) }));
}

export function buildTraceGraph(manifest: Manifest | undefined, files: readonly FileFacts[]): TraceGraph {
  const kinds = manifestKinds(manifest);
  const links = new Map<string, TraceLink[]>();
  const fileTraces = new Map<string, FileTrace>();
  const matchers = unitMatchers(manifest);
  const units = new Map((manifest?.units ?? []).map((u) => [u.id, u]));
  const systemClass: SafetyClass = manifest?.system.safetyClass ?? 'C';

  for (const f of files) {
    let unit: Unit | undefined;
    let unitSource: FileTrace['unitSource'];
    for (const a of f.annotations) {
      if (a.tag === 'unit' && a.ids.length && units.has(a.ids[0].id)) {
        unit = units.get(a.ids[0].id);
        unitSource = 'tag';
        break;
      }
    }
    if (!unit) {
      unit = matchers.find((m) => m.match(f.path))?.unit;
      if (unit) unitSource = 'paths';
    }
    const covered = new Array<boolean>(f.declarations.length).fill(false);
    let fileTraced = false;
    for (const a of f.annotations) {
      if (COVERING.has(a.tag)) {
        if (a.scope.kind === 'file') fileTraced = true;
        else if (a.scope.kind === 'declaration') covered[a.scope.declaration] = true;
      }
      if (a.tag === 'untraced' || a.tag === 'unit') continue;
      const decl = a.scope.kind === 'declaration' ? f.declarations[a.scope.declaration] : undefined;
      for (const id of a.ids) {
        const link: TraceLink = {
          id: id.id,
          tag: a.tag,
          path: f.path,
          range: id.range,
          isTest: f.isTest,
          declaration: decl && { name: decl.name, range: decl.range, nameRange: decl.nameRange },
          fileScope: a.scope.kind === 'file',
        };
        const list = links.get(id.id);
        if (list) list.push(link);
        else links.set(id.id, [link]);
      }
    }
    // Declarations are in document order with parents first, so one pass propagates coverage inwards.
    const traced = f.declarations.map(() => false);
    f.declarations.forEach((d, i) => {
      traced[i] = fileTraced || covered[i] || (d.parent !== undefined && traced[d.parent]);
    });
    fileTraces.set(f.path, { unit, unitSource, safetyClass: unit?.safetyClass ?? systemClass, traced, fileTraced });
  }
  return { manifest, kinds, links, files: fileTraces };
}

/** Which declaration kinds a safety class requires to be traced (SPEC 2). */
export function requiresTrace(cls: SafetyClass, kind: string, exported: boolean): boolean {
  if (cls === 'C') return kind === 'function' || kind === 'method' || kind === 'constructor' || kind === 'class';
  if (cls === 'B') return exported;
  return false;
}
