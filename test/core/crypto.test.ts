/**
 * Crypto analyser (SPEC §3 crypto/*): the real engine over every fixture in test/fixtures/crypto (each
 * <language>/<rule> folder is one workspace; `expect: crypto/<rule>` comments mark the expected findings
 * line by line, every other line must stay quiet), plus the pieces: configuration index, algorithm
 * classification, policy overrides, quick fixes, risk links and the engine registration.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ConfigIndex } from '../../server/src/core/config/index';
import { cryptoAnalyzer } from '../../server/src/core/crypto/analyzer';
import { classifyCipher, classifyHash, curveBits, tlsVersion } from '../../server/src/core/crypto/classify';
import { hashIsBenign, isPasswordInput, randomIsSecurity } from '../../server/src/core/crypto/context';
import { runWorkspace, type FixtureWorkspace } from '../../server/src/core/crypto/eval';
import type { CryptoFacts } from '../../server/src/core/crypto/facts';
import { secretName } from '../../server/src/core/crypto/models';
import { DEFAULT_CRYPTO_POLICY, resolvePolicy } from '../../server/src/core/crypto/policy';
import { CRYPTO_PREFILTER } from '../../server/src/core/crypto/collect';
import { rustMacrosAsExpressions } from '../../server/src/core/code/rustMacros';
import { FlatTree } from '../../server/src/core/syntax/flatTree';
import { LineIndex } from '../../server/src/core/text';
import '../../server/src/core/crypto/register';
import { analyzeText, editedCopy } from '../../server/src/core/engine/analyzeFile';
import { enabledAnalyzers } from '../../server/src/core/engine/analyzers';
import { checkWorkspace } from '../../server/src/core/engine/check';
import type { FileFacts } from '../../server/src/core/engine/fileFacts';
import { Grammars } from '../../server/src/core/language/grammars';
import { languageForPath } from '../../server/src/core/language/languages';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import type { Finding } from '../../server/src/core/types';
import { REPO_ROOT } from '../helpers/assets';
import { MemoryHost } from '../helpers/memoryHost';

const ROOT = fs.existsSync(path.join(REPO_ROOT, 'grammars', 'languages.json')) ? REPO_ROOT : process.cwd();
const CORPUS = path.join(ROOT, 'test', 'fixtures', 'crypto');
const grammars = new Grammars({ wasmDir: path.join(ROOT, 'dist', 'grammars'), queryDir: path.join(ROOT, 'grammars') });

/** Analyses in-memory files as one workspace; returns the crypto findings. */
async function analyze(files: Record<string, string>, manifestPolicy?: Record<string, unknown>): Promise<Finding[]> {
  const facts: FileFacts[] = [];
  const configFiles: { path: string; text: string }[] = [];
  for (const [p, text] of Object.entries(files)) {
    const lang = languageForPath(p);
    if (!lang) {
      configFiles.push({ path: p, text });
      continue;
    }
    const r = await analyzeText(grammars, p, lang, text, { analyzers: [cryptoAnalyzer as never], isTest: false, maxFileBytes: 1 << 21 });
    if ('reason' in r) throw new Error(r.reason);
    assert.deepStrictEqual(r.notes, [], `${p}: ${r.notes.map((n) => n.message).join('; ')}`);
    facts.push(r);
  }
  const map = new Map<string, CryptoFacts>();
  for (const f of facts) if (f.analyzers.crypto) map.set(f.path, f.analyzers.crypto as CryptoFacts);
  const manifest = manifestPolicy ? ({ policy: { include: [], exclude: [], tests: [], riskAcceptance: 8, crypto: manifestPolicy }, risks: [], units: [], requirements: [], riskControls: [] } as never) : undefined;
  return cryptoAnalyzer.check({ files: facts, facts: map, configFiles, manifest });
}

function rulesAt(fs_: Finding[], line: number): string[] {
  return fs_.filter((f) => f.range.start.line === line).map((f) => f.ruleId).sort();
}

describe('crypto analyser: fixture corpus', function () {
  this.timeout(120000);
  const dirs: { lang: string; folder: string; dir: string }[] = [];
  for (const lang of fs.readdirSync(CORPUS).sort()) {
    for (const folder of fs.readdirSync(path.join(CORPUS, lang)).sort()) dirs.push({ lang, folder, dir: path.join(CORPUS, lang, folder) });
  }

  it('covers all eleven rules and every language', () => {
    const rules = new Set(dirs.map((d) => d.folder));
    for (const r of ['weak-hash', 'weak-cipher', 'weak-mode', 'static-iv', 'small-key', 'insecure-random', 'hardcoded-secret', 'weak-password-hash', 'tls-verification-disabled', 'legacy-tls', 'cleartext-transport']) assert.ok(rules.has(r), r);
    const langs = new Set(dirs.map((d) => d.lang));
    for (const l of ['c', 'cpp', 'csharp', 'go', 'java', 'javascript', 'kotlin', 'python', 'rust', 'swift', 'typescript']) assert.ok(langs.has(l), l);
  });

  for (const d of dirs) {
    it(`${d.lang}/${d.folder}: exactly the expected findings`, async () => {
      const ws: FixtureWorkspace = await runWorkspace(grammars, d.dir, { language: d.lang, folder: d.folder, prefix: `${d.lang}/${d.folder}` });
      for (const f of ws.files) {
        const expected = f.expected.map((e) => `${e.line + 1}: ${e.rule}`).sort();
        const actual = f.actual.filter((a) => a.severity !== 'hint').map((a) => `${a.range.start.line + 1}: ${a.ruleId}`).sort();
        assert.deepStrictEqual(actual, expected, `${f.path}\n${f.actual.map((a) => `  ${a.range.start.line + 1}: ${a.ruleId} ${a.message}`).join('\n')}`);
        // `hint: crypto/<rule>` marks what is shown as a hint only (not a finding: not scored).
        const text = fs.readFileSync(path.join(d.dir, f.path.slice(`${d.lang}/${d.folder}/`.length)), 'utf8');
        const hintsExpected = text.split('\n').flatMap((l, i) => [...l.matchAll(/\bhint:\s*(crypto\/[\w-]+)/g)].map((m) => `${i + 1}: ${m[1]}`)).sort();
        const hints = f.actual.filter((a) => a.severity === 'hint').map((a) => `${a.range.start.line + 1}: ${a.ruleId}`).sort();
        assert.deepStrictEqual(hints, hintsExpected, `${f.path}: hints`);
        for (const a of f.actual) {
          assert.match(String(a.data?.cwe), /^CWE-\d+$/, 'CWE in data');
          assert.match(a.message, /Policy: /, 'message cites its policy source');
          assert.ok(a.range.end.line > a.range.start.line || a.range.end.character > a.range.start.character, 'non-empty range');
        }
      }
    });
  }
});

describe('crypto analyser: behaviour', function () {
  this.timeout(60000);

  it('puts the range on the algorithm argument and names algorithm, reason, replacement and source', async () => {
    const fs_ = await analyze({ 'a.js': "const c = require('crypto');\nc.createHash('md5');\n" });
    assert.strictEqual(fs_.length, 1);
    assert.deepStrictEqual(fs_[0].range, { start: { line: 1, character: 13 }, end: { line: 1, character: 18 } });
    assert.match(fs_[0].message, /MD5/);
    assert.match(fs_[0].message, /SHA-256/);
    assert.match(fs_[0].message, /NIST SP 800-131A/);
    assert.strictEqual(fs_[0].data?.cwe, 'CWE-328');
  });

  it('offers createHash md5 → sha256 only when the digest is not stored or compared', async () => {
    const fs_ = await analyze({
      'a.js': "const crypto = require('crypto');\nfunction sig(d) { return crypto.createHash('md5').update(d).digest('hex'); }\nfunction check(d, stored) { return crypto.createHash('md5').update(d).digest('hex') === stored; }\n",
    });
    const [a, b] = fs_.sort((x, y) => x.range.start.line - y.range.start.line);
    assert.strictEqual(a.fixes?.length, 1);
    assert.deepStrictEqual(a.fixes![0].edits['a.js'], [{ range: a.range, newText: "'sha256'" }]);
    assert.strictEqual(b.fixes, undefined);
  });

  it('offers Math.random → CSPRNG and random → secrets, and removes verify=False', async () => {
    const js = await analyze({ 'a.js': "const crypto = require('crypto');\nfunction makeToken() { return Math.floor(Math.random() * 1000000); }\n" });
    assert.deepStrictEqual(js.map((f) => f.ruleId), ['crypto/insecure-random']);
    assert.ok(js[0].fixes!.some((f) => f.edits['a.js'][0].newText === 'crypto.randomInt(1000000)'));
    const py = await analyze({ 'a.py': 'import random\nimport requests\n\ndef session_token(alphabet):\n    return random.choice(alphabet)\n\ndef get(u):\n    return requests.get(u, verify=False)\n' });
    const rnd = py.find((f) => f.ruleId === 'crypto/insecure-random')!;
    assert.deepStrictEqual(rnd.fixes![0].edits['a.py'].map((e) => e.newText), ['secrets.choice(alphabet)', 'import secrets\n']);
    const tls = py.find((f) => f.ruleId === 'crypto/tls-verification-disabled')!;
    assert.deepStrictEqual(tls.fixes![0].edits['a.py'][0], { range: { start: { line: 7, character: 25 }, end: { line: 7, character: 39 } }, newText: '' });
  });

  it('resolves .properties, .env, YAML, JSON values by key; the config value wins over the default', async () => {
    const java = 'class A { void f(java.util.Properties p) throws Exception { javax.crypto.Cipher.getInstance(p.getProperty("cipher.alg", "AES/GCM/NoPadding")); } }\n';
    assert.deepStrictEqual(rulesAt(await analyze({ 'A.java': java, 'app.properties': 'cipher.alg=DES/CBC/PKCS5Padding\n' }), 0), ['crypto/weak-cipher']);
    assert.deepStrictEqual(rulesAt(await analyze({ 'A.java': java }), 0), []);
    const py = 'import hashlib, os\nhashlib.new(os.environ.get("HASH", "sha256"))\n';
    assert.deepStrictEqual(rulesAt(await analyze({ 'a.py': py, 'config.yaml': 'hash: md5\n' }), 1), ['crypto/weak-hash']);
    assert.deepStrictEqual(rulesAt(await analyze({ 'a.py': 'import hashlib, os\nhashlib.new(os.environ["HASH"])\n' }), 1), []);
    const ts = "import { createHash } from 'crypto';\ncreateHash(process.env.DIGEST || 'sha256');\n";
    assert.deepStrictEqual(rulesAt(await analyze({ 'a.ts': ts, '.env.production': 'DIGEST=sha1\n' }), 1), ['crypto/weak-hash']);
  });

  it('resolves constants of other files and string concatenation', async () => {
    const fs_ = await analyze({
      'src/Alg.java': 'package p; public class Alg { public static final String NAME = "DES" + "ede"; }\n',
      'src/Use.java': 'package p; class Use { void f() throws Exception { javax.crypto.Cipher.getInstance(Alg.NAME + "/CBC/PKCS5Padding"); } }\n',
    });
    assert.deepStrictEqual(fs_.map((f) => `${f.path}:${f.ruleId}`), ['src/Use.java:crypto/weak-cipher']);
    assert.match(fs_[0].message, /3DES/);
  });

  it("shows a finding another analyser's suppression covers as a hint, naming the suppression and its reason", async () => {
    const fs_ = await analyze({
      'etag.go': [
        'package web',
        'import ("crypto/md5"; "crypto/tls")',
        'func Sum(b []byte) [16]byte { return md5.Sum(b) } //nolint:gosec // MD5 acceptable for checksums',
        '// #nosec G402 -- internal test harness only',
        'var cfg = &tls.Config{InsecureSkipVerify: true}',
        'func Token(b []byte) [16]byte { return md5.Sum(b) } // nolint is not a word here: see docs',
        'func Token2(b []byte) [16]byte { return md5.Sum(b) }',
      ].join('\n'),
      'Legacy.java': [
        'class Legacy {',
        '  @SuppressWarnings("java:S4790") byte[] sign(byte[] d) throws Exception { return java.security.MessageDigest.getInstance("MD5").digest(d); }',
        '  @SuppressWarnings("unchecked") byte[] token(byte[] d) throws Exception { return java.security.MessageDigest.getInstance("MD5").digest(d); }',
        '}',
      ].join('\n'),
    });
    const at = (p: string, line: number) => fs_.filter((f) => f.path === p && f.range.start.line === line);
    const [sum] = at('etag.go', 2);
    assert.strictEqual(sum?.severity, 'hint');
    assert.match(sum.message, /Suppressed for another analyser on this line \(nolint:gosec \/\/ MD5 acceptable for checksums\)/);
    const [tlsOff] = at('etag.go', 4);
    assert.strictEqual(tlsOff?.ruleId, 'crypto/tls-verification-disabled');
    assert.strictEqual(tlsOff.severity, 'hint');
    assert.match(tlsOff.message, /nosec G402 -- internal test harness only/);
    // A comment that only mentions a tool's word, and a line without one, keep their severity.
    assert.strictEqual(at('etag.go', 5)[0]?.severity, 'warning');
    assert.strictEqual(at('etag.go', 6)[0]?.severity, 'warning');
    assert.strictEqual(at('Legacy.java', 1)[0]?.severity, 'hint');
    assert.notStrictEqual(at('Legacy.java', 2)[0]?.severity, 'hint');
    assert.ok(at('Legacy.java', 2).length === 1);
  });

  it("reads Android Lint's and .NET analysers' suppressions of their crypto checks, on the line or alone above it", async () => {
    const fs_ = await analyze({
      'Auth.kt': [
        'import javax.crypto.Cipher',
        'class Auth {',
        '    @SuppressLint("GetInstance")',
        '    private val cipher: Cipher = Cipher.getInstance("AES/ECB/NoPadding")',
        '    @SuppressLint("SetTextI18n")',
        '    private val other: Cipher = Cipher.getInstance("AES/ECB/NoPadding")',
        '}',
      ].join('\n'),
      'Legacy.cs': [
        'using System.Security.Cryptography;',
        'class Legacy {',
        '    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "file checksum")]',
        '    byte[] Sum(byte[] d) { return MD5.Create().ComputeHash(d); }',
        '    byte[] Token(byte[] d) { return MD5.Create().ComputeHash(d); }',
        '}',
      ].join('\n'),
    });
    const at = (p: string, line: number) => fs_.filter((f) => f.path === p && f.range.start.line === line);
    assert.strictEqual(at('Auth.kt', 3)[0]?.severity, 'hint');
    assert.match(at('Auth.kt', 3)[0].message, /@SuppressLint\("GetInstance"\)/);
    // Another Lint check's suppression says nothing about the cipher.
    assert.strictEqual(at('Auth.kt', 5)[0]?.severity, 'warning');
    assert.strictEqual(at('Legacy.cs', 3)[0]?.severity, 'hint');
    assert.match(at('Legacy.cs', 3)[0].message, /CA5351/);
    assert.strictEqual(at('Legacy.cs', 4)[0]?.severity, 'warning');
  });

  it('derives nothing from one-block ECB, and reports IVs and keys derived from a secret alone', async () => {
    const fs_ = await analyze({
      'k.js': [
        "const crypto = require('crypto');",
        'function enc(password, text) {',
        "  const key = crypto.createHash('sha256').update(password).digest();",
        '  const iv = key.slice(0, 16);',
        "  return crypto.createCipheriv('aes-256-cbc', key, iv).update(text);",
        '}',
      ].join('\n'),
    });
    const kdf = fs_.find((f) => f.range.start.line === 2);
    assert.strictEqual(kdf?.ruleId, 'crypto/weak-password-hash');
    assert.match(kdf.message, /A key is derived from a password by one pass of SHA256/);
    const iv = fs_.find((f) => f.range.start.line === 4);
    assert.strictEqual(iv?.ruleId, 'crypto/static-iv');
    assert.match(iv.message, /derived from `key` alone/);
  });

  it('follows policy.crypto overrides', async () => {
    const src = 'from cryptography.hazmat.primitives.asymmetric import rsa\nrsa.generate_private_key(public_exponent=65537, key_size=3072)\n';
    assert.deepStrictEqual(await analyze({ 'a.py': src }), []);
    assert.deepStrictEqual((await analyze({ 'a.py': src }, { minRsaBits: 4096 })).map((f) => f.ruleId), ['crypto/small-key']);
    const cbc = "require('crypto').createCipheriv('aes-256-cbc', k, iv);\n";
    assert.deepStrictEqual(await analyze({ 'a.js': cbc }), []);
    assert.deepStrictEqual((await analyze({ 'a.js': cbc }, { requireAead: true })).map((f) => f.ruleId), ['crypto/weak-mode']);
    assert.deepStrictEqual((await analyze({ 'a.py': 'import hashlib\nhashlib.new("sha224", b"x")\n' }, { allowedHashes: ['SHA-256', 'SHA-384'] })).map((f) => f.ruleId), ['crypto/weak-hash']);
    const hint = await analyze({ 'a.js': "function f(a) { return require('crypto').createHash(a); }\n" }, { reportUnresolved: true });
    assert.deepStrictEqual(hint.map((f) => f.severity), ['hint']);
  });

  it('is registered with the engine and links findings to the security risks of the unit', async () => {
    assert.ok(enabledAnalyzers(DEFAULT_SETTINGS).some((a) => a.name === 'crypto'));
    assert.ok(!enabledAnalyzers({ ...DEFAULT_SETTINGS, crypto: { enable: false } }).some((a) => a.name === 'crypto'));
    const host = new MemoryHost({
      'medtrace.yaml': [
        'version: 1',
        'system: { name: Pump, safetyClass: B }',
        'units:',
        '  - { id: SU-COMM, name: Comms, safetyClass: B, paths: ["src/comm/**"] }',
        'requirements:',
        '  - { id: SRS-9, title: Authenticate messages, kind: security }',
        'risks:',
        '  - { id: RISK-SEC-1, hazard: Tampered dose command, severity: 5, probability: 2, controls: [RC-9] }',
        'riskControls:',
        '  - { id: RC-9, title: Message MAC, type: protective, requirements: [SRS-9] }',
        '',
      ].join('\n'),
      'src/comm/mac.py': '# @mitigates RC-9\nimport hashlib\n\ndef sign(m):\n    return hashlib.md5(m).hexdigest()\n',
      'src/comm/other.py': 'import hashlib\n\ndef token(m):\n    return hashlib.sha1(m).hexdigest()\n',
      'src/ui/x.py': 'import hashlib\n\ndef token(m):\n    return hashlib.sha1(m).hexdigest()\n',
    });
    const res = await checkWorkspace({ rootAbs: host.root, host, grammars });
    const crypto = res.findings.filter((f) => f.ruleId.startsWith('crypto/'));
    assert.deepStrictEqual(crypto.map((f) => f.path).sort(), ['src/comm/mac.py', 'src/comm/other.py', 'src/ui/x.py']);
    for (const f of crypto) {
      if (f.path.startsWith('src/comm/')) assert.match(f.message, /RISK-SEC-1/);
      else assert.doesNotMatch(f.message, /RISK-/);
    }
  });
});

describe('crypto analyser: pieces', () => {
  it('indexes configuration files with relaxed keys', () => {
    const idx = new ConfigIndex([
      { path: 'a.properties', text: '# c\ncrypto.alg = DES\nmulti=a\\\n  b\n' },
      { path: '.env', text: 'export API_URL="http://x"\nEMPTY=\n' },
      { path: 'c.yaml', text: 'crypto:\n  hash: md5\nlist: [1, 2]\n' },
      { path: 'd.json', text: '{ "tls": { "min": "1.0" } } // note\n' },
      { path: 'e.toml', text: '[server]\nport = 8080\n' },
      { path: 'f.ini', text: '[security]\ndigest = sha1\n' },
    ]);
    assert.strictEqual(idx.values('crypto.alg')?.[0].value, 'DES');
    assert.strictEqual(idx.values('CRYPTO_ALG')?.[0].value, 'DES');
    assert.strictEqual(idx.values('multi')?.[0].value, 'ab');
    assert.strictEqual(idx.values('API_URL', { env: true })?.[0].value, 'http://x');
    assert.strictEqual(idx.values('crypto.hash')?.[0].line, 1);
    assert.strictEqual(idx.values('tls.min')?.[0].value, '1.0');
    assert.strictEqual(idx.values('server.port')?.[0].value, 8080);
    assert.strictEqual(idx.values('security.digest')?.[0].value, 'sha1');
    assert.strictEqual(idx.values('missing'), undefined);
  });

  it('classifies algorithm names', () => {
    const p = DEFAULT_CRYPTO_POLICY;
    assert.strictEqual(classifyHash('SHA-1', p)?.weak, true);
    assert.strictEqual(classifyHash('SHA1withRSA', p)?.name, 'SHA-1');
    assert.strictEqual(classifyHash('sha256', p)?.weak, false);
    assert.strictEqual(classifyHash('SHA-512/256', p)?.weak, false);
    assert.strictEqual(classifyHash('whirlpool', p), undefined);
    assert.strictEqual(classifyCipher('DESede/ECB/PKCS5Padding')?.cipher, '3DES');
    assert.strictEqual(classifyCipher('des-ede3-cbc')?.cipher, '3DES');
    assert.strictEqual(classifyCipher('aes-128-ecb')?.mode, 'ECB');
    assert.strictEqual(classifyCipher('AES', true)?.defaultMode, true);
    assert.strictEqual(classifyCipher('AES/GCM/NoPadding')?.aead, true);
    assert.strictEqual(classifyCipher('PBEWithMD5AndDES')?.cipher, 'DES');
    assert.strictEqual(classifyCipher('chacha20-poly1305')?.aead, true);
    assert.strictEqual(classifyCipher('RSA/ECB/PKCS1Padding')?.mode, undefined);
    assert.strictEqual(tlsVersion('TLSv1.1'), 1.1);
    assert.strictEqual(tlsVersion('tls.VersionTLS10'), 1.0);
    assert.strictEqual(tlsVersion('TLS1_2_VERSION'), 1.2);
    assert.strictEqual(tlsVersion('SSLv23_method'), undefined);
    assert.strictEqual(curveBits('secp192r1'), 192);
    assert.strictEqual(curveBits('prime256v1'), 256);
    assert.strictEqual(curveBits('P-384'), 384);
  });

  it('tells security values from harmless ones by name', () => {
    assert.ok(randomIsSecurity(['sessionId']));
    assert.ok(randomIsSecurity(['resetCode']));
    assert.ok(!randomIsSecurity(['cacheKey']));
    assert.ok(!randomIsSecurity(['jitter']));
    assert.ok(randomIsSecurity([], 'generateToken'));
    assert.ok(!randomIsSecurity(['delay'], 'refreshTokenLater'));
    assert.ok(hashIsBenign(['etag']));
    assert.ok(hashIsBenign([], 'cache_key'));
    assert.ok(!hashIsBenign(['signature', 'etag']));
    assert.ok(isPasswordInput(['password', 'encode']));
    assert.ok(!isPasswordInput(['passwordHash']));
    assert.ok(secretName('DB_PASSWORD'));
    assert.ok(secretName('clientSecret'));
    assert.ok(secretName('secret_key'));
    assert.ok(!secretName('passwordLabel'));
    assert.ok(!secretName('PASSWORD_MIN_LENGTH'));
    assert.ok(!secretName('isPasswordValid'));
    assert.ok(!secretName('cache_key'));
    assert.ok(!secretName('CLIENT_CREDENTIALS_GRANT'));
  });

  it('reads policy.crypto with defaults', () => {
    assert.strictEqual(resolvePolicy(undefined).minRsaBits, 2048);
    assert.strictEqual(resolvePolicy({ minRsaBits: 3072, minTlsVersion: '1.3', requireAead: true }).minTlsVersion, '1.3');
    assert.strictEqual(resolvePolicy({ minRsaBits: 'big' }).minRsaBits, 2048);
    assert.deepStrictEqual(resolvePolicy({ allowedHashes: ['SHA-256'] }).allowedHashes, ['sha256']);
  });

  it('reads Rust macro arguments as expressions, keeping every position', async () => {
    const text = [
      'lazy_static! { static ref K: String = format!("{:x}", md5::compute(b"k")); }',
      'fn f(key: &[u8]) -> String {',
      '    let iv = vec![0u8;',
      '        16];',
      '    println!("{}", 1);',
      '    let token = format!("call foo!(x) {:x}", std::vec![md5::compute(key)]);',
      '    format!("{:x}", md5::compute(key))',
      '}',
    ].join('\n');
    const tree = (await grammars.parser('rust')).parse(text)!;
    try {
      const out = rustMacrosAsExpressions(FlatTree.from(tree, new LineIndex(text)).rootNode, text, CRYPTO_PREFILTER)!;
      assert.strictEqual(out.length, text.length);
      assert.deepStrictEqual([...out.matchAll(/\n/g)].map((m) => m.index), [...text.matchAll(/\n/g)].map((m) => m.index));
      const lines = out.split('\n');
      assert.strictEqual(lines[0], 'lazy_static! { static ref K: String = format!("{:x}", md5::compute(b"k")); }', 'item-level macros expand to items: left alone');
      assert.strictEqual(lines[2], '    let iv =     [0u8;', 'vec![…] bound to a crypto name is an array');
      assert.strictEqual(lines[4], '    println!("{}", 1);', 'arguments without a crypto word are left alone');
      assert.strictEqual(lines[5], '    let token = format ("call foo!(x) {:x}",          [md5::compute(key)]);', 'nested macros too; a string stays as it is');
      assert.strictEqual(lines[6], '    format ("{:x}", md5::compute(key))', 'format!(…) is a call');
      assert.strictEqual(rustMacrosAsExpressions(FlatTree.from(tree, new LineIndex(text)).rootNode, text, /no-such-word/), undefined);
    } finally {
      tree.delete();
    }
  });

  it('parses a rewrite incrementally into the tree a fresh parse gives', async () => {
    const parser = await grammars.parser('rust');
    const files = ['privacy/rust/readings.rs', 'crypto/rust/weak-hash', 'crypto/rust/static-iv'].flatMap((f) => {
      const p = path.join(ROOT, 'test', 'fixtures', f);
      return fs.statSync(p).isDirectory() ? fs.readdirSync(p).map((x) => path.join(p, x)) : [p];
    });
    assert.ok(files.length >= 3);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const tree = parser.parse(text)!;
      const lines = new LineIndex(text);
      const out = rustMacrosAsExpressions(FlatTree.from(tree, lines).rootNode, text, /./);
      if (out === undefined) {
        tree.delete();
        continue;
      }
      const fresh = parser.parse(out)!;
      const old = editedCopy(tree, lines, out);
      const incremental = parser.parse(out, old)!;
      try {
        assert.notStrictEqual(out, text);
        assert.strictEqual(incremental.rootNode.toString(), fresh.rootNode.toString(), file);
        assert.notStrictEqual(incremental.rootNode.toString(), tree.rootNode.toString(), `${file}: the rewrite changed the tree`);
      } finally {
        for (const t of [tree, fresh, old, incremental]) t.delete();
      }
    }
  });
});
