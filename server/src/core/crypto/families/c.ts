/** The crypto API models of C and C++ (OpenSSL, mbedTLS, libcurl, the C library): which calls are candidate sites, and where their values are. */
import type { Scan } from '../collect';
import type { CallShape } from '../../code/syntax';
import { cipherFixed, hashSite, iterArg, ivArg, keyArg, randSite, sizeArg, str, tlsOff, tlsProto } from '../sites';

export function cCall(s: Scan, c: CallShape, callee: string): void {
  const L = callee.replace(/^(std|::)\./, '');
  const a = (i: number) => c.args[i]?.node;
  // A prototype read as a call, inside a macro (`DEPRECATEDIN_1_1_0(const SSL_METHOD *SSLv3_method(void))` in
  // OpenSSL's headers): no call passes `void`, so this declares the function and uses nothing.
  if (c.args.length === 1 && c.args[0].node.text.trim() === 'void') return;
  // A constructor or destructor declared in a class named after the algorithm (`class SHA1 { SHA1(); ~SHA1(); }`):
  // a declaration, not a call of OpenSSL's SHA1().
  if (isMemberDeclaration(c.node)) return;
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

/** Is the "call" a member declared in a class body (tree-sitter reads `SHA1();` there as a call expression)? */
function isMemberDeclaration(n: CallShape['node']): boolean {
  for (let p = n.parent, i = 0; p && i < 4; p = p.parent, i++) {
    if (p.type === 'field_declaration_list') return true;
    if (p.type === 'compound_statement' || p.type === 'function_definition' || p.type === 'translation_unit') return false;
  }
  return false;
}
