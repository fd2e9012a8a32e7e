/**
 * Hover: on an id in a tag or in the manifest, what the id is (title, text, kind, safety class, risks with
 * severity × probability) and its trace status (implemented where, verified by which tests); on a tag, what
 * the tag means; on the rule of a medtrace-ignore, what the rule checks.
 */
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { ruleInfo } from '../rules/registry';
import { containsPosition, type Location, type Position } from '../types';
import {
  KIND_NOUN,
  TAG_DOCS,
  annotationAt,
  controlsOfRequirement,
  entryOf,
  implementations,
  occurrenceAt,
  risksOfControl,
  riskRating,
  unitFiles,
  uriAt,
  verifications,
  where,
  type EntryInfo,
  type FeatureContext,
} from './common';

const MAX_LIST = 8;

function md(value: string): MarkupContent {
  return { kind: 'markdown', value };
}

function esc(s: string): string {
  return s.replace(/([\\`*_{}[\]<>|])/g, '\\$1');
}

function locList(ctx: FeatureContext, locs: readonly Location[], names?: (l: Location) => string | undefined): string {
  if (locs.length === 0) return '—';
  const shown = locs.slice(0, MAX_LIST).map((l) => {
    const n = names?.(l);
    return `[${esc(where(l))}](${uriAt(ctx, l)})${n ? ` \`${n}\`` : ''}`;
  });
  if (locs.length > MAX_LIST) shown.push(`… and ${locs.length - MAX_LIST} more`);
  return shown.join(', ');
}

/** Markdown describing a manifest entry and its trace status (hover, completion documentation). */
export function describeEntry(ctx: FeatureContext, info: EntryInfo, opts: { brief?: boolean } = {}): string {
  const result = ctx.session.result;
  const m = result.manifest!;
  const lines: string[] = [];
  const declName = (l: Location) => {
    const f = ctx.session.fileFacts(l.path);
    const d = f?.declarations.find((x) => x.nameRange.start.line === l.range.start.line && x.nameRange.start.character === l.range.start.character);
    return d ? d.name : undefined;
  };
  switch (info.kind) {
    case 'requirement': {
      const r = info.entry;
      lines.push(`**${esc(r.id)}**${r.title ? ` — ${esc(r.title)}` : ''}`, `*${r.kind ? `${r.kind} ` : ''}requirement* · [${esc(where(r.idLocation))}](${uriAt(ctx, r.idLocation)})`);
      if (r.text) lines.push('', esc(r.text));
      if (opts.brief) break;
      const controls = controlsOfRequirement(m, r.id);
      if (controls.length) {
        lines.push('', `**Risk controls:** ${controls.map((c) => `${esc(c.id)}${c.title ? ` ${esc(c.title)}` : ''}${riskSuffix(risksOfControl(m, c.id))}`).join('; ')}`);
      }
      if (r.derivedFrom.length) lines.push('', `**Derived from:** ${r.derivedFrom.map((d) => esc(d.id)).join(', ')}`);
      break;
    }
    case 'riskControl': {
      const c = info.entry;
      lines.push(`**${esc(c.id)}**${c.title ? ` — ${esc(c.title)}` : ''}`, `*${c.type ? `${c.type} ` : ''}risk control* · [${esc(where(c.idLocation))}](${uriAt(ctx, c.idLocation)})`);
      if (opts.brief) break;
      const risks = risksOfControl(m, c.id);
      if (risks.length) {
        lines.push('', `**Controls risks:** ${risks.map((r) => `${esc(r.id)}${r.hazard ? ` ${esc(r.hazard)}` : ''} (${riskRating(r)}${r.residual ? ` → residual ${riskRating(r.residual)}` : ''})`).join('; ')}`);
      }
      if (c.requirements.length) lines.push('', `**Requirements:** ${c.requirements.map((q) => esc(q.id)).join(', ')}`);
      break;
    }
    case 'risk': {
      const r = info.entry;
      const score = (r.severity ?? 0) * (r.probability ?? 0);
      const threshold = m.policy.riskAcceptance;
      lines.push(`**${esc(r.id)}**${r.hazard ? ` — ${esc(r.hazard)}` : ''}`, `*risk* · [${esc(where(r.idLocation))}](${uriAt(ctx, r.idLocation)})`);
      if (opts.brief) break;
      if (r.hazardousSituation) lines.push('', `**Hazardous situation:** ${esc(r.hazardousSituation)}`);
      if (r.harm) lines.push('', `**Harm:** ${esc(r.harm)}`);
      if (r.severity !== undefined || r.probability !== undefined) {
        lines.push('', `**Risk:** severity ${r.severity ?? '?'} × probability ${r.probability ?? '?'} = ${score} (${score > threshold ? `above` : 'within'} the acceptance threshold ${threshold})${r.residual ? ` · residual ${riskRating(r.residual)}` : ''}`);
      }
      if (r.threat) lines.push('', `**Threat (STRIDE):** ${esc(r.threat)}`);
      lines.push('', `**Controls:** ${r.controls.length ? r.controls.map((c) => esc(c.id)).join(', ') : 'none'}`);
      break;
    }
    case 'unit': {
      const u = info.entry;
      const files = unitFiles(result, u.id);
      lines.push(`**${esc(u.id)}**${u.name ? ` — ${esc(u.name)}` : ''}`, `*software unit, safety class ${u.safetyClass ?? m.system.safetyClass}* · [${esc(where(u.idLocation))}](${uriAt(ctx, u.idLocation)})`);
      if (opts.brief) break;
      if (u.paths.length) lines.push('', `**Paths:** ${u.paths.map((p) => `\`${p}\``).join(', ')}`);
      const cov = result.coverage.units.find((x) => x.id === u.id);
      lines.push('', `**Files:** ${files.length}${cov && cov.required ? ` · ${cov.traced}/${cov.required} required declarations traced` : ''}`);
      return lines.join('\n');
    }
  }
  if (opts.brief) return lines.join('\n');
  const impl = implementations(result, info);
  const ver = verifications(result, info);
  const implNoun = info.kind === 'risk' ? 'Controls implemented in' : 'Implemented in';
  const status = impl.length && ver.length ? '✓ implemented and verified' : impl.length ? '⚠ implemented, not verified' : ver.length ? '⚠ verified but implemented nowhere' : '✗ neither implemented nor verified';
  lines.push('', `**Trace:** ${status}`, '', `**${implNoun}:** ${locList(ctx, impl, declName)}`, '', `**Verified by:** ${locList(ctx, ver, declName)}`);
  const units = new Set<string>();
  for (const l of impl) {
    const u = result.graph.files.get(l.path)?.unit;
    if (u) units.add(`${u.id} (class ${u.safetyClass ?? m.system.safetyClass})`);
  }
  if (units.size) lines.push('', `**Units:** ${[...units].map(esc).join(', ')}`);
  return lines.join('\n');
}

function riskSuffix(risks: readonly { id: string; severity?: number; probability?: number }[]): string {
  return risks.length ? ` (${risks.map((r) => `${r.id} ${riskRating(r)}`).join(', ')})` : '';
}

export function hover(ctx: FeatureContext, path: string, pos: Position): Hover | null {
  const result = ctx.session.result;
  const occ = occurrenceAt(ctx.session, path, pos);
  if (occ) {
    const info = entryOf(result.manifest, occ.id);
    if (info) return { contents: md(describeEntry(ctx, info)), range: occ.range };
    const manifestPath = ctx.session.manifestRelPath;
    return {
      contents: md(
        result.manifest
          ? `**${esc(occ.id)}** is not declared in ${esc(manifestPath)}: declare it there (quick fix "Create ${esc(occ.id)} in ${esc(manifestPath)}") or correct the id.`
          : `**${esc(occ.id)}**: there is no manifest (${esc(manifestPath)}) to look it up in. Run "MedTrace: Create Manifest" or \`medtrace init\`.`,
      ),
      range: occ.range,
    };
  }
  const facts = ctx.session.fileFacts(path);
  const at = annotationAt(facts, pos);
  if (at?.onTag) {
    const takes = at.annotation.tag;
    return { contents: md(TAG_DOCS[takes] + kindsNote(takes)), range: at.annotation.tagRange };
  }
  const ig = facts?.ignores.find((i) => containsPosition(i.ruleRange, pos));
  if (ig) {
    const r = ruleInfo(ig.ruleId);
    return {
      contents: md(r ? `**${esc(r.id)}** — ${esc(r.shortDescription)}${r.cwe.length ? ` (${r.cwe.join(', ')})` : ''}\n\nSuppressed on line ${ig.targetLine + 1}: ${esc(ig.justification)}` : `Unknown rule **${esc(ig.ruleId)}**: this suppression has no effect.`),
      range: ig.ruleRange,
    };
  }
  return null;
}

function kindsNote(tag: string): string {
  const takes: Record<string, string[]> = { implements: ['requirement'], mitigates: ['riskControl'], verifies: ['requirement', 'riskControl'], unit: ['unit'] };
  const k = takes[tag];
  return k ? `\n\nTakes ${k.map((x) => KIND_NOUN[x as keyof typeof KIND_NOUN] + ' ids').join(' or ')}.` : '';
}
