/**
 * The crypto analyser (SPEC §3, crypto/*): weak hashes, ciphers and modes, static IVs, small keys,
 * insecure random, hard-coded secrets, weak password hashing, disabled TLS verification, legacy TLS
 * and cleartext transport, in every supported language. collect() (collect.ts + models.ts) runs per
 * file in a worker; check() (check.ts) resolves values across the workspace and writes findings.
 */
import type { Analyzer } from '../engine/analyzer';
import type { LanguageId } from '../language/languages';
import { checkCrypto } from './check';
import { collectCrypto } from './collect';
import type { CryptoFacts } from './facts';

export const CRYPTO_LANGUAGES: readonly LanguageId[] = ['c', 'cpp', 'csharp', 'java', 'javascript', 'typescript', 'tsx', 'python', 'go', 'rust', 'kotlin', 'swift'];

export const cryptoAnalyzer: Analyzer<CryptoFacts> = {
  name: 'crypto',
  languages: CRYPTO_LANGUAGES,
  collect: collectCrypto,
  check: checkCrypto,
};
