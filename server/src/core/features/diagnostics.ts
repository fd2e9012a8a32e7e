/** Findings → LSP diagnostics: rule id as code (with its documentation link), data flows and related places as related information. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { ruleInfo } from '../rules/registry';
import type { Finding, Severity } from '../types';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function ruleHelpUri(ruleId: string): string {
  return `https://medtrace.dev/docs/rules#${ruleId.replace(/[^a-z0-9]+/g, '-')}`;
}

export function toDiagnostic(f: Finding, uri: (path: string) => string): Diagnostic {
  const related = [...(f.flow ?? []), ...(f.related ?? [])];
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: ruleInfo(f.ruleId) ? { href: ruleHelpUri(f.ruleId) } : undefined,
    source: 'MedTrace',
    message: f.message,
    relatedInformation: related.length ? related.map((r) => ({ location: { uri: uri(r.path), range: r.range }, message: r.message })) : undefined,
    data: f.data,
  };
}
