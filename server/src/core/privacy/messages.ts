/**
 * Finding messages for privacy/*: what data (category and kind) reached which sink, what to do about it,
 * the GDPR articles that apply, and the manifest's privacy requirements and information-disclosure risks.
 */
import type { Manifest } from '../manifest/model';
import type { PrivacyRule } from './facts';
import type { Category } from './taxonomy';

export interface SourceInfo {
  cat: Category;
  what: string;
  expr: string;
  idOnly: boolean;
}

const CAT_TEXT: Record<Category, string> = {
  health: 'health data',
  genetic: 'genetic data',
  biometric: 'biometric data',
  personal: 'personal data',
  record: 'patient record',
  secret: 'secret',
};
const ART9 = new Set<Category>(['health', 'genetic', 'biometric']);

export const CAT_RANK: Record<Category, number> = { health: 5, genetic: 5, biometric: 5, record: 3, personal: 2, secret: 1 };

function sinkText(rule: PrivacyRule, api: string, detail: string | undefined): string {
  const a = `\`${api}\``;
  switch (rule) {
    case 'to-log':
      return `a log (${a})`;
    case 'to-error':
      return `an exception message or error response (${a})`;
    case 'to-third-party':
      return `${detail ?? 'a third-party SDK'} (${a})`;
    case 'cleartext-transport':
      return `a cleartext channel (${detail ? detail.slice(0, 60) : 'no TLS'}) in ${a}`;
    case 'cleartext-storage':
      return `unencrypted storage (${detail ?? 'local storage'}) via ${a}`;
    case 'in-url':
      return `a URL (${a})`;
    case 'secret-to-log':
      return `a log (${a})`;
  }
}

const ADVICE: Record<PrivacyRule, string> = {
  'to-log': 'Logs are kept long and read by many: drop the value, or log a pseudonymous reference (keyed hash) instead (GDPR Art. 25, 32).',
  'to-error': 'Error messages reach clients, crash reports and logs: leave the value out, return a generic message and log a reference instead (GDPR Art. 25, 32).',
  'to-third-party': 'Sending it to a third party needs a legal basis and a processing agreement: drop it, or send only a pseudonymous id (GDPR Art. 9, 28, 44).',
  'cleartext-transport': 'Anyone on the network path can read it: use https / wss / TLS (GDPR Art. 32).',
  'cleartext-storage': 'Encrypt it at rest (EncryptedSharedPreferences, Keychain / Keystore, SQLCipher, an encrypted file) or do not store it (GDPR Art. 25, 32).',
  'in-url': 'URLs end up in server, proxy and browser logs and history: send it in the request body or a header instead (GDPR Art. 25, 32).',
  'secret-to-log': 'Whoever reads the log can use it: log that authentication happened or which key id was used, never the secret itself (CWE-532, IEC 81001-5-1 5.5).',
};

function list(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export interface Links {
  requirements: string[];
  risks: string[];
}

/** Privacy requirements and information-disclosure risks of the manifest. */
export function manifestLinks(m: Manifest | undefined): Links {
  if (!m) return { requirements: [], risks: [] };
  return {
    requirements: m.requirements.filter((r) => r.kind === 'privacy').map((r) => r.id).slice(0, 4),
    risks: m.risks.filter((r) => /information\s+disclosure|disclosure|privacy|confidential/i.test(r.threat ?? '')).map((r) => r.id).slice(0, 4),
  };
}

export function privacyMessage(rule: PrivacyRule, api: string, detail: string | undefined, sources: SourceInfo[], links: Links): string {
  const sorted = [...sources].sort((a, b) => CAT_RANK[b.cat] - CAT_RANK[a.cat] || Number(a.idOnly) - Number(b.idOnly));
  const whats: string[] = [];
  for (const s of sorted) if (!whats.includes(s.what)) whats.push(s.what);
  const cats: Category[] = [];
  for (const s of sorted) if (!cats.includes(s.cat)) cats.push(s.cat);
  const first = sorted[0];
  const what = list(whats.slice(0, 3)) + (whats.length > 3 ? ' and more' : '');
  // "Diagnosis (health data, GDPR Art. 9)", "Genetic data (genotype) (GDPR Art. 9)", "Name and date of birth (personal data)"
  const catWords = cats.filter((c) => !whats.some((w) => w.toLowerCase().startsWith(CAT_TEXT[c]))).map((c) => CAT_TEXT[c]);
  const art9 = cats.some((c) => ART9.has(c)) ? 'GDPR Art. 9' : '';
  const cat = [list(catWords), art9].filter(Boolean).join(', ');
  const shown = api.includes('().') ? api.slice(api.lastIndexOf('().') + 2) : api;
  const head = `${what.charAt(0).toUpperCase()}${what.slice(1)}${cat ? ` (${cat})` : ''} from \`${first.expr}\` reach${whats.length > 1 ? '' : 'es'} ${sinkText(rule, shown, detail)}.`;
  let msg = `${head} ${ADVICE[rule]}`;
  const refs: string[] = [];
  if (links.requirements.length) refs.push(`privacy requirement${links.requirements.length > 1 ? 's' : ''} ${links.requirements.join(', ')}`);
  if (links.risks.length) refs.push(`risk${links.risks.length > 1 ? 's' : ''} ${links.risks.join(', ')} (Information disclosure)`);
  if (refs.length) msg += ` See ${refs.join(' and ')}.`;
  return msg;
}
