/**
 * Code lenses. Above each traced declaration: what it traces to, e.g.
 * `SRS-042 Limit infusion rate · RC-12 (RISK-007 S5/P3) · SU-DOSE class C`, opening the manifest entry.
 * Above each manifest requirement, risk control and risk: `3 implementations · 2 tests`, showing them.
 * The commands are client-side (the front end documents them): see CLIENT_COMMANDS.
 */
import type { CodeLens, Location as LspLocation } from 'vscode-languageserver-types';
import type { Annotation } from '../annotations/model';
import type { Location, Range } from '../types';
import { entryOf, entryTitle, fileUnit, implementations, plural, risksOfControl, riskRating, verifications, type EntryInfo, type FeatureContext } from './common';

/**
 * Commands the client registers (VS Code: medtrace.openLocation → open the document at the position;
 * medtrace.showReferences → `editor.action.showReferences` with the converted arguments).
 */
export const CLIENT_COMMANDS = {
  /** Arguments: `uri: string, line: number, character: number` (0-based, as LSP). */
  openLocation: 'medtrace.openLocation',
  /** Arguments: `uri: string, position: Position, locations: Location[]` (LSP JSON), as editor.action.showReferences takes them. */
  showReferences: 'medtrace.showReferences',
} as const;

const TITLE_MAX = 40;

function short(s: string | undefined): string {
  if (!s) return '';
  return s.length > TITLE_MAX ? `${s.slice(0, TITLE_MAX - 1)}…` : s;
}

function idLabel(ctx: FeatureContext, id: string, tag: string): string {
  const m = ctx.session.result.manifest;
  const info = entryOf(m, id);
  if (!info) return `${id} (not in manifest)`;
  if (info.kind === 'riskControl' && tag !== 'verifies') {
    const risks = risksOfControl(m!, id);
    return risks.length ? `${id} (${risks.map((r) => `${r.id} ${riskRating(r)}`).join(', ')})` : `${id}${info.entry.title ? ` ${short(info.entry.title)}` : ''}`;
  }
  const title = entryTitle(info);
  return title ? `${id} ${short(title)}` : id;
}

function lensFor(ctx: FeatureContext, path: string, anns: readonly Annotation[], at: Range, unitPart: string): CodeLens | undefined {
  const seen = new Set<string>();
  const parts: string[] = [];
  let target: Location | undefined;
  for (const a of anns) {
    if (a.tag !== 'implements' && a.tag !== 'mitigates' && a.tag !== 'verifies') continue;
    for (const id of a.ids) {
      if (seen.has(id.id)) continue;
      seen.add(id.id);
      parts.push(idLabel(ctx, id.id, a.tag));
      target ??= entryOf(ctx.session.result.manifest, id.id)?.entry.idLocation;
    }
  }
  if (!parts.length) return undefined;
  parts.push(unitPart);
  const title = parts.join(' · ');
  const loc = target ?? { path, range: anns[0].tagRange };
  return { range: at, command: { title, command: CLIENT_COMMANDS.openLocation, arguments: [ctx.uri(loc.path), loc.range.start.line, loc.range.start.character] } };
}

export function codeLenses(ctx: FeatureContext, path: string): CodeLens[] {
  const session = ctx.session;
  const m = session.result.manifest;
  if (m && m.files.includes(path)) return manifestLenses(ctx, path);
  const facts = session.fileFacts(path);
  if (!facts) return [];
  const { unit, safetyClass } = fileUnit(session, path);
  const unitPart = unit ? `${unit.id} class ${safetyClass}` : `class ${safetyClass}`;
  const out: CodeLens[] = [];
  const fileAnns = facts.annotations.filter((a) => a.scope.kind === 'file');
  if (fileAnns.length) {
    const first = fileAnns[0].tagRange.start;
    const lens = lensFor(ctx, path, fileAnns, { start: { line: first.line, character: 0 }, end: { line: first.line, character: 0 } }, unitPart);
    if (lens) out.push(lens);
  }
  const byDecl = new Map<number, Annotation[]>();
  for (const a of facts.annotations) {
    if (a.scope.kind !== 'declaration') continue;
    const list = byDecl.get(a.scope.declaration) ?? [];
    list.push(a);
    byDecl.set(a.scope.declaration, list);
  }
  for (const [i, anns] of byDecl) {
    const d = facts.declarations[i];
    if (!d) continue;
    const lens = lensFor(ctx, path, anns, { start: d.anchor, end: d.anchor }, unitPart);
    if (lens) out.push(lens);
  }
  out.sort((a, b) => a.range.start.line - b.range.start.line);
  return out;
}

function toLsp(ctx: FeatureContext, locs: readonly Location[]): LspLocation[] {
  return locs.map((l) => ({ uri: ctx.uri(l.path), range: l.range }));
}

function manifestLenses(ctx: FeatureContext, path: string): CodeLens[] {
  const result = ctx.session.result;
  const m = result.manifest!;
  const entries: EntryInfo[] = [
    ...m.units.map((entry): EntryInfo => ({ kind: 'unit', entry })),
    ...m.requirements.map((entry): EntryInfo => ({ kind: 'requirement', entry })),
    ...m.risks.map((entry): EntryInfo => ({ kind: 'risk', entry })),
    ...m.riskControls.map((entry): EntryInfo => ({ kind: 'riskControl', entry })),
  ];
  const out: CodeLens[] = [];
  for (const info of entries) {
    const e = info.entry;
    if (e.idLocation.path !== path) continue;
    const impl = implementations(result, info);
    const tests = verifications(result, info);
    let title: string;
    if (info.kind === 'unit') title = plural(impl.length, 'file');
    else {
      title = `${plural(impl.length, 'implementation')} · ${plural(tests.length, 'test')}`;
      if (info.kind === 'risk') title = `${plural(info.entry.controls.length, 'control')} · ${title}`;
    }
    const start = e.location.range.start.line <= e.idLocation.range.start.line ? e.location.range.start : e.idLocation.range.start;
    out.push({
      range: { start, end: start },
      command: { title, command: CLIENT_COMMANDS.showReferences, arguments: [ctx.uri(path), e.idLocation.range.start, toLsp(ctx, [...impl, ...tests])] },
    });
  }
  out.sort((a, b) => a.range.start.line - b.range.start.line);
  return out;
}
