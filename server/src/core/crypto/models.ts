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
import { arg, lambdaResult, objProp, onlyStatement, positional, secretLiteral, str, tlsOff } from './sites';
import { CALL_MODELS } from './families';
import { importsOf } from '../code/imports';

const JS_MODULE_CANON: Record<string, string> = {
  'crypto': 'crypto', 'node:crypto': 'crypto', 'crypto-js': 'CryptoJS', 'node-forge': 'forge', 'bcryptjs': 'bcrypt', 'bcrypt': 'bcrypt',
  'https': 'https', 'node:https': 'https', 'http': 'http', 'node:http': 'http', 'tls': 'tls', 'node:tls': 'tls', 'axios': 'axios',
  'md5': 'MD5fn', 'js-md5': 'MD5fn', 'blueimp-md5': 'MD5fn', 'crypto-js/md5': 'CryptoJS.MD5', 'crypto-js/sha1': 'CryptoJS.SHA1',
  'sha1': 'SHA1fn', 'js-sha1': 'SHA1fn', 'crypto-js/hmac-md5': 'CryptoJS.HmacMD5', 'crypto-js/tripledes': 'CryptoJS.TripleDES',
  'crypto-js/rc4': 'CryptoJS.RC4', 'crypto-js/aes': 'CryptoJS.AES', 'request': 'request', 'got': 'got', 'node-fetch': 'fetch',
  'ws': 'WebSocket', 'jsonwebtoken': 'jwt', 'node-rsa': 'NodeRSA', 'socket.io-client': 'io',
};

export function modelImport(s: Scan, n: Node): void {
  const imps = importsOf(s.family, n);
  if (!imps) {
    s.modules.add(n.text);
    return;
  }
  for (const i of imps) {
    // JS packages under the names the models know them by (`crypto-js/md5` is `CryptoJS.MD5`).
    const canon = s.family === 'js' ? JS_MODULE_CANON[i.module] ?? i.module : undefined;
    const path = canon === undefined ? i.path : i.name === '*' || i.name === 'default' ? canon : `${canon}.${i.name}`;
    s.modules.add(i.module);
    s.modules.add(i.path);
    if (i.local !== '*' && i.local !== '_' && i.local !== '.' && !i.isStatic) s.aliases.set(i.local, path);
  }
}

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
  CALL_MODELS[s.family](s, c, callee);
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
  if (secretName(key) && !inCodeTable(s, n, key)) {
    const sdk = clientSdkOf(s, n);
    const pub = sdk ? undefined : publicConfigOf(s, n, key);
    secretLiteral(s, v, key, key, sdk, pub);
  }
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
    const st = onlyStatement(s, stmts);
    if (!st) return false;
    if (/return|jump_expression|control_transfer/.test(st.type)) return /\btrue\b/.test(st.text) && st.text.replace(/\s+/g, ' ').trim().replace(/;$/, '') .split(' ').length <= 2;
    return st.text.trim() === 'true';
  };
  if ((name === 'verify' && /SSLSession/.test(params)) || (name === 'isTrusted' && /X509Certificate/.test(params)) || /SslPolicyErrors/.test(params)) {
    if (returnsTrue()) tlsOff(s, n.childForFieldName('name') ?? n, name, { k: 'b', v: true }, { k: 'b', v: true }, undefined, name === 'verify' ? 'This HostnameVerifier accepts every host name.' : 'This callback accepts every certificate.');
  }
}

const SECRET_CORE = /^(password|passwd|passphrase|pwd|secret|credential|credentials|apikey|passcode)$/;

const KEY_QUALIFIER = /^(api|secret|private|access|encryption|encrypt|signing|sign|aes|hmac|master|crypto|jwt|session|auth|client|app|consumer|cipher|des|rsa|shared|symmetric)$/;

const TOKEN_QUALIFIER = /^(access|auth|api|bearer|refresh|secret|session|github|gitlab|slack|bot|private|personal|oauth|csrf|app|service|webhook|admin)$/;

const PASS_QUALIFIER = /^(db|database|mysql|postgres|pg|redis|smtp|mail|ftp|ldap|admin|root|user|login|sql|proxy|keystore|truststore|rabbit|mq|amqp)$/;

/** Words after the secret word that make the name describe a secret rather than hold one. */
const NOT_AFTER = new Set(['label', 'field', 'prompt', 'message', 'msg', 'text', 'title', 'placeholder', 'hint', 'regex', 'pattern', 'format', 'length', 'len', 'min', 'max', 'policy', 'url', 'uri', 'endpoint', 'path', 'file', 'dir', 'directory', 'name', 'names', 'id', 'ids', 'type', 'header', 'param', 'column', 'col', 'attr', 'attribute', 'selector', 'input', 'error', 'errors', 'mode', 'env', 'var', 'variable', 'property', 'prop', 'setting', 'settings', 'config', 'hash', 'hashed', 'digest', 'salt', 'reset', 'expiry', 'expires', 'expiration', 'ttl', 'timeout', 'count', 'validator', 'encoder', 'chars', 'required', 'changed', 'confirm', 'confirmation', 'strength', 'rule', 'rules', 'ref', 'location', 'provider', 'prefix', 'suffix', 'template', 'icon', 'button', 'visible', 'visibility', 'enabled', 'disabled', 'flag', 'invalid', 'event', 'handler', 'callback', 'request', 'response', 'form', 'dialog', 'view', 'widget', 'storage', 'manager', 'service', 'util', 'utils', 'helper', 'generator', 'factory', 'size', 'index', 'idx', 'store', 'prefs', 'file', 'version', 'question', 'answer', 'mask', 'masked', 'source', 'option', 'options', 'path', 'arn', 'grant', 'scope', 'flow', 'endpoint', 'policy']);

const NOT_BEFORE = new Set(['is', 'has', 'should', 'use', 'enable', 'disable', 'show', 'hide', 'need', 'needs', 'require', 'requires', 'validate', 'check', 'get', 'set', 'on', 'handle', 'with', 'without', 'no', 'min', 'max', 'new', 'old', 'confirm', 'forgot', 'forget', 'change', 'update', 'reset', 'remember', 'hashed', 'encrypted', 'encoded', 'masked', 'invalid', 'wrong', 'bad', 'empty', 'missing', 'verify', 'toggle', 'input', 'enter', 'sample', 'example', 'dummy', 'fake', 'mock', 'test']);

/** Does an identifier name a credential or key (not a label, field name, URL or length of one)? */
/**
 * `{ AL: 'Alabama', …, PW: 'Palau', … }`: a key that reads as a secret name (PW, PWD) among many keys of
 * the same short upper-case shape is a code in a lookup table (states, countries, units), not a credential.
 */
function inCodeTable(s: Scan, pair: Node, key: string): boolean {
  const obj = pair.parent;
  if (!obj) return false;
  const value = (pair.childForFieldName('value') ?? s.sx.named(pair).at(-1))?.text;
  let codes = 0;
  let same = 0;
  for (const p of s.sx.named(obj)) {
    if (p === pair) continue;
    const k = p.childForFieldName('key')?.text.replace(/^["']|["']$/g, '');
    if (k && /^[A-Z]{2,3}$/.test(key) && k !== key && /^[A-Z]{2,3}$/.test(k) && ++codes >= 6) return true;
    // A lookup table (status → colour: `'credential-hold': 'warning'` beside `'returned-billing': 'warning'`):
    // a value other keys map to too is a category, not a credential.
    if (value !== undefined && value.length < 40 && (p.childForFieldName('value') ?? s.sx.named(p).at(-1))?.text === value && ++same >= 2) return true;
  }
  return false;
}

/**
 * Client-side SDKs of error reporting, analytics and maps whose tokens are public by design (Rollbar's
 * post_client_item, a Sentry DSN, Firebase's apiKey, a Mapbox public token): `new Rollbar({ accessToken })`.
 */
const CLIENT_SDK = /(^|\.)(Rollbar|Sentry|Bugsnag|mixpanel|amplitude|posthog|LogRocket|datadogRum|initializeApp|mapboxgl|Instabug|Countly|AppCenter|FullStory)(\.(init|configure|start|initialize))?$/;

function clientSdkOf(s: Scan, pair: Node): string | undefined {
  const obj = pair.parent;
  const args = obj?.parent;
  const call = args?.parent;
  if (!obj || !args || !call || !s.sx.is('calls', call)) return undefined;
  const c = s.sx.call(call);
  return c && CLIENT_SDK.test(c.callee) ? c.callee : undefined;
}

/**
 * Keys that a provider issues to be shipped to every browser or app install, recognised by the
 * configuration they sit in: Algolia's search-only key beside `indexName` (DocSearch), a Firebase web
 * config (`authDomain`, `projectId`), a reCAPTCHA site key. Returns what the key is for.
 */
function publicConfigOf(s: Scan, pair: Node, key: string): string | undefined {
  if (/^(site_?key|sitekey|publishable_?key|publishableKey)$/i.test(key)) return 'a site or publishable key (public by design)';
  const obj = pair.parent;
  if (!obj || obj.text.length > 2000) return undefined;
  const keys = new Set(s.sx.named(obj).map((p) => s.pairKey(p)).filter((k): k is string => !!k));
  const holder = obj.parent ? s.pairKey(obj.parent) : undefined;
  if (keys.has('indexName') || keys.has('index_name') || /^(algolia|docsearch)$/i.test(holder ?? '')) return 'the search-only key of an Algolia index (public by design)';
  if ((keys.has('authDomain') && keys.has('projectId')) || /^firebase(Config|Options)?$/i.test(holder ?? '')) return 'a Firebase web configuration (public by design)';
  return undefined;
}

/**
 * A Google API key used where Google issues it to browsers and apps (Maps, Places, Firebase, YouTube
 * embeds): its statement names the service. Server keys (Gemini, Cloud APIs) stay secrets.
 */
function publicGoogleKeyUse(s: Scan, n: Node): string | undefined {
  // Up to the key, variable, assignment or argument that holds it (not the whole configuration object).
  let st: Node | null = n;
  for (let i = 0; i < 4 && st?.parent && st.parent.text.length < 400; i++) {
    st = st.parent;
    if (/pair|declarator|assignment|argument|property|expression_statement|field_declaration/.test(st.type)) break;
  }
  const m = /(g?maps|places|geocod\w*|firebase|youtube)/i.exec(st?.text ?? '');
  if (m) return `a Google ${m[1]} browser or app key (public by design)`;
  const key = st && s.pairKey(st);
  return key ? publicConfigOf(s, st!, key) : undefined;
}

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
    if (kind && !s.ctx.isTest) {
      const pub = kind === 'Google API key' ? publicGoogleKeyUse(s, n) : undefined;
      s.site('secret', kind, n, { k: 's', v: text }, { ctx: { names: [kind] }, cwe: /PRIVATE KEY/.test(kind) ? 'CWE-321' : 'CWE-798', family: pub ? 'public-key' : 'token-format', ...(pub ? { note: pub } : {}) });
    }
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
