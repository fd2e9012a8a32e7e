/**
 * SARIF 2.1.0 (SPEC 4): MedTrace as the driver, every rule with id, descriptions, help and tags
 * (CWE-NNN plus the category), results with 1-based regions relative to DIR, data flows as codeFlows.
 */
import type * as Sarif from 'sarif';
import type { CheckResult } from '../../core/engine/check';
import { RULES, type RuleInfo } from '../../core/rules/registry';
import type { Finding, RelatedLocation, Severity } from '../../core/types';

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function uri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function region(f: { range: Finding['range'] }): Sarif.Region {
  return {
    startLine: f.range.start.line + 1,
    startColumn: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
  };
}

function location(l: { path: string; range: Finding['range'] }, message?: string): Sarif.Location {
  return {
    physicalLocation: { artifactLocation: { uri: uri(l.path), uriBaseId: 'SRCROOT' }, region: region(l) },
    ...(message ? { message: { text: message } } : {}),
  };
}

function tags(r: RuleInfo): string[] {
  return [...r.cwe, r.category === 'input' ? 'traceability' : r.category];
}

function sarifRule(r: RuleInfo): Sarif.ReportingDescriptor {
  const anchor = r.id.replace(/[^a-z0-9]+/g, '-');
  return {
    id: r.id,
    name: r.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: r.shortDescription },
    fullDescription: { text: `${r.shortDescription}.${r.standards.length ? ` Serves ${r.standards.join(', ')}.` : ''}` },
    helpUri: `https://medtrace.dev/docs/rules#${anchor}`,
    help: { text: `${r.shortDescription}. See docs/rules.md#${anchor} in the MedTrace package for why it matters and how to fix it.` },
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
    properties: { tags: tags(r), ...(r.cwe.length ? { cwe: r.cwe } : {}), standards: r.standards },
  };
}

function codeFlow(flow: RelatedLocation[], sink: Finding): Sarif.CodeFlow {
  const steps = [...flow, { path: sink.path, range: sink.range, message: 'sink' }];
  return {
    threadFlows: [{ locations: steps.map((s) => ({ location: location(s, s.message) })) }],
  };
}

export function toSarif(r: CheckResult, version: string, rootUri: string): Sarif.Log {
  const index = new Map(RULES.map((rule, i) => [rule.id, i]));
  const results: Sarif.Result[] = r.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(f)],
    ...(f.flow?.length ? { codeFlows: [codeFlow(f.flow, f)], relatedLocations: f.flow.map((s, i) => ({ id: i, ...location(s, s.message) })) } : {}),
    ...(f.related?.length && !f.flow?.length ? { relatedLocations: f.related.map((s, i) => ({ id: i, ...location(s, s.message) })) } : {}),
    partialFingerprints: { 'medtrace/v1': fingerprint(f) },
    // A rule may map to several CWEs (hardcoded-secret: CWE-798 or CWE-321); the finding says which applies.
    ...(typeof f.data?.cwe === 'string' ? { properties: { cwe: f.data.cwe, tags: [f.data.cwe] } } : {}),
  }));
  const suppressedResults: Sarif.Result[] = r.suppressed.map((s) => ({
    ruleId: s.finding.ruleId,
    ruleIndex: index.get(s.finding.ruleId),
    level: LEVEL[s.finding.severity],
    message: { text: s.finding.message },
    locations: [location(s.finding)],
    suppressions: [{ kind: 'inSource', justification: s.justification }],
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'MedTrace', version, semanticVersion: version, informationUri: 'https://medtrace.dev', rules: RULES.map(sarifRule) } },
        originalUriBaseIds: { SRCROOT: { uri: rootUri.endsWith('/') ? rootUri : rootUri + '/' } },
        results: [...results, ...suppressedResults],
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

/** Stable across runs and line shifts elsewhere in the file: rule, path and the finding's message. */
function fingerprint(f: Finding): string {
  let h = 2166136261;
  for (const ch of `${f.ruleId}|${f.path}|${f.message}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
