/** The crypto API models of Python: which calls are candidate sites, and where their values are. */
import type { SyntaxNode as Node } from '../../syntax/flatTree';
import type { Scan } from '../collect';
import type { SiteFix } from '../facts';
import type { CallShape } from '../../code/syntax';
import { arg, cipherFixed, hashSite, iterArg, ivArg, keyArg, literalFix, positional, randSite, recvCtor, sizeArg, str, tlsOff, tlsProto } from '../sites';

function kwArg(c: CallShape, ...names: string[]): Node | undefined {
  for (const a of c.args) if (a.name !== undefined && names.includes(a.name)) return a.node;
  return undefined;
}

const HASH_FNS: Record<string, string> = { md2: 'MD2', md4: 'MD4', md5: 'MD5', sha1: 'SHA-1', sha: 'SHA-1', ripemd160: 'RIPEMD-160', ripemd: 'RIPEMD-160' };

const PY_RANDOM = /^(random|numpy\.random|np\.random)\.(random|randint|randrange|choice|choices|sample|getrandbits|uniform|shuffle|randbytes|rand|randn|bytes|triangular|gauss|normalvariate|lognormvariate|expovariate|vonmisesvariate|gammavariate|betavariate|paretovariate|weibullvariate|binomialvariate)$/;

export function pyCall(s: Scan, c: CallShape, callee: string): void {
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
