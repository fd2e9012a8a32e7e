/**
 * Site builders shared by the API models (models.ts and families/): where in a call the value to judge
 * is, and the site it becomes (a hash, a cipher, an IV, a key, a TLS switch…), with the context it needs.
 */
import type { SyntaxNode as Node } from '../syntax/flatTree';
import type { Scan } from './collect';
import { words } from './context';
import type { SiteFix, Val } from './facts';
import type { CallShape } from '../code/syntax';
import { fileStem } from '../code/paths';

export function ends(callee: string, ...pats: string[]): boolean {
  for (const p of pats) if (callee === p || callee.endsWith('.' + p)) return true;
  return false;
}

export function positional(c: CallShape, i: number): Node | undefined {
  let k = 0;
  for (const a of c.args) {
    if (a.name !== undefined) continue;
    if (k++ === i) return a.node;
  }
  return undefined;
}

export function arg(c: CallShape, i: number, ...names: string[]): Node | undefined {
  for (const a of c.args) if (a.name !== undefined && names.includes(a.name)) return a.node;
  return positional(c, i);
}

/** The value node of key `key` in an object / dict / initializer literal node. */
export function objProp(s: Scan, obj: Node | undefined, key: string | RegExp): Node | undefined {
  if (!obj) return undefined;
  const o = s.sx.strip(obj);
  for (const p of s.sx.named(o)) {
    const k = s.pairKey(p);
    if (k !== undefined && (typeof key === 'string' ? k === key : key.test(k))) return p.childForFieldName('value') ?? s.sx.named(p).at(-1);
    if (p.type === 'assignment_expression') {
      const l = p.childForFieldName('left');
      if (l && (typeof key === 'string' ? l.text === key : key.test(l.text))) return p.childForFieldName('right') ?? undefined;
    }
  }
  return undefined;
}

/** The constructor / factory call that produced a receiver (directly, or through a local definition). */
export function recvCtor(s: Scan, recv: Node | undefined, depth = 0): { callee: string; call: CallShape } | undefined {
  if (!recv || depth > 3) return undefined;
  const r = s.sx.strip(recv);
  if (s.sx.is('calls', r)) {
    const c = s.sx.call(r);
    if (!c) return undefined;
    // builder chains: KeyPairGenerator.getInstance("RSA") ; Random() ; rand.New(rand.NewSource(1))
    return { callee: s.resolveAlias(c.callee), call: c };
  }
  const name = s.sx.dotted(r);
  if (!name || name.includes('?')) return undefined;
  const key = /^(this|self)\./.test(name) ? name.replace(/^(this|self)\./, '') : name;
  const ds = s.defs.get(key) ?? s.defs.get(name);
  if (!ds) return undefined;
  const fn = s.sx.enclosingFunc(recv);
  const local = ds.filter((d) => (fn ? d.scope === fn.id : true) && d.start < recv.startIndex);
  const d = local.length ? local[local.length - 1] : ds.find((x) => x.scope === 0) ?? (ds.length === 1 ? ds[0] : undefined);
  if (!d) return undefined;
  return recvCtor(s, d.value, depth + 1);
}

/** Constant-valued lambda / closure / anonymous method: 'true' | 'false' | 'empty' | undefined. */
export function lambdaResult(s: Scan, n: Node | undefined): 'true' | 'false' | 'empty' | undefined {
  if (!n) return undefined;
  let f = s.sx.strip(n);
  if (f.type === 'annotated_lambda') f = s.sx.named(f)[0] ?? f;
  if (!/lambda|arrow_function|function_expression|closure_expression|anonymous_method|func_literal|lambda_literal|anonymous_function/.test(f.type)) return undefined;
  let body = f.childForFieldName('body') ?? s.sx.named(f).at(-1);
  if (!body) return 'empty';
  if (f.type === 'lambda_literal') {
    const st = s.sx.named(f).filter((c) => c.type !== 'lambda_parameters');
    body = st.length === 1 ? (st[0].type === 'statements' ? s.sx.named(st[0]).at(-1) ?? st[0] : st[0]) : st.at(-1) ?? body;
    if (!st.length) return 'empty';
  }
  const constOf = (x: Node): 'true' | 'false' | 'empty' | undefined => {
    const t = s.sx.strip(x).text.trim();
    if (t === 'true' || t === 'True' || t === 'YES') return 'true';
    if (t === 'false' || t === 'False') return 'false';
    if (t === 'undefined' || t === 'null' || t === 'None' || t === 'nil') return 'empty';
    return undefined;
  };
  const stmts = s.sx.named(body).filter((c) => !/comment/.test(c.type));
  if (/block|statement_block|compound_statement|statements|function_body/.test(body.type) || body.type === 'block') {
    if (!stmts.length) return 'empty';
    const st = onlyStatement(s, stmts);
    if (!st) return undefined;
    if (/return/.test(st.type)) {
      const v = s.sx.named(st)[0];
      return v ? constOf(v) : 'empty';
    }
    if (st.type === 'expression_statement') return constOf(s.sx.named(st)[0] ?? st);
    return constOf(st);
  }
  return constOf(body);
}

/** The one statement of a body's statement list (Swift wraps them in `statements`), or undefined. */
export function onlyStatement(s: Scan, stmts: readonly Node[]): Node | undefined {
  if (stmts.length !== 1) return undefined;
  const st = stmts[0];
  if (st.type !== 'statements') return st;
  const inner = s.sx.named(st);
  return inner.length === 1 ? inner[0] : undefined;
}

export function str(v: string): Val {
  return { k: 's', v };
}

/** Replace a string literal's content keeping its quotes (for quick fixes). */
export function literalFix(s: Scan, lit: Node | undefined, to: string, title: string, when: string[]): SiteFix[] | undefined {
  if (!lit || !s.sx.is('strings', lit) || s.sx.plain(lit) === undefined) return undefined;
  const text = lit.text;
  const q = text.search(/["'`]/);
  if (q < 0) return undefined;
  const quote = text[q];
  const r = s.range(lit);
  return [{ title, edits: [{ range: r, newText: text.slice(0, q + 1) + to + quote.repeat(1) + text.slice(text.lastIndexOf(quote) + 1) }], when }];
}

export function hashSite(s: Scan, c: CallShape, at: Node, val: Val, api: string, extra: { family?: string; fixes?: SiteFix[]; notSecurity?: boolean } = {}): void {
  // A strong hash named literally matters only for weak-password-hash: skip it unless a password is near.
  if (val.k === 's' && /^(sha-?(224|256|384|512)|sha3|sha512|blake2|sha-?2)/i.test(val.v) && !/sha-?1$/i.test(val.v)) {
    if (!s.functionMatches(c.node, PASSWORD_WORD)) {
      // No context needed: only policy.crypto.allowedHashes can make it a finding.
      s.site('hash', api, at, val, { ctx: { names: [] }, family: extra.family });
      return;
    }
  }
  // `secret.sha1()`, `data.md5()`: a hash method on its input reads the receiver.
  const ctx = s.contextOf(c.node, { inputs: c.args.length ? c.args.map((a) => a.node) : c.recv ? [c.recv] : [] });
  if (extra.notSecurity) ctx.notSecurity = true;
  // The nearest named function: in `func sha1() { data.withUnsafeBytes { CC_SHA1(…) } }` the closure has none.
  let helper = s.sx.enclosingFunc(c.node);
  while (helper && !s.sx.funcName(helper)) helper = s.sx.enclosingFunc(helper);
  const helperName = helper ? s.sx.funcName(helper) : undefined;
  if (helper && helperName && (ALGORITHM_HELPER.test(helperName) || algorithmWrapper(helperName, s.ctx.path))) {
    const callers = s.callersOf(helper, helperName);
    ctx.fn = helperName;
    ctx.helperCalls = callers.length;
    // The callers' arguments are the hashed input; the calling functions' parameters are what those
    // arguments may be made of (a password concatenated into `data` first).
    const args = [...new Set(callers.flatMap((x) => x.ctx.inputs ?? []))];
    const inputs = [...new Set([...args, ...callers.flatMap((x) => x.params)])];
    ctx.inputs = inputs.length ? inputs.slice(0, 20) : undefined;
    ctx.ownInputs = Math.min(args.length, 20);
    ctx.names = [...new Set([...ctx.names, ...callers.flatMap((x) => [...x.ctx.names, ...(x.ctx.fn ? [x.ctx.fn] : [])])])];
  }
  // The WebSocket handshake (RFC 6455 §4.2.2): Sec-WebSocket-Accept is SHA-1 of the key and a GUID, fixed by
  // the protocol; every client and server computes it. Not a choice of algorithm, not a finding.
  if (val.k === 's' && /^sha-?1$/i.test(val.v) && isWebSocketAccept(s, c.node)) ctx.notSecurity = true;
  s.site('hash', api, at, val, { ctx, family: extra.family, fixes: extra.fixes });
}

const PASSWORD_WORD = /pass|pwd|\bpw\b/i;

/**
 * A method of a wrapper named after the algorithm — `bool MD5::Compute(…)` in gdcmMD5.cxx, `Sha1Util.hash(…)`
 * — with a name that says nothing of its own (compute, hash, digest, sum…): like a helper named after the
 * algorithm, what it guards depends on its callers.
 */
function algorithmWrapper(fn: string, path: string): boolean {
  const own = fn.replace(/^.*(::|\.)/, '');
  if (!/^(compute|compute_?file|compute_?string|calculate|calc|hash|hash_?file|hash_?string|digest|sum|checksum|update|final|finish|get_?hash|get_?digest|to_?hex|hex|encode)$/i.test(own)) return false;
  const owner = fn.includes('::') || fn.includes('.') ? fn.slice(0, fn.search(/::|\.(?=[^.]*$)/)) : fileStem(path);
  return /(^|[^a-z])(md5|sha_?1|md4|md2)([^a-z0-9]|$)/i.test(owner.replace(/([a-z])([A-Z])/g, '$1_$2'));
}

/**
 * A function that is only a name for the algorithm (`getMD5(s)`, `md5Hex`, `String.sha1()`): its
 * parameter names say nothing about what is hashed; its callers do.
 */
export const ALGORITHM_HELPER = /^(get|calc|calculate|compute|make|to|do|create|generate)?_?(md5|sha_?1|md4|md2)(_?(hash|hex|string|str|sum|digest|of|bytes|encode|encoded))?$/i;

const WEBSOCKET_HEADER = /sec-websocket-(accept|key)/i;

const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

const HAS_WEBSOCKET_GUID = new RegExp(WEBSOCKET_GUID, 'i');

/** `const WS_GUID = '258EAFA5-…'`, `GUID = "258EAFA5-…"`, `private static final String MAGIC = "258EAFA5-…"`. */
const WEBSOCKET_GUID_NAME = new RegExp(`([A-Za-z_$][\\w$]*)\\s*(?::[^=\\n]*)?[:=]=?\\s*b?["'\`]${WEBSOCKET_GUID}`, 'gi');

/**
 * The enclosing function computes the handshake: it names the Sec-WebSocket-Accept / -Key header, or uses
 * the WebSocket GUID, written out or through a name the file assigns it to.
 */
function isWebSocketAccept(s: Scan, node: Node): boolean {
  if (s.functionMatches(node, WEBSOCKET_HEADER)) return true;
  const text = s.ctx.lines.text;
  if (!HAS_WEBSOCKET_GUID.test(text)) return false;
  if (s.functionMatches(node, HAS_WEBSOCKET_GUID)) return true;
  const fn = s.sx.enclosingFunc(node);
  const body = fn ? fn.text : text;
  const names = [...text.matchAll(WEBSOCKET_GUID_NAME)].map((m) => m[1]);
  return names.some((n) => new RegExp(`(^|[^\\w$])${n.replace(/\$/g, '\\$')}([^\\w$]|$)`).test(body));
}

export function randSite(s: Scan, c: CallShape, api: string, fixes?: SiteFix[]): void {
  // Fill-style APIs (rand.Read(buf), r.nextBytes(buf)): the random value is the buffer argument.
  const buf = /^(Read|nextBytes|NextBytes|fill|fill_bytes|try_fill_bytes)$/.test(c.last) ? c.args[0]?.node : undefined;
  const bufName = buf ? s.sx.identText(s.sx.strip(buf)) : undefined;
  const ctx = s.contextOf(c.node, { flowVars: bufName ? [bufName] : undefined });
  if (bufName) ctx.names.push(bufName);
  s.site('rand', api, c.node, { k: 'u' }, { ctx, needsSecurityContext: true, fixes });
}

export function cipherArg(s: Scan, c: CallShape, at: Node | undefined, api: string, family?: string): void {
  if (!at) return;
  const site = s.site('cipher', api, at, s.evalNode(at), { ctxNode: c.node, family, flow: false });
  if (family === 'jca' && feedsOneBlock(s, c.node)) site.ctx = { ...site.ctx, oneBlock: true };
}

const SIXTEEN_BYTES = String.raw`(?:new\s+byte\s*\[\s*16\s*\]|ByteArray\(\s*16\s*\)|ByteBuffer\.allocate\(\s*16\s*\))`;

/**
 * Does the function around a JCA `Cipher.getInstance` feed the cipher exactly one 16-byte block, and only
 * that (`doFinal(x, 0, 16)`, or `doFinal(x)` where `x = new byte[16]` / `ByteBuffer.allocate(16)…array()`),
 * without a loop? One block through ECB is a block-cipher call (an authentication challenge, a key block):
 * there is no second block for equal blocks to leak through.
 */
function feedsOneBlock(s: Scan, node: Node): boolean {
  const fn = s.sx.enclosingFunc(node);
  if (!fn) return false;
  const body = fn.text;
  if (body.length > 20_000 || /\b(for|while)\s*\(|\.forEach\b|\brepeat\s*\(/.test(body)) return false;
  const calls = [...body.matchAll(/\.(?:doFinal|update)\(([^()]*)\)/g)].map((m) => m[1].split(',').map((a) => a.trim()));
  if (!calls.length) return false;
  const defined16 = (name: string): boolean => {
    const m = new RegExp(String.raw`\b${name}\s*(?::\s*[\w<>\[\]]+)?\s*=\s*(?:${SIXTEEN_BYTES}|(\w+)\.array\(\))`).exec(body);
    if (!m) return false;
    return !m[1] || new RegExp(String.raw`\b${m[1]}\s*=\s*${SIXTEEN_BYTES}`).test(body);
  };
  return calls.every((args) => (args.length === 3 && args[2] === '16') || (/^\w+$/.test(args[0] ?? '') && args[0] !== '' && defined16(args[0])));
}

export function cipherFixed(s: Scan, c: CallShape, name: string, api: string): void {
  s.site('cipher', api, c.calleeNode, str(name), { ctxNode: c.node, flow: false });
}

export function ivArg(s: Scan, c: CallShape, at: Node | undefined, api: string): void {
  if (!at) return;
  const v = s.evalNode(at);
  if (v.k === 'u') {
    const from = ivFromSecret(s, at);
    if (from) s.site('iv', api, at, { k: 'bytes', why: `derived from \`${from}\` alone (the same for every message under that key)` }, { ctxNode: c.node, flow: false });
    return;
  }
  const site = s.site('iv', api, at, v, { ctxNode: c.node, flow: false });
  const key = singleUseKey(s, c, at);
  if (key) site.ctx = { ...site.ctx, singleUseKey: key };
}

/** A key made for this one message: random bytes, a generated key, or derived from an exchange with a key generated here. */
const FRESH_KEY = /\b(urandom|token_bytes|get_random_bytes|randomBytes|getRandomValues|generateKey|generate_key|generate_private_key|generateKeyPair|GenerateKey|NewKey)\s*\(|\.generate\(\s*\)|\bSecureRandom\b/;

/**
 * Is the key beside the IV (the other arguments of the IV's call and of the call it is passed to:
 * `Cipher(algorithms.AES(k), modes.CTR(nonce))`, `createCipheriv(alg, k, iv)`) made fresh in this function,
 * following local definitions a few steps (`k = hkdf.derive(shared)`, `shared = eph.exchange(peer)`,
 * `eph = X25519PrivateKey.generate()`)? A fixed nonce under a key used once repeats nothing (ECIES,
 * MCUboot's encrypted images). Returns the key's name.
 */
function singleUseKey(s: Scan, c: CallShape, iv: Node): string | undefined {
  // The call the IV's call is an argument of (a few wrapper nodes up: argument, argument list).
  let outer: Node | null = c.node.parent;
  for (let i = 0; outer && i < 4 && !s.sx.is('calls', outer); i++) outer = outer.parent;
  const calls = [c, outer && s.sx.is('calls', outer) ? s.sx.call(outer) : undefined].filter((x): x is CallShape => !!x);
  const names = new Set<string>();
  for (const call of calls) {
    for (const a of call.args) {
      if (a.node.startIndex <= iv.startIndex && iv.endIndex <= a.node.endIndex) continue; // the IV itself, or the call holding it
      for (const [tok] of a.node.text.matchAll(/[A-Za-z_$][\w$]*/g)) names.add(tok);
    }
  }
  const fresh = (name: string, depth: number): boolean => {
    const def = s.localDefinition(name, iv);
    if (!def || def.text.length > 400) return false;
    if (FRESH_KEY.test(def.text)) return true;
    if (depth >= 3) return false;
    for (const [tok] of def.text.matchAll(/[A-Za-z_$][\w$]*/g)) if (tok !== name && fresh(tok, depth + 1)) return true;
    return false;
  };
  return [...names].find((n) => secretNamed(n) && fresh(n, 0));
}

/** Names and words that may stand around a secret in an IV expression without adding anything that varies. */
const IV_PLUMBING = new Set([
  'Arrays', 'copyOf', 'copyOfRange', 'slice', 'subarray', 'substring', 'substr', 'take', 'sliceArray', 'getBytes', 'encode', 'toByteArray',
  'digest', 'update', 'MessageDigest', 'getInstance', 'hashlib', 'md5', 'sha1', 'sha256', 'sha512', 'createHash', 'crypto', 'require',
  'Buffer', 'from', 'bytes', 'bytearray', 'str', 'utf8', 'UTF_8', 'StandardCharsets', 'Charsets', 'Charset', 'forName', 'hex',
  'toString', 'encoded', 'getEncoded', 'new', 'byte', 'this', 'self', 'val', 'let', 'const', 'var', 'final',
]);

const IV_FRESH = /pbkdf|scrypt|argon|hkdf|BytesToKey|derive|bcrypt|random|salt|nonce|counter|seq|time|uuid/i;

/**
 * Is the IV at `at` a function of a key or password and nothing else (`key[:16]`, `Arrays.copyOf(key, 16)`,
 * `md5(passphrase)`, one local variable deep)? Then it is the same for every message under that key
 * (CWE-329). Returns the secret's name. Anything else in the expression (a counter, a salt, a KDF) makes it
 * vary, or may: no finding.
 */
function ivFromSecret(s: Scan, at: Node): string | undefined {
  let expr = s.sx.strip(at);
  const name = s.sx.identText(expr);
  if (name) {
    const def = s.localDefinition(name, at);
    if (!def) return undefined;
    expr = def;
  }
  const text = expr.text.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  if (text.length > 300 || IV_FRESH.test(text)) return undefined;
  let secret: string | undefined;
  for (const [tok] of text.matchAll(/[A-Za-z_$][\w$]*/g)) {
    if (IV_PLUMBING.has(tok)) continue;
    if (!secretNamed(tok)) return undefined;
    secret ??= tok;
  }
  return secret;
}

function secretNamed(name: string): boolean {
  const ws = words(name);
  return (
    ws.some((w) => /^(key|secret|password|passwd|pwd|passphrase)$/.test(w) || (w.length > 4 && w.endsWith('key'))) &&
    !ws.some((w) => /^(iv|ivs|nonce|salt|public|pub|id|ids|name|size|len|length|count|store|path|file|alias|type|spec|pair|index|map)$/.test(w))
  );
}

export function keyArg(s: Scan, c: CallShape, at: Node | undefined, api: string): void {
  // A literal key passed to a cipher / HMAC / JWT signer: CWE-321.
  if (!at) return;
  const v = s.evalNode(at);
  if (v.k === 's' || (v.k === 'bytes' && v.why !== 'an all-zero buffer' && v.why !== 'an all-zero array')) s.site('secret', api, at, v, { ctxNode: c.node, cwe: 'CWE-321', family: 'key-arg', flow: false });
}

export function sizeArg(s: Scan, c: CallShape, at: Node | undefined, family: string, api: string, note?: string): void {
  if (!at) return;
  const v = s.evalNode(at);
  if (v.k === 'u') return;
  s.site('keysize', api, at, v, { ctxNode: c.node, family, note, flow: false });
}

export function iterArg(s: Scan, c: CallShape, at: Node | undefined, family: 'pbkdf2' | 'bcrypt', api: string, dflt?: number): void {
  if (!at) {
    if (dflt !== undefined) s.site('pwhash', api, c.node, { k: 'n', v: dflt }, { ctxNode: c.node, family, note: `${api} defaults to ${dflt} iterations when none are given`, flow: false });
    return;
  }
  const v = s.evalNode(at);
  if (v.k === 'u') return;
  s.site('pwhash', api, at, v, { ctxNode: c.node, family, flow: false });
}

export function tlsProto(s: Scan, c: CallShape, at: Node | undefined, api: string, note?: string): void {
  if (!at) return;
  const v = s.evalNode(at);
  if (v.k === 'u') return;
  s.site('tls-proto', api, at, v, { ctxNode: c.node, note, flow: false });
}

export function tlsOff(s: Scan, at: Node, api: string, val: Val, bad: Val, fixes?: SiteFix[], note?: string): void {
  s.site('tls-off', api, at, val, { bad, fixes, note, flow: false, ctx: { names: [] } });
}

/** Names of tokens issued for client-side use only (they can submit data, not read it). */
const PUBLIC_CLIENT_TOKEN = /post_?client_?item/i;

export function secretLiteral(s: Scan, valueNode: Node, name: string, api: string, clientSdk?: string, publicKey?: string): void {
  const v = s.sx.strip(valueNode);
  let lit: Node | undefined = v;
  // "secret".getBytes(), b"…", Encoding.UTF8.GetBytes("…"), []byte("…"), "…".toCharArray()
  if (!s.sx.is('strings', lit)) {
    const c = s.sx.is('calls', lit) ? s.sx.call(lit) : undefined;
    if (c && c.recv && s.sx.is('strings', s.sx.strip(c.recv)) && /^(getBytes|toCharArray|encode|toByteArray|as_bytes|to_string|to_owned|into|bytes|data)$/.test(c.last)) lit = s.sx.strip(c.recv);
    else if (c && c.args.length === 1 && s.sx.is('strings', s.sx.strip(c.args[0].node)) && /^(GetBytes|String|str|String\.from|String::from|from|Buffer\.from|SecretStr|SecretString|Secret)$/.test(c.last)) lit = s.sx.strip(c.args[0].node);
    else lit = undefined;
  }
  if (!lit && v.type === 'preproc_arg') {
    const pv = s.evalNode(v);
    if (pv.k === 's') s.site('secret', api, v, pv, { ctx: { names: [name] }, cwe: 'CWE-798' });
    return;
  }
  if (!lit) return;
  const text = s.sx.plain(lit);
  if (text === undefined) return;
  const cwe = /(^|_|[a-z])(key|Key|KEY)$/.test(name) && !/api_?key|apikey|ApiKey|API_KEY|license/i.test(name) ? 'CWE-321' : 'CWE-798';
  // A token named for Rollbar's client-side scope (`post_client_item`) is public by design wherever it is
  // handed to the SDK (`new Configuration(POST_CLIENT_ITEM_ACCESS_TOKEN)`): it can submit items, not read them.
  clientSdk ??= PUBLIC_CLIENT_TOKEN.test(name) ? 'Rollbar' : undefined;
  s.site('secret', api, lit, { k: 's', v: text }, { ctx: { names: [name] }, cwe, ...(clientSdk ? { family: 'client-sdk', note: clientSdk } : publicKey ? { family: 'public-key', note: publicKey } : {}) });
}
