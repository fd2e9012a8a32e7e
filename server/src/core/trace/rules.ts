/** The trace/* rules (SPEC 3) and the coverage summary, over a TraceGraph. */
import type { FileFacts } from '../engine/fileFacts';
import type { Manifest, SafetyClass } from '../manifest/model';
import { requireRule } from '../rules/registry';
import type { Finding, Location, Range } from '../types';
import { IdIndex, IdMatcher } from './similar';
import { requiresTrace, type EntryKind, type TraceGraph } from './graph';

const KIND_NAMES: Record<EntryKind, string> = { requirement: 'requirement', risk: 'risk', riskControl: 'risk control', unit: 'unit' };
const TAG_TAKES: Record<string, EntryKind[]> = {
  implements: ['requirement'],
  mitigates: ['riskControl'],
  verifies: ['requirement', 'riskControl'],
  unit: ['unit'],
};

function finding(ruleId: string, loc: Location, message: string, extra: Partial<Finding> = {}): Finding {
  return { ruleId, severity: requireRule(ruleId).defaultSeverity, message, path: loc.path, range: loc.range, ...extra };
}

const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function traceFindings(graph: TraceGraph, files: readonly FileFacts[]): Finding[] {
  const out: Finding[] = [];
  const m = graph.manifest;
  for (const f of files) {
    for (const p of f.problems) out.push(finding('trace/malformed-annotation', { path: f.path, range: p.range }, p.message));
    if (m) out.push(...unknownIds(graph, f));
    if (m) out.push(...untraced(graph, f, m));
  }
  if (m) out.push(...manifestGaps(graph, m, files));
  return out;
}

/** The declared ids prepared for near-miss suggestions, once per id table (every file's matcher shares it). */
const ID_INDEX = new WeakMap<ReadonlyMap<string, EntryKind>, IdIndex>();

function unknownIds(graph: TraceGraph, f: FileFacts): Finding[] {
  const out: Finding[] = [];
  let matcher: IdMatcher | undefined;
  for (const a of f.annotations) {
    const takes = TAG_TAKES[a.tag];
    if (!takes) continue;
    for (const id of a.ids) {
      const kind = graph.kinds.get(id.id);
      const loc = { path: f.path, range: id.range };
      if (!kind) {
        let index = ID_INDEX.get(graph.kinds);
        if (!index) ID_INDEX.set(graph.kinds, (index = new IdIndex([...graph.kinds.keys()])));
        matcher ??= new IdMatcher(index);
        const candidates = matcher.closest(id.id, (x) => takes.includes(graph.kinds.get(x)!)) ?? [];
        out.push(
          finding(
            'trace/unknown-id',
            loc,
            `${id.id} is not declared in ${graph.manifest!.path}${candidates.length ? ` (did you mean ${candidates.slice(0, 3).join(', ')}?)` : ''}: declare it there or correct the id.`,
            { data: { id: id.id, tag: a.tag, candidates } },
          ),
        );
      } else if (!takes.includes(kind)) {
        const hint =
          kind === 'riskControl' ? `use @mitigates ${id.id}` : kind === 'requirement' ? `use @implements ${id.id}` : kind === 'risk' ? `tag the code that implements its risk controls with @mitigates` : `use @unit ${id.id} in the file header`;
        out.push(finding('trace/unknown-id', loc, `${id.id} is a ${KIND_NAMES[kind]}, but @${a.tag} takes ${takes.map((k) => KIND_NAMES[k] + 's').join(' or ')}: ${hint}.`, { data: { id: id.id, tag: a.tag, wrongKind: kind } }));
      }
    }
  }
  return out;
}

function untraced(graph: TraceGraph, f: FileFacts, m: Manifest): Finding[] {
  if (f.isTest) return [];
  const ft = graph.files.get(f.path);
  if (!ft) return [];
  const out: Finding[] = [];
  const cls = ft.safetyClass;
  if (!ft.unit && cls !== 'A') {
    out.push(
      finding('trace/file-without-unit', { path: f.path, range: FILE_START }, `${f.path} belongs to no software unit of this class ${cls} system (IEC 62304 5.4): add its folder to a unit's paths in ${m.path}, or "@unit ID" to its header.`),
    );
  }
  if (cls === 'A') {
    const anyTag = f.annotations.some((a) => a.tag === 'implements' || a.tag === 'mitigates' || a.tag === 'untraced');
    if (!anyTag && f.declarations.length > 0) {
      out.push(finding('trace/untraced', { path: f.path, range: FILE_START }, `${f.path} (class A${ft.unit ? `, ${ft.unit.id}` : ''}) carries no @implements, @mitigates or @untraced: add one to the file header.`, { data: { fileLevel: true } }));
    }
    return out;
  }
  const reported = new Array<boolean>(f.declarations.length).fill(false);
  f.declarations.forEach((d, i) => {
    const needed = requiresTrace(cls, d.kind, d.exported);
    if (!needed || ft.traced[i]) return;
    // Report the outermost untraced declaration only: tracing it covers what it contains.
    for (let p = d.parent; p !== undefined; p = f.declarations[p].parent) if (reported[p]) return;
    reported[i] = true;
    const why = cls === 'C' ? 'class C requires every function, method and class to be traced' : 'class B requires every exported/public declaration to be traced';
    out.push(
      finding(
        'trace/untraced',
        { path: f.path, range: d.nameRange },
        `${capitalize(d.kind)} '${d.name}' is not traced (${why}${ft.unit ? `, unit ${ft.unit.id}` : ''}): add @implements or @mitigates with its requirement or risk control, or @untraced with a justification.`,
        { data: { declaration: i, unit: ft.unit?.id, safetyClass: cls } },
      ),
    );
  });
  return out;
}

function capitalize(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

function linksOf(graph: TraceGraph, id: string, tags: string[], tests?: boolean) {
  return (graph.links.get(id) ?? []).filter((l) => tags.includes(l.tag) && (tests === undefined || l.isTest === tests));
}

function manifestGaps(graph: TraceGraph, m: Manifest, files: readonly FileFacts[]): Finding[] {
  const out: Finding[] = [];
  for (const r of m.requirements) {
    const impl = linksOf(graph, r.id, ['implements']);
    const ver = linksOf(graph, r.id, ['verifies']);
    if (!impl.length) out.push(finding('trace/unimplemented-requirement', r.idLocation, `Requirement ${r.id}${r.title ? ` (${r.title})` : ''} is implemented nowhere: tag the code that implements it with @implements ${r.id} (IEC 62304 5.1.1, 7.3.3).`, { data: { id: r.id } }));
    if (!ver.length) out.push(finding('trace/unverified-requirement', r.idLocation, `Requirement ${r.id}${r.title ? ` (${r.title})` : ''} is verified by no test: tag the test that verifies it with @verifies ${r.id} (IEC 62304 5.7.4).`, { data: { id: r.id } }));
  }
  for (const c of m.riskControls) {
    const impl = linksOf(graph, c.id, ['mitigates']);
    if (!impl.length) out.push(finding('trace/unimplemented-control', c.idLocation, `Risk control ${c.id}${c.title ? ` (${c.title})` : ''} is implemented nowhere: tag the code that implements it with @mitigates ${c.id} (ISO 14971 7.2).`, { data: { id: c.id } }));
    const direct = linksOf(graph, c.id, ['verifies']);
    const viaReq = c.requirements.length > 0 && c.requirements.every((rq) => linksOf(graph, rq.id, ['verifies']).length > 0);
    if (!direct.length && !viaReq) {
      out.push(finding('trace/unverified-control', c.idLocation, `Risk control ${c.id}${c.title ? ` (${c.title})` : ''} has no verification of its implementation: add @verifies ${c.id} to the test that shows it works (ISO 14971 7.2, IEC 62304 7.3.1).`, { data: { id: c.id } }));
    }
  }
  const threshold = m.policy.riskAcceptance;
  for (const r of m.risks) {
    if (r.severity === undefined || r.probability === undefined) continue;
    const score = r.severity * r.probability;
    if (score > threshold && r.controls.length === 0) {
      out.push(finding('trace/uncontrolled-risk', r.idLocation, `Risk ${r.id}${r.hazard ? ` (${r.hazard})` : ''} scores ${r.severity}×${r.probability} = ${score}, above the acceptance threshold ${threshold}, and has no risk control: add controls: [RC-…] and implement them (ISO 14971 7.1).`, { data: { id: r.id, score } }));
    }
  }
  const hasFiles = new Set<string>();
  for (const f of files) {
    const u = graph.files.get(f.path)?.unit;
    if (u) hasFiles.add(u.id);
  }
  for (const u of m.units) {
    if (!hasFiles.has(u.id)) {
      out.push(finding('trace/unit-without-files', u.idLocation, `Unit ${u.id}${u.name ? ` (${u.name})` : ''} holds no source file: its paths ${JSON.stringify(u.paths)} match nothing and no file says @unit ${u.id}. Fix the paths or remove the unit (IEC 62304 5.4).`, { data: { id: u.id } }));
    }
  }
  return out;
}

export interface UnitCoverage {
  id: string;
  name?: string;
  safetyClass: SafetyClass;
  files: number;
  required: number;
  traced: number;
}

export interface Coverage {
  units: UnitCoverage[];
  requirements: { total: number; implemented: number; verified: number };
  controls: { total: number; implemented: number; verified: number };
  risks: { total: number; aboveAcceptance: number; controlled: number };
  declarations: { required: number; traced: number };
}

export function coverage(graph: TraceGraph, files: readonly FileFacts[]): Coverage {
  const m = graph.manifest;
  const perUnit = new Map<string, UnitCoverage>();
  const noUnit: UnitCoverage = { id: '(no unit)', safetyClass: m?.system.safetyClass ?? 'C', files: 0, required: 0, traced: 0 };
  for (const u of m?.units ?? []) perUnit.set(u.id, { id: u.id, name: u.name, safetyClass: u.safetyClass ?? m!.system.safetyClass, files: 0, required: 0, traced: 0 });
  const decl = { required: 0, traced: 0 };
  for (const f of files) {
    if (f.isTest) continue;
    const ft = graph.files.get(f.path);
    if (!ft) continue;
    const uc = ft.unit ? perUnit.get(ft.unit.id)! : noUnit;
    uc.files++;
    if (ft.safetyClass === 'A') {
      uc.required++;
      if (f.annotations.some((a) => a.tag === 'implements' || a.tag === 'mitigates' || a.tag === 'untraced')) uc.traced++;
      continue;
    }
    f.declarations.forEach((d, i) => {
      if (!requiresTrace(ft.safetyClass, d.kind, d.exported)) return;
      uc.required++;
      if (ft.traced[i]) uc.traced++;
    });
  }
  const units = [...perUnit.values()];
  if (noUnit.files) units.push(noUnit);
  for (const u of units) {
    decl.required += u.required;
    decl.traced += u.traced;
  }
  const count = (ids: string[], tags: string[]) => ids.filter((id) => linksOf(graph, id, tags).length > 0).length;
  const reqIds = (m?.requirements ?? []).map((r) => r.id);
  const ctlIds = (m?.riskControls ?? []).map((c) => c.id);
  const threshold = m?.policy.riskAcceptance ?? 8;
  const above = (m?.risks ?? []).filter((r) => (r.severity ?? 0) * (r.probability ?? 0) > threshold);
  return {
    units,
    requirements: { total: reqIds.length, implemented: count(reqIds, ['implements']), verified: count(reqIds, ['verifies']) },
    controls: { total: ctlIds.length, implemented: count(ctlIds, ['mitigates']), verified: count(ctlIds, ['verifies']) },
    risks: {
      total: m?.risks.length ?? 0,
      aboveAcceptance: above.length,
      controlled: above.filter((r) => r.controls.length > 0 && r.controls.every((c) => linksOf(graph, c.id, ['mitigates']).length > 0)).length,
    },
    declarations: decl,
  };
}
