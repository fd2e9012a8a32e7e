/**
 * The privacy policy (manifest `policy.privacy`): project names that hold personal data, project types
 * whose values are personal data, project sanitizers and project sinks. Everything is optional; invalid
 * entries are ignored here (the schema reports them).
 */
import type { Manifest } from '../manifest/model';
import { splitWords } from './taxonomy';

export interface PrivacyPolicy {
  identifiers: { words: string[]; raw: string }[];
  types: Set<string>;
  /** Lower-case function names and dotted callee texts. */
  sanitizers: Set<string>;
  sinks: string[];
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim().length > 0).map((x) => x.trim()) : [];
}

export function privacyPolicy(manifest: Manifest | undefined): PrivacyPolicy {
  const p = manifest?.policy.privacy ?? {};
  return {
    identifiers: strings(p.identifiers).map((raw) => ({ raw, words: splitWords(raw) })).filter((x) => x.words.length > 0),
    types: new Set(strings(p.types)),
    sanitizers: new Set(strings(p.sanitizers).map((s) => s.toLowerCase())),
    sinks: strings(p.sinks),
  };
}

/** Does a callee (`name`, written `text`) match a policy entry (`redact`, `audit.send`, `Util.mask`)? */
export function calleeMatches(entries: Iterable<string>, name: string, text: string): boolean {
  const n = name.toLowerCase();
  const t = text.toLowerCase().replace(/^(this|self)\./, '');
  for (const e of entries) {
    const x = e.toLowerCase();
    if (x === n || x === t || t.endsWith('.' + x)) return true;
  }
  return false;
}
