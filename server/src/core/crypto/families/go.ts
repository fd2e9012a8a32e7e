/** The crypto API models of Go: which calls are candidate sites, and where their values are. */
import type { Scan } from '../collect';
import type { CallShape } from '../../code/syntax';
import { cipherFixed, hashSite, iterArg, ivArg, keyArg, randSite, recvCtor, sizeArg, str } from '../sites';

export function goCall(s: Scan, c: CallShape, callee: string): void {
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
