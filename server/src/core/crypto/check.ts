/**
 * check(): resolves every candidate site's value across the workspace (other files' constants,
 * configuration files read by key, environment defaults), judges it against the crypto policy and
 * the context heuristics, and writes the findings: rule, CWE, precise range, a message that names what
 * was found, why it is weak, what to use instead and the policy source, safe quick fixes, and the
 * security risks of the unit the file belongs to.
 */
import { fileStem, isSampleCodePath } from '../code/paths';
import { DOC_NAME, HEALTH_IDENTIFIER_HOST, IDENTIFIER_PATH, isIdentifierName, LOCAL_HOST, NON_CONNECTION_HOST, SINGLE_LABEL_HOST, STORE_PAGE_HOST, URL_NAME, urlHost } from './urls';
import { ConfigIndex } from '../config/index';
import type { CheckContext } from '../engine/analyzer';
import type { FileFacts } from '../engine/fileFacts';
import { DEFAULT_POLICY, type Manifest } from '../manifest/model';
import { requireRule } from '../rules/registry';
import type { Finding, Fix, Range } from '../types';
import { globMatcher } from '../workspace/files';
import { classifyCipher, classifyHash, classifyMode, cipherAllowed, curveBits, tlsVersion } from './classify';
import { looksLikeSecret } from './secretValue';
import { encodesSecret, hashedInputs, hashIsBenign, isDigestPlumbing, isPasswordInput, isSecretOnlyInput, randomIsSecurity, randomSecurityEvidence, words } from './context';
import type { CryptoFacts, Site, Val } from './facts';
import { platformTransportFindings } from './platformConfig';
import { resolvePolicy, SOURCES, type CryptoPolicy } from './policy';

/** A concrete value a site may take, with where it came from when not from the code itself. */
interface Concrete {
  s?: string;
  n?: number;
  b?: boolean;
  bytes?: string;
  /** Only the beginning of the string is known (the rest is computed at run time). */
  partial?: boolean;
  origin?: string;
}

interface ConstEntry {
  path: string;
  scope: string;
  val: Val;
}

export class Resolver {
  private readonly consts = new Map<string, ConstEntry[]>();

  constructor(
    facts: ReadonlyMap<string, CryptoFacts>,
    readonly config: ConfigIndex,
  ) {
    for (const [path, f] of facts) {
      for (const c of f.consts) {
        for (const n of c.names) {
          let l = this.consts.get(n);
          if (!l) this.consts.set(n, (l = []));
          l.push({ path, scope: f.scope, val: c.val });
        }
      }
    }
  }

  resolve(v: Val, from: { path: string; scope: string }, depth = 0): Concrete[] {
    if (depth > 8) return [];
    switch (v.k) {
      case 's':
        return [{ s: v.v }];
      case 'n':
        return [{ n: v.v }];
      case 'b':
        return [{ b: v.v }];
      case 'bytes':
        return [{ bytes: v.why }];
      case 'ref':
        return this.resolveRef(v.name, from, depth);
      case 'cat': {
        let acc: Concrete[] = [{ s: '' }];
        for (const p of v.parts) {
          const opts = this.resolve(p, from, depth + 1).filter((o) => o.s !== undefined || o.n !== undefined);
          if (!opts.length) return acc.map((a) => ({ ...a, partial: true }));
          const next: Concrete[] = [];
          for (const a of acc) {
            if (a.partial) {
              next.push(a);
              continue;
            }
            for (const o of opts.slice(0, 4)) next.push({ s: (a.s ?? '') + (o.s ?? String(o.n)), partial: o.partial, origin: a.origin ?? o.origin });
          }
          acc = next.slice(0, 16);
        }
        return acc;
      }
      case 'cfg': {
        const hits = this.config.values(v.key, { env: v.src === 'env' });
        if (hits && hits.length) return hits.map((h) => scalar(h.value, `${h.path}:${h.line + 1} (${h.key})`));
        if (v.def) return this.resolve(v.def, from, depth + 1).map((c) => ({ ...c, origin: c.origin ?? `default of ${v.src === 'env' ? 'environment variable' : 'configuration key'} ${v.key}, which no workspace configuration file sets` }));
        return [];
      }
      case 'alt':
        return v.opts.flatMap((o) => this.resolve(o, from, depth + 1)).slice(0, 16);
      case 'fb':
        return [...this.resolve(v.primary, from, depth + 1), ...this.resolve(v.def, from, depth + 1)].slice(0, 16);
      default:
        return [];
    }
  }

  private resolveRef(name: string, from: { path: string; scope: string }, depth: number): Concrete[] {
    const cands = this.lookupConst(name, from);
    if (cands) return this.resolve(cands.val, { path: cands.path, scope: cands.scope }, depth + 1).map((c) => ({ ...c, origin: c.origin ?? (cands.path !== from.path ? `${name} in ${cands.path}` : undefined) }));
    const wk = wellKnown(name);
    return wk === undefined ? [] : [typeof wk === 'number' ? { n: wk } : { s: wk }];
  }

  private lookupConst(name: string, from: { path: string; scope: string }): ConstEntry | undefined {
    const tries = [name];
    const dot = name.lastIndexOf('.');
    if (dot > 0) {
      tries.push(name.slice(name.lastIndexOf('.', dot - 1) + 1)); // pkg.Class.NAME → Class.NAME
      // import { NAME } from './constants' → ./constants.NAME; Go pkg.Name; Rust crate::consts::NAME
      if (/^[./@]|\//.test(name) || /^[a-z_]\w*\.[A-Z_][A-Za-z0-9_]*$/.test(name)) tries.push(name.slice(dot + 1));
    }
    for (const t of tries) {
      const l = this.consts.get(t);
      if (!l || !l.length) continue;
      const same = l.filter((e) => e.scope === from.scope);
      const pick = same.length ? same : l;
      const first = JSON.stringify(pick[0].val);
      if (pick.every((e) => JSON.stringify(e.val) === first)) return pick[0];
      return undefined; // ambiguous: several different constants of that name
    }
    return undefined;
  }
}

function scalar(v: string | number | boolean, origin: string): Concrete {
  return typeof v === 'string' ? { s: v, origin } : typeof v === 'number' ? { n: v, origin } : { b: v, origin };
}

/** Library constants whose value is their name (algorithm identifiers, protocol constants). */
function wellKnown(name: string): string | number | undefined {
  const last = name.split(/\.|::/).pop() ?? name;
  const stripped = last.replace(/^(MBEDTLS_MD_|MBEDTLS_CIPHER_|GCRY_MD_|GCRY_CIPHER_|kCCAlgorithm|kCCHmacAlg|CALG_|NID_|NID_X9_62_|CURL_SSLVERSION_)/, '');
  if (/^(MD2|MD4|MD5|SHA1|SHA_1|SHA|RIPEMD160|SHA224|SHA256|SHA384|SHA512|SHA_256|SHA_512|SHA3_256)$/i.test(stripped)) return stripped.replace(/_/g, '-');
  if (/^(DES|DES_\w+|DES_EDE\w*|DES3|3DES|TripleDES|RC4|ARC4|RC2|BLOWFISH\w*|Blowfish|CAST5\w*|IDEA\w*|AES_\d+_(ECB|CBC|GCM|CTR|CFB\w*|OFB|CCM|XTS)|CAMELLIA\w*|ARIA\w*)$/i.test(stripped)) return stripped;
  if (/^(prime\d+v\d|secp\d+[rk]\d|sect\d+[rk]\d|P\d{3}|brainpoolP\d+[rt]1)$/i.test(stripped)) return stripped;
  if (/^(TLS1_VERSION|TLS1_1_VERSION|TLS1_2_VERSION|TLS1_3_VERSION|SSL3_VERSION|TLSv1_0|TLSv1_1|TLSv1_2|TLSv1_3|SSLv3|SSLv2|TLSv1)$/.test(stripped)) return stripped;
  if (/^(PROTOCOL_\w+|TLSv1\w*|SSLv\d\w*|Version(TLS1\d|SSL30)|Tls\d*|Ssl\d|Tlsv1\d|Sslv3|TLS_1_\d|SSL_3_0|TLS1(_\d)?|SSL3|\w+_METHOD)$/.test(last)) return last;
  if (/^(MinCost)$/.test(last)) return 4;
  if (/^(DefaultCost)$/.test(last)) return 10;
  return undefined;
}

// ---- risks --------------------------------------------------------------------------------------

/**
 * Security risks per file: a risk is a security risk when it has a `threat:` or one of its controls is
 * linked to a requirement of kind `security`. A unit carries the security risks whose controls (or
 * their requirements) its files @mitigates / @implements. A file gets the risks of every unit it is in
 * (by the unit's `paths:` globs or a `@unit` tag) and of its own annotations.
 */
export function securityRisksByFile(manifest: Manifest | undefined, files: readonly FileFacts[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!manifest || !manifest.risks.length) return out;
  const reqKind = new Map(manifest.requirements.map((r) => [r.id, r.kind]));
  const controls = new Map(manifest.riskControls.map((c) => [c.id, c]));
  const controlRisks = new Map<string, Set<string>>();
  const reqRisks = new Map<string, Set<string>>();
  for (const r of manifest.risks) {
    const isSecurity = !!r.threat || r.controls.some((c) => controls.get(c.id)?.requirements.some((q) => reqKind.get(q.id) === 'security'));
    if (!isSecurity) continue;
    for (const c of r.controls) {
      add(controlRisks, c.id, r.id);
      for (const q of controls.get(c.id)?.requirements ?? []) add(reqRisks, q.id, r.id);
    }
  }
  if (!controlRisks.size) return out;
  const fileRisks = new Map<string, Set<string>>();
  const fileUnits = new Map<string, Set<string>>();
  const matchers = manifest.units.map((u) => ({ id: u.id, match: globMatcher(u.paths) }));
  for (const f of files) {
    const own = new Set<string>();
    for (const a of f.annotations) {
      for (const id of a.ids) {
        if (a.tag === 'mitigates') controlRisks.get(id.id)?.forEach((r) => own.add(r));
        if (a.tag === 'implements') reqRisks.get(id.id)?.forEach((r) => own.add(r));
        if (a.tag === 'unit') add(fileUnits, f.path, id.id);
      }
    }
    for (const m of matchers) if (m.match(f.path)) add(fileUnits, f.path, m.id);
    fileRisks.set(f.path, own);
  }
  const unitRisks = new Map<string, Set<string>>();
  for (const [path, units] of fileUnits) for (const u of units) for (const r of fileRisks.get(path) ?? []) add(unitRisks, u, r);
  for (const f of files) {
    const rs = new Set(fileRisks.get(f.path) ?? []);
    for (const u of fileUnits.get(f.path) ?? []) unitRisks.get(u)?.forEach((r) => rs.add(r));
    if (rs.size) out.set(f.path, [...rs].sort());
  }
  return out;
}

function add(m: Map<string, Set<string>>, k: string, v: string): void {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(v);
}

// ---- judging ------------------------------------------------------------------------------------

interface Judged {
  rule: string;
  message: string;
  range: Range;
  cwe: string;
  fixes?: Fix[];
  data?: Record<string, unknown>;
  severity?: 'hint';
}

function describeOrigin(c: Concrete): string {
  return c.origin ? ` (value from ${c.origin})` : '';
}

function apiLabel(site: Site): string {
  return site.api.replace(/^\?\./, '');
}

export class Judge {
  constructor(
    readonly policy: CryptoPolicy,
    readonly resolver: Resolver,
  ) {}

  judge(site: Site, file: { path: string; scope: string; isTest: boolean }): Judged[] {
    const vals = this.resolver.resolve(site.val, file);
    const out: Judged[] = [];
    const P = this.policy;
    const api = apiLabel(site);
    const ctx = site.ctx;
    switch (site.kind) {
      case 'hash': {
        if (!vals.length) {
          if (P.reportUnresolved) out.push({ rule: 'crypto/weak-hash', cwe: 'CWE-328', range: site.range, severity: 'hint', message: `${api}: the hash algorithm could not be resolved statically; make sure it is SHA-256 or stronger (${SOURCES.hash}).` });
          break;
        }
        // A broken hash over a password is reported once, as weak-hash (the algorithm is the defect);
        // weak-password-hash is for strong-but-fast hashes and weak KDF parameters.
        const password = isPasswordInput(ctx.inputs) && site.family !== 'hmac' && site.family !== 'signature';
        let reported = false;
        for (const c of vals) {
          if (c.s === undefined) continue;
          const h = classifyHash(c.s, P);
          if (!h) continue;
          if (site.family === 'hmac' && !/^MD[245]$/.test(h.name)) continue; // HMAC-SHA1 is still acceptable (SP 800-131A)
          if (h.name === 'SHA-1' && !ctx.notSecurity && !password && site.family !== 'hmac' && (isSecretOnlyInput(hashedInputs(ctx.inputs, ctx.ownInputs)) || encodesSecret(ctx.fn, ctx.inputs)) && !becomesKey(ctx.names, ctx.fn) && !signsOrChecks(ctx.names, ctx.fn)) {
            out.push({
              rule: 'crypto/weak-hash',
              cwe: 'CWE-328',
              range: site.range,
              severity: 'hint',
              message: `${h.name} (${api})${describeOrigin(c)} digests a secret alone (${(ctx.inputs ?? []).filter((n) => !isDigestPlumbing(n)).slice(0, 2).join(', ')}): the digest is a derived token, which collisions do not threaten; SHA-1 stays acceptable outside digital signatures. Whoever learns the digest holds the credential: send it only over TLS, and prefer SHA-256 where the protocol lets you choose. Policy: ${SOURCES.hash}.`,
              data: { algorithm: h.name },
            });
            break;
          }
          if (h.weak && !ctx.notSecurity && ctx.helperCalls === 0) {
            out.push({
              rule: 'crypto/weak-hash',
              cwe: 'CWE-328',
              range: site.range,
              severity: 'hint',
              message: `${h.name} (${api})${describeOrigin(c)} inside ${ctx.fn}(), a helper for the algorithm (named after it, or a method of a wrapper named after it) that nothing in this file calls: what it guards depends on its callers. If any caller hashes a secret or password, or checks integrity or authenticity with it, move that caller to SHA-256 or stronger (SHA-2, SHA-3). Policy: ${SOURCES.hash}.`,
              data: { algorithm: h.name },
            });
            break;
          }
          if (h.weak && !ctx.notSecurity && (password || !hashIsBenign([...ctx.names, ...(ctx.inputs ?? [])], ctx.fn, ctx.truncated))) {
            const fixes = site.fixes?.filter((f) => !ctx.persisted && (!f.when || f.when.includes(c.s!.toLowerCase())));
            out.push({
              rule: 'crypto/weak-hash',
              cwe: 'CWE-328',
              range: site.range,
              message: `${h.name} (${api})${describeOrigin(c)} is a weak hash: ${h.why}, so it cannot protect integrity or authenticity. Use SHA-256 or stronger (SHA-2, SHA-3)${site.family === 'hmac' ? ' for HMAC' : site.family === 'signature' ? ' in the signature algorithm (e.g. SHA256withRSA / SHA256withECDSA)' : ''}. Policy: ${SOURCES.hash}.`,
              fixes: fixes?.length ? toFixes(fixes) : undefined,
              data: { algorithm: h.name },
            });
            reported = true;
          }
          if (password && !reported && becomesKey(ctx.names, ctx.fn)) {
            out.push({
              rule: 'crypto/weak-password-hash',
              cwe: 'CWE-916',
              range: site.range,
              message: `A key is derived from a password by one pass of ${h.name} (${api}), without salt or work factor: the key is as guessable as the password, at billions of guesses per second, and equal passwords give equal keys. Derive keys with PBKDF2 (≥ ${P.pbkdf2MinIterations.toLocaleString('en-US')} iterations), scrypt or Argon2id and a random salt stored with the ciphertext. Policy: ${SOURCES.password}.`,
              data: { algorithm: h.name, use: 'key-derivation' },
            });
            break;
          }
          if (password && !reported) {
            out.push({
              rule: 'crypto/weak-password-hash',
              cwe: 'CWE-916',
              range: site.range,
              message: `A password is hashed with ${h.name} (${api}), a fast unsalted hash: stolen hashes can be brute-forced at billions of guesses per second. Use a password hashing function: Argon2id, scrypt, bcrypt (cost ≥ ${P.bcryptMinCost}) or PBKDF2 (≥ ${P.pbkdf2MinIterations.toLocaleString('en-US')} iterations, 600,000 for HMAC-SHA-256 per OWASP) with a random salt. Policy: ${SOURCES.password}.`,
              data: { algorithm: h.name },
            });
            break;
          }
          if (reported) break;
        }
        break;
      }
      case 'cipher': {
        if (!vals.length) {
          if (P.reportUnresolved) out.push({ rule: 'crypto/weak-cipher', cwe: 'CWE-327', range: site.range, severity: 'hint', message: `${api}: the cipher could not be resolved statically; make sure it is AES-GCM or ChaCha20-Poly1305 (${SOURCES.cipher}).` });
          break;
        }
        if (site.family === 'tls-suites') {
          for (const c of vals) {
            const weak = c.s === undefined ? [] : weakSuites(c.s);
            if (!weak.length) continue;
            out.push({
              rule: 'crypto/weak-cipher',
              cwe: 'CWE-327',
              range: site.range,
              message: `The TLS cipher list (${api})${describeOrigin(c)} offers ${weak.slice(0, 3).join(', ')}${weak.length > 3 ? ', …' : ''}: NULL, anonymous, export, RC4, DES/3DES and MD5 suites give no or breakable protection (downgrade, Sweet32, RC4 biases). Offer only AEAD suites (AES-GCM, ChaCha20-Poly1305) with ECDHE, or leave the library's default list. Policy: ${SOURCES.tls}.`,
              data: { suites: weak.slice(0, 10) },
            });
            break;
          }
          break;
        }
        for (const c of vals) {
          if (c.s === undefined) continue;
          const info = classifyCipher(c.s, site.family === 'jca');
          if (!info) continue;
          if (info.weakCipher || !cipherAllowed(info, P)) {
            out.push({
              rule: 'crypto/weak-cipher',
              cwe: 'CWE-327',
              range: site.range,
              message: `${info.cipher}${info.mode ? `/${info.mode}` : ''} ("${c.s}", ${api})${describeOrigin(c)} is a weak cipher: ${info.weakCipher ?? `${info.cipher} is not in policy.crypto.allowedCiphers`}. Use AES-256-GCM or ChaCha20-Poly1305. Policy: ${SOURCES.cipher}.`,
              data: { algorithm: info.cipher },
            });
            break;
          }
          if (site.family === 'keyalg') continue;
          const construction = info.mode === 'ECB' && !info.defaultMode ? blockConstruction(file.path, ctx.fn) : undefined;
          if (construction) {
            out.push(constructionHint(site.range, `ECB mode ("${c.s}", ${api})`, construction, info.cipher));
            break;
          }
          if (info.mode === 'ECB') {
            out.push({
              rule: 'crypto/weak-mode',
              cwe: 'CWE-327',
              range: site.range,
              ...(ctx.oneBlock ? { severity: 'hint' as const } : {}),
              message: info.defaultMode
                ? `"${c.s}" (${api})${describeOrigin(c)} names no mode, and the JCA default is ECB (${info.cipher}/ECB/PKCS5Padding): ECB encrypts equal blocks to equal ciphertext and leaks patterns. Name an authenticated mode: "AES/GCM/NoPadding". Policy: ${SOURCES.mode}.`
                : ctx.oneBlock
                  ? `ECB mode ("${c.s}", ${api})${describeOrigin(c)} is fed a single 16-byte block here (a challenge or key block): with one block ECB leaks nothing, but the cipher must never be given more. Policy: ${SOURCES.mode}.`
                  : `ECB mode ("${c.s}", ${api})${describeOrigin(c)} encrypts equal blocks to equal ciphertext and leaks patterns. Use an authenticated mode: AES-GCM or ChaCha20-Poly1305. Policy: ${SOURCES.mode}.`,
              data: { algorithm: info.cipher, mode: 'ECB' },
            });
            break;
          }
          if (P.requireAead && info.mode && !info.aead && info.cipher !== 'RSA') {
            out.push({
              rule: 'crypto/weak-mode',
              cwe: 'CWE-327',
              range: site.range,
              message: `${info.cipher}/${info.mode} ("${c.s}", ${api}) is not authenticated, and policy.crypto.requireAead asks for AEAD: ciphertext can be modified undetected (padding-oracle attacks on CBC). Use AES-GCM or ChaCha20-Poly1305. Policy: ${SOURCES.mode}.`,
              data: { algorithm: info.cipher, mode: info.mode },
            });
            break;
          }
        }
        break;
      }
      case 'mode': {
        for (const c of vals) {
          const m = c.s ? classifyMode(c.s) : undefined;
          if (!m) continue;
          const construction = m === 'ECB' ? blockConstruction(file.path, ctx.fn) : undefined;
          if (construction) {
            out.push(constructionHint(site.range, `ECB mode (${api})`, construction));
            break;
          }
          if (m === 'ECB' || (P.requireAead && !['GCM', 'CCM', 'OCB', 'SIV', 'EAX', 'GCMSIV', 'POLY1305'].includes(m))) {
            out.push({
              rule: 'crypto/weak-mode',
              cwe: 'CWE-327',
              range: site.range,
              message: m === 'ECB'
                ? `ECB mode (${api}) encrypts equal blocks to equal ciphertext and leaks patterns. Use an authenticated mode: AES-GCM or ChaCha20-Poly1305. Policy: ${SOURCES.mode}.`
                : `${m} mode (${api}) is not authenticated, and policy.crypto.requireAead asks for AEAD. Use AES-GCM or ChaCha20-Poly1305. Policy: ${SOURCES.mode}.`,
              data: { mode: m },
            });
            break;
          }
        }
        break;
      }
      case 'iv': {
        if (vals.some((x) => x.s === '')) break; // an empty IV: the mode takes none (ECB, RC4)
        const c = vals.find((x) => x.bytes !== undefined || (x.s !== undefined && !x.partial));
        if (!c || vals.some((x) => x.s === undefined && x.bytes === undefined)) break;
        if (site.ctx.singleUseKey) {
          out.push({
            rule: 'crypto/static-iv',
            cwe: 'CWE-329',
            range: site.range,
            severity: 'hint',
            message: `The IV / nonce given to ${api} is ${c.bytes ?? 'a constant string'}${describeOrigin(c)}, under \`${site.ctx.singleUseKey}\`, a key made fresh in this function: a fixed nonce under a key used once repeats nothing (ECIES, per-message keys). Keep the key to this one message; if it is ever reused, the fixed nonce breaks confidentiality. Policy: ${SOURCES.iv}.`,
          });
          break;
        }
        out.push({
          rule: 'crypto/static-iv',
          cwe: 'CWE-329',
          range: site.range,
          message: `The IV / nonce given to ${api} is ${c.bytes ?? 'a constant string'}${describeOrigin(c)}: the same IV with the same key makes ciphertexts comparable (CBC) or breaks confidentiality and authenticity outright (CTR, GCM). Generate a fresh random IV per message with a CSPRNG and send it with the ciphertext. Policy: ${SOURCES.iv}.`,
        });
        break;
      }
      case 'keysize': {
        for (const c of vals) {
          if (c.n === undefined) continue;
          const fam = site.family ?? 'rsa';
          const min = fam === 'rsa' ? P.minRsaBits : fam === 'dsa' ? P.minDsaBits : fam === 'dh' ? P.minDhBits : fam === 'ec' ? P.minEcBits : fam === 'aes' ? P.minAesBits : 0;
          if (!min || c.n >= min || c.n <= 0) continue;
          const label = { rsa: 'RSA', dsa: 'DSA', dh: 'Diffie-Hellman', ec: 'EC', aes: 'AES' }[fam] ?? fam.toUpperCase();
          const rec = fam === 'aes' ? 'AES-256 (at least 128 bits)' : fam === 'ec' ? 'a 256-bit curve or larger (P-256, X25519)' : `${label} 3072 bits or more (at least ${min})`;
          out.push({
            rule: 'crypto/small-key',
            cwe: 'CWE-326',
            range: site.range,
            message: `${label} key of ${c.n} bits (${api})${describeOrigin(c)} is below the policy minimum of ${min} bits and can be broken with current means. Use ${rec}. Policy: ${SOURCES.key}${min !== defaultMin(fam) ? ' (policy.crypto)' : ''}.${site.note ? ' ' + site.note : ''}`,
            data: { bits: c.n, family: fam },
          });
          break;
        }
        break;
      }
      case 'curve': {
        for (const c of vals) {
          if (c.s === undefined) continue;
          const bits = curveBits(c.s);
          if (bits === undefined || bits >= P.minEcBits) continue;
          out.push({
            rule: 'crypto/small-key',
            cwe: 'CWE-326',
            range: site.range,
            message: `Elliptic curve ${c.s} (${api}) has ${bits}-bit keys, below the policy minimum of ${P.minEcBits} bits. Use P-256, P-384 or X25519/Ed25519. Policy: ${SOURCES.key}.`,
            data: { bits, curve: c.s },
          });
          break;
        }
        break;
      }
      case 'rand': {
        if (file.isTest) break;
        if (!randomIsSecurity(ctx.names, ctx.fn, !!ctx.returned)) break;
        const what = securityWords(ctx.names, ctx.fn);
        // Only ambiguous words (a `token`, a `key`, `entropy`) name it: shown, not claimed.
        const weak = randomSecurityEvidence(ctx.names, ctx.fn, !!ctx.returned) < 2;
        out.push({
          rule: 'crypto/insecure-random',
          cwe: 'CWE-330',
          range: site.range,
          ...(weak ? { severity: 'hint' as const } : {}),
          message: weak
            ? `${api} is not a cryptographic random number generator, and its value may be ${what}: the names around it are ambiguous (a list token, a lookup key, a serial). If it authenticates, authorises or protects anything, use a CSPRNG: ${csprngFor(file.path)}. Policy: ${SOURCES.random}.`
            : `${api} is not a cryptographic random number generator, but its value is used for ${what}: its output can be predicted from a few observed values. Use a CSPRNG: ${csprngFor(file.path)}. Policy: ${SOURCES.random}.`,
          fixes: site.fixes ? toFixes(site.fixes) : undefined,
        });
        break;
      }
      case 'secret': {
        // Documentation, and code for made-up data: a file named for test, demo or sample accounts
        // (`TestingCredentials.kt`, `DemoUsers.swift`) holds published accounts of a public test server.
        if (file.isTest || /(^|\/)docs?\//i.test(file.path) || isSampleCodePath(file.path)) break;
        const c = vals[0];
        if (!c || c.s === undefined) {
          if (c?.bytes && site.family === 'key-arg') {
            out.push(secretFinding(site, api, c.bytes));
          }
          break;
        }
        let value = c.s;
        if (site.family === 'conn-string') {
          const m = /:\/\/[^/\s:@]+:([^/\s@]+)@/.exec(value) ?? /(?:^|;)\s*(?:password|pwd)\s*=\s*([^;]+)/i.exec(value) ?? /^[\w.-]+:([^@/\s]{3,})@(?:tcp|unix)\(/.exec(value);
          if (!m) break;
          value = m[1];
          if (/^[{$%<*]|^\*+$/.test(value)) break;
          // An example inside prose (a help text: "… e.g. export COUCH_URL='http://admin:123qwe@localhost:5984'")
          // that points at the developer's own machine shows the format, not a deployment's credential.
          if (/\s/.test(c.s.slice(0, m.index)) && /@(localhost|127\.0\.0\.1|\[::1\])[:/]/.test(c.s)) break;
        }
        // A value in a known credential format (wellKnownToken) is one; anything else must look like a secret.
        const knownFormat = site.family === 'token-format' || (site.family === 'public-key' && api === 'Google API key');
        if (knownFormat && /example|sample|dummy|fake|test|xxxx/i.test(value)) break; // AKIAIOSFODNN7EXAMPLE
        if (!knownFormat && !looksLikeSecret(value, ctx.names[0], site.family === 'key-arg')) break;
        if (site.family === 'public-key') {
          out.push({
            ...secretFinding(site, api),
            severity: 'hint',
            message: `${ctx.names[0]} here is ${site.note}: the provider sends such keys to every browser or app install, so they are not secrets. Restrict it in the provider's console (HTTP referrer, app id, API scope, rate limits) and keep server or admin keys out of the source. Policy: ${SOURCES.secret}.`,
          });
          break;
        }
        // A connection string to the developer's own machine (`postgres:admin@localhost:5438` in a demo block)
        // says in its host that it is a local default: shown, not claimed.
        if (site.family === 'conn-string' && /@(localhost|127\.0\.0\.1|\[::1\])([:/]|$)/.test(c.s)) {
          out.push({
            ...secretFinding(site, api),
            severity: 'hint',
            message: `A password in a connection string to localhost is in the source: a local development default, so this is a hint. If the same string reaches a deployment (a default that is never overridden), load it from the environment or a secret store. Policy: ${SOURCES.secret}.`,
          });
          break;
        }
        if (site.family === 'client-sdk') {
          out.push({
            ...secretFinding(site, api),
            severity: 'hint',
            message: `A token (${ctx.names[0]}) is given to ${site.note}, a client-side SDK whose client tokens are public by design (they can only submit data). Make sure it is the client token, not a server or admin one, and that what the SDK sends is in your records of processing (GDPR Art. 30). Policy: ${SOURCES.secret}.`,
          });
          break;
        }
        out.push(secretFinding(site, api));
        break;
      }
      case 'pwhash': {
        for (const c of vals) {
          if (c.n === undefined) continue;
          if (site.family === 'bcrypt' && c.n < P.bcryptMinCost) {
            out.push({
              rule: 'crypto/weak-password-hash',
              cwe: 'CWE-916',
              range: site.range,
              message: `bcrypt cost ${c.n} (${api})${describeOrigin(c)} is below the policy minimum of ${P.bcryptMinCost}: each step halves the attacker's work. Use cost ${P.bcryptMinCost} or more (or Argon2id). Policy: ${SOURCES.password}.`,
              data: { cost: c.n },
            });
          } else if (site.family === 'pbkdf2' && c.n < P.pbkdf2MinIterations) {
            out.push({
              rule: 'crypto/weak-password-hash',
              cwe: 'CWE-916',
              range: site.range,
              message: `PBKDF2 with ${c.n.toLocaleString('en-US')} iterations (${api})${describeOrigin(c)} is below the policy minimum of ${P.pbkdf2MinIterations.toLocaleString('en-US')}: passwords can be guessed quickly from a stolen hash. Use at least ${P.pbkdf2MinIterations.toLocaleString('en-US')} (OWASP recommends 600,000 for PBKDF2-HMAC-SHA-256), or Argon2id / scrypt.${site.note ? ' ' + site.note + '.' : ''} Policy: ${SOURCES.password}.`,
              data: { iterations: c.n },
            });
          }
          break;
        }
        break;
      }
      case 'tls-off': {
        if (file.isTest) break;
        out.push({
          rule: 'crypto/tls-verification-disabled',
          cwe: 'CWE-295',
          range: site.range,
          message: `TLS certificate verification is disabled (${api}): anyone on the network path can impersonate the server and read or change the traffic (man-in-the-middle).${site.note ? ' ' + site.note : ''} Keep verification on; for private CAs, add the CA certificate to the trust store instead. Policy: ${SOURCES.tls}.`,
          fixes: site.fixes ? toFixes(site.fixes) : undefined,
        });
        break;
      }
      case 'tls-proto': {
        if (site.family === 'generic-ssl') {
          out.push({
            rule: 'crypto/legacy-tls',
            cwe: 'CWE-327',
            range: site.range,
            severity: 'hint',
            message: `"SSL" (${api}) names the SSL protocol family: current Java and Android runtimes negotiate TLS 1.2 or later with it (SSLv3 is disabled), outdated ones may still offer SSLv3. Name "TLSv1.3" or "TLS" to say what is meant. Policy: ${SOURCES.tls}.`,
          });
          break;
        }
        const min = Number(P.minTlsVersion);
        const bad: string[] = [];
        for (const c of vals) {
          const v = c.s !== undefined ? tlsVersion(c.s) : c.n !== undefined ? tlsNumber(c.n) : undefined;
          if (v !== undefined && (v < min || v === 2 || v === 3)) bad.push(c.s ?? `0x${c.n!.toString(16)}`);
        }
        if (!bad.length) break;
        out.push({
          rule: 'crypto/legacy-tls',
          cwe: 'CWE-327',
          range: site.range,
          message: `${[...new Set(bad)].join(', ')} (${api}) enables a protocol version below TLS ${P.minTlsVersion}: SSL 3.0, TLS 1.0 and 1.1 are deprecated (RFC 8996) and open to downgrade and padding attacks (POODLE, BEAST).${site.note ? ' ' + site.note : ''} Require TLS 1.2 or 1.3. Policy: ${SOURCES.tls}.`,
        });
        break;
      }
      case 'url': {
        if (file.isTest) break;
        for (const c of vals) {
          if (c.s === undefined) continue;
          const u = urlHost(c.s);
          if (!u || !/^(http|ws|ftp|telnet|grpc)$/.test(u.scheme)) continue;
          if (u.host && (LOCAL_HOST.test(u.host) || NON_CONNECTION_HOST.test(u.host))) continue;
          const placeholderHost = /[%{}$<>]/.test(u.host) || !u.host;
          if (placeholderHost && site.family === 'literal') continue;
          if (site.family === 'literal') {
            if (!u.host || (c.partial && !u.host)) continue;
            // A host name of one label (`http://gateway-proxy`, `http://db:5432`) resolves only inside a
            // private network: a container or cluster service name in a development table, like localhost.
            if (SINGLE_LABEL_HOST.test(u.host) || STORE_PAGE_HOST.test(u.host)) continue;
            const names = ctx.names.filter((n) => !/^(URL|URI|Uri|NSURL|url|uri|parse|urlparse)$/.test(n) || ctx.names.length === 1);
            if (!names.some((n) => URL_NAME.test(n)) || names.some((n) => DOC_NAME.test(n))) continue;
            if (HEALTH_IDENTIFIER_HOST.test(u.host) || IDENTIFIER_PATH.test(c.s) || ctx.names.some((n) => isIdentifierName(n.replace(/^.*\./, '')))) continue;
          } else if (site.family !== 'protocol' && !u.host && c.partial) {
            // scheme known, host computed at run time: still cleartext
          }
          const secure = { http: 'https://', ws: 'wss://', ftp: 'SFTP or FTPS', telnet: 'SSH', grpc: 'TLS credentials' }[u.scheme];
          out.push({
            rule: 'crypto/cleartext-transport',
            cwe: 'CWE-319',
            range: site.range,
            message: site.note
              ? `${api}: ${site.note} Policy: ${SOURCES.transport}.`
              : `${u.scheme}://${u.host || '…'} (${api})${describeOrigin(c)} is a cleartext connection: data and credentials can be read and changed on the network. Use ${secure}. Policy: ${SOURCES.transport}.`,
            data: { url: c.s.slice(0, 200) },
          });
          break;
        }
        break;
      }
    }
    return out;
  }
}

/**
 * Standard constructions that call a block cipher one block at a time (3GPP Milenage, CMAC/OMAC, AES key
 * wrap, a counter mode or GCM written by hand, CTR_DRBG, format-preserving FF1/FF3): ECB there is the raw
 * block primitive, not a mode data is encrypted in. Named by the enclosing function or the file.
 */
const BLOCK_CONSTRUCTION = /(milenage|cmac|omac|key_?wrap|aes_?kw|rfc_?3394|rfc_?5649|ctr_?drbg|aes_?ctr|ctr_?mode|aes_?gcm|gcm_?mode|aes_?ccm|ccm_?mode|aes_?siv|eax_?mode|ff1|ff3)/i;

function blockConstruction(path: string, fn: string | undefined): string | undefined {
  const named = BLOCK_CONSTRUCTION.exec(fn ?? '')?.[1];
  if (named) return named;
  // The file names it (a `struct Milenage` in Milenage.swift) where the function says nothing of its own:
  // an initializer or top-level code.
  const base = fileStem(path);
  return !fn || /^(init|constructor|__init__|new|ctor|<init>)$/.test(fn) || fn === base ? BLOCK_CONSTRUCTION.exec(base)?.[1] : undefined;
}

function constructionHint(range: Judged['range'], what: string, construction: string, cipher?: string): Judged {
  return {
    rule: 'crypto/weak-mode',
    cwe: 'CWE-327',
    range,
    severity: 'hint',
    message: `${what} is the raw ${cipher ?? 'block'} cipher inside ${construction}, a standard construction that calls it one block at a time: no data is encrypted in ECB here. Keep the cipher object private to the construction. Policy: ${SOURCES.mode}.`,
    data: { ...(cipher ? { algorithm: cipher } : {}), mode: 'ECB', construction },
  };
}

function defaultMin(fam: string): number {
  return ({ rsa: 2048, dsa: 2048, dh: 2048, ec: 224, aes: 128 } as Record<string, number>)[fam] ?? 0;
}

function tlsNumber(n: number): number | undefined {
  return ({ 0x0300: 3, 0x0301: 1.0, 0x0302: 1.1, 0x0303: 1.2, 0x0304: 1.3 } as Record<number, number>)[n];
}

function secretFinding(site: Site, api: string, bytesWhy?: string): Judged {
  const cwe = site.cwe ?? 'CWE-798';
  const what = site.family === 'token-format' ? `A ${api}` : site.family === 'key-arg' ? `A hard-coded cryptographic key${bytesWhy ? ` (${bytesWhy})` : ''} is passed to ${api}` : site.family === 'conn-string' ? 'A password in a connection string' : `A hard-coded ${cwe === 'CWE-321' ? 'cryptographic key' : 'credential'} (${site.ctx.names[0] ?? api})`;
  return {
    rule: 'crypto/hardcoded-secret',
    cwe,
    range: site.range,
    message: `${what} is in the source: everyone with the code (or the binary) has it, and it cannot be rotated without a release. Load it at run time from a secret store, the OS key store or the environment. Policy: ${SOURCES.secret}.`,
  };
}

/** Is the digest a signature, MAC or integrity value (where SHA-1's collisions matter)? */
function signsOrChecks(names: readonly string[], fn: string | undefined): boolean {
  return [...names, fn ?? ''].some((n) => words(n).some((w) => /^(sign|signs|signed|signature|sig|mac|integrity|verify|verifies|checksum|certificate|cert)$/.test(w)));
}

/** Does a digest become a cipher key (`key = sha256(pw)`, `new SecretKeySpec(sha256(pw), …)`, `getKeyBytes()`)? */
function becomesKey(names: readonly string[], fn: string | undefined): boolean {
  return [...names, fn ?? ''].some((n) => /^(SecretKeySpec|createCipheriv|createDecipheriv)$/.test(n) || words(n).some((w) => w === 'key' || w === 'keys' || (w.length > 4 && w.endsWith('key') && w !== 'hashkey')));
}

function securityWords(names: string[], fn?: string): string {
  const all = [...names, ...(fn ? [fn] : [])].filter((n) => /token|session|secret|salt|nonce|password|passwd|pwd|otp|pin|cookie|csrf|key|auth|iv|code|signature|seed|captcha|challenge|reset|invite|credential/i.test(n));
  return all.length ? `a security value (${[...new Set(all)].slice(0, 2).join(', ')})` : 'a security value';
}

function csprngFor(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return (
    ({
      js: 'crypto.randomInt / crypto.randomBytes / crypto.getRandomValues',
      mjs: 'crypto.randomInt / crypto.randomBytes / crypto.getRandomValues',
      cjs: 'crypto.randomInt / crypto.randomBytes / crypto.getRandomValues',
      jsx: 'crypto.getRandomValues',
      ts: 'crypto.randomInt / crypto.randomBytes / crypto.getRandomValues',
      tsx: 'crypto.getRandomValues',
      py: 'the secrets module (secrets.token_hex, secrets.choice, secrets.randbelow)',
      java: 'java.security.SecureRandom',
      kt: 'java.security.SecureRandom',
      cs: 'System.Security.Cryptography.RandomNumberGenerator',
      go: 'crypto/rand',
      rs: 'rand::rngs::OsRng or rand::thread_rng()',
      c: 'RAND_bytes (OpenSSL), getrandom(2) or /dev/urandom',
      h: 'RAND_bytes (OpenSSL), getrandom(2) or /dev/urandom',
      cpp: 'RAND_bytes (OpenSSL), getrandom(2) or std::random_device-seeded CSPRNG from a crypto library',
      swift: 'SecRandomCopyBytes or SystemRandomNumberGenerator',
    } as Record<string, string>)[ext] ?? 'the platform CSPRNG'
  );
}

/**
 * The weak suites a cipher list offers: an OpenSSL string (`HIGH:!aNULL:RC4-SHA`, entries after `!` or `-`
 * are removals) or IANA / Go / .NET suite names joined with `:`.
 */
export function weakSuites(list: string): string[] {
  const out: string[] = [];
  for (const raw of list.split(/[:,\s]+/)) {
    const t = raw.trim();
    if (!t || t.startsWith('!') || t.startsWith('-')) continue;
    const name = t.replace(/^\+/, '');
    if (/(^|[-_+])(e?NULL|aNULL|EXP|EXPORT\d*|RC4|RC2|DES|3DES|DES-CBC3|IDEA|MD5|anon|ADH|AECDH|aDH|aECDH)([-_+]|\d|$)/i.test(name) && !/^(TLS_)?(AES|CHACHA)/i.test(name)) out.push(name);
  }
  return [...new Set(out)];
}

function toFixes(fs: NonNullable<Site['fixes']>): Fix[] {
  return fs.map((f) => ({ title: f.title, edits: { __path__: f.edits } }));
}

/** check(): all files' sites → findings. */
export function checkCrypto(ctx: CheckContext<CryptoFacts>): Finding[] {
  const policy = resolvePolicy(ctx.manifest?.policy.crypto);
  // The manifest and its includes are MedTrace's own files, not configuration the code reads.
  const manifestFiles = new Set(ctx.manifest?.files ?? []);
  const config = new ConfigIndex(ctx.configFiles.filter((f) => !manifestFiles.has(f.path)));
  const resolver = new Resolver(ctx.facts, config);
  const judge = new Judge(policy, resolver);
  const risks = securityRisksByFile(ctx.manifest, ctx.files);
  const byPath = new Map(ctx.files.map((f) => [f.path, f]));
  const out: Finding[] = [];
  for (const [path, facts] of ctx.facts) {
    const ff = byPath.get(path);
    // Test code is not shipped: weak crypto in tests and fixtures is not reported (policy.tests globs decide).
    if (ff?.isTest) continue;
    const file = { path, scope: facts.scope, isTest: false };
    const fileFindings: (Judged & { site: Site })[] = [];
    for (const site of facts.sites) for (const j of judge.judge(site, file)) fileFindings.push({ ...j, site });
    // A URL literal reported through the call that uses it is not reported again where it is written.
    const hostOf = (u: unknown) => (typeof u === 'string' ? `${urlHost(u)?.scheme}://${urlHost(u)?.host}` : '');
    const callUrls = new Set(fileFindings.filter((f) => f.rule === 'crypto/cleartext-transport' && f.site.family !== 'literal').map((f) => hostOf(f.data?.url)));
    const riskIds = risks.get(path);
    const seen = new Set<string>();
    for (const j of fileFindings) {
      // One finding per rule and line (`Tls | Tls11`, an option and its value on one line).
      const key = `${j.rule}:${j.range.start.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (j.rule === 'crypto/cleartext-transport' && j.site.family === 'literal' && callUrls.has(hostOf(j.data?.url))) continue;
      const rule = requireRule(j.rule);
      let message = j.message;
      // Another analyser's suppression on the line: the team has judged it; say so, at hint level.
      const other = j.site.ctx.otherTool;
      if (other) message += ` Suppressed for another analyser on this line (${other}): shown as a hint; record the decision with a medtrace-ignore and its justification.`;
      if (riskIds?.length) message += ` This file belongs to a unit that carries security risk${riskIds.length > 1 ? 's' : ''} ${riskIds.join(', ')}.`;
      const f: Finding = {
        ruleId: j.rule,
        severity: other ? 'hint' : j.severity ?? rule.defaultSeverity,
        message,
        path,
        range: j.range,
        data: { cwe: j.cwe, ...(j.data ?? {}), ...(riskIds?.length ? { risks: riskIds } : {}) },
      };
      if (j.fixes?.length) f.fixes = j.fixes.map((x) => ({ ...x, edits: { [path]: x.edits.__path__ } }));
      out.push(f);
    }
  }
  // (The test-glob matcher is compiled only when there is platform configuration to judge: this runs after
  // every edit in the editor.)
  let isTest: ((p: string) => boolean) | undefined;
  out.push(...platformTransportFindings(ctx.configFiles, (p) => (isTest ??= globMatcher(ctx.manifest?.policy.tests ?? DEFAULT_POLICY.tests))(p)));
  return out;
}
