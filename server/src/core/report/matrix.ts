/**
 * The traceability matrix (IEC 62304 5.1.1, 7.3.3): requirement → code → tests → risk controls → risks,
 * and risk → controls → code → tests. Plain rows; printers render them as Markdown, CSV, JSON or HTML.
 */
import type { TraceGraph, TraceLink } from '../trace/graph';

export interface MatrixRef {
  path: string;
  line: number;
  declaration?: string;
}

export interface RequirementRow {
  id: string;
  title: string;
  kind: string;
  implementedBy: MatrixRef[];
  verifiedBy: MatrixRef[];
  controls: string[];
  risks: string[];
  status: 'implemented+verified' | 'implemented' | 'verified-only' | 'open';
}

export interface RiskRow {
  id: string;
  hazard: string;
  harm: string;
  initial: string;
  residual: string;
  score: number;
  controls: { id: string; title: string; implementedBy: MatrixRef[]; verifiedBy: MatrixRef[] }[];
  status: 'controlled' | 'partially-controlled' | 'uncontrolled' | 'accepted';
}

export interface Matrix {
  system: string;
  safetyClass: string;
  requirements: RequirementRow[];
  risks: RiskRow[];
}

function refs(links: readonly TraceLink[] | undefined, tag: string): MatrixRef[] {
  return (links ?? [])
    .filter((l) => l.tag === tag)
    .map((l) => ({ path: l.path, line: l.range.start.line + 1, declaration: l.declaration?.name ?? (l.fileScope ? '(file)' : undefined) }));
}

export function buildMatrix(graph: TraceGraph): Matrix {
  const m = graph.manifest;
  if (!m) return { system: '', safetyClass: '', requirements: [], risks: [] };
  const controlsOfReq = new Map<string, string[]>();
  for (const c of m.riskControls) for (const r of c.requirements) controlsOfReq.set(r.id, [...(controlsOfReq.get(r.id) ?? []), c.id]);
  const risksOfControl = new Map<string, string[]>();
  for (const r of m.risks) for (const c of r.controls) risksOfControl.set(c.id, [...(risksOfControl.get(c.id) ?? []), r.id]);
  const requirements = m.requirements.map((r): RequirementRow => {
    const links = graph.links.get(r.id);
    const implementedBy = refs(links, 'implements');
    const verifiedBy = refs(links, 'verifies');
    const controls = controlsOfReq.get(r.id) ?? [];
    const risks = [...new Set(controls.flatMap((c) => risksOfControl.get(c) ?? []))];
    const status = implementedBy.length && verifiedBy.length ? 'implemented+verified' : implementedBy.length ? 'implemented' : verifiedBy.length ? 'verified-only' : 'open';
    return { id: r.id, title: r.title ?? '', kind: r.kind ?? '', implementedBy, verifiedBy, controls, risks, status };
  });
  const ctl = new Map(m.riskControls.map((c) => [c.id, c]));
  const risks = m.risks.map((r): RiskRow => {
    const score = (r.severity ?? 0) * (r.probability ?? 0);
    const controls = r.controls.map((c) => {
      const links = graph.links.get(c.id);
      return { id: c.id, title: ctl.get(c.id)?.title ?? '', implementedBy: refs(links, 'mitigates'), verifiedBy: refs(links, 'verifies') };
    });
    const done = controls.filter((c) => c.implementedBy.length && c.verifiedBy.length).length;
    const status = controls.length === 0 ? (score > m.policy.riskAcceptance ? 'uncontrolled' : 'accepted') : done === controls.length ? 'controlled' : 'partially-controlled';
    return {
      id: r.id,
      hazard: r.hazard ?? '',
      harm: r.harm ?? '',
      initial: `S${r.severity ?? '?'}/P${r.probability ?? '?'}`,
      residual: r.residual ? `S${r.residual.severity ?? '?'}/P${r.residual.probability ?? '?'}` : '',
      score,
      controls,
      status,
    };
  });
  return { system: m.system.name ?? '', safetyClass: m.system.safetyClass, requirements, risks };
}
