/** The crypto API models of JavaScript / TypeScript: which calls are candidate sites, and where their values are. */
import type { SyntaxNode as Node } from '../../syntax/flatTree';
import type { Scan } from '../collect';
import type { SiteFix } from '../facts';
import type { CallShape } from '../../code/syntax';
import { cipherArg, cipherFixed, hashSite, iterArg, ivArg, keyArg, literalFix, objProp, randSite, sizeArg, str } from '../sites';

export function jsCall(s: Scan, c: CallShape, callee: string): void {
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
