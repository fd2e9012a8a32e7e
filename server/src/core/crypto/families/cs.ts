/** The crypto API models of C# / .NET: which calls are candidate sites, and where their values are. */
import type { Scan } from '../collect';
import type { CallShape } from '../../code/syntax';
import { arg, cipherFixed, ends, hashSite, iterArg, ivArg, keyArg, lambdaResult, randSite, recvCtor, secretLiteral, str, tlsOff } from '../sites';

export function csCall(s: Scan, c: CallShape, callee: string): void {
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
