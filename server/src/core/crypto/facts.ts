/**
 * The crypto analyser's per-file facts: plain JSON, produced by collect() in a worker thread and consumed
 * by check(). Values that could not be resolved inside the file stay symbolic (references to constants of
 * other files, configuration keys, environment variables) and are resolved in check().
 */
import type { Range } from '../types';

/** A symbolic value, as far as one file can tell. */
export type Val =
  | { k: 's'; v: string }
  | { k: 'n'; v: number }
  | { k: 'b'; v: boolean }
  /** Constant bytes (literal bytes, all-zero buffers never filled from a CSPRNG). */
  | { k: 'bytes'; why: string }
  /** Another file's constant (qualified `Class.NAME`, `pkg.Name` or bare `NAME`). */
  | { k: 'ref'; name: string }
  | { k: 'cat'; parts: Val[] }
  /** A configuration or environment value read by key, with the default the code gives. */
  | { k: 'cfg'; key: string; src: 'env' | 'prop'; def?: Val }
  /** One of several values (conditional expression, branches). */
  | { k: 'alt'; opts: Val[] }
  /** `primary ?? fallback` where primary is not a config read. */
  | { k: 'fb'; primary: Val; def: Val }
  | { k: 'u' };

export type SiteKind =
  | 'hash' // val: algorithm name
  | 'cipher' // val: algorithm / transformation
  | 'mode' // val: mode name (ECB, CBC…)
  | 'iv' // val: the IV / nonce value
  | 'keysize' // val: bits; family in `family`
  | 'curve' // val: curve name
  | 'rand' // non-cryptographic PRNG call
  | 'secret' // val: literal secret
  | 'pwhash' // password-hash parameters: iterations / cost in val
  | 'tls-off' // val: the option value; bad in `bad`
  | 'tls-proto' // val: protocol name or version constant
  | 'url'; // val: URL value

export interface SiteContext {
  /** Names the value flows into: assigned variables, properties, keys, callee names, literal labels. */
  names: string[];
  /** Name of the enclosing function or method. */
  fn?: string;
  /** Identifiers and short literals in the hashed / used input (to tell password hashing). */
  inputs?: string[];
  /** How many of `inputs` belong to the expression itself (the rest were met where the value flows on); all when absent. */
  ownInputs?: number;
  /** The code says explicitly it is not a security use (usedforsecurity=False). */
  notSecurity?: boolean;
  /** The result is stored or compared with stored values (no mechanical fix). */
  persisted?: boolean;
  /** The value (or what it flows into) is returned from the enclosing function. */
  returned?: boolean;
  /** The value is cut to a short prefix (≤ 20 characters or bytes): an identifier, not a security value. */
  truncated?: boolean;
  /**
   * Another analyser's suppression on the site's line or the line above (`//nolint:gosec // checksum`,
   * `# nosec`, `NOSONAR`, `nosemgrep`, `lgtm`, `codeql[…]`, a Sonar key in @SuppressWarnings): the team
   * has looked at it. The text, with its justification (at most 100 characters).
   */
  otherTool?: string;
  /**
   * The site is inside a helper named after its algorithm (`getMD5(s)`, `String.sha1()`): how many calls
   * of it the file has. Its own parameter names say nothing; the callers' names and inputs replace them.
   */
  helperCalls?: number;
  /** A JCA cipher that the function feeds exactly one 16-byte block (ECB then leaks nothing). */
  oneBlock?: boolean;
  /** static-iv: the cipher's key is made fresh in the same function (a random or ephemeral-exchange key), named here. */
  singleUseKey?: string;
}

export interface SiteFix {
  title: string;
  /** Replacement text per range; applied only when check() confirms the finding. */
  edits: { range: Range; newText: string }[];
  /** Only offer when the resolved value is one of these (lower-case), e.g. the literal 'md5'. */
  when?: string[];
}

export interface Site {
  kind: SiteKind;
  /** The API, as written in messages ("crypto.createHash", "hashlib.md5"). */
  api: string;
  range: Range;
  val: Val;
  /** keysize: rsa | ec | dh | dsa | aes | sym; pwhash: pbkdf2 | bcrypt; cipher: 'jca' for Java transformations. */
  family?: string;
  /** tls-off: the value that disables verification. */
  bad?: Val;
  /** hardcoded-secret: which CWE (798 credentials, 321 crypto key). */
  cwe?: string;
  /** A note appended to the message (API-specific advice). */
  note?: string;
  ctx: SiteContext;
  fixes?: SiteFix[];
  /** Findings that need a security context (insecure-random) or must stay quiet when a benign one is seen. */
  needsSecurityContext?: boolean;
}

/** A constant a file declares at module, package or class level, for other files to resolve. */
export interface ConstDef {
  /** Bare name and qualified forms: `ALG`, `CryptoConfig.ALG`, `config.Alg`. */
  names: string[];
  val: Val;
}

export interface CryptoFacts {
  v: 1;
  /** Package / namespace / folder scope, to prefer constants of the same package. */
  scope: string;
  sites: Site[];
  consts: ConstDef[];
}
