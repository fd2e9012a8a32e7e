/**
 * The crypto policy (manifest `policy.crypto`), with defaults from current guidance:
 *  - NIST SP 800-131A Rev. 2 (transitions: what is disallowed now),
 *  - NIST SP 800-57 Part 1 Rev. 5 (key sizes per security strength, use beyond 2030),
 *  - BSI TR-02102-1 (2024) (recommended algorithms and key lengths), TR-02102-2 (TLS),
 *  - NIST SP 800-63B §5.1.1.2 and OWASP Password Storage Cheat Sheet (password hashing work factors).
 * Defaults flag what those documents disallow today; messages recommend what they recommend.
 */
export interface CryptoPolicy {
  minRsaBits: number;
  minEcBits: number;
  minDhBits: number;
  minDsaBits: number;
  minAesBits: number;
  pbkdf2MinIterations: number;
  bcryptMinCost: number;
  /** When set, only these hash names pass (lower case, normalised: sha256, sha3-256…). */
  allowedHashes?: string[];
  /** When set, only these ciphers pass (aes, chacha20…). */
  allowedCiphers?: string[];
  /** Report unauthenticated modes (CBC, CTR, CFB, OFB) as crypto/weak-mode. */
  requireAead: boolean;
  /** Lowest acceptable TLS version, '1.2' or '1.3'. */
  minTlsVersion: string;
  /** Report algorithm arguments that cannot be resolved, at hint severity. */
  reportUnresolved: boolean;
}

export const DEFAULT_CRYPTO_POLICY: CryptoPolicy = {
  minRsaBits: 2048,
  minEcBits: 224,
  minDhBits: 2048,
  minDsaBits: 2048,
  minAesBits: 128,
  pbkdf2MinIterations: 10000,
  bcryptMinCost: 10,
  requireAead: false,
  minTlsVersion: '1.2',
  reportUnresolved: false,
};

/** Where the defaults come from, cited in messages. */
export const SOURCES = {
  hash: 'NIST SP 800-131A Rev. 2 §9, BSI TR-02102-1 §4',
  cipher: 'NIST SP 800-131A Rev. 2 §2, BSI TR-02102-1 §2',
  mode: 'NIST SP 800-38A/38D, BSI TR-02102-1 §2.1',
  iv: 'NIST SP 800-38A Appendix C, SP 800-38D §8',
  key: 'NIST SP 800-131A Rev. 2, NIST SP 800-57 Pt. 1 Rev. 5 Table 2, BSI TR-02102-1 §3',
  random: 'NIST SP 800-90A, BSI TR-02102-1 §9',
  secret: 'OWASP ASVS V2.10 / V6.4, IEC 81001-5-1 5.5',
  password: 'NIST SP 800-63B §5.1.1.2, OWASP Password Storage Cheat Sheet',
  tls: 'BSI TR-02102-2, NIST SP 800-52 Rev. 2',
  transport: 'BSI TR-02102-2, NIST SP 800-52 Rev. 2',
};

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}

function strList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.map((x) => normalizeAlgName(x)) : undefined;
}

/** Lower case without separators: "SHA-256" → "sha256", "AES_GCM" → "aesgcm". */
export function normalizeAlgName(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function resolvePolicy(raw: Record<string, unknown> | undefined): CryptoPolicy {
  const p = { ...DEFAULT_CRYPTO_POLICY };
  if (!raw) return p;
  p.minRsaBits = num(raw.minRsaBits) ?? p.minRsaBits;
  p.minEcBits = num(raw.minEcBits) ?? p.minEcBits;
  p.minDhBits = num(raw.minDhBits) ?? p.minDhBits;
  p.minDsaBits = num(raw.minDsaBits) ?? p.minDsaBits;
  p.minAesBits = num(raw.minAesBits) ?? p.minAesBits;
  p.pbkdf2MinIterations = num(raw.pbkdf2MinIterations) ?? p.pbkdf2MinIterations;
  p.bcryptMinCost = num(raw.bcryptMinCost) ?? p.bcryptMinCost;
  p.allowedHashes = strList(raw.allowedHashes);
  p.allowedCiphers = strList(raw.allowedCiphers);
  if (typeof raw.requireAead === 'boolean') p.requireAead = raw.requireAead;
  if (typeof raw.minTlsVersion === 'string' && /^1\.[0-3]$/.test(raw.minTlsVersion)) p.minTlsVersion = raw.minTlsVersion;
  else if (typeof raw.minTlsVersion === 'number') p.minTlsVersion = raw.minTlsVersion.toFixed(1);
  if (typeof raw.reportUnresolved === 'boolean') p.reportUnresolved = raw.reportUnresolved;
  return p;
}
