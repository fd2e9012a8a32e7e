/**
 * Context heuristics: is a value a security value (token, key, salt, password…) or a harmless one
 * (UI jitter, cache key, ETag, git object id)? Decided on the words of the names the value flows into
 * (variables, properties, object keys, callee names, literal labels) and of the enclosing function.
 * See docs/rules.md, "Context heuristics".
 */
import { memoised } from '../memo';

/**
 * Splits identifiers (camelCase, snake_case, kebab-case, dotted) into lower-case words. Memoised (names
 * recur across sites and files, and every site's context is judged by them); callers must not change the
 * array they get.
 */
export const words: (name: string) => readonly string[] = memoised((name: string): string[] =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean),
);

/** Words that make a value security-relevant. */
const SECURITY = new Set([
  'token', 'tokens', 'session', 'sessionid', 'sid', 'secret', 'secrets', 'salt', 'nonce', 'iv', 'password', 'passwd', 'pwd',
  'passphrase', 'otp', 'totp', 'hotp', 'pin', 'cookie', 'csrf', 'xsrf', 'auth', 'authentication', 'authorization', 'credential',
  'credentials', 'apikey', 'rememberme', 'signature', 'sign', 'signing', 'hmac', 'mac', 'challenge', 'captcha', 'crypt',
  'encrypt', 'encryption', 'cipher', 'private', 'jwt', 'bearer', 'oauth', 'verifier', 'entropy', 'keygen', 'keypair',
  'invite', 'invitation', 'reset', 'activation', 'unlock', 'login', 'refresh', 'passcode', 'seed',
  // (Not `access` alone: a BLE attribute's access callback, random access; `accessToken`, `accessKey`, `accessCode` count by their other word.)
]);

/** `key` is a security word unless a neighbour says it is a lookup key. */
const LOOKUP_KEY_MODIFIERS = new Set([
  'cache', 'resource', 'folder', 'map', 'dict', 'sort', 'react', 'list', 'row', 'item', 'lookup', 'hash', 'primary', 'foreign', 'registry', 'storage',
  'local', 'i18n', 'translation', 'object', 'index', 'idempotency', 'partition', 'shard', 'bucket', 'dedup', 'dedupe',
  'group', 'column', 'field', 'json', 'query', 'route', 'redis', 'memo', 'unique', 'component', 'element', 'child', 'node',
  'render', 'table', 'tab', 'menu', 'widget', 'state', 'store', 'event', 'metric', 'label', 'message', 'setting', 'config',
  'env', 'header', 'param', 'prop', 'attr', 'keyboard', 'hotkey', 'press', 'down', 'up', 'name',
]);

/** Verification codes: `code` counts only with one of these. */
const CODE_MODIFIERS = new Set(['verification', 'verify', 'reset', 'auth', 'confirm', 'confirmation', 'activation', 'otp', 'mfa', '2fa', 'sms', 'login', 'security', 'one', 'access', 'recovery', 'invite', 'pairing', 'unlock']);

/** Words that say a value is not for security (when no security word is present). */
const BENIGN = new Set([
  'jitter', 'backoff', 'retry', 'delay', 'sleep', 'timeout', 'color', 'colour', 'animation', 'animate', 'shuffle', 'sample',
  'sampling', 'ui', 'position', 'offset', 'x', 'y', 'width', 'height', 'opacity', 'particle', 'demo', 'game', 'dice',
  'etag', 'checksum', 'crc', 'cache', 'cachekey', 'gravatar', 'avatar', 'bucket', 'shard', 'partition', 'dedup', 'dedupe',
  'oid', 'git', 'blob', 'uuid', 'guid', 'hashcode', 'fingerprint', 'content', 'digest', 'etags', 'bust', 'buster', 'filename',
  'index', 'placeholder', 'mock', 'fake', 'test', 'tests', 'fixture', 'example', 'debug', 'trace', 'span', 'request', 'correlation',
  'log', 'metric', 'metrics', 'telemetry', 'chart', 'plot', 'noise', 'weight', 'weights', 'loadbalance', 'balancer', 'hue',
]);

/** Words that say a hash is a content address / checksum, not a security use. */
const HASH_BENIGN = new Set([
  'etag', 'checksum', 'crc', 'cache', 'cachekey', 'gravatar', 'avatar', 'bucket', 'shard', 'partition', 'dedup', 'dedupe',
  'oid', 'git', 'blob', 'uuid', 'guid', 'hashcode', 'color', 'colour', 'buster', 'bust', 'ring', 'consistent', 'memo',
  'memoize', 'fixture', 'snapshot', 'lfs', 'sharding', 'bloom', 'shortid', 'cas', 'dedupkey', 'filename', 'nocache',
  'notify', 'notification', 'notifications', 'duplicate', 'title',
  // a digest of a file path or URL names a cache file or an entry (`getHashedImageFilepath`)
  'filepath', 'path', 'url', 'uri',
  // checksum names (md5sum, a Content-MD5 digest) and framing: an unkeyed digest sent with its packet
  // cannot stop anyone who can change the packet, so it only detects corruption
  'md5sum', 'sha1sum', 'md5digest', 'digestmd5', 'contentmd5', 'packet', 'packets', 'frame',
  'fastcgi', 'throttle', 'id', 'identifier', 'thumbprint', 'x5t', 'contentaddress', 'contenthash', 'objectid', 'blobid', 'etags', 'anonymize', 'pseudonym', 'telemetry', 'metric', 'metrics',
]);

/** Words that mean a hash guards security (override the benign words above). */
const HASH_SECURITY = new Set([
  'password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'signature', 'sign', 'signing', 'verify', 'auth', 'hmac',
  'mac', 'credential', 'credentials', 'session', 'key', 'salt', 'nonce', 'certificate', 'cert', 'integrity', 'tamper',
  'otp', 'cookie', 'csrf', 'login', 'apikey', 'private', 'encrypt', 'decrypt', 'cipher', 'license', 'licence',
]);

export const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'pass', 'passcode', 'pw', 'pword']);

function wordsOf(names: readonly string[]): (readonly string[])[] {
  // Each name's words, plus the name run together ("ETag" → e, tag, etag) and each pair of neighbours
  // run together ("computeETag" → …, etag; "getCacheKey" → …, cachekey).
  return names.filter(Boolean).map((n) => {
    const ws = words(n);
    if (ws.length < 2) return ws;
    const out = [...ws];
    const joined = ws.join('');
    if (joined.length <= 16) out.push(joined);
    if (ws.length > 2) for (let i = 0; i + 1 < ws.length; i++) out.push(ws[i] + ws[i + 1]);
    return out;
  });
}

/** Sessions that are not logins: an exercise, sleep or therapy session (Health Connect's `SleepSessionRecord`). */
const ACTIVITY_SESSION = new Set([
  'sleep', 'exercise', 'workout', 'training', 'meditation', 'mindfulness', 'therapy', 'treatment', 'study', 'game', 'recording',
  'listening', 'practice', 'activity', 'swim', 'run', 'walk', 'ride', 'dialysis', 'infusion', 'capture', 'scan', 'measurement',
]);

/** When a session starts or ends, or how long it lasts (`sessionStartTime`, `startOfSession`), is a time. */
const SESSION_TIME = new Set(['start', 'end', 'time', 'duration', 'date', 'begin', 'started', 'ended', 'offset', 'length']);

function hasSecurityWord(ws: readonly string[]): boolean {
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    if ((w === 'session' || w === 'sessions') && ((i > 0 && ACTIVITY_SESSION.has(ws[i - 1])) || ws.some((x) => SESSION_TIME.has(x)))) continue;
    if (SECURITY.has(w)) {
      // "passwordLength", "tokenCount" are still security-adjacent but not values: ignore count-ish suffixes.
      const next = ws[i + 1];
      if (next === 'length' || next === 'len' || next === 'count' || next === 'timeout' || next === 'expiry' || next === 'ttl' || next === 'delay' || next === 'interval') continue;
      return true;
    }
    if (w === 'key' || w === 'keys') {
      const prev = ws[i - 1];
      const next = ws[i + 1];
      if (prev && LOOKUP_KEY_MODIFIERS.has(prev)) continue;
      if (next && (next === 'code' || next === 'press' || next === 'down' || next === 'up' || next === 'name' || next === 'event')) continue;
      return true;
    }
    if (w === 'code' || w === 'codes') {
      const prev = ws[i - 1];
      if (prev && CODE_MODIFIERS.has(prev)) return true;
    }
  }
  return false;
}

/** True when any of the names says the value is a security value. */
export function isSecurityContext(names: readonly string[], fn?: string): boolean {
  for (const ws of wordsOf(fn ? [...names, fn] : names)) if (hasSecurityWord(ws)) return true;
  return false;
}

/**
 * Security words that alone say little on code we did not write: a `token` pushed into a spinner's list, a
 * `key1` pairing two form rows, a key pair's certificate serial, an `entropy()` helper naming a temp folder.
 * With another security word in the same name (`refreshToken`, `resetToken`, `sessionKey`) they are strong.
 */
const WEAK_SECURITY = new Set([
  'token', 'tokens', 'key', 'keys', 'pin', 'challenge', 'entropy', 'seed', 'sign', 'signing', 'signature', 'mac', 'private',
  'refresh', 'reset', 'unlock', 'sid', 'login', 'keygen', 'keypair',
]);

/**
 * How strongly the names say a random value is a security value: 2 when a word says it unambiguously
 * (password, session, cookie, salt, nonce, OTP, an access or invite code, an API key) or two security words
 * meet in one name, 1 when only ambiguous words do (WEAK_SECURITY), 0 when none. The enclosing function
 * counts when the value is what it returns (`generateToken() { return Math.random()… }`): its last word
 * names what it makes.
 */
export function randomSecurityEvidence(names: readonly string[], fn?: string, returned = true): 0 | 1 | 2 {
  let best: 0 | 1 | 2 = 0;
  for (const name of names) {
    const grade = securityGrade(name);
    if (grade === 2) return 2;
    if (grade) best = 1;
  }
  if (!best && wordsOf(names).some((ws) => ws.some((w) => BENIGN.has(w)))) return 0;
  if (!fn || !returned) return best;
  const fw = words(fn);
  if (!hasSecurityWord(fw)) return best;
  // A function named for what it makes (`generate_pin`, `makeResetToken`, `newSessionId`) and returning the
  // value: its last word is its purpose. (Not a `key` or `entropy` helper: lookup keys, temp-folder names.)
  const last = fw.at(-1) ?? '';
  const purpose = (SECURITY.has(last) && last !== 'entropy' && last !== 'seed') || (last === 'code' && fw.length > 1 && CODE_MODIFIERS.has(fw[fw.length - 2])) || securityGrade(fn) === 2;
  return purpose ? 2 : 1;
}

/** securityWords' grading of one name: 0 none, 1 only ambiguous words, 2 an unambiguous word or two together. */
function securityGrade(name: string): 0 | 1 | 2 {
  const ext = wordsOf([name])[0] ?? [];
  if (!hasSecurityWord(ext)) return 0;
  const base = words(name);
  const hits = new Set<string>();
  base.forEach((w, i) => {
    if (SECURITY.has(w)) hits.add(w);
    else if ((w === 'key' || w === 'keys') && !(i > 0 && LOOKUP_KEY_MODIFIERS.has(base[i - 1]))) hits.add('key');
    else if ((w === 'code' || w === 'codes') && i > 0 && CODE_MODIFIERS.has(base[i - 1])) hits.add('code');
  });
  // Joined forms (`apikey`, `sessionid`, `rememberme`) count as their own word.
  for (const w of ext.slice(base.length)) if (SECURITY.has(w) && !WEAK_SECURITY.has(w)) return 2;
  if ([...hits].some((w) => !WEAK_SECURITY.has(w)) || hits.size >= 2) return 2;
  // A generator named for what it makes (`tokenGen`, `tokenGenerator`, `pinRng`).
  if (hits.size && /^(gen|generator|rng|prng|random|factory|maker)$/.test(base.at(-1) ?? '')) return 2;
  if (base.some((w, i) => (w === 'key' || w === 'keys') && i > 0 && STRONG_KEY_MODIFIERS.has(base[i - 1]))) return 2;
  return hits.size ? 1 : 0;
}

/** Words before `key` that make it a cryptographic or access key (`sessionKey`, `apiKey`, `aesKey`). */
const STRONG_KEY_MODIFIERS = new Set(['api', 'secret', 'session', 'encryption', 'encrypt', 'signing', 'access', 'auth', 'aes', 'hmac', 'master', 'crypto', 'cipher', 'private', 'symmetric', 'shared', 'remember', 'license', 'activation']);

/** For insecure-random: the value is a token, key, salt, nonce, password, OTP, cookie or session id. */
export function randomIsSecurity(names: readonly string[], fn?: string, returned = true): boolean {
  // The names the value flows into decide first; the function name only when they say nothing and the
  // value is what the function returns (generateToken() { return Math.random()… }).
  const direct = wordsOf(names);
  if (direct.some(hasSecurityWord)) return true;
  if (direct.some((ws) => ws.some((w) => BENIGN.has(w)))) return false;
  return fn && returned ? hasSecurityWord(words(fn)) : false;
}

/** For weak-hash: a benign use (content address, checksum, cache key) with no security word around it. */
function hasHashSecurityWord(ws: readonly string[]): boolean {
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    if (!HASH_SECURITY.has(w)) continue;
    if (w === 'key' && i > 0 && (LOOKUP_KEY_MODIFIERS.has(ws[i - 1]) || HASH_BENIGN.has(ws[i - 1]))) continue;
    return true;
  }
  return false;
}

export function hashIsBenign(names: readonly string[], fn?: string, truncated = false): boolean {
  const all = wordsOf(fn ? [...names, fn] : names);
  if (all.some(hasHashSecurityWord)) return false;
  // A digest cut to a short prefix (a short id, a directory or file name) is an identifier.
  if (truncated || all.some((ws) => ws.some((w) => HASH_BENIGN.has(w)))) return true;
  // A function whose name says it computes a hash (`Device.Hash()`, `makeJellyfishHash`, `hashRulesConfig`,
  // the constructor of an `AndroidClassHasher`), with no security word in it, its inputs or where the digest
  // goes: a content hash (change detection, ids, type tags).
  if (!fn) return false;
  const fw = words(fn);
  return fw.at(-1) === 'hash' || fw.at(-1) === 'hasher' || fw[0] === 'hash';
}

/** Plumbing around a hashed value (encodings, conversions, the object it is read from) that adds no input of its own. */
const DIGEST_PLUMBING = new Set(['self', 'this', 'get', 'bytes', 'utf', 'utf8', 'charsets', 'charset', 'standard', 'encode', 'encoding', 'to', 'byte', 'array', 'string', 'data', 'using', 'for', 'name', 'hash', 'hex', 'digest', 'update', 'as', 'from', 'buffer', 'ascii', 'sha', 'sha1', 'md5', 'hashing', 'hashlib', 'str', 'unicode',
  // the settings object a secret is read from (`opts.API_SECRET`, `process.env.API_SECRET`, `config.secret`)
  'opts', 'options', 'config', 'cfg', 'conf', 'settings', 'env', 'environ', 'process', 'os', 'params', 'props', 'prefs']);

/**
 * Is the hashed input a stored secret alone (an API secret, a token), with nothing else mixed in
 * (`sha1(apiSecret)` sent as a header, `md5(token)` kept for lookup)? The digest is then a derived
 * token: collisions gain an attacker nothing and preimage resistance (intact for SHA-1 and MD5) is what
 * protects it. Passwords are judged by weak-password-hash; a digest that becomes a key is not this.
 */
export function isSecretOnlyInput(inputs: readonly string[] | undefined): boolean {
  if (!inputs?.length) return false;
  let secret = false;
  for (const n of inputs) {
    if (isDigestPlumbing(n)) continue;
    const ws = words(n);
    if (ws.some((w, i) => w === 'secret' || w === 'secrets' || w === 'token' || w === 'apikey' || (w === 'key' && ws[i - 1] === 'api')) && !ws.some((w) => w === 'salt' || w === 'data' || w === 'body' || w === 'payload' || w === 'message')) {
      secret = true;
      continue;
    }
    return false;
  }
  return secret;
}

/**
 * What a hash site digests: its own arguments (`sha1(secret)`), or, when they only name the algorithm
 * (`createHash('sha1')`, `MessageDigest.getInstance("SHA-1")`), what the chained or later calls feed it
 * (`.update(opts.API_SECRET)`).
 */
export function hashedInputs(inputs: readonly string[] | undefined, own: number | undefined): readonly string[] | undefined {
  const mine = inputs?.slice(0, own);
  if (!mine || !mine.every(isDigestPlumbing)) return mine;
  return inputs;
}

/** A name around a hashed value that adds no input of its own (an encoding, the algorithm, the object read from). */
export function isDigestPlumbing(name: string): boolean {
  return words(name).every((w) => DIGEST_PLUMBING.has(w) || /^\d+$/.test(w));
}

/**
 * A function that only re-encodes a secret (`encode_api_secret(plain)`, `hashToken(value)`): its name says
 * encode / hash / digest and names a secret, and it digests one input. Judged as `isSecretOnlyInput`.
 */
export function encodesSecret(fn: string | undefined, inputs: readonly string[] | undefined): boolean {
  if (!fn || !inputs) return false;
  // (Besides plumbing — the algorithm's name, encodings — one input: the secret it was given.)
  if (inputs.filter((n) => !isDigestPlumbing(n)).length !== 1) return false;
  const ws = words(fn);
  return /^(encode|hash|digest)$/.test(ws[0] ?? '') && isSecretOnlyInput([ws.slice(1).join('_')]);
}

/** True when one of the input names is a password. */
export function isPasswordInput(inputs: readonly string[] | undefined): boolean {
  if (!inputs) return false;
  for (const n of inputs) {
    const ws = words(n);
    for (let i = 0; i < ws.length; i++) {
      if (!PASSWORD_WORDS.has(ws[i])) continue;
      const next = ws[i + 1];
      // "passwordHash" as input is hashing a hash; "passwordResetToken" is a token.
      if (next === 'hash' || next === 'hashed' || next === 'reset' || next === 'length' || next === 'policy' || next === 'field') continue;
      if (ws[i] === 'pass' && ws.length > 1 && i > 0) continue; // bypass, compass…
      return true;
    }
  }
  return false;
}

/** Words that say a hash result is stored or compared (then changing the algorithm is not mechanical). */
const PERSIST = new Set([
  'save', 'store', 'stored', 'insert', 'persist', 'write', 'put', 'db', 'database', 'sql', 'query', 'compare', 'equals', 'equal',
  'match', 'matches', 'verify', 'check', 'cache', 'redis', 'record', 'column', 'model', 'entity', 'repository', 'repo', 'upsert',
  'etag', 'checksum', 'expected', 'known', 'legacy', 'file', 'filename', 'path', 'key', 'id',
]);

export function looksPersisted(names: readonly string[]): boolean {
  return wordsOf(names).some((ws) => ws.some((w) => PERSIST.has(w)));
}
