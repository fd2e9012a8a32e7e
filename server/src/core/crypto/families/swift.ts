/** The crypto API models of Swift (CryptoKit, CommonCrypto, URLSession): which calls are candidate sites, and where their values are. */
import type { Scan } from '../collect';
import type { CallShape } from '../../code/syntax';
import { cipherFixed, hashSite, ivArg, keyArg, randSite, str, tlsOff } from '../sites';

export function swiftCall(s: Scan, c: CallShape, callee: string): void {
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
