/** The crypto API models of Rust: which calls are candidate sites, and where their values are. */
import type { Scan } from '../collect';
import type { CallShape } from '../../code/syntax';
import { cipherFixed, hashSite, iterArg, ivArg, keyArg, randSite, sizeArg, str, tlsOff, tlsProto } from '../sites';

export function rustCall(s: Scan, c: CallShape, callee: string): void {
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
