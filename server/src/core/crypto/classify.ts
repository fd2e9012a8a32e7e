/** Algorithm names → what they are. Pure string work over resolved values (never over source text). */
import { normalizeAlgName, type CryptoPolicy } from './policy';

export interface HashInfo {
  /** Display name: MD5, SHA-1… */
  name: string;
  weak: boolean;
  why?: string;
}

const WEAK_HASHES: [RegExp, string, string][] = [
  [/^(hmac)?md2/, 'MD2', 'MD2 is broken (preimage and collision attacks)'],
  [/^(hmac)?md4/, 'MD4', 'MD4 is broken (collisions are trivial)'],
  [/^(hmac)?md5/, 'MD5', 'MD5 is broken: collisions can be computed in seconds'],
  [/^(hmac)?(sha1|sha|sha0)($|with|rsa|dsa|ecdsa|digest|hex)/, 'SHA-1', 'SHA-1 is broken: practical collisions exist (SHAttered, 2017; chosen-prefix, 2020)'],
  [/^(hmac)?(ripemd|rmd)(128|160)?/, 'RIPEMD', 'RIPEMD hashes are legacy with reduced security margins and no longer recommended'],
];

const STRONG_HASH = /^(hmac)?(sha(224|256|384|512|512224|512256|2224|2256|2384|2512)|sha3\d*|blake2\w*|blake3|shake\d+|sm3|keccak\d*)/;

/** Classifies a hash algorithm name; undefined when it is no hash name we know. */
export function classifyHash(raw: string, policy: CryptoPolicy): HashInfo | undefined {
  const n = normalizeAlgName(raw);
  // "MD5withRSA", "SHA1withRSA": the hash is what counts here.
  for (const [re, name, why] of WEAK_HASHES) if (re.test(n)) return { name, weak: true, why };
  if (STRONG_HASH.test(n)) {
    const name = raw.toUpperCase();
    if (policy.allowedHashes && !policy.allowedHashes.some((a) => n.replace(/^hmac/, '').startsWith(a))) {
      return { name, weak: true, why: `${name} is not in policy.crypto.allowedHashes` };
    }
    return { name, weak: false };
  }
  return undefined;
}

export interface CipherInfo {
  /** Display name of the cipher: DES, 3DES, RC4, AES… */
  cipher?: string;
  weakCipher?: string; // why
  mode?: string;
  /** The mode was not written and the API's default is ECB (JCA "AES"). */
  defaultMode?: boolean;
  aead?: boolean;
  keyBits?: number;
}

const WEAK_CIPHERS: [RegExp, string, string][] = [
  [/^(3des|des3|desede|tripledes|desede3|des-?ede3?|tdes|tdea|des_ede3?)/, '3DES', '3DES (Triple DES) has a 64-bit block (Sweet32 attacks) and NIST disallowed it for encryption after 2023'],
  [/^(des|desx)(?![a-z])/, 'DES', 'DES has a 56-bit key that can be brute-forced in hours'],
  [/^(rc4|arc4|arcfour)/, 'RC4', 'RC4 has exploitable keystream biases (RFC 7465 prohibits it)'],
  [/^(rc2|arc2)/, 'RC2', 'RC2 is a legacy cipher with a 64-bit block and related-key weaknesses'],
  [/^(bf|blowfish)(?![a-z0-9])|^blowfish/, 'Blowfish', 'Blowfish has a 64-bit block (Sweet32 attacks)'],
  [/^idea(?![a-z])/, 'IDEA', 'IDEA has a 64-bit block and weak-key classes'],
  [/^(cast5|cast128|cast)(?![a-z0-9])|^cast5/, 'CAST5', 'CAST5 has a 64-bit block (Sweet32 attacks)'],
  [/^(skipjack|tea|xtea|rc5|seal)(?![a-z0-9])/, 'legacy cipher', 'this is a legacy cipher not approved by NIST or BSI'],
];

const MODES = ['ecb', 'cbc', 'ctr', 'cfb', 'cfb8', 'cfb1', 'ofb', 'gcm', 'ccm', 'ocb', 'siv', 'xts', 'pcbc', 'cts', 'kw', 'kwp', 'eax', 'gcmsiv', 'poly1305'];
const AEAD = new Set(['gcm', 'ccm', 'ocb', 'siv', 'eax', 'gcmsiv', 'poly1305']);

/**
 * Parses a cipher spec: JCA transformations ("DES/ECB/PKCS5Padding", "AES"), OpenSSL names ("des-ede3-cbc",
 * "aes-128-ecb", "bf-cbc"), WebCrypto names ("AES-CBC"), plain names ("RC4", "TripleDES").
 * `jca` means a bare "AES"/"DES" defaults to ECB (Cipher.getInstance).
 */
export function classifyCipher(raw: string, jca = false): CipherInfo | undefined {
  const s = raw.trim();
  if (!s) return undefined;
  const lower = s.toLowerCase();
  if (/^pbewith/.test(lower)) {
    // PBEWithMD5AndDES, PBEWithSHA1AndDESede, PBEWithHmacSHA256AndAES_256
    const m = /and(.+)$/.exec(lower);
    const inner = m ? classifyCipher(m[1]) : undefined;
    return inner ?? undefined;
  }
  const parts = lower.split('/');
  let alg = parts[0];
  let mode = parts[1];
  if (parts.length === 1) {
    // OpenSSL / WebCrypto style: aes-128-ecb, des-ede3-cbc, AES-GCM, chacha20-poly1305
    const segs = alg.split(/[-_]/);
    const last = segs[segs.length - 1];
    if (segs.length > 1 && MODES.includes(last)) {
      mode = last;
      alg = segs.slice(0, -1).join('-');
    }
  }
  const n = alg.replace(/[^a-z0-9-]/g, '');
  const flat = n.replace(/-/g, '');
  const out: CipherInfo = {};
  for (const [re, name, why] of WEAK_CIPHERS) {
    if (re.test(n) || re.test(flat)) {
      out.cipher = name;
      out.weakCipher = why;
      break;
    }
  }
  if (!out.cipher) {
    if (/^(aes|rijndael)/.test(flat)) {
      out.cipher = 'AES';
      const bits = /(128|192|256)/.exec(flat);
      if (bits) out.keyBits = Number(bits[1]);
    } else if (/^(chacha20|xchacha20)/.test(flat)) out.cipher = 'ChaCha20';
    else if (/^(camellia|aria|sm4|seed|twofish|serpent)/.test(flat)) out.cipher = flat.replace(/\d+$/, '').toUpperCase();
    else if (/^rsa/.test(flat)) return { cipher: 'RSA' };
    else return undefined;
  }
  if (mode) {
    const m = mode.replace(/[^a-z0-9]/g, '');
    out.mode = m.toUpperCase();
    out.aead = AEAD.has(m) || /poly1305/.test(lower);
  } else if (/poly1305/.test(lower)) {
    out.aead = true;
  } else if (jca && out.cipher !== 'RC4' && out.cipher !== 'ChaCha20') {
    out.mode = 'ECB';
    out.defaultMode = true;
  }
  return out;
}

/** Extra policy check for a cipher that is not weak by the deny-list. */
export function cipherAllowed(info: CipherInfo, policy: CryptoPolicy): boolean {
  if (!policy.allowedCiphers || !info.cipher) return true;
  const n = normalizeAlgName(info.cipher);
  return policy.allowedCiphers.some((a) => n.startsWith(a) || a.startsWith(n));
}

/** A mode name (from a mode constant or argument) → ECB/CBC… or undefined. */
export function classifyMode(raw: string): string | undefined {
  const n = raw.toLowerCase().replace(/^mode_/, '').replace(/[^a-z0-9]/g, '');
  return MODES.includes(n) ? n.toUpperCase() : undefined;
}

export function isAeadMode(mode: string): boolean {
  return AEAD.has(mode.toLowerCase());
}

/**
 * TLS / SSL protocol names and constants → version number (2 = SSLv2, 3 = SSLv3, 1.0, 1.1, 1.2, 1.3), or
 * undefined when it is no specific version ("TLS", "SSLv23" negotiate the best version).
 */
export function tlsVersion(raw: string): number | undefined {
  const r = raw.replace(/::/g, '.');
  const s = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$/.test(r) ? r.slice(r.lastIndexOf('.') + 1) : r;
  const n = s.toLowerCase().replace(/_?(client|server)?_?method$/, '').replace(/^(curl_sslversion_|mbedtls_ssl_version_)/, '').replace(/[^a-z0-9]/g, '');
  const table: Record<string, number> = {
    sslv2: 2, ssl2: 2, protocolsslv2: 2, ssl20: 2, sslv20: 2,
    sslv3: 3, ssl3: 3, protocolsslv3: 3, ssl30: 3, versionssl30: 3, ssl3version: 3, sslv30: 3,
    tlsv1: 1.0, tls1: 1.0, tls10: 1.0, tlsv10: 1.0, protocoltlsv1: 1.0, versiontls10: 1.0, tls1version: 1.0,
    tlsv11: 1.1, tls11: 1.1, protocoltlsv11: 1.1, versiontls11: 1.1, tls11version: 1.1, tlsv1dot1: 1.1,
    tlsv12: 1.2, tls12: 1.2, protocoltlsv12: 1.2, versiontls12: 1.2, tls12version: 1.2,
    tlsv13: 1.3, tls13: 1.3, versiontls13: 1.3, tls13version: 1.3,
  };
  return table[n];
}

/** Bits of a named elliptic curve, or undefined when unknown. */
export function curveBits(raw: string): number | undefined {
  const n = raw.toLowerCase().replace(/[^a-z0-9]/g, '');
  const m = /^(secp|sect|prime|p|brainpoolp|nistp|c2pnb|c2tnb|wap)(\d{3})/.exec(n) ?? /^(prime)(\d{3})v\d$/.exec(n);
  if (m) return Number(m[2]);
  if (/25519|ed25519|x25519/.test(n)) return 255;
  if (/448/.test(n)) return 448;
  return undefined;
}
