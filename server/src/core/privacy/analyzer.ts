/**
 * The privacy analyser (SPEC §3, privacy/*): personal and health data (GDPR Art. 4, Art. 9) flowing from
 * where it is read to logs, errors, third-party SDKs, cleartext channels, unencrypted storage and URLs.
 * collect() (collect.ts, walker.ts) summarises each function of a file; check() (check.ts) follows the
 * summaries across functions and files and reports each flow at its sink, with the path it took.
 */
import type { Analyzer } from '../engine/analyzer';
import type { LanguageId } from '../language/languages';
import { checkPrivacy } from './check';
import { collectPrivacy } from './collect';
import type { PrivacyFacts } from './facts';

export const PRIVACY_LANGUAGES: readonly LanguageId[] = ['javascript', 'typescript', 'tsx', 'python', 'java', 'csharp', 'kotlin', 'go', 'swift', 'rust', 'c', 'cpp'];

export const privacyAnalyzer: Analyzer<PrivacyFacts> = {
  name: 'privacy',
  languages: PRIVACY_LANGUAGES,
  collect: collectPrivacy,
  check: checkPrivacy,
};
