/**
 * The Traceability view's tree: units → requirements implemented in them → implementations / tests;
 * requirements implemented nowhere; risks → controls → code / tests. Icons mark the gaps. Same shape as
 * TraceTreeNode in shared/protocol.ts (the front end passes it through).
 */
import type { CheckResult } from '../engine/check';
import type { Location } from '../types';
import { entryOf, implementations, plural, riskRating, verifications, where, type EntryInfo } from './common';

export interface TraceTreeItem {
  label: string;
  description?: string;
  tooltip?: string;
  icon?: string;
  location?: { uri: string; line: number; character: number };
  children?: TraceTreeItem[];
}

function loc(uri: (p: string) => string, l: Location): TraceTreeItem['location'] {
  return { uri: uri(l.path), line: l.range.start.line, character: l.range.start.character };
}

function codeNodes(result: CheckResult, uri: (p: string) => string, locs: readonly Location[], icon: string): TraceTreeItem[] {
  return locs.map((l) => {
    const f = result.files.find((x) => x.path === l.path);
    const d = f?.declarations.find((x) => x.nameRange.start.line === l.range.start.line && x.nameRange.start.character === l.range.start.character);
    return { label: d ? d.name : l.path.split('/').pop()!, description: where(l), icon, location: loc(uri, l) };
  });
}

function entryNode(result: CheckResult, uri: (p: string) => string, info: EntryInfo, title: string | undefined): TraceTreeItem {
  const impl = implementations(result, info);
  const tests = verifications(result, info);
  const icon = impl.length && tests.length ? 'pass' : impl.length || tests.length ? 'warning' : 'error';
  return {
    label: info.entry.id,
    description: `${title ?? ''}${title ? ' · ' : ''}${plural(impl.length, 'implementation')} · ${plural(tests.length, 'test')}`,
    tooltip: !impl.length ? 'Implemented nowhere' : !tests.length ? 'Verified by no test' : 'Implemented and verified',
    icon,
    location: loc(uri, info.entry.idLocation),
    children: [...codeNodes(result, uri, impl, 'symbol-method'), ...codeNodes(result, uri, tests, 'beaker')],
  };
}

export function traceTree(result: CheckResult, uri: (p: string) => string): TraceTreeItem[] {
  const m = result.manifest;
  if (!m) return [{ label: 'No manifest', description: 'Run "MedTrace: Create Manifest"', icon: 'info' }];
  const out: TraceTreeItem[] = [];
  const placed = new Set<string>();
  for (const u of m.units) {
    const reqIds = new Set<string>();
    for (const r of m.requirements) {
      for (const l of result.graph.links.get(r.id) ?? []) {
        if (l.tag === 'implements' && result.graph.files.get(l.path)?.unit?.id === u.id) reqIds.add(r.id);
      }
    }
    const cov = result.coverage.units.find((c) => c.id === u.id);
    const children = [...reqIds].map((id) => {
      placed.add(id);
      const info = entryOf(m, id)! as Extract<EntryInfo, { kind: 'requirement' }>;
      return entryNode(result, uri, info, info.entry.title);
    });
    const gaps = cov ? cov.required - cov.traced : 0;
    out.push({
      label: u.id,
      description: `${u.name ?? ''}${u.name ? ' · ' : ''}class ${u.safetyClass ?? m.system.safetyClass}${cov && cov.required ? ` · ${cov.traced}/${cov.required} traced` : ''}`,
      icon: gaps > 0 || children.some((c) => c.icon !== 'pass') ? 'warning' : 'pass',
      location: loc(uri, u.idLocation),
      children,
    });
  }
  const rest = m.requirements.filter((r) => !placed.has(r.id));
  if (rest.length) {
    out.push({
      label: m.units.length ? 'Requirements outside any unit' : 'Requirements',
      icon: 'list-unordered',
      children: rest.map((r) => entryNode(result, uri, { kind: 'requirement', entry: r }, r.title)),
    });
  }
  if (m.risks.length) {
    out.push({
      label: 'Risks',
      icon: 'shield',
      children: m.risks.map((r) => {
        const score = (r.severity ?? 0) * (r.probability ?? 0);
        const controls = r.controls.map((c) => {
          const info = entryOf(m, c.id);
          return info ? entryNode(result, uri, info, info.kind === 'riskControl' ? info.entry.title : undefined) : { label: c.id, description: 'not declared', icon: 'error' };
        });
        const above = score > m.policy.riskAcceptance;
        const icon = controls.length ? (controls.every((c) => c.icon === 'pass') ? 'pass' : 'warning') : above ? 'error' : 'pass';
        return {
          label: r.id,
          description: `${r.hazard ?? ''}${r.hazard ? ' · ' : ''}${riskRating(r)}${r.residual ? ` → ${riskRating(r.residual)}` : ''}`,
          tooltip: above && !controls.length ? 'Above the acceptance threshold with no risk control' : undefined,
          icon,
          location: loc(uri, r.idLocation),
          children: controls,
        };
      }),
    });
  }
  return out;
}
