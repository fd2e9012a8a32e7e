/**
 * The API models: which calls, options, constants and methods of each language's crypto, TLS, random
 * and HTTP libraries are candidate sites, and where in the call the value to judge is. Judging the
 * value (is "DESede" weak? is 1024 too small?) happens in check.ts against the policy.
 *
 * Matching is on the callee as written with import aliases resolved (`h.md5` after `import hashlib as h`
 * is `hashlib.md5`; Go `rand.Intn` is `math/rand.Intn` or `crypto/rand…` by the import), by suffix on
 * dot boundaries, so `java.security.MessageDigest.getInstance` and `MessageDigest.getInstance` both match.
 */
import type { SyntaxNode as Node } from '../syntax/flatTree';
import type { Scan } from './collect';
import { words } from './context';
import type { SiteFix, Val } from './facts';
import type { CallShape } from '../code/syntax';

// ---- helpers ---------------------------------------------------------------------------------

function ends(callee: string, ...pats: string[]): boolean {
  for (const p of pats) if (callee === p || callee.endsWith('.' + p)) return true;
  return false;
}

function positional(c: CallShape, i: number): Node | undefined {
  let k = 0;
  for (const a of c.args) {
    if (a.name !== undefined) continue;
    if (k++ === i) return a.node;
  }
  return undefined;
}

function arg(c: CallShape, i: number, ...names: string[]): Node | undefined {
  for (const a of c.args) if (a.name !== undefined && names.includes(a.name)) return a.node;
  return positional(c, i);
}

function kwArg(c: CallShape, ...names: string[]): Node | undefined {
  for (const a of c.args) if (a.name !== undefined && names.includes(a.name)) return a.node;
  return undefined;
}

/** The value node of key `key` in an object / dict / initializer literal node. */
function objProp(s: Scan, obj: Node | undefined, key: string | RegExp): Node | undefined {
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
function recvCtor(s: Scan, recv: Node | undefined, depth = 0): { callee: string; call: CallShape } | undefined {
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
    if (stmts.length !== 1) return undefined;
    let st = stmts[0];
    if (st.type === 'statements') {
      const inner = s.sx.named(st);
      if (inner.length !== 1) return undefined;
      st = inner[0];
    }
    if (/return/.test(st.type)) {
      const v = s.sx.named(st)[0];
      return v ? constOf(v) : 'empty';
    }
    if (st.type === 'expression_statement') return constOf(s.sx.named(st)[0] ?? st);
    return constOf(st);
  }
  return constOf(body);
}

function str(v: string): Val {
  return { k: 's', v };
}

/** Replace a string literal's content keeping its quotes (for quick fixes). */
function literalFix(s: Scan, lit: Node | undefined, to: string, title: string, when: string[]): SiteFix[] | undefined {
  if (!lit || !s.sx.is('strings', lit) || s.sx.plain(lit) === undefined) return undefined;
  const text = lit.text;
  const q = text.search(/["'`]/);
  if (q < 0) return undefined;
  const quote = text[q];
  const r = s.range(lit);
  return [{ title, edits: [{ range: r, newText: text.slice(0, q + 1) + to + quote.repeat(1) + text.slice(text.lastIndexOf(quote) + 1) }], when }];
}

// ---- imports ---------------------------------------------------------------------------------

const JS_MODULE_CANON: Record<string, string> = {
  'crypto': 'crypto', 'node:crypto': 'crypto', 'crypto-js': 'CryptoJS', 'node-forge': 'forge', 'bcryptjs': 'bcrypt', 'bcrypt': 'bcrypt',
  'https': 'https', 'node:https': 'https', 'http': 'http', 'node:http': 'http', 'tls': 'tls', 'node:tls': 'tls', 'axios': 'axios',
  'md5': 'MD5fn', 'js-md5': 'MD5fn', 'blueimp-md5': 'MD5fn', 'crypto-js/md5': 'CryptoJS.MD5', 'crypto-js/sha1': 'CryptoJS.SHA1',
  'sha1': 'SHA1fn', 'js-sha1': 'SHA1fn', 'crypto-js/hmac-md5': 'CryptoJS.HmacMD5', 'crypto-js/tripledes': 'CryptoJS.TripleDES',
  'crypto-js/rc4': 'CryptoJS.RC4', 'crypto-js/aes': 'CryptoJS.AES', 'request': 'request', 'got': 'got', 'node-fetch': 'fetch',
  'ws': 'WebSocket', 'jsonwebtoken': 'jwt', 'node-rsa': 'NodeRSA', 'socket.io-client': 'io',
};

export function modelImport(s: Scan, n: Node): void {
  const sx = s.sx;
  switch (s.family) {
    case 'js': {
      if (n.type === 'import_statement') {
        const src = n.childForFieldName('source');
        const mod = src ? sx.plain(src) : undefined;
        if (!mod) return;
        s.modules.add(mod);
        const canon = JS_MODULE_CANON[mod] ?? mod;
        const clause = sx.named(n).find((c) => c.type === 'import_clause');
        if (!clause) return;
        for (const c of sx.named(clause)) {
          if (c.type === 'identifier') s.aliases.set(c.text, canon);
          else if (c.type === 'namespace_import') {
            const id = sx.named(c)[0];
            if (id) s.aliases.set(id.text, canon);
          } else if (c.type === 'named_imports') {
            for (const sp of sx.named(c)) {
              const name = sp.childForFieldName('name')?.text;
              const alias = sp.childForFieldName('alias')?.text ?? name;
              if (name && alias) s.aliases.set(alias, `${canon}.${name}`);
            }
          }
        }
      } else if (n.type === 'variable_declarator') {
        const value = n.childForFieldName('value');
        const c = value ? sx.call(sx.strip(value)) : undefined;
        const modNode = c && c.callee === 'require' ? c.args[0]?.node : undefined;
        const mod = modNode ? sx.plain(modNode) : undefined;
        if (!mod) return;
        s.modules.add(mod);
        const canon = JS_MODULE_CANON[mod] ?? mod;
        const name = n.childForFieldName('name');
        if (!name) return;
        if (name.type === 'identifier') s.aliases.set(name.text, canon);
        else if (name.type === 'object_pattern') {
          for (const p of sx.named(name)) {
            if (p.type === 'shorthand_property_identifier_pattern') s.aliases.set(p.text, `${canon}.${p.text}`);
            else if (p.type === 'pair_pattern') {
              const k = p.childForFieldName('key')?.text;
              const v = p.childForFieldName('value')?.text;
              if (k && v) s.aliases.set(v, `${canon}.${k}`);
            }
          }
        }
      }
      return;
    }
    case 'py': {
      if (n.type === 'import_statement') {
        for (const c of sx.named(n)) {
          if (c.type === 'aliased_import') {
            const name = c.childForFieldName('name')?.text;
            const alias = c.childForFieldName('alias')?.text;
            if (name && alias) s.aliases.set(alias, name);
            if (name) s.modules.add(name);
          } else if (c.type === 'dotted_name') s.modules.add(c.text);
        }
      } else if (n.type === 'import_from_statement') {
        const mod = n.childForFieldName('module_name')?.text;
        if (!mod) return;
        s.modules.add(mod);
        for (const c of n.childrenForFieldName('name')) {
          if (c.type === 'aliased_import') {
            const name = c.childForFieldName('name')?.text;
            const alias = c.childForFieldName('alias')?.text;
            if (name && alias) s.aliases.set(alias, `${mod}.${name}`);
          } else s.aliases.set(c.text, `${mod}.${c.text}`);
        }
      }
      return;
    }
    case 'go': {
      const p = n.childForFieldName('path');
      const path = p ? sx.plain(p) : undefined;
      if (!path) return;
      s.modules.add(path);
      const name = n.childForFieldName('name')?.text;
      let alias = name ?? path.split('/').pop()!;
      if (/^v\d+$/.test(alias)) alias = path.split('/').slice(-2, -1)[0];
      if (alias !== '_' && alias !== '.') s.aliases.set(alias, path);
      return;
    }
    case 'rust': {
      const walk = (x: Node, prefix: string) => {
        switch (x.type) {
          case 'scoped_identifier':
          case 'identifier': {
            const full = prefix ? `${prefix}.${x.text.replace(/::/g, '.')}` : x.text.replace(/::/g, '.');
            s.aliases.set(full.split('.').pop()!, full);
            s.modules.add(full);
            break;
          }
          case 'use_as_clause': {
            const path = x.childForFieldName('path')?.text.replace(/::/g, '.');
            const alias = x.childForFieldName('alias')?.text;
            if (path && alias) s.aliases.set(alias, prefix ? `${prefix}.${path}` : path);
            break;
          }
          case 'scoped_use_list': {
            const path = x.childForFieldName('path')?.text.replace(/::/g, '.') ?? '';
            const list = x.childForFieldName('list');
            const pre = prefix ? (path ? `${prefix}.${path}` : prefix) : path;
            if (list) for (const c of sx.named(list)) walk(c, pre);
            break;
          }
          case 'use_list':
            for (const c of sx.named(x)) walk(c, prefix);
            break;
        }
      };
      const a = n.childForFieldName('argument');
      if (a) walk(a, '');
      return;
    }
    case 'kotlin': {
      const kids = sx.named(n);
      const q = kids.find((c) => /qualified_identifier|identifier/.test(c.type));
      const alias = kids.length > 1 ? kids[kids.length - 1] : undefined;
      if (q) {
        const full = q.text;
        s.modules.add(full);
        s.aliases.set(alias && alias.id !== q.id ? alias.text : full.split('.').pop()!, full);
      }
      return;
    }
    case 'java': {
      const q = sx.named(n).find((c) => /scoped_identifier|identifier/.test(c.type));
      if (q) {
        s.modules.add(q.text);
        if (!n.text.includes('*') && !n.text.includes('static')) s.aliases.set(q.text.split('.').pop()!, q.text);
      }
      return;
    }
    default:
      s.modules.add(n.text);
  }
}

// ---- calls -----------------------------------------------------------------------------------

const HASH_FNS: Record<string, string> = { md2: 'MD2', md4: 'MD4', md5: 'MD5', sha1: 'SHA-1', sha: 'SHA-1', ripemd160: 'RIPEMD-160', ripemd: 'RIPEMD-160' };

/** Connection APIs whose URL argument is checked for cleartext schemes: last callee segment → argument index. */
const URL_CALLS: Record<string, Record<string, number>> = {
  js: { fetch: 0, get: 0, post: 0, put: 0, patch: 0, delete: 0, head: 0, request: 0, axios: 0, got: 0, WebSocket: 0, EventSource: 0, io: 0, connect: 0, ajax: 0, getJSON: 0, open: 1, ky: 0, superagent: 0, needle: 1 },
  py: { urlopen: 0, Request: 0, get: 0, post: 0, put: 0, patch: 0, delete: 0, head: 0, request: 1, create_connection: 0, connect: 0, ws_connect: 0, stream: 1, WebSocketApp: 0 },
  java: { URL: 0, HttpGet: 0, HttpPost: 0, HttpPut: 0, HttpDelete: 0, HttpPatch: 0, HttpHead: 0, getForObject: 0, getForEntity: 0, postForObject: 0, postForEntity: 0, exchange: 0, create: 0, baseUrl: 0, url: 0, connect: 0, newBuilder: 0, uri: 0, HttpRequest: 0 },
  kotlin: { URL: 0, HttpGet: 0, HttpPost: 0, getForObject: 0, postForObject: 0, baseUrl: 0, url: 0, get: 0, post: 0, connect: 0, uri: 0 },
  cs: { GetAsync: 0, PostAsync: 0, PutAsync: 0, DeleteAsync: 0, PatchAsync: 0, GetStringAsync: 0, GetByteArrayAsync: 0, GetStreamAsync: 0, DownloadString: 0, DownloadData: 0, DownloadFile: 0, DownloadStringTaskAsync: 0, UploadString: 0, UploadData: 0, OpenRead: 0, Create: 0, HttpRequestMessage: 1, ConnectAsync: 0 },
  go: { Get: 0, Post: 0, Head: 0, PostForm: 0, NewRequest: 1, NewRequestWithContext: 2, Dial: 0, DialContext: 1 },
  rust: { get: 0, post: 0, put: 0, patch: 0, delete: 0, head: 0, request: 1, connect: 0, connect_async: 0 },
  c: { curl_easy_setopt: 2 },
  swift: { request: 0, dataTask: 0, downloadTask: 0, uploadTask: 0, URLRequest: 0 },
};

const CONNECT_RECEIVER = /(^|\.)(requests|httpx|session|sess|client|http|https|axios|got|request|superagent|urllib3|aiohttp|restTemplate|webClient|okHttp|httpClient|HttpClient|reqwest|ureq|surf|\$|jQuery|api|conn|s|c|AF|Alamofire|URLSession\.shared|shared|self\.session|self\.client|this\.http|this\.client|this\.httpClient|_http|_client|_httpClient|wc|web)$/i;

function isUrlCall(s: Scan, c: CallShape): number | undefined {
  const table = URL_CALLS[s.family === 'c' ? 'c' : s.family];
  const idx = table?.[c.last];
  if (idx === undefined) return undefined;
  const callee = s.resolveAlias(c.callee);
  if (s.family === 'c') return c.callee === 'curl_easy_setopt' && /CURLOPT_URL/.test(c.args[1]?.node.text ?? '') ? 2 : undefined;
  // Bare functions: fetch(url), urlopen(url), io(url); constructors: new URL(...), new WebSocket(...)
  if (!c.recv) {
    if (c.isNew || /^(fetch|urlopen|axios|got|io|ky|superagent|URL|WebSocket|EventSource|HttpGet|HttpPost|HttpPut|HttpDelete|HttpPatch|HttpHead|HttpRequestMessage|URLRequest|Request|connect_async|needle)$/.test(c.last)) {
      if (c.last === 'Request' && s.family !== 'py') return undefined;
      if (c.last === 'URL' && s.family === 'js') return undefined; // new URL() parses, it does not connect
      return idx;
    }
    if (s.family === 'py' && /^(urllib\.request|urllib2|requests|httpx)\./.test(callee)) return idx;
    if (s.family === 'rust' && /^(reqwest|ureq|surf|tungstenite|tokio_tungstenite)\./.test(callee)) return idx;
    if (s.family === 'go' && /^(net\/http|github\.com\/gorilla\/websocket|golang\.org\/x\/net\/websocket)\./.test(callee)) return idx;
    return undefined;
  }
  if (s.family === 'go') {
    if (/^net\/http\./.test(callee) || /websocket/.test(callee)) return idx;
    if (/^(Get|Post|Head|PostForm)$/.test(c.last)) return idx; // client.Get(url)
    return c.last === 'Dial' || c.last === 'DialContext' ? (/websocket|Dialer/i.test(callee) ? idx : undefined) : undefined;
  }
  if (s.family === 'cs') return /^(Create)$/.test(c.last) ? (/WebRequest/.test(callee) ? idx : undefined) : idx;
  if (s.family === 'java' || s.family === 'kotlin') {
    if (c.last === 'create') return /WebClient/.test(callee) ? idx : undefined;
    if (c.last === 'connect') return /Jsoup/.test(callee) ? idx : undefined;
    if (c.last === 'newBuilder' || c.last === 'uri') return undefined; // URI.create inside is the URL: seen via the string model
    return idx;
  }
  const recv = s.resolveAlias(s.sx.dotted(c.recv) ?? '');
  if (s.family === 'py' && /^(requests|httpx|aiohttp|urllib3|urllib\.request|urllib2|websocket|websockets)(\.|$)/.test(recv)) return idx;
  if (s.family === 'py' && (c.last === 'request' || c.last === 'stream') && !CONNECT_RECEIVER.test(recv)) return undefined;
  if (s.family === 'swift' && /^(AF|Alamofire|URLSession\.shared|session)$/.test(recv)) return idx;
  if (s.family === 'swift' && c.last === 'dataTask') return idx;
  return CONNECT_RECEIVER.test(recv) ? idx : undefined;
}

export function modelCall(s: Scan, c: CallShape): void {
  const callee = s.resolveAlias(c.callee);
  // TLS cipher lists, in every family: Python ssl set_ciphers, OpenSSL SSL_CTX_set_cipher_list, JSSE
  // setEnabledCipherSuites / SSLParameters.setCipherSuites.
  if (TLS_SUITE_CALLS.test(c.last)) {
    const arg = c.args[c.last.startsWith('SSL_') ? 1 : 0]?.node;
    if (arg) cipherSuites(s, arg, c.last, c.node);
  }
  switch (s.family) {
    case 'js':
      jsCall(s, c, callee);
      break;
    case 'py':
      pyCall(s, c, callee);
      break;
    case 'java':
    case 'kotlin':
      jvmCall(s, c, callee);
      break;
    case 'cs':
      csCall(s, c, callee);
      break;
    case 'go':
      goCall(s, c, callee);
      break;
    case 'rust':
      rustCall(s, c, callee);
      break;
    case 'c':
      cCall(s, c, callee);
      break;
    case 'swift':
      swiftCall(s, c, callee);
      break;
  }
  // Cleartext URLs passed to connection APIs (literals, constants, config values).
  const ui = isUrlCall(s, c);
  if (ui !== undefined) {
    let u = s.family === 'py' && c.last === 'request' ? arg(c, 1, 'url') : s.family === 'js' && c.last === 'open' && c.recv ? positional(c, 1) : arg(c, ui, 'url', 'string', 'uri', 'with');
    if (s.family === 'js' && u && s.sx.strip(u).type === 'object') u = objProp(s, u, /^(url|baseURL|uri|href)$/);
    if (u) {
      const v = s.evalNode(u);
      if (v.k !== 'u') s.site('url', c.callee, u, v, { ctxNode: c.node, ctx: { names: [c.callee] }, family: 'call' });
    }
  }
  // Named arguments carrying secrets: connect(password="…"), NetworkCredential(user, "…")
  for (const a of c.args) {
    if (a.name && secretName(a.name)) secretLiteral(s, a.node, a.name, c.callee);
    else if (a.name && (a.name === 'verify' || a.name === 'verify_ssl' || a.name === 'ssl' || a.name === 'cert_reqs' || a.name === 'check_hostname' || a.name === 'rejectUnauthorized')) tlsOption(s, a.name, a.node, c);
  }
}

/**
 * A digest object handed to an HMAC: `new HMac(new SHA1Digest())`, or a helper that wraps it in one
 * (`getMultiHmac(secret, data, n, SHA1Digest())`, `hmac(key, msg, new MD5Digest())`).
 */
function argOfHmac(s: Scan, n: Node): boolean {
  let p = n.parent;
  for (let i = 0; p && i < 4; i++, p = p.parent) {
    const call = s.sx.call(p);
    if (call && call.node.id !== n.id) return /hmac/i.test(call.last) || /^(new )?(HMac|Mac)$/.test(call.last);
  }
  return false;
}

function hashSite(s: Scan, c: CallShape, at: Node, val: Val, api: string, extra: { family?: string; fixes?: SiteFix[]; notSecurity?: boolean } = {}): void {
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
  // The WebSocket handshake (RFC 6455 §4.2.2): Sec-WebSocket-Accept is SHA-1 of the key and a GUID, fixed by
  // the protocol; every client and server computes it. Not a choice of algorithm, not a finding.
  if (val.k === 's' && /^sha-?1$/i.test(val.v) && isWebSocketAccept(s, c.node)) ctx.notSecurity = true;
  s.site('hash', api, at, val, { ctx, family: extra.family, fixes: extra.fixes });
}

const PASSWORD_WORD = /pass|pwd|\bpw\b/i;
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

function randSite(s: Scan, c: CallShape, api: string, fixes?: SiteFix[]): void {
  // Fill-style APIs (rand.Read(buf), r.nextBytes(buf)): the random value is the buffer argument.
  const buf = /^(Read|nextBytes|NextBytes|fill|fill_bytes|try_fill_bytes)$/.test(c.last) ? c.args[0]?.node : undefined;
  const bufName = buf ? s.sx.identText(s.sx.strip(buf)) : undefined;
  const ctx = s.contextOf(c.node, { flowVars: bufName ? [bufName] : undefined });
  if (bufName) ctx.names.push(bufName);
  s.site('rand', api, c.node, { k: 'u' }, { ctx, needsSecurityContext: true, fixes });
}

function cipherArg(s: Scan, c: CallShape, at: Node | undefined, api: string, family?: string): void {
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

function cipherFixed(s: Scan, c: CallShape, name: string, api: string): void {
  s.site('cipher', api, c.calleeNode, str(name), { ctxNode: c.node, flow: false });
}

function ivArg(s: Scan, c: CallShape, at: Node | undefined, api: string): void {
  if (!at) return;
  const v = s.evalNode(at);
  if (v.k === 'u') {
    const from = ivFromSecret(s, at);
    if (from) s.site('iv', api, at, { k: 'bytes', why: `derived from \`${from}\` alone (the same for every message under that key)` }, { ctxNode: c.node, flow: false });
    return;
  }
  s.site('iv', api, at, v, { ctxNode: c.node, flow: false });
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

function keyArg(s: Scan, c: CallShape, at: Node | undefined, api: string): void {
  // A literal key passed to a cipher / HMAC / JWT signer: CWE-321.
  if (!at) return;
  const v = s.evalNode(at);
  if (v.k === 's' || (v.k === 'bytes' && v.why !== 'an all-zero buffer' && v.why !== 'an all-zero array')) s.site('secret', api, at, v, { ctxNode: c.node, cwe: 'CWE-321', family: 'key-arg', flow: false });
}

function sizeArg(s: Scan, c: CallShape, at: Node | undefined, family: string, api: string, note?: string): void {
  if (!at) return;
  const v = s.evalNode(at);
  if (v.k === 'u') return;
  s.site('keysize', api, at, v, { ctxNode: c.node, family, note, flow: false });
}

function iterArg(s: Scan, c: CallShape, at: Node | undefined, family: 'pbkdf2' | 'bcrypt', api: string, dflt?: number): void {
  if (!at) {
    if (dflt !== undefined) s.site('pwhash', api, c.node, { k: 'n', v: dflt }, { ctxNode: c.node, family, note: `${api} defaults to ${dflt} iterations when none are given`, flow: false });
    return;
  }
  const v = s.evalNode(at);
  if (v.k === 'u') return;
  s.site('pwhash', api, at, v, { ctxNode: c.node, family, flow: false });
}

function tlsProto(s: Scan, c: CallShape, at: Node | undefined, api: string, note?: string): void {
  if (!at) return;
  const v = s.evalNode(at);
  if (v.k === 'u') return;
  s.site('tls-proto', api, at, v, { ctxNode: c.node, note, flow: false });
}

const TLS_SUITE_CALLS = /^(set_ciphers|SSL_CTX_set_cipher_list|SSL_set_cipher_list|SSL_CTX_set_ciphersuites|setEnabledCipherSuites|setCipherSuites)$/;
/** Option names whose value is a TLS cipher list: Node's `ciphers`, Go's `CipherSuites`, Python `ciphers=`. */
const TLS_SUITE_OPTIONS = /^(ciphers|CipherSuites|cipherSuites|cipher_suites|ssl_ciphers|sslCiphers|SSLCipherSuite|CipherSuitesPolicy)$/;

/**
 * A TLS cipher list: the string literals under `at` and the suite constants it names (Go's
 * `tls.TLS_RSA_WITH_RC4_128_SHA`, .NET's `TlsCipherSuite.…`), joined with `:` for the judge (check.ts).
 */
function cipherSuites(s: Scan, at: Node, api: string, ctxNode: Node): void {
  const parts: string[] = [];
  const visit = (n: Node, depth: number): void => {
    if (depth > 6 || parts.length > 64) return;
    if (s.sx.is('strings', n)) {
      const t = s.sx.plain(n);
      if (t) parts.push(t);
      return;
    }
    const last = n.text.split('.').pop()!;
    if (/^(TLS|SSL)_[A-Z0-9_]+$/.test(last)) {
      parts.push(last);
      return;
    }
    for (const c of s.sx.named(n)) visit(c, depth + 1);
  };
  visit(at, 0);
  let val: Val = parts.length ? { k: 's', v: parts.join(':') } : s.evalNode(at);
  if (val.k !== 's') return;
  if (val.v.length > 4000) val = { k: 's', v: val.v.slice(0, 4000) };
  s.site('cipher', api, at, val, { family: 'tls-suites', ctxNode, flow: false, ctx: { names: [] } });
}

function tlsOff(s: Scan, at: Node, api: string, val: Val, bad: Val, fixes?: SiteFix[], note?: string): void {
  s.site('tls-off', api, at, val, { bad, fixes, note, flow: false, ctx: { names: [] } });
}

/** Python / JS-style TLS options given as keyword arguments or option keys. */
function tlsOption(s: Scan, name: string, valueNode: Node, c?: CallShape): void {
  const v = s.evalNode(valueNode);
  if (name === 'verify' || name === 'verify_ssl' || name === 'ssl' || name === 'check_hostname') {
    if (!c) return;
    const callee = s.resolveAlias(c.callee);
    if (/(^|\.)(jwt|jose|jws|signature|decode)/i.test(callee) || c.last === 'decode') return; // JWT verify=False is another CWE
    if (name === 'ssl' && !/aiohttp|TCPConnector|ClientSession|\.(get|post|put|delete|patch|request|ws_connect)$/.test(callee)) return;
    if (s.family === 'py' && v.k === 'b' && !v.v) {
      const fix = removeKwargFix(s, valueNode, name);
      tlsOff(s, valueNode.parent ?? valueNode, callee, v, { k: 'b', v: false }, fix, name === 'check_hostname' ? 'Host-name checking is off: any valid certificate for any host is accepted.' : undefined);
    }
    return;
  }
  if (name === 'cert_reqs') {
    const t = v.k === 's' ? v.v : v.k === 'ref' ? v.name : '';
    if (/CERT_NONE$/.test(t)) tlsOff(s, valueNode, c ? c.callee : name, v, v);
    return;
  }
  if (name === 'rejectUnauthorized' && v.k === 'b' && !v.v) tlsOff(s, valueNode.parent ?? valueNode, name, v, v);
}

function removeKwargFix(_s: Scan, valueNode: Node, name: string): SiteFix[] | undefined {
  const kw = valueNode.parent;
  if (!kw || kw.type !== 'keyword_argument') return undefined;
  // Remove ", verify=False" (or "verify=False, " when first).
  const prev = kw.previousSibling;
  const next = kw.nextSibling;
  let start = kw.startPosition;
  let end = kw.endPosition;
  if (prev && prev.type === ',') start = prev.startPosition;
  else if (next && next.type === ',') {
    const after = next.nextSibling;
    end = after ? after.startPosition : next.endPosition;
  }
  return [{
    title: `Remove ${name}=False (verify certificates)`,
    edits: [{ range: { start: { line: start.row, character: start.column }, end: { line: end.row, character: end.column } }, newText: '' }],
  }];
}

function jsCall(s: Scan, c: CallShape, callee: string): void {
  const L = c.last;
  const nodeCrypto = /^crypto\.|^\?\./.test(callee) || !c.recv;
  if ((L === 'createHash' || L === 'hash') && (nodeCrypto || /crypto/i.test(callee)) && (L === 'createHash' || callee === 'crypto.hash')) {
    const a = c.args[0]?.node;
    if (!a) return;
    const fixes = literalFix(s, a, 'sha256', "Use SHA-256 (createHash('sha256'))", ['md5', 'sha1', 'md4', 'sha-1', 'ripemd160']);
    hashSite(s, c, a, s.evalNode(a), callee, { fixes });
    return;
  }
  if (L === 'createHmac') {
    const a = c.args[0]?.node;
    if (a) hashSite(s, c, a, s.evalNode(a), callee, { family: 'hmac' });
    keyArg(s, c, c.args[1]?.node, callee);
    return;
  }
  if (L === 'digest' && /subtle/.test(callee)) {
    let a: Node | undefined = c.args[0]?.node;
    if (a && s.sx.strip(a).type === 'object') a = objProp(s, a, 'name');
    if (a) hashSite(s, c, a, s.evalNode(a), callee);
    return;
  }
  if (/^CryptoJS\.(MD5|SHA1|RIPEMD160|HmacMD5|HmacSHA1)$/.test(callee) || /^CryptoJS\.algo\.(MD5|SHA1)\.create$/.test(callee) || callee === 'MD5fn' || callee === 'SHA1fn') {
    const alg = /MD5/i.test(callee) ? 'MD5' : /RIPEMD/.test(callee) ? 'RIPEMD160' : 'SHA1';
    if (/Hmac/.test(callee) && alg === 'SHA1') return;
    hashSite(s, c, c.calleeNode, str(alg), callee, { family: /Hmac/.test(callee) ? 'hmac' : undefined });
    if (/Hmac/.test(callee)) keyArg(s, c, c.args[1]?.node, callee);
    return;
  }
  if (/^forge\.md\.(md5|sha1)\.create$/.test(callee)) {
    hashSite(s, c, c.calleeNode, str(/md5/.test(callee) ? 'MD5' : 'SHA1'), callee);
    return;
  }
  if (L === 'createCipheriv' || L === 'createDecipheriv' || L === 'createCipher' || L === 'createDecipher') {
    cipherArg(s, c, c.args[0]?.node, callee);
    const alg = c.args[0] ? s.evalNode(c.args[0].node) : undefined;
    const noIv = alg?.k === 's' && /ecb|^rc4|^des$/i.test(alg.v);
    if (L.endsWith('iv') && !noIv) ivArg(s, c, c.args[2]?.node, callee);
    keyArg(s, c, c.args[1]?.node, callee);
    return;
  }
  const cjs = /^CryptoJS\.(DES|TripleDES|RC4|RC4Drop|Rabbit|AES|Blowfish)\.(encrypt|decrypt)$/.exec(callee);
  if (cjs) {
    if (cjs[1] !== 'AES' && cjs[1] !== 'Rabbit') cipherFixed(s, c, cjs[1] === 'TripleDES' ? '3DES' : cjs[1] === 'RC4Drop' ? 'RC4' : cjs[1], callee);
    keyArg(s, c, c.args[1]?.node, callee);
    const opts = c.args[2]?.node;
    const iv = objProp(s, opts, 'iv');
    if (iv) ivArg(s, c, iv, callee);
    return;
  }
  if (/^forge\.cipher\.create(De)?cipher$/.test(callee)) {
    cipherArg(s, c, c.args[0]?.node, callee);
    return;
  }
  if (/subtle\.(encrypt|decrypt)$/.test(callee) || (L === 'encrypt' && /subtle/.test(callee))) {
    const algo = c.args[0]?.node;
    const name = objProp(s, algo, 'name');
    if (name) cipherArg(s, c, name, callee);
    const iv = objProp(s, algo, /^(iv|counter|nonce)$/);
    if (iv) ivArg(s, c, iv, callee);
    return;
  }
  if (/^forge\.pki\.rsa\.generateKeyPair$/.test(callee)) {
    const a = c.args[0]?.node;
    const bits = a && s.sx.strip(a).type === 'object' ? objProp(s, a, 'bits') : a;
    sizeArg(s, c, bits, 'rsa', callee);
    return;
  }
  if (/subtle\.generateKey$/.test(callee) || L === 'generateKeyPair' || L === 'generateKeyPairSync') {
    const typeNode = L === 'generateKey' ? objProp(s, c.args[0]?.node, 'name') : c.args[0]?.node;
    const opts = L === 'generateKey' ? c.args[0]?.node : c.args[1]?.node;
    const tv = typeNode ? s.evalNode(typeNode) : { k: 'u' as const };
    const type = tv.k === 's' ? tv.v.toLowerCase() : '';
    const fam = /^rsa/.test(type) ? 'rsa' : /^(dsa)$/.test(type) ? 'dsa' : /^(dh)$/.test(type) ? 'dh' : /^(ec|ecdsa|ecdh)$/.test(type) ? 'ec' : /^aes/.test(type) ? 'aes' : '';
    const ml = objProp(s, opts, fam === 'aes' ? 'length' : /^(modulusLength|primeLength|divisorLength)$/);
    if (ml && fam) sizeArg(s, c, ml, fam === 'aes' ? 'aes' : fam, callee);
    const curve = objProp(s, opts, 'namedCurve');
    if (curve) s.site('curve', callee, curve, s.evalNode(curve), { ctxNode: c.node, flow: false });
    return;
  }
  if (callee === 'NodeRSA' && c.isNew) {
    sizeArg(s, c, objProp(s, c.args[0]?.node, 'b'), 'rsa', 'new NodeRSA');
    return;
  }
  if (L === 'createDiffieHellman' && c.args[0]) {
    const v = s.evalNode(c.args[0].node);
    if (v.k === 'n') s.site('keysize', callee, c.args[0].node, v, { ctxNode: c.node, family: 'dh', flow: false });
    return;
  }
  if (L === 'getDiffieHellman' || L === 'createDiffieHellmanGroup') {
    const v = c.args[0] ? s.evalNode(c.args[0].node) : undefined;
    const bits: Record<string, number> = { modp1: 768, modp2: 1024, modp5: 1536 };
    if (v?.k === 's' && bits[v.v]) s.site('keysize', callee, c.args[0].node, { k: 'n', v: bits[v.v] }, { ctxNode: c.node, family: 'dh', flow: false });
    return;
  }
  if (L === 'createECDH' && c.args[0]) {
    s.site('curve', callee, c.args[0].node, s.evalNode(c.args[0].node), { ctxNode: c.node, flow: false });
    return;
  }
  if ((L === 'pbkdf2' || L === 'pbkdf2Sync') && c.args.length >= 3) {
    iterArg(s, c, c.args[2].node, 'pbkdf2', callee);
    return;
  }
  if (/^(bcrypt\.)?(hash|hashSync|genSalt|genSaltSync)$/.test(callee) && /bcrypt/.test(callee)) {
    const a = /genSalt/.test(L) ? c.args[0]?.node : c.args[1]?.node;
    if (a) {
      const v = s.evalNode(a);
      if (v.k === 'n') s.site('pwhash', callee, a, v, { ctxNode: c.node, family: 'bcrypt', flow: false });
    }
    return;
  }
  if (/^Math\.random$/.test(callee)) {
    randSite(s, c, 'Math.random()', mathRandomFixes(s, c));
    return;
  }
  if (/^jwt\.(sign|verify)$/.test(callee) || (L === 'sign' && /jwt|jsonwebtoken/i.test(callee))) {
    keyArg(s, c, c.args[1]?.node, callee);
    return;
  }
  if (/^(tls|https|http2)\.(connect|request|get|Agent|createSecureContext|createServer)$/.test(callee) || (c.isNew && /^(https\.)?Agent$/.test(callee))) {
    return; // options objects are handled by the pair model
  }
}

function mathRandomFixes(s: Scan, c: CallShape): SiteFix[] {
  const fixes: SiteFix[] = [];
  // Math.floor(Math.random() * N) → crypto.randomInt(N) when node:crypto is imported.
  const bin = c.node.parent;
  const floorCall = bin?.parent?.type === 'arguments' ? bin.parent.parent : undefined;
  let cryptoName: string | undefined;
  for (const [alias, target] of s.aliases) if (target === 'crypto') cryptoName = alias;
  if (bin?.type === 'binary_expression' && floorCall) {
    const fc = s.sx.call(floorCall);
    const right = bin.childForFieldName('right');
    const op = bin.childForFieldName('operator')?.text ?? bin.children.find((x) => x && !x.isNamed)?.text;
    if (fc && fc.callee === 'Math.floor' && op === '*' && right && bin.childForFieldName('left')?.id === c.node.id && cryptoName) {
      fixes.push({ title: `Use ${cryptoName}.randomInt(${right.text})`, edits: [{ range: s.range(floorCall), newText: `${cryptoName}.randomInt(${right.text})` }] });
    }
  }
  fixes.push({ title: 'Use crypto.getRandomValues (CSPRNG)', edits: [{ range: s.range(c.node), newText: 'crypto.getRandomValues(new Uint32Array(1))[0] / 4294967296' }] });
  return fixes;
}

const PY_RANDOM = /^(random|numpy\.random|np\.random)\.(random|randint|randrange|choice|choices|sample|getrandbits|uniform|shuffle|randbytes|rand|randn|bytes|triangular|gauss|normalvariate|lognormvariate|expovariate|vonmisesvariate|gammavariate|betavariate|paretovariate|weibullvariate|binomialvariate)$/;

function pyCall(s: Scan, c: CallShape, callee: string): void {
  const L = c.last;
  const nsf = kwArg(c, 'usedforsecurity');
  const notSecurity = nsf ? s.evalNode(nsf).k === 'b' && (s.evalNode(nsf) as { v: boolean }).v === false : false;
  let m = /^(?:hashlib|_hashlib)\.(md5|sha1|md4|ripemd160|new|pbkdf2_hmac|sha224|sha256|sha384|sha512|sha3_256|sha3_512|blake2b|blake2s)$/.exec(callee);
  if (m) {
    if (m[1] === 'new') {
      const a = arg(c, 0, 'name');
      if (a) hashSite(s, c, a, s.evalNode(a), callee, { notSecurity, fixes: literalFix(s, a, 'sha256', "Use SHA-256 (hashlib.new('sha256'))", ['md5', 'sha1', 'md4']) });
    } else if (m[1] === 'pbkdf2_hmac') {
      iterArg(s, c, arg(c, 3, 'iterations'), 'pbkdf2', callee);
    } else {
      const fixes: SiteFix[] | undefined = m[1] === 'md5' || m[1] === 'sha1' ? [{ title: 'Use hashlib.sha256', edits: [{ range: s.range(c.calleeNode.childForFieldName('attribute') ?? c.calleeNode), newText: 'sha256' }], when: ['md5', 'sha-1'] }] : undefined;
      hashSite(s, c, c.calleeNode, str(HASH_FNS[m[1]] ?? m[1].replace('_', '-')), callee, { notSecurity, fixes: c.calleeNode.type === 'attribute' ? fixes : undefined });
    }
    return;
  }
  m = /(?:^|\.)(MD5|MD4|MD2|SHA|SHA1|RIPEMD|RIPEMD160)\.new$/.exec(callee);
  if (m && (/Crypto(dome)?\.Hash/.test(callee) || s.modules.has('Crypto.Hash') || s.modules.has('Cryptodome.Hash'))) {
    hashSite(s, c, c.calleeNode, str(HASH_FNS[m[1].toLowerCase()] ?? 'SHA-1'), callee);
    return;
  }
  m = /(?:^|\.)hashes\.(MD5|SHA1)$/.exec(callee);
  if (m) {
    hashSite(s, c, c.calleeNode, str(m[1]), callee);
    return;
  }
  if (/^hmac\.(new|digest|HMAC)$/.test(callee)) {
    const d = arg(c, 2, 'digestmod', 'digest');
    if (d) {
      const dt = s.sx.dotted(d);
      const rd = dt ? s.resolveAlias(dt) : undefined;
      const v = rd && /^hashlib\.(md5|sha1|md4)$/.test(rd) ? str(HASH_FNS[rd.split('.')[1]]) : s.evalNode(d);
      hashSite(s, c, d, v, callee, { family: 'hmac' });
    }
    keyArg(s, c, arg(c, 0, 'key'), callee);
    return;
  }
  m = /(?:^|\.)(DES|DES3|ARC4|ARC2|Blowfish|CAST|XOR|AES|ChaCha20|Salsa20)\.new$/.exec(callee);
  if (m && (/Crypto(dome)?\.Cipher/.test(callee) || [...s.modules].some((x) => /Crypto(dome)?(\.Cipher)?$/.test(x)))) {
    if (m[1] !== 'AES' && m[1] !== 'ChaCha20' && m[1] !== 'Salsa20') cipherFixed(s, c, m[1] === 'DES3' ? '3DES' : m[1], callee);
    keyArg(s, c, arg(c, 0, 'key'), callee);
    const iv = kwArg(c, 'iv', 'nonce', 'IV') ?? (m[1] === 'AES' || m[1] === 'DES' || m[1] === 'DES3' || m[1] === 'Blowfish' ? positional(c, 2) : undefined);
    if (iv) ivArg(s, c, iv, callee);
    return;
  }
  m = /(?:^|\.)algorithms\.(TripleDES|Blowfish|ARC4|IDEA|CAST5|SEED)$/.exec(callee);
  if (m) {
    if (m[1] !== 'SEED') cipherFixed(s, c, m[1] === 'TripleDES' ? '3DES' : m[1], callee);
    keyArg(s, c, c.args[0]?.node, callee);
    return;
  }
  m = /(?:^|\.)modes\.(ECB|CBC|CTR|OFB|CFB|CFB8|GCM|XTS)$/.exec(callee);
  if (m) {
    if (m[1] === 'ECB') s.site('mode', callee, c.calleeNode, str('ECB'), { ctxNode: c.node, flow: false });
    else {
      s.site('mode', callee, c.calleeNode, str(m[1]), { ctxNode: c.node, flow: false });
      ivArg(s, c, arg(c, 0, 'initialization_vector', 'nonce', 'tweak'), callee);
    }
    return;
  }
  if ((L === 'encrypt' || L === 'decrypt') && c.recv) {
    const ctor = recvCtor(s, c.recv);
    if (ctor && /(^|\.)(AESGCM|ChaCha20Poly1305|AESCCM|AESOCB3|AESGCMSIV)$/.test(ctor.callee)) {
      ivArg(s, c, arg(c, 0, 'nonce'), `${ctor.callee.split('.').pop()}.${L}`);
      keyArg(s, c, ctor.call.args[0]?.node, ctor.callee);
      return;
    }
  }
  if (/(^|\.)(pyDes\.)?(des|triple_des)$/.test(callee) && /pyDes/.test(callee + [...s.modules].join(' '))) {
    cipherFixed(s, c, /triple/.test(callee) ? '3DES' : 'DES', callee);
    return;
  }
  if (/(^|\.)rsa\.generate_private_key$/.test(callee) || /(^|\.)dsa\.generate_private_key$/.test(callee)) {
    sizeArg(s, c, arg(c, /dsa/.test(callee) ? 0 : 1, 'key_size'), /dsa/.test(callee) ? 'dsa' : 'rsa', callee);
    return;
  }
  if (/(^|\.)dh\.generate_parameters$/.test(callee)) {
    sizeArg(s, c, arg(c, 1, 'key_size'), 'dh', callee);
    return;
  }
  if (/(^|\.)ec\.generate_private_key$/.test(callee)) {
    const cv = arg(c, 0, 'curve');
    if (cv) {
      const name = s.sx.dotted(s.sx.is('calls', s.sx.strip(cv)) ? s.sx.call(s.sx.strip(cv))?.calleeNode : cv);
      if (name) s.site('curve', callee, cv, str(name.split('.').pop()!), { ctxNode: c.node, flow: false });
    }
    return;
  }
  if (/(^|\.)(RSA|DSA)\.generate$/.test(callee) || /^rsa\.newkeys$/.test(callee) || /(^|\.)(RSAKey|DSSKey)\.generate$/.test(callee)) {
    sizeArg(s, c, arg(c, 0, 'bits', 'nbits'), /DSA|DSS/.test(callee) ? 'dsa' : 'rsa', callee);
    return;
  }
  if (L === 'generate_key' && c.args.length >= 2) {
    const t = s.sx.dotted(c.args[0].node) ?? '';
    sizeArg(s, c, c.args[1].node, /DSA/.test(t) ? 'dsa' : 'rsa', callee);
    return;
  }
  if (/(^|\.)PBKDF2HMAC$/.test(callee)) {
    iterArg(s, c, kwArg(c, 'iterations') ?? positional(c, 3), 'pbkdf2', callee);
    return;
  }
  if (/(^|\.)PBKDF2$/.test(callee) && /Crypto(dome)?\.Protocol\.KDF|^PBKDF2$/.test(callee)) {
    iterArg(s, c, arg(c, 3, 'count'), 'pbkdf2', callee, 1000);
    return;
  }
  if (/(^|\.)bcrypt\.gensalt$/.test(callee)) {
    const a = arg(c, 0, 'rounds');
    if (a) iterArg(s, c, a, 'bcrypt', callee);
    return;
  }
  if (PY_RANDOM.test(callee) && !/SystemRandom/.test(callee)) {
    const map: Record<string, [string, (args: string) => string]> = {
      choice: ['secrets.choice', (a) => `secrets.choice(${a})`],
      getrandbits: ['secrets.randbits', (a) => `secrets.randbits(${a})`],
      randbytes: ['secrets.token_bytes', (a) => `secrets.token_bytes(${a})`],
    };
    const fx = callee.startsWith('random.') ? map[L] : undefined;
    let fixes: SiteFix[] | undefined;
    if (fx) {
      const argsText = c.node.childForFieldName('arguments')?.text.slice(1, -1) ?? '';
      const edits = [{ range: s.range(c.node), newText: fx[1](argsText) }];
      if (!s.modules.has('secrets')) edits.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'import secrets\n' });
      fixes = [{ title: `Use ${fx[0]} (CSPRNG)`, edits }];
    }
    randSite(s, c, callee, fixes);
    return;
  }
  if (c.recv && /^(random|randint|randrange|choice|choices|sample|getrandbits|uniform|shuffle|randbytes)$/.test(L)) {
    const ctor = recvCtor(s, c.recv);
    if (ctor && /^random\.Random$/.test(ctor.callee)) randSite(s, c, `random.Random().${L}`);
    return;
  }
  if (/^ssl\._create_unverified_context$/.test(callee) || /^ssl\._create_stdlib_context$/.test(callee)) {
    tlsOff(s, c.node, callee, { k: 'b', v: false }, { k: 'b', v: false });
    return;
  }
  if (/^ssl\.wrap_socket$/.test(callee)) {
    const cr = kwArg(c, 'cert_reqs');
    if (!cr) tlsOff(s, c.calleeNode, callee, { k: 's', v: 'CERT_NONE' }, { k: 's', v: 'CERT_NONE' }, undefined, 'ssl.wrap_socket does not verify certificates unless cert_reqs=ssl.CERT_REQUIRED is given (and it was removed in Python 3.12); use SSLContext.wrap_socket from ssl.create_default_context().');
    const pv = kwArg(c, 'ssl_version');
    if (pv) tlsProto(s, c, pv, callee);
    return;
  }
  if (/(^|\.)(SSLContext|SSL\.Context)$/.test(callee)) {
    tlsProto(s, c, arg(c, 0, 'protocol', 'method'), callee);
    return;
  }
  if (/^(ftplib\.)?FTP$/.test(callee) && (callee === 'ftplib.FTP' || s.modules.has('ftplib'))) {
    const h = arg(c, 0, 'host');
    const hv = h ? s.evalNode(h) : undefined;
    s.site('url', callee, c.node, hv && hv.k !== 'u' ? { k: 'cat', parts: [str('ftp://'), hv] } : str('ftp://'), { ctxNode: c.node, family: 'protocol', note: 'FTP sends credentials and data in cleartext; use SFTP or FTPS (ftplib.FTP_TLS).', flow: false });
    return;
  }
  if (/^(telnetlib\.)?Telnet$/.test(callee) && (callee === 'telnetlib.Telnet' || s.modules.has('telnetlib'))) {
    const h = arg(c, 0, 'host');
    const hv = h ? s.evalNode(h) : undefined;
    s.site('url', callee, c.node, hv && hv.k !== 'u' ? { k: 'cat', parts: [str('telnet://'), hv] } : str('telnet://'), { ctxNode: c.node, family: 'protocol', note: 'Telnet is cleartext; use SSH.', flow: false });
    return;
  }
  if (/^jwt\.encode$/.test(callee)) {
    keyArg(s, c, arg(c, 1, 'key'), callee);
    return;
  }
  if (/(^|\.)Fernet$/.test(callee)) {
    keyArg(s, c, c.args[0]?.node, callee);
    return;
  }
}

const JVM_RANDOM_METHODS = /^(nextInt|nextLong|nextDouble|nextFloat|nextBytes|nextGaussian|nextBoolean|ints|longs|doubles|nextUInt|nextULong)$/;

function jvmCall(s: Scan, c: CallShape, callee: string): void {
  const L = c.last;
  const a0 = c.args[0]?.node;
  if (ends(callee, 'MessageDigest.getInstance') || (L === 'getDigest' && /DigestUtils/.test(callee)) || (c.isNew && ends(callee, 'DigestUtils') && a0)) {
    if (a0) hashSite(s, c, a0, s.evalNode(a0), callee);
    return;
  }
  let m = /(?:^|\.)DigestUtils\.(md2|md5|sha1|sha|md2Hex|md5Hex|sha1Hex|shaHex|getMd5Digest|getSha1Digest|getMd2Digest|getShaDigest)$/.exec(callee);
  if (m) {
    const alg = /md5/i.test(m[1]) ? 'MD5' : /md2/i.test(m[1]) ? 'MD2' : 'SHA-1';
    hashSite(s, c, c.calleeNode, str(alg), callee);
    return;
  }
  if (ends(callee, 'Mac.getInstance')) {
    if (a0) hashSite(s, c, a0, s.evalNode(a0), callee, { family: 'hmac' });
    return;
  }
  if (ends(callee, 'Signature.getInstance')) {
    if (a0) hashSite(s, c, a0, s.evalNode(a0), callee, { family: 'signature' });
    return;
  }
  m = /(?:^|\.)Hashing\.(md5|sha1)$/.exec(callee);
  if (m) {
    hashSite(s, c, c.calleeNode, str(m[1] === 'md5' ? 'MD5' : 'SHA-1'), callee);
    return;
  }
  if (c.isNew && /(^|\.)(MD5Digest|SHA1Digest|MD4Digest|MD2Digest|RIPEMD160Digest)$/.test(callee)) {
    hashSite(s, c, c.calleeNode, str(callee.split('.').pop()!.replace('Digest', '')), `new ${callee}`, { family: argOfHmac(s, c.node) ? 'hmac' : undefined });
    return;
  }
  if (ends(callee, 'Cipher.getInstance')) {
    cipherArg(s, c, a0, callee, 'jca');
    return;
  }
  if (ends(callee, 'KeyGenerator.getInstance', 'SecretKeyFactory.getInstance', 'KeyFactory.getInstance')) {
    if (a0) s.site('cipher', callee, a0, s.evalNode(a0), { ctxNode: c.node, family: 'keyalg', flow: false });
    return;
  }
  if (c.isNew && ends(callee, 'SecretKeySpec')) {
    const alg = c.args[c.args.length - 1]?.node;
    if (alg && c.args.length >= 2) s.site('cipher', `new ${callee}`, alg, s.evalNode(alg), { ctxNode: c.node, family: 'keyalg', flow: false });
    keyArg(s, c, a0, `new ${callee}`);
    return;
  }
  if (c.isNew && /(^|\.)(DESKeySpec|DESedeKeySpec)$/.test(callee)) {
    cipherFixed(s, c, /DESede/.test(callee) ? '3DES' : 'DES', `new ${callee}`);
    keyArg(s, c, a0, `new ${callee}`);
    return;
  }
  if (c.isNew && ends(callee, 'IvParameterSpec')) {
    ivArg(s, c, a0, `new ${callee}`);
    return;
  }
  if (c.isNew && ends(callee, 'GCMParameterSpec')) {
    ivArg(s, c, c.args[1]?.node, `new ${callee}`);
    return;
  }
  if (c.isNew && ends(callee, 'PBEKeySpec') && c.args.length >= 3) {
    iterArg(s, c, c.args[2].node, 'pbkdf2', `new ${callee}`);
    return;
  }
  if (c.isNew && ends(callee, 'PBEParameterSpec') && c.args.length >= 2) {
    iterArg(s, c, c.args[1].node, 'pbkdf2', `new ${callee}`);
    return;
  }
  if (c.isNew && ends(callee, 'RSAKeyGenParameterSpec')) {
    sizeArg(s, c, a0, 'rsa', `new ${callee}`);
    return;
  }
  if (c.isNew && ends(callee, 'ECGenParameterSpec')) {
    if (a0) s.site('curve', `new ${callee}`, a0, s.evalNode(a0), { ctxNode: c.node, flow: false });
    return;
  }
  if ((L === 'initialize' || L === 'init') && c.recv && a0) {
    const ctor = recvCtor(s, c.recv);
    if (!ctor) return;
    const alg = ctor.call.args[0] ? s.evalNode(ctor.call.args[0].node) : undefined;
    const an = alg?.k === 's' ? alg.v.toUpperCase() : '';
    if (ends(ctor.callee, 'KeyPairGenerator.getInstance') && L === 'initialize') {
      const fam = an === 'RSA' ? 'rsa' : an === 'DSA' ? 'dsa' : /^(DH|DIFFIEHELLMAN)$/.test(an) ? 'dh' : /^EC/.test(an) ? 'ec' : '';
      if (fam) sizeArg(s, c, a0, fam, `KeyPairGenerator(${an}).initialize`);
    } else if (ends(ctor.callee, 'KeyGenerator.getInstance') && L === 'init' && /^AES/.test(an)) {
      sizeArg(s, c, a0, 'aes', `KeyGenerator(${an}).init`);
    }
    return;
  }
  // Insecure random: java.util.Random, Math.random, ThreadLocalRandom, kotlin.random.Random, commons RandomStringUtils.
  if (/(^|\.)Math\.random$/.test(callee) || (s.family === 'kotlin' && /^(Random|kotlin\.random\.Random)\.(nextInt|nextLong|nextDouble|nextFloat|nextBytes|nextBoolean|nextUInt)$/.test(callee))) {
    randSite(s, c, callee);
    return;
  }
  if (/(^|\.)RandomStringUtils\.(random|randomAlphanumeric|randomAlphabetic|randomNumeric|randomAscii|randomGraph|randomPrint)$/.test(callee) || /(^|\.)RandomUtils\.next\w+$/.test(callee)) {
    randSite(s, c, callee);
    return;
  }
  if (JVM_RANDOM_METHODS.test(L) && c.recv) {
    if (/ThreadLocalRandom\.current\(\)$/.test(s.sx.dotted(c.recv) ?? '')) {
      randSite(s, c, 'ThreadLocalRandom');
      return;
    }
    const ctor = recvCtor(s, c.recv);
    if (ctor && c.isNew === false && /^(java\.util\.)?Random$|^(kotlin\.random\.)?Random$/.test(ctor.callee) && (ctor.call.isNew || s.family === 'kotlin')) {
      randSite(s, c, `java.util.Random.${L}`);
    }
    return;
  }
  // TLS.
  if (/^(setHostnameVerifier|setDefaultHostnameVerifier|hostnameVerifier|setSSLHostnameVerifier)$/.test(L)) {
    const v = a0 ?? c.block;
    if (!v) return;
    const r = lambdaResult(s, v);
    const t = s.sx.strip(v).text;
    if (r === 'true' || /NoopHostnameVerifier|ALLOW_ALL_HOSTNAME_VERIFIER|AllowAllHostnameVerifier/.test(t)) {
      tlsOff(s, v, callee, { k: 'b', v: true }, { k: 'b', v: true }, undefined, 'Host-name verification is off: a valid certificate for any host is accepted.');
    }
    return;
  }
  if (L === 'loadTrustMaterial' || (c.isNew && /(^|\.)(TrustSelfSignedStrategy|TrustAllStrategy)$/.test(callee))) {
    const v = c.args[c.args.length - 1]?.node;
    if (c.isNew) tlsOff(s, c.node, callee, { k: 'b', v: true }, { k: 'b', v: true });
    else if (v && (lambdaResult(s, v) === 'true' || /TrustAllStrategy|TrustSelfSignedStrategy/.test(v.text))) tlsOff(s, v, callee, { k: 'b', v: true }, { k: 'b', v: true });
    return;
  }
  if (c.isNew && /(^|\.)(NoopHostnameVerifier|AllowAllHostnameVerifier)$/.test(callee)) {
    if (!/^(setHostnameVerifier|setDefaultHostnameVerifier|hostnameVerifier|setSSLHostnameVerifier)$/.test(c.node.parent?.parent ? s.sx.call(c.node.parent.parent)?.last ?? '' : '')) tlsOff(s, c.node, callee, { k: 'b', v: true }, { k: 'b', v: true });
    return;
  }
  if (s.family === 'kotlin' && /(^|\.)HostnameVerifier$/.test(callee) && c.block && lambdaResult(s, c.block) === 'true') {
    tlsOff(s, c.node, callee, { k: 'b', v: true }, { k: 'b', v: true });
    return;
  }
  if (ends(callee, 'SSLContext.getInstance')) {
    if (a0) {
      const v = s.evalNode(a0);
      // "SSL" is the same generic context as "TLS" in every JSSE (Java 8+, Android): SSLv3 stays off. Only
      // a hint: on an outdated runtime the SSL family may still include SSLv3.
      const generic = v.k === 's' && v.v.toUpperCase() === 'SSL';
      s.site('tls-proto', callee, a0, v, { ctxNode: c.node, family: generic ? 'generic-ssl' : undefined, flow: false });
    }
    return;
  }
  if (L === 'setEnabledProtocols' || L === 'tlsVersions' || L === 'setProtocols') {
    for (const a of c.args) tlsProto(s, c, a.node, callee);
    return;
  }
  if (ends(callee, 'System.setProperty') && a0 && c.args[1]) {
    const k = s.evalNode(a0);
    if (k.k === 's' && /^(https\.protocols|jdk\.tls\.client\.protocols|jdk\.tls\.server\.protocols)$/.test(k.v)) {
      const v = s.evalNode(c.args[1].node);
      if (v.k === 's') s.site('tls-proto', callee, c.args[1].node, { k: 'alt', opts: v.v.split(',').map((x) => str(x.trim())) }, { ctxNode: c.node, flow: false });
    }
    return;
  }
  // Credentials passed as literals.
  if (ends(callee, 'DriverManager.getConnection') && c.args.length >= 3) {
    secretLiteral(s, c.args[2].node, 'password', callee);
    return;
  }
  if (c.isNew && ends(callee, 'PasswordAuthentication') && c.args.length >= 2) {
    secretLiteral(s, c.args[1].node, 'password', `new ${callee}`);
    return;
  }
  if (/^(set)?(password|Password|secret|Secret|apiKey|ApiKey|clientSecret|ClientSecret|secretKey|SecretKey|accessToken|AccessToken)$/.test(L) && a0 && c.args.length === 1) {
    secretLiteral(s, a0, L.replace(/^set/, ''), callee);
    return;
  }
  if (/(^|\.)(Jwts\.builder\(\)\.)?signWith$/.test(callee) || L === 'signWith') {
    keyArg(s, c, c.args[c.args.length - 1]?.node, callee);
  }
  if (ends(callee, 'Algorithm.HMAC256', 'Algorithm.HMAC384', 'Algorithm.HMAC512')) keyArg(s, c, a0, callee);
}

function csCall(s: Scan, c: CallShape, callee: string): void {
  const L = c.last;
  const a0 = c.args[0]?.node;
  let m = /(?:^|\.)(MD5|SHA1|RIPEMD160|MD5CryptoServiceProvider|SHA1CryptoServiceProvider|SHA1Managed|RIPEMD160Managed|HMACMD5|HMACRIPEMD160|SHA1Cng|MD5Cng|SHA256|SHA384|SHA512|SHA256Managed|SHA512Managed|SHA256CryptoServiceProvider)(?:\.(Create|HashData|HashDataAsync))?$/.exec(callee);
  if (m && (c.isNew || m[2])) {
    const alg = /MD5/.test(m[1]) ? 'MD5' : /RIPEMD/.test(m[1]) ? 'RIPEMD-160' : /SHA(256|384|512)/.test(m[1]) ? `SHA-${/SHA(256|384|512)/.exec(m[1])![1]}` : 'SHA-1';
    hashSite(s, c, c.calleeNode, str(alg), c.isNew ? `new ${callee}` : callee, { family: /^HMAC/.test(m[1]) ? 'hmac' : undefined });
    if (/^HMAC/.test(m[1])) keyArg(s, c, a0, callee);
    return;
  }
  if (ends(callee, 'HashAlgorithm.Create', 'CryptoConfig.CreateFromName', 'KeyedHashAlgorithm.Create', 'HMAC.Create')) {
    if (a0) {
      const v = s.evalNode(a0);
      const sv = v.k === 's' ? v.v : '';
      if (/des|rc2|rc4|tripledes|rijndael/i.test(sv)) s.site('cipher', callee, a0, v, { ctxNode: c.node, flow: false });
      else hashSite(s, c, a0, v, callee);
    }
    return;
  }
  m = /(?:^|\.)(DES|TripleDES|RC2|DESCryptoServiceProvider|TripleDESCryptoServiceProvider|RC2CryptoServiceProvider|TripleDESCng)(?:\.(Create))?$/.exec(callee);
  if (m && (c.isNew || m[2])) {
    cipherFixed(s, c, /Triple/.test(m[1]) ? '3DES' : /RC2/.test(m[1]) ? 'RC2' : 'DES', c.isNew ? `new ${callee}` : callee);
    return;
  }
  if (ends(callee, 'SymmetricAlgorithm.Create')) {
    if (a0) s.site('cipher', callee, a0, s.evalNode(a0), { ctxNode: c.node, flow: false });
    return;
  }
  if (L === 'CreateEncryptor' || L === 'CreateDecryptor') {
    if (c.args.length >= 2) {
      keyArg(s, c, a0, callee);
      ivArg(s, c, c.args[1].node, callee);
    }
    return;
  }
  if ((c.isNew && /(^|\.)(RSACryptoServiceProvider|DSACryptoServiceProvider|RSACng|DSACng)$/.test(callee)) || ends(callee, 'RSA.Create', 'DSA.Create')) {
    if (a0) {
      const v = s.evalNode(a0);
      if (v.k === 'n') s.site('keysize', callee, a0, v, { ctxNode: c.node, family: /DSA/.test(callee) ? 'dsa' : 'rsa', flow: false });
    }
    return;
  }
  if (c.isNew && ends(callee, 'Rfc2898DeriveBytes')) {
    const it = c.args[2]?.node;
    if (it) iterArg(s, c, it, 'pbkdf2', `new ${callee}`);
    else iterArg(s, c, undefined, 'pbkdf2', `new ${callee}`, 1000);
    return;
  }
  if (ends(callee, 'Rfc2898DeriveBytes.Pbkdf2') || ends(callee, 'KeyDerivation.Pbkdf2')) {
    iterArg(s, c, arg(c, 2, 'iterations', 'iterationCount'), 'pbkdf2', callee);
    return;
  }
  if (/^(Next|NextBytes|NextDouble|NextInt64|NextSingle)$/.test(L) && c.recv) {
    const d = s.sx.dotted(c.recv) ?? '';
    if (/(^|\.)Random\.Shared$/.test(d)) {
      randSite(s, c, 'Random.Shared');
      return;
    }
    const ctor = recvCtor(s, c.recv);
    if (ctor && ctor.call.isNew && /^(System\.)?Random$/.test(ctor.callee)) randSite(s, c, `System.Random.${L}`);
    return;
  }
  if (c.isNew && ends(callee, 'NetworkCredential') && c.args.length >= 2) {
    secretLiteral(s, c.args[1].node, 'password', `new ${callee}`);
    return;
  }
  if (c.isNew && /(^|\.)(SymmetricSecurityKey)$/.test(callee)) {
    keyArg(s, c, a0, `new ${callee}`);
    return;
  }
  if (c.isNew && /(^|\.)(RemoteCertificateValidationCallback)$/.test(callee) && a0 && lambdaResult(s, a0) === 'true') {
    tlsOff(s, a0, callee, { k: 'b', v: true }, { k: 'b', v: true });
  }
}

function goCall(s: Scan, c: CallShape, callee: string): void {
  const L = c.last;
  const a0 = c.args[0]?.node;
  let m = /^(crypto\/md5|crypto\/sha1|golang\.org\/x\/crypto\/md4|golang\.org\/x\/crypto\/ripemd160)\.(New|Sum)$/.exec(callee);
  if (m) {
    hashSite(s, c, c.calleeNode, str(m[1].includes('md5') ? 'MD5' : m[1].includes('sha1') ? 'SHA-1' : m[1].includes('md4') ? 'MD4' : 'RIPEMD-160'), callee.replace(/^.*\//, ''));
    return;
  }
  if (callee === 'crypto/hmac.New' && a0) {
    const d = s.resolveAlias(s.sx.dotted(a0) ?? '');
    const mm = /^(crypto\/md5|crypto\/sha1)\.New$/.exec(d);
    if (mm) hashSite(s, c, a0, str(mm[1].includes('md5') ? 'MD5' : 'SHA-1'), 'hmac.New', { family: 'hmac' });
    keyArg(s, c, c.args[1]?.node, 'hmac.New');
    return;
  }
  m = /^(crypto\/des|crypto\/rc4|golang\.org\/x\/crypto\/blowfish|golang\.org\/x\/crypto\/cast5|golang\.org\/x\/crypto\/tea|golang\.org\/x\/crypto\/xtea)\.(NewCipher|NewTripleDESCipher|NewSaltedCipher)$/.exec(callee);
  if (m) {
    const name = m[2] === 'NewTripleDESCipher' ? '3DES' : m[1].includes('des') ? 'DES' : m[1].includes('rc4') ? 'RC4' : m[1].includes('blowfish') ? 'Blowfish' : m[1].includes('cast5') ? 'CAST5' : m[1].includes('xtea') ? 'XTEA' : 'TEA';
    cipherFixed(s, c, name, callee.replace(/^.*\//, ''));
    keyArg(s, c, a0, callee.replace(/^.*\//, ''));
    return;
  }
  if (callee === 'crypto/aes.NewCipher') {
    keyArg(s, c, a0, 'aes.NewCipher');
    return;
  }
  if (/^crypto\/cipher\.(NewCBCEncrypter|NewCBCDecrypter|NewCTR|NewOFB|NewCFBEncrypter|NewCFBDecrypter)$/.test(callee)) {
    ivArg(s, c, c.args[1]?.node, callee.replace(/^.*\//, ''));
    return;
  }
  if ((L === 'Seal' || L === 'Open') && c.recv) {
    const ctor = recvCtor(s, c.recv);
    if (ctor && /^(crypto\/cipher\.NewGCM|crypto\/cipher\.NewGCMWithNonceSize|golang\.org\/x\/crypto\/chacha20poly1305\.New|golang\.org\/x\/crypto\/chacha20poly1305\.NewX)$/.test(ctor.callee)) {
      if (L === 'Seal') ivArg(s, c, c.args[1]?.node, `${ctor.callee.replace(/^.*\//, '')}().Seal`);
    }
    return;
  }
  if (/^crypto\/rsa\.(GenerateKey|GenerateMultiPrimeKey)$/.test(callee)) {
    sizeArg(s, c, c.args[c.args.length - 1]?.node, 'rsa', callee.replace(/^.*\//, ''));
    return;
  }
  if (/^(math\/rand|math\/rand\/v2)\.(Int|Intn|Int31|Int31n|Int63|Int63n|Uint32|Uint64|Float32|Float64|Perm|Read|Shuffle|N|IntN|Int32|Int32N|Int64|Int64N|UintN|Uint32N|Uint64N|ExpFloat64|NormFloat64)$/.test(callee)) {
    randSite(s, c, callee.replace(/^math\//, 'math/'));
    return;
  }
  if (c.recv && /^(Int|Intn|Int31|Int31n|Int63|Int63n|Uint32|Uint64|Float32|Float64|Perm|Read|Shuffle|IntN|Int64|Int64N)$/.test(L)) {
    const ctor = recvCtor(s, c.recv);
    if (ctor && /^(math\/rand|math\/rand\/v2)\.New$/.test(ctor.callee)) randSite(s, c, `math/rand.Rand.${L}`);
    return;
  }
  if (/^golang\.org\/x\/crypto\/pbkdf2\.Key$/.test(callee) || /^crypto\/pbkdf2\.Key$/.test(callee)) {
    iterArg(s, c, c.args[2]?.node, 'pbkdf2', 'pbkdf2.Key');
    return;
  }
  if (/^golang\.org\/x\/crypto\/bcrypt\.GenerateFromPassword$/.test(callee)) {
    const a = c.args[1]?.node;
    if (a) {
      const v = s.evalNode(a);
      const val = v.k === 'ref' && /MinCost$/.test(v.name) ? { k: 'n' as const, v: 4 } : v;
      if (val.k === 'n') s.site('pwhash', 'bcrypt.GenerateFromPassword', a, val, { ctxNode: c.node, family: 'bcrypt', flow: false });
    }
    return;
  }
  if (/^google\.golang\.org\/grpc\.WithInsecure$/.test(callee) || /^google\.golang\.org\/grpc\/credentials\/insecure\.NewCredentials$/.test(callee)) {
    s.site('url', callee.replace(/^.*\//, ''), c.node, str('grpc://'), { ctxNode: c.node, family: 'protocol', note: 'The gRPC connection has no transport security; use credentials.NewTLS(&tls.Config{MinVersion: tls.VersionTLS12}).', flow: false });
    return;
  }
  if (/^github\.com\/(jlaffaye\/ftp|secsy\/goftp)\.(Dial|DialTimeout|Connect)$/.test(callee)) {
    const hv = a0 ? s.evalNode(a0) : undefined;
    s.site('url', callee.replace(/^.*\//, ''), c.node, hv && hv.k !== 'u' ? { k: 'cat', parts: [str('ftp://'), hv] } : str('ftp://'), { ctxNode: c.node, family: 'protocol', note: 'FTP is cleartext; use SFTP or FTPS.', flow: false });
    return;
  }
  if (L === 'SignedString' && a0) keyArg(s, c, a0, 'jwt.SignedString');
}

function rustCall(s: Scan, c: CallShape, callee: string): void {
  const L = c.last;
  const a0 = c.args[0]?.node;
  const d = callee.replace(/::/g, '.');
  let m = /(?:^|\.)(md5\.compute|Md5\.(new|digest|new_with_prefix)|Sha1\.(new|digest|from|new_with_prefix)|Md4\.(new|digest)|Ripemd160\.(new|digest)|MessageDigest\.(md5|sha1)|sha1_smol\.Sha1\.(new|from))$/.exec(d);
  if (m) {
    const alg = /md5/i.test(m[1]) ? 'MD5' : /md4/i.test(m[1]) ? 'MD4' : /ripemd/i.test(m[1]) ? 'RIPEMD-160' : 'SHA-1';
    hashSite(s, c, c.calleeNode, str(alg), d.replace(/\./g, '::'));
    return;
  }
  m = /(?:^|\.)(Des|TdesEde3|TdesEde2|TdesEee3|Rc4|Blowfish|Cast5|Rc2|Idea)\.(new|new_from_slice|new_from_slices)$/.exec(d);
  if (m) {
    cipherFixed(s, c, /Tdes/.test(m[1]) ? '3DES' : m[1] === 'Rc4' ? 'RC4' : m[1] === 'Rc2' ? 'RC2' : m[1], d.replace(/\./g, '::'));
    return;
  }
  m = /(?:^|\.)Cipher\.(des_\w+|rc4|rc2_\w+|bf_\w+|cast5_\w+|idea_\w+|aes_\d+_ecb|seed_\w+)$/.exec(d);
  if (m) {
    s.site('cipher', d.replace(/\./g, '::'), c.calleeNode, str(m[1]), { ctxNode: c.node, flow: false });
    return;
  }
  if (/(^|\.)(ecb\.Encryptor|ecb\.Decryptor|Ecb)\.(new|new_from_slices|new_from_slice|new_var)$/.test(d)) {
    s.site('mode', d.replace(/\./g, '::'), c.calleeNode, str('ECB'), { ctxNode: c.node, flow: false });
    return;
  }
  if (/(^|\.)(cbc\.Encryptor|cbc\.Decryptor|Cbc|ctr\.\w+|Ctr\w*|cfb\w*\.\w+|ofb\.\w+)\.(new|new_from_slices)$/.test(d) && c.args.length >= 2) {
    ivArg(s, c, c.args[1].node, d.replace(/\./g, '::'));
    keyArg(s, c, a0, d.replace(/\./g, '::'));
    return;
  }
  if (/(^|\.)(Nonce|XNonce|Iv)\.(from_slice|from)$/.test(d) || /(^|\.)Nonce\.assume_unique_for_key$/.test(d)) {
    ivArg(s, c, a0, d.replace(/\./g, '::'));
    return;
  }
  if (/(^|\.)symm\.(encrypt|decrypt)$|^(openssl\.symm\.)?(encrypt|decrypt)$/.test(d) && c.args.length === 4) {
    keyArg(s, c, c.args[1].node, d.replace(/\./g, '::'));
    const iv = c.args[2].node;
    const inner = s.sx.call(s.sx.strip(iv));
    ivArg(s, c, inner && inner.callee === 'Some' ? inner.args[0]?.node : iv, d.replace(/\./g, '::'));
    return;
  }
  if (/(^|\.)(Rsa\.generate|Dsa\.generate)$/.test(d)) {
    sizeArg(s, c, a0, /Dsa/.test(d) ? 'dsa' : 'rsa', d.replace(/\./g, '::'));
    return;
  }
  if (/(^|\.)RsaPrivateKey\.(new|new_with_exp)$/.test(d)) {
    sizeArg(s, c, c.args[1]?.node, 'rsa', d.replace(/\./g, '::'));
    return;
  }
  if (/(^|\.)(SmallRng|XorShiftRng|Pcg32|Pcg64|Pcg64Mcg|Lcg64Xsh32|Xoshiro256PlusPlus|Xoshiro128PlusPlus|WyRand|Rand32|Rand64)\.(from_entropy|seed_from_u64|from_seed|new|from_rng|from_os_rng)$/.test(d) || /^fastrand\.\w+$/.test(d) || /(^|\.)StdRng\.seed_from_u64$/.test(d)) {
    randSite(s, c, d.replace(/\./g, '::'));
    return;
  }
  if (/(^|\.)(pbkdf2|pbkdf2_hmac|pbkdf2_hmac_array)$/.test(d) && c.args.length >= 3) {
    iterArg(s, c, c.args[2].node, 'pbkdf2', d.replace(/\./g, '::'));
    return;
  }
  if (/(^|\.)pbkdf2\.derive$/.test(d) && c.args.length >= 2) {
    const it = c.args[1].node;
    const inner = s.sx.call(s.sx.strip(it));
    const n = inner && /NonZeroU32(::|\.)new/.test(inner.callee) ? inner.args[0]?.node : inner && inner.last === 'unwrap' ? s.sx.call(s.sx.strip(inner.recv!))?.args[0]?.node : it;
    iterArg(s, c, n ?? it, 'pbkdf2', 'ring::pbkdf2::derive');
    return;
  }
  if (/(^|\.)bcrypt\.(hash|hash_with_salt|hash_with_result)$/.test(d) || (/^(hash|hash_with_salt)$/.test(L) && s.modules.has('bcrypt.hash'))) {
    const a = c.args[1]?.node;
    if (a) {
      const v = s.evalNode(a);
      if (v.k === 'n') s.site('pwhash', 'bcrypt::hash', a, v, { ctxNode: c.node, family: 'bcrypt', flow: false });
    }
    return;
  }
  if ((L === 'danger_accept_invalid_certs' || L === 'danger_accept_invalid_hostnames') && a0) {
    const v = s.evalNode(a0);
    if (v.k === 'b' && v.v) tlsOff(s, c.node.childForFieldName('function')?.childForFieldName('field') ?? c.node, L, v, v, [{ title: `${L}(false)`, edits: [{ range: s.range(a0), newText: 'false' }] }]);
    return;
  }
  if (L === 'set_certificate_verifier' && a0 && /NoVerif|Insecure|AcceptAll|Danger|NoCert|SkipVerif|NoServerVerif|NoopVerif/i.test(a0.text)) {
    tlsOff(s, a0, 'rustls dangerous().set_certificate_verifier', { k: 'b', v: true }, { k: 'b', v: true });
    return;
  }
  if ((L === 'set_min_proto_version' || L === 'set_max_proto_version' || L === 'min_protocol_version' || L === 'max_protocol_version') && a0) {
    const inner = s.sx.call(s.sx.strip(a0));
    tlsProto(s, c, inner && inner.callee === 'Some' ? inner.args[0]?.node : a0, L);
    return;
  }
}

function cCall(s: Scan, c: CallShape, callee: string): void {
  const L = callee.replace(/^(std|::)\./, '');
  const a = (i: number) => c.args[i]?.node;
  let m = /^(MD5|MD4|MD2|SHA1|SHA|RIPEMD160)(_Init|_Init_ex)?$|^EVP_(md5|md4|md2|sha1|ripemd160|md5_sha1)$|^mbedtls_(md5|sha1|md4|md2|ripemd160)(_ret|_starts|_starts_ret)?$|^CC_(MD5|SHA1|MD4|MD2)$|^wc_(InitMd5|Md5Hash|InitSha|ShaHash|InitMd4)$/.exec(L);
  if (m) {
    const w = (m[1] ?? m[3] ?? m[4] ?? m[6] ?? m[7] ?? '').toLowerCase();
    const alg = /md5/.test(w) ? 'MD5' : /md4/.test(w) ? 'MD4' : /md2/.test(w) ? 'MD2' : /ripemd/.test(w) ? 'RIPEMD-160' : 'SHA-1';
    hashSite(s, c, c.calleeNode, str(alg), L);
    return;
  }
  if (L === 'EVP_get_digestbyname' || L === 'EVP_MD_fetch' || L === 'mbedtls_md_info_from_type' || L === 'mbedtls_md_info_from_string') {
    const n = L === 'EVP_MD_fetch' ? a(1) : a(0);
    if (n) hashSite(s, c, n, s.evalNode(n), L);
    return;
  }
  m = /^EVP_(des\w*|rc4\w*|rc2\w*|bf_\w+|idea_\w+|cast5_\w+|aes_\d+_ecb|seed_\w+|desx_cbc)$/.exec(L);
  if (m) {
    s.site('cipher', L, c.calleeNode, str(m[1]), { ctxNode: c.node, flow: false });
    return;
  }
  if (/^(DES_set_key\w*|DES_ecb_encrypt|DES_ncbc_encrypt|DES_ede3_cbc_encrypt|DES_ecb3_encrypt|DES_cbc_encrypt|DES_key_sched)$/.test(L)) {
    cipherFixed(s, c, /ede3|ecb3/.test(L) ? '3DES' : 'DES', L);
    return;
  }
  if (/^(RC4_set_key|RC4|BF_set_key|RC2_set_key|mbedtls_des_setkey_enc|mbedtls_des_setkey_dec|mbedtls_des3_set3key_enc|mbedtls_des3_set2key_enc|mbedtls_des3_set3key_dec|mbedtls_arc4_setup|mbedtls_blowfish_setkey|CAST_set_key|IDEA_set_encrypt_key)$/.test(L)) {
    const name = /des3/.test(L) ? '3DES' : /DES|des/.test(L) ? 'DES' : /RC4|arc4/.test(L) ? 'RC4' : /BF|blowfish/.test(L) ? 'Blowfish' : /RC2/.test(L) ? 'RC2' : /CAST/.test(L) ? 'CAST5' : 'IDEA';
    cipherFixed(s, c, name, L);
    return;
  }
  if (/^(AES_ecb_encrypt|mbedtls_aes_crypt_ecb)$/.test(L)) {
    s.site('mode', L, c.calleeNode, str('ECB'), { ctxNode: c.node, flow: false });
    return;
  }
  if (L === 'EVP_get_cipherbyname' || L === 'EVP_CIPHER_fetch' || L === 'mbedtls_cipher_info_from_type' || L === 'mbedtls_cipher_info_from_string') {
    const n = L === 'EVP_CIPHER_fetch' ? a(1) : a(0);
    if (n) s.site('cipher', L, n, s.evalNode(n), { ctxNode: c.node, flow: false });
    return;
  }
  const ivPos: Record<string, [number, number]> = {
    EVP_EncryptInit_ex: [3, 4], EVP_DecryptInit_ex: [3, 4], EVP_CipherInit_ex: [3, 4], EVP_EncryptInit: [2, 3], EVP_DecryptInit: [2, 3], EVP_CipherInit: [2, 3],
    EVP_EncryptInit_ex2: [2, 3], EVP_DecryptInit_ex2: [2, 3], EVP_CipherInit_ex2: [2, 3], AES_cbc_encrypt: [-1, 4], AES_cfb128_encrypt: [-1, 4], AES_ofb128_encrypt: [-1, 4],
    mbedtls_aes_crypt_cbc: [-1, 3], mbedtls_gcm_crypt_and_tag: [-1, 3], mbedtls_gcm_starts: [-1, 2], mbedtls_aes_crypt_cfb128: [-1, 4], mbedtls_cipher_set_iv: [-1, 1],
  };
  const ip = ivPos[L];
  if (ip) {
    if (ip[0] >= 0) keyArg(s, c, a(ip[0]), L);
    const iv = a(ip[1]);
    if (iv && !/^(NULL|nullptr|0)$/.test(iv.text)) ivArg(s, c, iv, L);
    return;
  }
  if (L === 'mbedtls_aes_setkey_enc' || L === 'AES_set_encrypt_key' || L === 'mbedtls_cipher_setkey') {
    keyArg(s, c, a(L === 'AES_set_encrypt_key' ? 0 : 1), L);
    return;
  }
  const keyPos: Record<string, [number, string]> = {
    RSA_generate_key: [0, 'rsa'], RSA_generate_key_ex: [1, 'rsa'], EVP_PKEY_CTX_set_rsa_keygen_bits: [1, 'rsa'], EVP_RSA_gen: [0, 'rsa'],
    DSA_generate_parameters_ex: [1, 'dsa'], DSA_generate_parameters: [0, 'dsa'], DH_generate_parameters_ex: [1, 'dh'], DH_generate_parameters: [0, 'dh'],
    EVP_PKEY_CTX_set_dh_paramgen_prime_len: [1, 'dh'], EVP_PKEY_CTX_set_dsa_paramgen_bits: [1, 'dsa'], mbedtls_rsa_gen_key: [3, 'rsa'],
  };
  const kp = keyPos[L];
  if (kp) {
    sizeArg(s, c, a(kp[0]), kp[1], L);
    return;
  }
  if (L === 'EC_KEY_new_by_curve_name' || L === 'EC_GROUP_new_by_curve_name' || L === 'EVP_EC_gen' || L === 'EVP_PKEY_CTX_set_ec_paramgen_curve_nid') {
    const n = L === 'EVP_PKEY_CTX_set_ec_paramgen_curve_nid' ? a(1) : a(0);
    if (n) s.site('curve', L, n, s.evalNode(n), { ctxNode: c.node, flow: false });
    return;
  }
  if (/^(rand|random|drand48|lrand48|mrand48|erand48|nrand48|jrand48|rand_r|srand|srandom)$/.test(L) && (!c.recv || /^(std|::)\./.test(callee))) {
    randSite(s, c, `${L}()`);
    return;
  }
  const pb: Record<string, number> = { PKCS5_PBKDF2_HMAC: 4, PKCS5_PBKDF2_HMAC_SHA1: 4, mbedtls_pkcs5_pbkdf2_hmac: 5, mbedtls_pkcs5_pbkdf2_hmac_ext: 5, wc_PBKDF2: 5 };
  if (pb[L] !== undefined) {
    iterArg(s, c, a(pb[L]), 'pbkdf2', L);
    return;
  }
  if (L === 'curl_easy_setopt' && c.args.length >= 3) {
    const opt = a(1)!.text;
    if (/^CURLOPT_(PROXY_)?SSL_VERIFY(PEER|HOST)$/.test(opt)) {
      const v = s.evalNode(a(2));
      if ((v.k === 'n' && v.v === 0) || (v.k === 'b' && !v.v)) tlsOff(s, a(2)!, `curl_easy_setopt(${opt})`, v, v, undefined, opt.endsWith('HOST') ? 'Host-name verification is off.' : undefined);
    } else if (opt === 'CURLOPT_SSLVERSION') {
      tlsProto(s, c, a(2), 'curl_easy_setopt(CURLOPT_SSLVERSION)');
    }
    return;
  }
  if (/^(SSL_CTX_set_verify|SSL_set_verify|wolfSSL_CTX_set_verify|wolfSSL_set_verify)$/.test(L) && a(1)) {
    if (/^(SSL_VERIFY_NONE|WOLFSSL_VERIFY_NONE|0)$/.test(a(1)!.text.trim())) tlsOff(s, a(1)!, L, { k: 's', v: 'SSL_VERIFY_NONE' }, { k: 's', v: 'SSL_VERIFY_NONE' });
    return;
  }
  if (L === 'mbedtls_ssl_conf_authmode' && a(1)) {
    if (/MBEDTLS_SSL_VERIFY_NONE/.test(a(1)!.text)) tlsOff(s, a(1)!, L, { k: 's', v: 'MBEDTLS_SSL_VERIFY_NONE' }, { k: 's', v: 'MBEDTLS_SSL_VERIFY_NONE' });
    return;
  }
  if (/^(SSLv2|SSLv3|TLSv1|TLSv1_1|SSLv23)_(client_|server_)?method$/.test(L) && !/^SSLv23/.test(L)) {
    s.site('tls-proto', L, c.calleeNode, str(L), { ctxNode: c.node, flow: false });
    return;
  }
  if (/^(SSL_CTX_set_min_proto_version|SSL_set_min_proto_version|SSL_CTX_set_max_proto_version|SSL_set_max_proto_version)$/.test(L) && a(1)) {
    const t = a(1)!.text.trim();
    if (t !== '0') tlsProto(s, c, a(1), L);
    return;
  }
  if (L === 'mbedtls_ssl_conf_min_version' && a(2)) {
    const t = a(2)!.text;
    const minor = /MINOR_VERSION_(\d)/.exec(t)?.[1] ?? (/^\d$/.test(t) ? t : undefined);
    const ver: Record<string, string> = { '0': 'SSLv3', '1': 'TLSv1', '2': 'TLSv1.1' };
    if (minor && ver[minor]) s.site('tls-proto', L, a(2)!, str(ver[minor]), { ctxNode: c.node, flow: false });
  }
}

function swiftCall(s: Scan, c: CallShape, callee: string): void {
  const L = c.last;
  if (/^(CC_MD5|CC_SHA1|CC_MD4|CC_MD2)$/.test(callee)) {
    hashSite(s, c, c.calleeNode, str(/MD5/.test(callee) ? 'MD5' : /MD4/.test(callee) ? 'MD4' : /MD2/.test(callee) ? 'MD2' : 'SHA-1'), callee);
    return;
  }
  if ((L === 'md5' || L === 'sha1') && c.recv && c.args.length === 0) {
    hashSite(s, c, c.calleeNode, str(L === 'md5' ? 'MD5' : 'SHA-1'), `.${L}() (CryptoSwift)`);
    return;
  }
  if (/^(Digest\.md5|Digest\.sha1|MD5|SHA1)$/.test(callee) && (s.modules.has('CryptoSwift') || /^Digest/.test(callee))) {
    hashSite(s, c, c.calleeNode, str(/md5/i.test(callee) ? 'MD5' : 'SHA-1'), callee);
    return;
  }
  if (/^(Blowfish|DES|TripleDES|Rabbit|RC4)$/.test(callee) && (s.modules.has('CryptoSwift') || c.args.some((a) => a.name === 'key'))) {
    cipherFixed(s, c, callee === 'TripleDES' ? '3DES' : callee, callee);
    return;
  }
  if (callee === 'ECB' && c.args.length === 0) {
    s.site('mode', 'ECB() (CryptoSwift)', c.node, str('ECB'), { ctxNode: c.node, flow: false });
    return;
  }
  if (/^(CBC|CTR|CFB|OFB|GCM|PCBC|CCM)$/.test(callee)) {
    const iv = c.args.find((a) => a.name === 'iv' || a.name === 'nonce')?.node;
    if (iv) ivArg(s, c, iv, `${callee}(iv:)`);
    return;
  }
  if (callee === 'AES' || callee === 'ChaCha20' || callee === 'Blowfish') {
    const key = c.args.find((a) => a.name === 'key')?.node;
    keyArg(s, c, key, callee);
    const iv = c.args.find((a) => a.name === 'iv')?.node;
    if (iv) ivArg(s, c, iv, `${callee}(iv:)`);
    return;
  }
  if (/(^|\.)(AES\.GCM\.Nonce|ChaChaPoly\.Nonce)$/.test(callee)) {
    const d = c.args.find((a) => a.name === 'data')?.node;
    if (d) ivArg(s, c, d, callee);
    return;
  }
  if (/^(rand|random|drand48|lrand48|srand48|srand|srandom)$/.test(callee) || /^GK(Mersenne|LinearCongruential|ARC4)?(Twister)?RandomSource$/.test(callee) || /^(GKRandomSource|GKMersenneTwisterRandomSource|GKLinearCongruentialRandomSource|GKARC4RandomSource)$/.test(callee)) {
    randSite(s, c, `${callee}()`);
    return;
  }
  if (/^(DisabledTrustEvaluator|DisabledEvaluator)$/.test(callee)) {
    tlsOff(s, c.node, callee, { k: 'b', v: true }, { k: 'b', v: true });
    return;
  }
  if (callee === 'URLCredential' && c.args.some((a) => a.name === 'trust')) {
    const fn = s.sx.enclosingFunc(c.node);
    if (fn) {
      const checked = fn.descendantsOfType('simple_identifier').some((x) => x && /^(SecTrustEvaluate|SecTrustEvaluateWithError|evaluate|SecPolicyCreateSSL|pin|pinned|certificates|SecTrustGetCertificateAtIndex|SecTrustCopyCertificateChain|validate|isValid)/i.test(x.text));
      if (!checked) tlsOff(s, c.node, 'URLCredential(trust:)', { k: 'b', v: true }, { k: 'b', v: true }, undefined, 'The server trust is accepted without evaluating it (SecTrustEvaluateWithError).');
    }
  }
}

// ---- assignments, pairs, members, methods, strings ----------------------------------------------

/** Option and property names whose value disables TLS verification. */
const TLS_OFF_NAMES: [RegExp, (v: Val, n: Node, s: Scan) => boolean, string?][] = [
  [/^(rejectUnauthorized|strictSSL|verifySsl|verifySSL|ssl_verify|sslVerify|verify_ssl|verify_certs|validate_certs)$/, (v) => v.k === 'b' && !v.v],
  [/^(InsecureSkipVerify|insecureSkipVerify|insecure|allowInvalidCertificates|AllowInvalidCertificates|acceptInsecureCerts|ignoreHTTPSErrors|trustAllCerts|trustAll|TrustAll|TrustServerCertificate|allowsAnyHTTPSCertificate|SSL_VERIFY_NONE|skipTlsVerify|tlsInsecure|tls_insecure|danger_accept_invalid_certs)$/, (v) => v.k === 'b' && v.v],
  [/^(validatesDomainName|check_hostname|verify)$/, (v) => v.k === 'b' && !v.v],
  [/^(verify_mode|cert_reqs|VerifyMode|verifyMode)$/, (v) => (v.k === 'ref' && /CERT_NONE$|VERIFY_NONE$/.test(v.name)) || (v.k === 's' && /^(CERT_NONE|none)$/i.test(v.v))],
  [/^NODE_TLS_REJECT_UNAUTHORIZED$/, (v) => (v.k === 's' && v.v === '0') || (v.k === 'n' && v.v === 0)],
  [/^(ServerCertificateValidationCallback|ServerCertificateCustomValidationCallback|RemoteCertificateValidationCallback|CertificateValidationCallback|checkServerIdentity)$/, (_v, n, s) => lambdaResult(s, n) === 'true' || (/checkServerIdentity/.test(n.parent?.text ?? '') && lambdaResult(s, n) === 'empty') || /DangerousAcceptAnyServerCertificateValidator/.test(n.text)],
];

const TLS_PROTO_NAMES = /^(secureProtocol|minVersion|maxVersion|MinVersion|MaxVersion|minimum_version|maximum_version|ssl_version|SslProtocols|EnabledSslProtocols|SecurityProtocol|protocol|tlsVersion|min_tls_version|DEFAULT_MIN_VERSION|DEFAULT_MAX_VERSION|TLSMinimumSupportedProtocolVersion|tlsMinimumSupportedProtocolVersion|minimumTLSVersion)$/;

function optionSite(s: Scan, name: string, valueNode: Node, at: Node): void {
  const short = name.split('.').pop()!;
  for (const [re, bad, note] of TLS_OFF_NAMES) {
    if (!re.test(short)) continue;
    if (short === 'verify' && s.family !== 'py') return; // Python requests Session.verify; elsewhere too generic
    if (short === 'checkServerIdentity' && !/(lambda|arrow|function)/.test(s.sx.strip(valueNode).type)) return;
    if (short === 'insecure' && !/tls|ssl|http|client|agent|transport/i.test(name + ' ' + (at.parent?.parent?.text.slice(0, 80) ?? ''))) return;
    const v = s.evalNode(valueNode);
    if (bad(v, valueNode, s)) {
      const fixes: SiteFix[] | undefined =
        v.k === 'b' && /^(InsecureSkipVerify|rejectUnauthorized)$/.test(short) && /^(true|false)$/.test(valueNode.text)
          ? [{ title: `Set ${short} to ${!v.v}`, edits: [{ range: s.range(valueNode), newText: String(!v.v) }] }]
          : undefined;
      tlsOff(s, at, short, v, v, fixes, note);
    }
    return;
  }
  if (TLS_SUITE_OPTIONS.test(short)) {
    cipherSuites(s, valueNode, short, at);
    return;
  }
  if (TLS_PROTO_NAMES.test(short)) {
    if (short === 'protocol' && s.family !== 'js') return;
    const v = s.evalNode(valueNode);
    if (v.k === 'u') return;
    if (short === 'protocol' && !(v.k === 's' && /method$/i.test(v.v))) return;
    s.site('tls-proto', short, valueNode, v, { ctxNode: at, flow: false });
  }
}

export function modelAssign(s: Scan, n: Node): void {
  for (const [name, value] of s.defPairs(n)) {
    if (!value) continue;
    optionSite(s, name, value, n.type === 'variable_declarator' || n.type === 'init_declarator' ? value : n);
    const short = name.split('.').pop()!;
    if (secretName(short)) secretLiteral(s, value, short, name);
    if (s.family === 'cs') {
      if (short === 'IV') ivAssign(s, value, name);
      else if (short === 'Key' && /\.Key$/.test(name)) {
        const v = s.evalNode(value);
        if (v.k === 's' || (v.k === 'bytes' && !/zero/.test(v.why))) s.site('secret', name, value, v, { ctxNode: value, cwe: 'CWE-321', family: 'key-arg', flow: false });
      } else if (short === 'KeySize') {
        const v = s.evalNode(value);
        if (v.k === 'n') s.site('keysize', name, value, v, { ctxNode: value, family: v.v < 512 ? 'sym' : 'rsa', flow: false });
      }
    }
  }
}

function ivAssign(s: Scan, value: Node, name: string): void {
  const v = s.evalNode(value);
  if (v.k !== 'u') s.site('iv', name, value, v, { ctxNode: value, flow: false });
}

export function modelPair(s: Scan, n: Node): void {
  const key = s.pairKey(n);
  if (!key) return;
  const value = n.childForFieldName('value') ?? s.sx.named(n).at(-1);
  if (!value) return;
  const v = value.type === 'literal_element' ? s.sx.named(value)[0] ?? value : value;
  optionSite(s, key, v, n);
  if (secretName(key)) secretLiteral(s, v, key, key);
  if (s.family === 'js' && key === 'iv' && n.parent && n.parent.parent?.type === 'arguments') {
    // CryptoJS.AES.encrypt(msg, key, { iv: … }) is handled by the call model; WebCrypto too.
  }
}

/** Constants referenced by member access: cipher modes, protocol versions, trust-all singletons. */
const MEMBER_MODELS: [RegExp, (s: Scan, full: string, n: Node) => void][] = [
  [/(^|\.)(MODE_ECB|CipherMode\.ECB|mode\.ECB|BlockMode\.ECB|kCCOptionECBMode)$/, (s, full, n) => s.site('mode', full, n, str('ECB'), { ctxNode: n, flow: false })],
  [/(^|\.)(PROTOCOL_SSLv2|PROTOCOL_SSLv3|PROTOCOL_TLSv1|PROTOCOL_TLSv1_1|PROTOCOL_TLS_CLIENT_SSLv3|SSLv2_METHOD|SSLv3_METHOD|TLSv1_METHOD|TLSv1_1_METHOD)$/, (s, full, n) => s.site('tls-proto', full, n, str(full.split('.').pop()!), { ctxNode: n, flow: false })],
  [/(^|\.)TLSVersion\.(SSLv3|TLSv1|TLSv1_1)$/, (s, full, n) => s.site('tls-proto', full, n, str(full.split('.').pop()!), { ctxNode: n, flow: false })],
  [/(^|\.)(SslProtocols|SecurityProtocolType)\.(Ssl2|Ssl3|Tls|Tls11)$/, (s, full, n) => s.site('tls-proto', full, n, str({ Ssl2: 'SSLv2', Ssl3: 'SSLv3', Tls: 'TLSv1', Tls11: 'TLSv1.1' }[full.split('.').pop()!]!), { ctxNode: n, flow: false })],
  [/(^|\.)(VersionTLS10|VersionTLS11|VersionSSL30)$/, (s, full, n) => s.site('tls-proto', full, n, str(full.split('.').pop()!), { ctxNode: n, flow: false })],
  [/(^|\.)(SslVersion\.(SSL3|TLS1|TLS1_1)|Protocol\.(Sslv3|Tlsv10|Tlsv11)|TlsVersion\.(TLS_1_0|TLS_1_1|SSL_3_0)|tls_protocol_version_t\.(TLSv10|TLSv11)|kTLSProtocol1|kTLSProtocol11|kSSLProtocol3|kSSLProtocol2)$/, (s, full, n) => s.site('tls-proto', full, n, str(full.split('.').pop()!.replace(/^(TLS_1_0)$/, 'TLSv1').replace(/^TLS_1_1$/, 'TLSv1.1').replace(/^SSL_3_0$/, 'SSLv3').replace(/^kTLSProtocol1$/, 'TLSv1').replace(/^kTLSProtocol11$/, 'TLSv1.1').replace(/^kSSLProtocol3$/, 'SSLv3').replace(/^kSSLProtocol2$/, 'SSLv2')), { ctxNode: n, flow: false })],
  [/^\.(TLSv10|TLSv11)$/, (s, full, n) => s.site('tls-proto', full, n, str(full.slice(1)), { ctxNode: n, flow: false })],
  [/(^|\.)(CERT_NONE)$/, () => undefined],
  [/(^|\.)(SslVerifyMode\.NONE|SSL_VERIFY_NONE)$/, (s, full, n) => {
    const call = n.parent && /argument/.test(n.parent.type) ? n.parent.parent : undefined;
    if (call && /set_verify/.test(call.text.slice(0, 200))) tlsOff(s, n, full, str('NONE'), str('NONE'));
  }],
  [/(^|\.)(InsecureTrustManagerFactory\.INSTANCE|NoopHostnameVerifier\.INSTANCE|SSLConnectionSocketFactory\.ALLOW_ALL_HOSTNAME_VERIFIER|TrustAllStrategy\.INSTANCE|HttpClientHandler\.DangerousAcceptAnyServerCertificateValidator|DangerousAcceptAnyServerCertificateValidator)$/, (s, full, n) => tlsOff(s, n, full, { k: 'b', v: true }, { k: 'b', v: true })],
  [/(^|\.)(HashAlgorithmName\.(MD5|SHA1)|Insecure\.(MD5|SHA1)|crypto\.(MD5|SHA1|MD4|RIPEMD160|MD5SHA1)|x509\.(MD5WithRSA|SHA1WithRSA|DSAWithSHA1|ECDSAWithSHA1)|QCryptographicHash\.(Md5|Sha1|Md4)|digest\.SHA1_FOR_LEGACY_USE_ONLY|SHA1_FOR_LEGACY_USE_ONLY|MessageDigestAlgorithms\.(MD5|SHA_1|MD2)|hashlib\.(md5|sha1))$/, (s, full, n) => {
    const last = full.split('.').pop()!;
    if (/^hashlib\./.test(full)) return; // as a value, seen through hmac.new / digestmod
    // PBKDF2-HMAC-SHA1 is still acceptable; the iteration count matters there (weak-password-hash).
    const call = n.parent && /argument/.test(n.parent.type) ? n.parent.parent : undefined;
    const callText = call?.parent?.text.slice(0, 120) ?? '';
    if (/SHA1|SHA_1/.test(last) && /Rfc2898DeriveBytes|Pbkdf2|PBKDF2/.test(callText)) return;
    if (s.family === 'go' && !/^(crypto|crypto\/x509)\./.test(s.resolveAlias(full))) return;
    const alg = /MD5/i.test(last) ? 'MD5' : /MD4/i.test(last) ? 'MD4' : /MD2/i.test(last) ? 'MD2' : /RIPEMD/.test(last) ? 'RIPEMD-160' : 'SHA-1';
    const ctx = s.contextOf(n, {});
    s.site('hash', full, n, str(alg), { ctx });
  }],
  [/^(kCCAlgorithmDES|kCCAlgorithm3DES|kCCAlgorithmRC4|kCCAlgorithmRC2|kCCAlgorithmCAST|kCCAlgorithmBlowfish)$/, (s, full, n) => s.site('cipher', full, n, str(full.replace('kCCAlgorithm', '').replace('3DES', '3DES')), { ctxNode: n, flow: false })],
  [/(^|\.)dsa\.(L1024N160)$/, (s, full, n) => s.site('keysize', full, n, { k: 'n', v: 1024 }, { ctxNode: n, family: 'dsa', flow: false })],
  [/(^|\.)(ConnectionSpec\.CLEARTEXT)$/, (s, full, n) => s.site('url', full, n, str('http://'), { ctxNode: n, family: 'protocol', note: 'OkHttp ConnectionSpec.CLEARTEXT allows unencrypted HTTP; use ConnectionSpec.MODERN_TLS or RESTRICTED_TLS.', flow: false })],
];

export function modelMember(s: Scan, n: Node): void {
  const full = s.sx.dotted(n) ?? n.text;
  if (!full) return;
  // A constant in a comparison or a switch label describes, it does not configure.
  const p = n.parent;
  if (p) {
    const op = s.sx.is('binary', p) || /comparison|equality|relational/.test(p.type) ? p.children.find((c) => c && !c.isNamed)?.text ?? '' : '';
    if (/^(==|!=|===|!==|<|>|<=|>=|is)$/.test(op) || /case|switch_label|when_entry|match_arm|expression_case|switch_section|switch_case|case_pattern|constant_pattern/.test(p.type) || /case|when_condition/.test(p.parent?.type ?? '')) return;
  }
  for (const [re, fn] of MEMBER_MODELS) {
    if (re.test(full)) {
      fn(s, full, n);
      return;
    }
  }
}

/** Method declarations that implement trust decisions: empty checkServerTrusted, verify() { return true }. */
export function modelMethod(s: Scan, n: Node): void {
  const name = n.childForFieldName('name')?.text ?? s.sx.named(n).find((c) => /identifier/.test(c.type))?.text;
  if (!name) return;
  const body = n.childForFieldName('body') ?? s.sx.named(n).find((c) => /block|function_body/.test(c.type));
  if (!body) return;
  const params = (n.childForFieldName('parameters') ?? s.sx.named(n).find((c) => /parameters/.test(c.type)))?.text ?? '';
  if (name !== 'checkServerTrusted' && !(name === 'verify' && /SSLSession/.test(params)) && !(name === 'isTrusted' && /X509Certificate/.test(params)) && !/SslPolicyErrors/.test(params)) return;
  const stmts = s.sx.named(body.type === 'function_body' ? s.sx.named(body)[0] ?? body : body).filter((c) => !/comment/.test(c.type));
  if (name === 'checkServerTrusted') {
    if (stmts.length === 0 || (stmts.length === 1 && /return/.test(stmts[0].type) && s.sx.named(stmts[0]).length === 0)) {
      tlsOff(s, n.childForFieldName('name') ?? n, 'X509TrustManager.checkServerTrusted', { k: 'b', v: true }, { k: 'b', v: true }, undefined, 'This trust manager accepts every certificate chain (the method returns without checking).');
    }
    return;
  }
  const returnsTrue = () => {
    if (stmts.length !== 1) return false;
    let st = stmts[0];
    if (st.type === 'statements') {
      const inner = s.sx.named(st);
      if (inner.length !== 1) return false;
      st = inner[0];
    }
    if (/return|jump_expression|control_transfer/.test(st.type)) return /\btrue\b/.test(st.text) && st.text.replace(/\s+/g, ' ').trim().replace(/;$/, '') .split(' ').length <= 2;
    return st.text.trim() === 'true';
  };
  if ((name === 'verify' && /SSLSession/.test(params)) || (name === 'isTrusted' && /X509Certificate/.test(params)) || /SslPolicyErrors/.test(params)) {
    if (returnsTrue()) tlsOff(s, n.childForFieldName('name') ?? n, name, { k: 'b', v: true }, { k: 'b', v: true }, undefined, name === 'verify' ? 'This HostnameVerifier accepts every host name.' : 'This callback accepts every certificate.');
  }
}

// ---- hard-coded secrets and cleartext URLs in string literals ---------------------------------

const SECRET_CORE = /^(password|passwd|passphrase|pwd|secret|credential|credentials|apikey|passcode)$/;
const KEY_QUALIFIER = /^(api|secret|private|access|encryption|encrypt|signing|sign|aes|hmac|master|crypto|jwt|session|auth|client|app|consumer|cipher|des|rsa|shared|symmetric)$/;
const TOKEN_QUALIFIER = /^(access|auth|api|bearer|refresh|secret|session|github|gitlab|slack|bot|private|personal|oauth|csrf|app|service|webhook|admin)$/;
const PASS_QUALIFIER = /^(db|database|mysql|postgres|pg|redis|smtp|mail|ftp|ldap|admin|root|user|login|sql|proxy|keystore|truststore|rabbit|mq|amqp)$/;
/** Words after the secret word that make the name describe a secret rather than hold one. */
const NOT_AFTER = new Set(['label', 'field', 'prompt', 'message', 'msg', 'text', 'title', 'placeholder', 'hint', 'regex', 'pattern', 'format', 'length', 'len', 'min', 'max', 'policy', 'url', 'uri', 'endpoint', 'path', 'file', 'dir', 'directory', 'name', 'names', 'id', 'ids', 'type', 'header', 'param', 'column', 'col', 'attr', 'attribute', 'selector', 'input', 'error', 'errors', 'mode', 'env', 'var', 'variable', 'property', 'prop', 'setting', 'settings', 'config', 'hash', 'hashed', 'digest', 'salt', 'reset', 'expiry', 'expires', 'expiration', 'ttl', 'timeout', 'count', 'validator', 'encoder', 'chars', 'required', 'changed', 'confirm', 'confirmation', 'strength', 'rule', 'rules', 'ref', 'location', 'provider', 'prefix', 'suffix', 'template', 'icon', 'button', 'visible', 'visibility', 'enabled', 'disabled', 'flag', 'invalid', 'event', 'handler', 'callback', 'request', 'response', 'form', 'dialog', 'view', 'widget', 'storage', 'manager', 'service', 'util', 'utils', 'helper', 'generator', 'factory', 'size', 'index', 'idx', 'store', 'prefs', 'file', 'version', 'question', 'answer', 'mask', 'masked', 'source', 'option', 'options', 'path', 'arn', 'grant', 'scope', 'flow', 'endpoint', 'policy']);
const NOT_BEFORE = new Set(['is', 'has', 'should', 'use', 'enable', 'disable', 'show', 'hide', 'need', 'needs', 'require', 'requires', 'validate', 'check', 'get', 'set', 'on', 'handle', 'with', 'without', 'no', 'min', 'max', 'new', 'old', 'confirm', 'forgot', 'forget', 'change', 'update', 'reset', 'remember', 'hashed', 'encrypted', 'encoded', 'masked', 'invalid', 'wrong', 'bad', 'empty', 'missing', 'verify', 'toggle', 'input', 'enter', 'sample', 'example', 'dummy', 'fake', 'mock', 'test']);

/** Does an identifier name a credential or key (not a label, field name, URL or length of one)? */
export function secretName(name: string): boolean {
  if (!/pass|pwd|pw$|secret|token|key|credential|apikey/i.test(name)) return false;
  const ws = words(name.split('.').pop() ?? name);
  if (!ws.length || ws.length > 6) return false;
  let at = -1;
  for (let i = 0; i < ws.length && at < 0; i++) {
    const w = ws[i];
    const prev = ws[i - 1];
    if (SECRET_CORE.test(w)) at = i;
    else if ((w === 'key' || w === 'token') && i === ws.length - 1 && prev && (w === 'key' ? KEY_QUALIFIER : TOKEN_QUALIFIER).test(prev)) at = i;
    else if (w === 'token' && ws.length === 1) at = i;
    else if ((w === 'pass' || w === 'pw') && (ws.length === 1 || (prev && PASS_QUALIFIER.test(prev)))) at = i;
  }
  if (at < 0) return false;
  for (let i = at + 1; i < ws.length; i++) if (NOT_AFTER.has(ws[i])) return false;
  for (let i = 0; i < at; i++) if (NOT_BEFORE.has(ws[i])) return false;
  return true;
}

function secretLiteral(s: Scan, valueNode: Node, name: string, api: string): void {
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
  s.site('secret', api, lit, { k: 's', v: text }, { ctx: { names: [name] }, cwe });
}

const URL_RE = /^\s*(http|ws|ftp|telnet):\/\/([^/\s?#'"]*)/i;

export function modelString(s: Scan, n: Node): void {
  // Only string nodes that are complete values (not the inner pieces of concatenations).
  const sp = s.sx.plain(n);
  const p = n.parent;
  let text = sp;
  if (text === undefined) {
    // Template / interpolated string: the literal head decides.
    const first = n.namedChildren.find((c) => c && s.sx.t.content.includes(c.type));
    text = first?.text;
    if (text === undefined) return;
  }
  if (URL_RE.test(text)) {
    urlLiteral(s, n, text);
    return;
  }
  if (text.length >= 12 && text.length < 4000) {
    // A PEM key split over concatenated literals ("-----BEGIN … KEY-----\n" + "MIIE…" + …) is judged whole.
    const kind = wellKnownToken(PEM_HEADER_ONLY.test(text.trim()) ? concatenationValue(s, n, text) : text);
    if (kind && !s.ctx.isTest) s.site('secret', kind, n, { k: 's', v: text }, { ctx: { names: [kind] }, cwe: /PRIVATE KEY/.test(kind) ? 'CWE-321' : 'CWE-798', family: 'token-format' });
    else if (/:\/\/[^/\s:@]+:[^/\s@]+@/.test(text) || /(^|;)\s*(password|pwd)\s*=\s*[^;]+/i.test(text) || /^[\w.-]+:[^@/\s]{3,}@(tcp|unix)\(/.test(text)) {
      s.site('secret', 'connection string', n, { k: 's', v: text }, { ctx: { names: ['connection string'] }, cwe: 'CWE-798', family: 'conn-string' });
    }
  }
  void p;
}

const PEM_PRIVATE_KEY = /^-----BEGIN (RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/;
/** A PEM header alone, without key material after it. */
const PEM_HEADER_ONLY = new RegExp(`${PEM_PRIVATE_KEY.source}(\\\\[rn]|\\s)*$`);

/**
 * The value of the string concatenation `n` is part of (`"-----BEGIN …-----\n" + "MIIE…"`, Python's
 * implicit concatenation), or `text` (n's own value) when it is in none or the whole does not resolve.
 */
function concatenationValue(s: Scan, n: Node, text: string): string {
  let top = n;
  while (s.sx.is('binary', top.parent) || s.sx.is('strings', top.parent) || s.sx.is('parens', top.parent)) top = top.parent!;
  if (top === n) return text;
  const v = s.evalNode(top);
  return v.k === 's' ? v.v : text;
}

/** Well-known credential formats (checked on string literal values, never on raw text). */
export function wellKnownToken(v: string): string | undefined {
  const t = v.trim();
  if (PEM_PRIVATE_KEY.test(t)) {
    // Key material must follow: a header alone is a constant that a PEM parser looks for.
    const body = t.replace(PEM_PRIVATE_KEY, '').replace(/\\[rn]|\s/g, '');
    if (!/^[A-Za-z0-9+/=]{64}/.test(body)) return undefined;
    return /ENCRYPTED/.test(v) ? undefined : 'PEM private key';
  }
  if (/^(AKIA|ASIA)[0-9A-Z]{16}$/.test(v)) return 'AWS access key id';
  if (/^gh[pousr]_[A-Za-z0-9]{36,}$/.test(v)) return 'GitHub token';
  if (/^github_pat_[A-Za-z0-9_]{40,}$/.test(v)) return 'GitHub token';
  if (/^xox[baprs]-[A-Za-z0-9-]{10,}$/.test(v)) return 'Slack token';
  if (/^sk_live_[A-Za-z0-9]{20,}$/.test(v) || /^rk_live_[A-Za-z0-9]{20,}$/.test(v)) return 'Stripe secret key';
  if (/^AIza[0-9A-Za-z_-]{35}$/.test(v)) return 'Google API key';
  if (/^sk-(proj-)?[A-Za-z0-9_-]{32,}$/.test(v) && /[0-9]/.test(v) && /[A-Z]/.test(v)) return 'OpenAI API key';
  if (/^glpat-[A-Za-z0-9_-]{20}$/.test(v)) return 'GitLab token';
  if (/^SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/.test(v)) return 'SendGrid API key';
  return undefined;
}

function urlLiteral(s: Scan, n: Node, text: string): void {
  // Directly passed to a connection call: the call model reports it (with the call's name).
  let cur = n;
  for (let i = 0; i < 5; i++) {
    const p = cur.parent;
    if (!p) break;
    if (/^(arguments|argument_list|value_arguments|argument|value_argument|call_suffix)$/.test(p.type)) {
      const call = p.type === 'argument' || p.type === 'value_argument' ? (p.parent?.type === 'value_arguments' && p.parent.parent?.type === 'call_suffix' ? p.parent.parent.parent : p.parent?.parent) : p.type === 'value_arguments' && p.parent?.type === 'call_suffix' ? p.parent.parent : p.parent;
      const c = call ? s.sx.call(call) : undefined;
      if (c && isUrlCall(s, c) !== undefined) return;
      if (c && !/^(URL|URI|Uri|NSURL|URLComponents|url|parse|urlparse|join|format|resolve|sprintf|Sprintf|String\.format|create)$/.test(c.last)) break;
      cur = call!;
      continue;
    }
    if (s.sx.is('binary', p) || s.sx.is('strings', p) || /template|interpolation|concatenat/.test(p.type)) {
      cur = p;
      continue;
    }
    break;
  }
  const ctx = s.contextOf(n, { flow: false });
  s.site('url', 'URL', n, { k: 's', v: text }, { ctx, family: 'literal' });
}
