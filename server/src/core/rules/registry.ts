/**
 * Every rule MedTrace reports: the one list the CLI (SARIF rules), the server (diagnostic codes),
 * the settings schema (severity overrides) and docs/rules.md agree on. A test checks docs/rules.md
 * has a section for each id here.
 */
import type { Severity } from '../types';

export type RuleCategory = 'traceability' | 'soup' | 'security' | 'privacy' | 'input';

export interface RuleInfo {
  id: string;
  category: RuleCategory;
  defaultSeverity: Severity;
  shortDescription: string;
  cwe: string[];
  /** Standards clauses the rule serves, for messages and reports. */
  standards: string[];
}

function rule(
  id: string,
  category: RuleCategory,
  defaultSeverity: Severity,
  shortDescription: string,
  cwe: string[] = [],
  standards: string[] = [],
): RuleInfo {
  return { id, category, defaultSeverity, shortDescription, cwe, standards };
}

export const RULES: readonly RuleInfo[] = [
  // Traceability (IEC 62304 5.1.1, 5.7, 7.3.3; ISO 14971 7)
  rule('trace/untraced', 'traceability', 'warning', 'Declaration that its safety class requires to be traced carries no trace annotation', [], ['IEC 62304 5.1.1', 'IEC 62304 7.3.3']),
  rule('trace/unknown-id', 'traceability', 'error', 'Annotation names an id the manifest lacks, or an id of the wrong kind', [], ['IEC 62304 5.1.1']),
  rule('trace/malformed-annotation', 'traceability', 'error', 'Annotation that cannot be read (missing ids, missing justification, bad id syntax)', [], ['IEC 62304 5.1.1']),
  rule('trace/unimplemented-requirement', 'traceability', 'warning', 'Requirement with no @implements in the code', [], ['IEC 62304 5.1.1', 'IEC 62304 5.5']),
  rule('trace/unverified-requirement', 'traceability', 'warning', 'Requirement with no @verifies in any test', [], ['IEC 62304 5.7.4', 'IEC 62304 5.1.1']),
  rule('trace/unimplemented-control', 'traceability', 'error', 'Risk control measure with no @mitigates in the code', [], ['ISO 14971 7.2', 'IEC 62304 7.2.2']),
  rule('trace/unverified-control', 'traceability', 'error', 'Risk control measure whose implementation no test verifies', [], ['ISO 14971 7.2', 'IEC 62304 7.3.1']),
  rule('trace/uncontrolled-risk', 'traceability', 'error', 'Risk above the acceptance threshold with no risk control', [], ['ISO 14971 7.1', 'IEC 62304 7.2']),
  rule('trace/unit-without-files', 'traceability', 'warning', 'Software unit whose paths match no file and that no @unit tag names', [], ['IEC 62304 5.4']),
  rule('trace/file-without-unit', 'traceability', 'warning', 'Source file of a class B/C system that belongs to no software unit', [], ['IEC 62304 5.3', 'IEC 62304 5.4']),
  rule('trace/manifest-error', 'traceability', 'error', 'The manifest cannot be read, violates the schema, or has duplicate or dangling ids', [], ['IEC 62304 5.1.1']),
  rule('trace/verification-failed', 'traceability', 'error', 'A test that @verifies a requirement or risk control failed in the JUnit results given to check --junit', [], ['IEC 62304 5.7.4', 'IEC 62304 5.7.5']),
  rule('trace/suspect-link', 'traceability', 'information', 'Requirement changed in git after the code that implements it last changed: re-check the implementation', [], ['IEC 62304 5.1.1', 'IEC 62304 6.2.3']),
  // SOUP (IEC 62304 5.3.3, 7.1.3, 8.1.2; FDA 524B; CRA)
  rule('soup/undeclared', 'soup', 'warning', 'Dependency in a package manifest or lockfile that the soup list lacks', [], ['IEC 62304 8.1.2', 'IEC 62304 7.1.3']),
  rule('soup/incomplete', 'soup', 'warning', 'SOUP entry without the fields IEC 62304 8.1.2 needs for its class', [], ['IEC 62304 8.1.2', 'IEC 62304 5.3.3', 'IEC 62304 5.3.4']),
  rule('soup/version-mismatch', 'soup', 'warning', 'SOUP entry version differs from the version the project uses', [], ['IEC 62304 8.1.2']),
  // Cryptography (MDCG 2019-16, IEC 81001-5-1 5.5, IEC 62443-4-1 SI-1)
  rule('crypto/weak-hash', 'security', 'warning', 'Broken or weak hash function used for security', ['CWE-328'], ['MDCG 2019-16', 'IEC 81001-5-1 5.5']),
  rule('crypto/weak-cipher', 'security', 'error', 'Broken or weak cipher', ['CWE-327'], ['MDCG 2019-16', 'IEC 81001-5-1 5.5']),
  rule('crypto/weak-mode', 'security', 'warning', 'Insecure block cipher mode (ECB, or unauthenticated where AEAD is required)', ['CWE-327'], ['MDCG 2019-16']),
  rule('crypto/static-iv', 'security', 'error', 'Constant or predictable initialisation vector or nonce', ['CWE-329'], ['MDCG 2019-16']),
  rule('crypto/small-key', 'security', 'error', 'Key size below the crypto policy', ['CWE-326'], ['MDCG 2019-16', 'BSI TR-02102-1']),
  rule('crypto/insecure-random', 'security', 'warning', 'Non-cryptographic random number generator used for a security value', ['CWE-330'], ['MDCG 2019-16']),
  rule('crypto/hardcoded-secret', 'security', 'error', 'Hard-coded password, key or token', ['CWE-798', 'CWE-321'], ['MDCG 2019-16', 'IEC 81001-5-1 5.5']),
  rule('crypto/weak-password-hash', 'security', 'warning', 'Password hashed without a slow, salted password hash (or with too few iterations)', ['CWE-916'], ['MDCG 2019-16', 'NIST SP 800-63B']),
  rule('crypto/tls-verification-disabled', 'security', 'error', 'TLS certificate or host name verification disabled', ['CWE-295'], ['MDCG 2019-16', 'IEC 81001-5-1 5.5']),
  rule('crypto/legacy-tls', 'security', 'warning', 'SSL or TLS below 1.2 enabled', ['CWE-327'], ['MDCG 2019-16', 'BSI TR-02102-2']),
  rule('crypto/cleartext-transport', 'security', 'warning', 'Cleartext protocol (http://, ws://, ftp://, telnet) used for a connection', ['CWE-319'], ['MDCG 2019-16', 'IEC 81001-5-1 5.5']),
  // Privacy (GDPR Art. 5, 9, 25, 32)
  rule('privacy/to-log', 'privacy', 'warning', 'Personal or health data written to a log', ['CWE-532'], ['GDPR Art. 9', 'GDPR Art. 25', 'GDPR Art. 32']),
  rule('privacy/to-error', 'privacy', 'warning', 'Personal or health data in an exception message or error response', ['CWE-209'], ['GDPR Art. 9', 'GDPR Art. 32']),
  rule('privacy/to-third-party', 'privacy', 'error', 'Personal or health data sent to an analytics, telemetry or crash-reporting SDK', ['CWE-359'], ['GDPR Art. 9', 'GDPR Art. 28', 'GDPR Art. 44']),
  rule('privacy/cleartext-transport', 'privacy', 'error', 'Personal or health data sent over a cleartext channel', ['CWE-319'], ['GDPR Art. 32']),
  rule('privacy/cleartext-storage', 'privacy', 'warning', 'Personal or health data stored unencrypted', ['CWE-312'], ['GDPR Art. 25', 'GDPR Art. 32']),
  rule('privacy/in-url', 'privacy', 'warning', 'Personal or health data placed in a URL or query string', ['CWE-598'], ['GDPR Art. 25', 'GDPR Art. 32']),
  rule('privacy/secret-to-log', 'privacy', 'warning', 'A password, API key or access token written to a log', ['CWE-532'], ['IEC 81001-5-1 5.5', 'MDCG 2019-16']),
  // Input problems: files MedTrace could not analyse are said, never silently skipped.
  rule('medtrace/input-problem', 'input', 'information', 'A file in scope could not be analysed, or only in part (binary, too large, minified, unreadable, not UTF-8)'),
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleInfo(id: string): RuleInfo | undefined {
  return BY_ID.get(id);
}

export function requireRule(id: string): RuleInfo {
  const r = BY_ID.get(id);
  if (!r) throw new Error(`unknown rule id ${id}`);
  return r;
}
