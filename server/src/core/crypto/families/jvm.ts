/** The crypto API models of Java and Kotlin (the JCA, Bouncy Castle, OkHttp, Android): which calls are candidate sites, and where their values are. */
import type { SyntaxNode as Node } from '../../syntax/flatTree';
import type { Scan } from '../collect';
import type { CallShape } from '../../code/syntax';
import { cipherArg, cipherFixed, ends, hashSite, iterArg, ivArg, keyArg, lambdaResult, randSite, recvCtor, secretLiteral, sizeArg, str, tlsOff, tlsProto } from '../sites';

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

const JVM_RANDOM_METHODS = /^(nextInt|nextLong|nextDouble|nextFloat|nextBytes|nextGaussian|nextBoolean|ints|longs|doubles|nextUInt|nextULong)$/;

export function jvmCall(s: Scan, c: CallShape, callee: string): void {
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
