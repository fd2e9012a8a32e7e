import { strict as assert } from 'node:assert';
import { parse as parseYaml } from 'yaml';
import { loadManifest, parseManifestText } from '../../server/src/core/manifest/load';
import { insertEntryEdit, insertRequirementEdit, yamlScalar } from '../../server/src/core/manifest/edit';
import { starterManifest } from '../../server/src/core/manifest/starter';
import { DEFAULT_POLICY, type ManifestLoadResult } from '../../server/src/core/manifest/model';
import type { Finding, Range, TextEdit } from '../../server/src/core/types';
import { MemoryHost } from '../helpers/memoryHost';
import { globMatcher } from '../../server/src/core/workspace/files';

const SPEC_EXAMPLE = `version: 1
system: { name: InfuCare pump controller, safetyClass: C }   # IEC 62304 4.3: A | B | C
units:                       # software items / units (IEC 62304 5.3, 5.4)
  - { id: SU-DOSE, name: Dose calculation, safetyClass: C, paths: ["firmware/dose/**"] }
requirements:
  - id: SRS-042
    title: Limit infusion rate
    text: The pump shall reject rates above the drug library limit.
    kind: safety             # functional | safety | security | privacy | performance | usability
    derivedFrom: [SYS-7]     # optional, ids declared here or outside (not checked when outside)
risks:                       # ISO 14971 risk register rows
  - id: RISK-007
    hazard: Over-infusion
    hazardousSituation: Rate above limit is accepted
    harm: Overdose
    severity: 5              # 1..5
    probability: 3           # 1..5
    controls: [RC-12]
    residual: { severity: 5, probability: 1 }
    threat: Tampering        # optional STRIDE category for security risks (MDCG 2019-16)
riskControls:
  - { id: RC-12, title: Rate limit check, type: protective, requirements: [SRS-042] }  # inherent | protective | information
soup:                        # IEC 62304 8.1.2 / 7.1.3; SBOM fields (FDA 524B, CRA)
  - { name: openssl, version: 3.0.13, manufacturer: OpenSSL Project, purpose: TLS, safetyClass: B,
      anomalyList: https://openssl-library.org/news/vulnerabilities/, endOfSupport: 2026-09-07 }
policy:
  include: ["**/*"]          # minimatch globs; default excludes vendored, generated, build and node_modules trees
  exclude: []
  tests: ["**/test/**", "**/*.test.*", "**/*_test.*", "**/test_*.py"]
  riskAcceptance: 8          # severity*probability above this must be controlled
`;

async function load(files: Record<string, string | Uint8Array>, manifest?: string): Promise<ManifestLoadResult> {
  return loadManifest(new MemoryHost(files), '/ws', manifest);
}

function r(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

/** The text a range covers, to assert positions by what they point at. */
function textAt(text: string, range: Range): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character);
  const parts = [lines[range.start.line].slice(range.start.character)];
  for (let l = range.start.line + 1; l < range.end.line; l++) parts.push(lines[l]);
  parts.push(lines[range.end.line].slice(0, range.end.character));
  return parts.join('\n');
}

function applyEdit(text: string, edit: TextEdit): string {
  const offset = (p: { line: number; character: number }) => {
    const lines = text.split('\n');
    let o = 0;
    for (let i = 0; i < p.line; i++) o += lines[i].length + 1;
    return o + p.character;
  };
  return text.slice(0, offset(edit.range.start)) + edit.newText + text.slice(offset(edit.range.end));
}

function codes(findings: Finding[]): string[] {
  return findings.map((f) => String(f.data?.code));
}

function only(findings: Finding[], code: string): Finding {
  const hits = findings.filter((f) => f.data?.code === code);
  assert.equal(hits.length, 1, `expected one ${code} finding, got ${JSON.stringify(findings, null, 1)}`);
  return hits[0];
}

describe('manifest loader', () => {
  describe('the SPEC example', () => {
    it('loads with no findings and the values written', async () => {
      const res = await load({ 'medtrace.yaml': SPEC_EXAMPLE });
      assert.deepEqual(res.findings, []);
      assert.equal(res.fatal, false);
      assert.equal(res.missing, false);
      const m = res.manifest!;
      assert.equal(m.path, 'medtrace.yaml');
      assert.deepEqual(m.files, ['medtrace.yaml']);
      assert.equal(m.version, 1);
      assert.equal(m.system.name, 'InfuCare pump controller');
      assert.equal(m.system.safetyClass, 'C');
      assert.deepEqual(m.units.map((u) => [u.id, u.safetyClass, u.paths]), [['SU-DOSE', 'C', ['firmware/dose/**']]]);
      assert.equal(m.requirements[0].kind, 'safety');
      assert.deepEqual(m.requirements[0].derivedFrom.map((d) => d.id), ['SYS-7']);
      assert.deepEqual(m.risks[0].residual, { severity: 5, probability: 1 });
      assert.equal(m.risks[0].threat, 'Tampering');
      assert.equal(m.riskControls[0].type, 'protective');
      assert.equal(m.soup[0].version, '3.0.13');
      assert.equal(m.soup[0].endOfSupport, '2026-09-07');
      assert.equal(m.policy.riskAcceptance, 8);
      assert.deepEqual(m.policy.tests, ['**/test/**', '**/*.test.*', '**/*_test.*', '**/test_*.py']);
    });

    it('locates every id, reference and entry exactly', async () => {
      const m = (await load({ 'medtrace.yaml': SPEC_EXAMPLE })).manifest!;
      const req = m.requirements[0];
      assert.deepEqual(req.idLocation, { path: 'medtrace.yaml', range: r(5, 8, 5, 15) });
      assert.equal(textAt(SPEC_EXAMPLE, req.location.range).split('\n')[0], 'id: SRS-042');
      assert.deepEqual(req.derivedFrom[0].location.range, r(9, 18, 9, 23));
      assert.deepEqual(m.units[0].idLocation.range, r(3, 10, 3, 17));
      assert.deepEqual(m.risks[0].idLocation.range, r(11, 8, 11, 16));
      assert.deepEqual(m.risks[0].controls[0].location.range, r(17, 15, 17, 20));
      const rc = m.riskControls[0];
      assert.deepEqual(rc.idLocation.range, r(21, 10, 21, 15));
      assert.equal(textAt(SPEC_EXAMPLE, rc.requirements[0].location.range), 'SRS-042');
      assert.equal(textAt(SPEC_EXAMPLE, rc.location.range).startsWith('{ id: RC-12'), true);
      assert.equal(textAt(SPEC_EXAMPLE, m.soup[0].nameLocation.range), 'openssl');
      assert.equal(textAt(SPEC_EXAMPLE, m.soup[0].versionLocation!.range), '3.0.13');
      assert.equal(textAt(SPEC_EXAMPLE, m.system.location!.range).startsWith('{ name: InfuCare'), true);
    });

    it('counts columns in UTF-16 code units and leaves quotes out of id ranges', async () => {
      const text = 'version: 1\nrequirements:\n  - { title: "Dosis 😀 Ω", id: "SRS-9" }\n  - id: \'SRS-10\'\n';
      const m = (await load({ 'medtrace.yaml': text })).manifest!;
      // "  - { title: "Dosis 😀 Ω", id: " is 31 UTF-16 units (the emoji counts 2).
      assert.deepEqual(m.requirements[0].idLocation.range, r(2, 32, 2, 37));
      assert.deepEqual(m.requirements[1].idLocation.range, r(3, 9, 3, 15));
      assert.equal(textAt(text, m.requirements[1].idLocation.range), 'SRS-10');
    });

    it('keeps positions with CRLF line endings', async () => {
      const text = SPEC_EXAMPLE.replace(/\n/g, '\r\n');
      const res = await load({ 'medtrace.yaml': text });
      assert.deepEqual(res.findings, []);
      assert.deepEqual(res.manifest!.requirements[0].idLocation.range, r(5, 8, 5, 15));
    });
  });

  describe('defaults', () => {
    it('fills policy defaults, class C, and unit classes from the system', async () => {
      const res = await load({
        'medtrace.yaml': 'version: 1\nunits:\n  - { id: SU-A, paths: [a/**] }\n  - { id: SU-B, safetyClass: A }\n',
      });
      assert.deepEqual(res.findings, []);
      const m = res.manifest!;
      assert.equal(m.system.safetyClass, 'C');
      assert.deepEqual(m.policy, DEFAULT_POLICY);
      assert.notEqual(m.policy.tests, DEFAULT_POLICY.tests, 'defaults are copied, not shared');
      assert.deepEqual(m.units.map((u) => u.safetyClass), ['C', 'A']);
    });

    it('counts the usual test layouts of every language as tests by default, and only those', () => {
      const isTest = globMatcher(DEFAULT_POLICY.tests);
      const tests = ['src/__tests__/rate.js', 'pkg/test.js', 'app/tests.py', 'tests/conftest.py', 'svc/conftest.py', 'a/RateTest.java', 'a/RateTests.java', 'b/PumpTests.kt', 'c/PumpTest.cs', 'd/PumpTests.swift', 'x/rate.test.ts', 'x/rate.spec.ts', 'go/rate_test.go', 'py/test_rate.py', 'test/a.c', 'tests/b.rs',
        'app/src/androidTest/java/a/PumpIT.kt', 'app/src/androidTest/assets/oref/determine-basal.js', 'core/src/jvmTest/kotlin/a.kt', 'core/src/commonTest/a.kt',
        'core/src/test/kotlin/a.kt', 'core/src/testFixtures/kotlin/Fake.kt', 'LoopKitTests/DoseTests.swift', 'Tests/FO-DICOM.Tests/DicomTest.cs', 'FellowOakDicom.Tests/Io/a.cs',
        'spec/models/patient.rb', 'lib/dose_spec.js', 'internal/fhir/testdata/gen.go', 'Tests/Helpers/Fixture.swift', '__mocks__/visits.mock.ts', 'src/__mocks__/api.js', 'src/patient.mock.ts',
        'testing/make_high_data.js', 'workflow-testing/src/main/java/a/PlanDefinition.kt', 'app/unit-tests/AndroidManifest.xml', 'app/integration_tests/src/a.py',
        'user/mockStoreClient.go', 'user/storage_mock.go', 'user/responsableMockStoreClient.go', 'Sources/MockPumpManager.swift', 'src/UserMock.java', 'src/mock_data.py', 'src/mocks/a.ts', 'MockKit/Mocks/a.swift',
        'Sources/Models/ServiceComposerPreviews.swift', 'App/Preview Content/Sample.swift'];
      const code = ['src/rate.js', 'src/testing.py', 'src/attest.js', 'src/Contest.java', 'src/latest.ts', 'pkg/test.go', 'src/TestData.java', 'src/protests.py',
        'app/src/main/java/a/Latest.kt', 'src/contest/a.js', 'src/specs.ts', 'src/inspector/a.ts', 'app/src/main/assets/determine-basal.js', 'src/TestKit.swift', 'src/mockup.ts', 'src/hammock.js',
        'src/testing-tools.ts', 'load-testing.md', 'src/contests/a.js', 'src/unit-test-helpers.ts', 'src/Mockingbird.swift', 'src/mocked.ts', 'src/Unmockable.kt', 'Sources/PreviewRenderer.swift'];
      assert.deepEqual(tests.filter((p) => !isTest(p)), []);
      assert.deepEqual(code.filter(isTest), []);
    });

    it('inherits a declared system class and keeps unset policy fields at their defaults', async () => {
      const res = await load({
        'medtrace.yaml': 'version: 1\nsystem: { safetyClass: B }\nunits: [{ id: SU-A }]\npolicy:\n  riskAcceptance: 4\n  crypto: { minRsaBits: 3072, minTlsVersion: "1.3" }\n',
      });
      assert.deepEqual(res.findings, []);
      const m = res.manifest!;
      assert.equal(m.units[0].safetyClass, 'B');
      assert.equal(m.policy.riskAcceptance, 4);
      assert.deepEqual(m.policy.include, DEFAULT_POLICY.include);
      assert.deepEqual(m.policy.crypto, { minRsaBits: 3072, minTlsVersion: '1.3' });
    });

    it('does not use a risk acceptance the schema rejects: the default stays, and the finding says so', async () => {
      const res = await load({ 'medtrace.yaml': 'version: 1\npolicy:\n  riskAcceptance: -1\n' });
      assert.equal(res.manifest!.policy.riskAcceptance, DEFAULT_POLICY.riskAcceptance);
      const f = res.findings.find((x) => /riskAcceptance/.test(x.message));
      assert.ok(f, JSON.stringify(res.findings.map((x) => x.message)));
      assert.match(f.message, /The default, 8, is used instead/);
    });

    it('reads soup versions as written and keeps extra soup fields', async () => {
      const res = await load({
        'medtrace.yaml': 'version: 1\nsoup:\n  - { name: zlib, version: 1.10, license: Zlib, purl: "pkg:generic/zlib@1.10", custom: yes }\n',
      });
      assert.deepEqual(res.findings, []);
      const s = res.manifest!.soup[0];
      assert.equal(s.version, '1.10');
      assert.deepEqual(s.extra, { license: 'Zlib', purl: 'pkg:generic/zlib@1.10', custom: 'yes' });
    });
  });

  describe('missing, empty and unreadable manifests', () => {
    it('reports nothing when there is no manifest', async () => {
      const res = await load({ 'src/a.ts': '' });
      assert.deepEqual(res, { findings: [], fatal: false, missing: true });
    });

    it('reports an empty manifest and loads defaults', async () => {
      for (const text of ['', '# just a comment\n', '---\n']) {
        const res = await load({ 'medtrace.yaml': text });
        assert.equal(res.fatal, false);
        assert.deepEqual(codes(res.findings), ['empty']);
        assert.match(res.findings[0].message, /Empty manifest/);
        assert.equal(res.manifest!.system.safetyClass, 'C');
        assert.deepEqual(res.manifest!.policy, DEFAULT_POLICY);
      }
    });

    it('is fatal for binary junk', async () => {
      const junk = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
      const res = await load({ 'medtrace.yaml': junk });
      assert.equal(res.fatal, true);
      assert.equal(res.manifest, undefined);
      assert.match(res.findings[0].message, /binary/);
      assert.equal(res.findings[0].ruleId, 'trace/manifest-error');
    });

    it('reports invalid UTF-8 where it is and reads the rest', async () => {
      const bytes = new Uint8Array([...new TextEncoder().encode('version: 1\nrequirements:\n  - { id: SRS-1, title: "a'), 0xff, 0xfe, ...new TextEncoder().encode('" }\n')]);
      const res = await load({ 'medtrace.yaml': bytes });
      assert.equal(res.fatal, false);
      const f = only(res.findings, 'encoding');
      assert.deepEqual(f.range, r(2, 26, 2, 27));
      assert.deepEqual(res.manifest!.requirements.map((x) => x.id), ['SRS-1']);
    });

    it('is fatal for a folder or an unreadable file', async () => {
      const host = new MemoryHost({ 'medtrace.yaml/x': '' });
      const dir = await loadManifest(host, '/ws');
      assert.equal(dir.fatal, true);
      assert.match(dir.findings[0].message, /folder/);
      const denied = await loadManifest(new MemoryHost({ 'medtrace.yaml': 'version: 1\n' }).unreadable('medtrace.yaml'), '/ws');
      assert.equal(denied.fatal, true);
      assert.match(denied.findings[0].message, /could not be read/);
    });

    it('loads a manifest at another path, relative or absolute', async () => {
      const files = { 'config/mt.yaml': 'version: 1\nrequirements: [{ id: SRS-1 }]\n' };
      for (const p of ['config/mt.yaml', '/ws/config/mt.yaml']) {
        const res = await load(files, p);
        assert.deepEqual(res.findings, []);
        assert.equal(res.manifest!.path, 'config/mt.yaml');
        assert.equal(res.manifest!.requirements[0].idLocation.path, 'config/mt.yaml');
      }
    });
  });

  describe('YAML problems', () => {
    it('reports a syntax error at its position and keeps what was read', async () => {
      const text = 'version: 1\nrequirements:\n  - id: SRS-1\n    title: [unclosed\n';
      const res = await load({ 'medtrace.yaml': text });
      assert.equal(res.fatal, false);
      const f = res.findings.find((x) => x.data?.code === 'yaml-syntax')!;
      assert.ok(f, JSON.stringify(res.findings));
      assert.equal(f.range.start.line >= 3, true);
      assert.equal(f.severity, 'error');
      assert.match(f.message, /YAML syntax error/);
      assert.deepEqual(res.manifest!.requirements.map((x) => x.id), ['SRS-1']);
      // No schema noise on top of a syntax error.
      assert.deepEqual(res.findings.filter((x) => x.data?.code === 'schema'), []);
    });

    it('reports duplicate keys at the second key', async () => {
      const res = await load({ 'medtrace.yaml': 'version: 1\nversion: 1\n' });
      const f = only(res.findings, 'yaml-syntax');
      assert.deepEqual(f.range.start, { line: 1, character: 0 });
    });

    it('is fatal when nothing can be read', async () => {
      for (const text of [']', '"unclosed', '%YAML 9\n---\n']) {
        const res = await load({ 'medtrace.yaml': text });
        assert.equal(res.fatal, true, text);
        assert.ok(res.findings.length > 0);
        assert.equal(res.manifest, undefined);
      }
    });

    it('is fatal for a list or a scalar at the root, with a clear message', async () => {
      const res = await load({ 'medtrace.yaml': '- id: SRS-1\n- id: SRS-2\n' });
      assert.equal(res.fatal, true);
      const f = only(res.findings, 'not-a-mapping');
      assert.match(f.message, /must be a YAML mapping/);
      assert.deepEqual(f.range, r(0, 0, 0, 11));
      const scalar = await load({ 'medtrace.yaml': 'hello world\n' });
      assert.equal(scalar.fatal, true);
      assert.match(scalar.findings[0].message, /not a single value/);
    });

    it('survives an alias bomb quickly', async () => {
      const bomb = [
        'a: &a ["x","x","x","x","x","x","x","x","x"]',
        'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
        'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
        'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
        'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
        'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
        'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
        'requirements: *g',
      ].join('\n');
      const t0 = Date.now();
      const res = await load({ 'medtrace.yaml': `version: 1\n${bomb}\n` });
      assert.ok(Date.now() - t0 < 5000, 'alias bomb took too long');
      assert.equal(res.fatal, true);
      assert.match(res.findings[0].message, /alias/i);
    });

    it('reads ordinary aliases and reports unresolved ones', async () => {
      const ok = await load({ 'medtrace.yaml': 'version: 1\nx-common: &paths ["a/**"]\nunits: [{ id: SU-A, paths: *paths }]\n' });
      // x-common is not a manifest key: the schema says so, the alias still works.
      assert.deepEqual(codes(ok.findings), ['schema']);
      assert.deepEqual(ok.manifest!.units[0].paths, ['a/**']);
      const bad = await load({ 'medtrace.yaml': 'version: 1\nunits: [{ id: SU-A, paths: *nowhere }]\n' });
      assert.equal(only(bad.findings, 'yaml-alias').range.start.line, 1);
    });

    it('never throws on junk, fuzzed text or a list of nulls', async () => {
      const samples = ['\u0000\u0001', '{{{{', '- - - -', '? [a]\n: b', 'version: [1]', 'requirements: {a: 1}', 'requirements: [1, null, [], {id: []}]', 'risks: [{id: R-1, controls: 7, residual: 3}]', '&a [*a]', '!!binary AAAA', 'include: [1, {}]', 'policy: 5', 'soup: [{name: []}, {version: 2}]', '__proto__: {polluted: 1}'];
      let seed = 42;
      const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      const alphabet = 'ab:- \n\t[]{},&*!|>\'"#%@`?id0SRS';
      for (let i = 0; i < 300; i++) samples.push(Array.from({ length: 1 + Math.floor(rand() * 60) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join(''));
      for (const text of samples) {
        const res = await load({ 'medtrace.yaml': text });
        assert.ok(Array.isArray(res.findings), text);
        for (const f of res.findings) assert.equal(f.ruleId, 'trace/manifest-error');
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
      }
    });

    it('loads a 5 MB manifest', async function () {
      this.timeout(120000);
      const lines = ['version: 1', 'requirements:'];
      let size = 0;
      for (let i = 0; size < 5 * 1024 * 1024; i++) {
        const line = `  - { id: SRS-${i}, title: "Requirement number ${i} with a reasonably long title", kind: functional }`;
        lines.push(line);
        size += line.length + 1;
      }
      const t0 = Date.now();
      const res = await load({ 'medtrace.yaml': lines.join('\n') });
      const ms = Date.now() - t0;
      assert.deepEqual(res.findings, []);
      assert.equal(res.manifest!.requirements.length, lines.length - 2);
      assert.ok(ms < 60000, `took ${ms} ms`);
    });
  });

  describe('schema', () => {
    it('reports each violation at the offending node with a message that says what to do', async () => {
      const text = [
        'version: 1', // 0
        'requirements:', // 1
        '  - id: SRS-1', // 2
        '    titel: Limit rate', // 3
        '    kind: saftey', // 4
        '  - id: 42', // 5
        '  - title: no id here', // 6
        'risks:', // 7
        '  - { id: RISK-1, severity: 7, threat: Spoof }', // 8
        'riskControls: [{ id: "bad id", type: protective }]', // 9
      ].join('\n');
      const res = await load({ 'medtrace.yaml': text });
      const byMsg = (re: RegExp) => {
        const f = res.findings.find((x) => re.test(x.message));
        assert.ok(f, `no finding ${re}: ${res.findings.map((x) => x.message).join('\n')}`);
        return f;
      };
      const titel = byMsg(/Unknown field "titel"/);
      assert.deepEqual(titel.range, r(3, 4, 3, 9));
      assert.match(titel.message, /Did you mean "title"\?/);
      const kind = byMsg(/kind must be one of/);
      assert.deepEqual(kind.range, r(4, 10, 4, 16));
      assert.match(kind.message, /Did you mean "safety"\?/);
      const num = byMsg(/requirements\[1\]\.id must be text, not 42/);
      assert.deepEqual(num.range, r(5, 8, 5, 10));
      assert.match(num.message, /Quote the value/);
      const noId = byMsg(/requirements\[2\] has no "id"/);
      assert.deepEqual(noId.range, r(6, 4, 6, 21));
      const sev = byMsg(/severity must be between 1 and 5, not 7/);
      assert.deepEqual(sev.range, r(8, 28, 8, 29));
      byMsg(/threat must be one of Spoofing/);
      const badId = byMsg(/"bad id" is not a valid id/);
      assert.deepEqual(badId.range, r(9, 22, 9, 28));
      for (const f of res.findings) {
        assert.equal(f.severity, 'error');
        assert.equal(f.ruleId, 'trace/manifest-error');
        assert.equal(f.path, 'medtrace.yaml');
      }
      // Entries with a readable id still load; the one with id: 42 and the one without do not.
      assert.deepEqual(res.manifest!.requirements.map((x) => x.id), ['SRS-1']);
      assert.equal(res.manifest!.requirements[0].kind, undefined);
    });

    it('requires version in the main file and rejects other versions', async () => {
      const none = await load({ 'medtrace.yaml': 'requirements: [{ id: SRS-1 }]\n' });
      assert.match(only(none.findings, 'schema').message, /add `version: 1`/);
      const two = await load({ 'medtrace.yaml': 'version: 2\n' });
      const f = only(two.findings, 'schema');
      assert.match(f.message, /Unsupported manifest version 2/);
      assert.deepEqual(f.range, r(0, 9, 0, 10));
    });

    it('caps the number of schema findings', async () => {
      const lines = ['version: 1', 'requirements:'];
      for (let i = 0; i < 500; i++) lines.push(`  - { id: SRS-${i}, kind: nope }`);
      const res = await load({ 'medtrace.yaml': lines.join('\n') });
      assert.equal(res.findings.length, 101);
      assert.match(res.findings[0].message, /400 more schema errors/);
    });
  });

  describe('cross-checks', () => {
    it('reports duplicate ids across kinds at the second occurrence, with the first as related', async () => {
      const text = 'version: 1\nrequirements:\n  - id: X-1\nrisks:\n  - id: RISK-1\nunits:\n  - id: X-1\nriskControls:\n  - id: RISK-1\n';
      const res = await load({ 'medtrace.yaml': text });
      const dups = res.findings.filter((f) => f.data?.code === 'duplicate-id');
      assert.equal(dups.length, 2);
      const x = dups.find((f) => f.data?.id === 'X-1')!;
      assert.deepEqual(x.range, r(6, 8, 6, 11));
      assert.equal(
        x.message,
        'Duplicate id X-1: also declared at medtrace.yaml:3. Ids must be unique across requirements, risks, controls and units.',
      );
      assert.deepEqual(x.related, [{ path: 'medtrace.yaml', range: r(2, 8, 2, 11), message: 'X-1 first declared here (requirement)' }]);
      // The later declaration is left out, so ids in the manifest are unique.
      assert.deepEqual(res.manifest!.units, []);
      assert.deepEqual(res.manifest!.riskControls, []);
    });

    it('reports dangling and wrong-kind references, not derivedFrom', async () => {
      const text = [
        'version: 1',
        'requirements: [{ id: SRS-1, derivedFrom: [SYS-1, RC-1] }]',
        'risks: [{ id: RISK-1, controls: [RC-1, RC-9, SRS-1] }]',
        'riskControls: [{ id: RC-1, requirements: [SRS-1, SRS-404] }]',
      ].join('\n');
      const res = await load({ 'medtrace.yaml': text });
      const dangling = res.findings.filter((f) => f.data?.code === 'dangling-reference');
      assert.deepEqual(
        dangling.map((f) => [f.data?.id, f.range]),
        [
          ['RC-9', r(2, 39, 2, 43)],
          ['SRS-1', r(2, 45, 2, 50)],
          ['SRS-404', r(3, 49, 3, 56)],
        ],
      );
      assert.match(dangling[0].message, /Unknown risk control RC-9 in RISK-1 controls: declare it under riskControls/);
      assert.match(dangling[1].message, /SRS-1 is a requirement, not a risk control/);
      assert.equal(res.findings.length, 3);
    });
  });

  describe('include', () => {
    it('concatenates the lists of globbed files in order, with positions in each file', async () => {
      const res = await load({
        'medtrace.yaml': 'version: 1\ninclude: ["manifest/*.yaml", sub/extra.yml]\nrequirements: [{ id: SRS-1 }]\nriskControls: [{ id: RC-1, requirements: [SRS-3] }]\n',
        'manifest/b.yaml': 'requirements:\n  - id: SRS-3\n',
        'manifest/a.yaml': '# first\nrequirements:\n  - id: SRS-2\nrisks: [{ id: RISK-1, controls: [RC-1] }]\n',
        'manifest/notes.md': 'not yaml',
        'sub/extra.yml': 'units: [{ id: SU-X }]\nsoup: [{ name: zlib }]\n',
      });
      assert.deepEqual(res.findings, []);
      const m = res.manifest!;
      assert.deepEqual(m.files, ['medtrace.yaml', 'manifest/a.yaml', 'manifest/b.yaml', 'sub/extra.yml']);
      assert.deepEqual(m.requirements.map((x) => x.id), ['SRS-1', 'SRS-2', 'SRS-3']);
      assert.deepEqual(m.requirements[1].idLocation, { path: 'manifest/a.yaml', range: r(2, 8, 2, 13) });
      assert.deepEqual(m.units.map((u) => u.id), ['SU-X']);
      assert.deepEqual(m.soup.map((s) => s.name), ['zlib']);
    });

    it('accepts a single string, ** globs and nested includes relative to the including file', async () => {
      const res = await load({
        'medtrace.yaml': 'version: 1\ninclude: "reqs/**/*.yaml"\n',
        'reqs/a/one.yaml': 'include: ../../more/two.yaml\nrequirements: [{ id: SRS-1 }]\n',
        'more/two.yaml': 'requirements: [{ id: SRS-2 }]\n',
      });
      assert.deepEqual(res.findings, []);
      assert.deepEqual(res.manifest!.requirements.map((x) => x.id), ['SRS-1', 'SRS-2']);
      assert.deepEqual(res.manifest!.files, ['medtrace.yaml', 'reqs/a/one.yaml', 'more/two.yaml']);
    });

    it('ignores a glob that matches the including file itself, and loads a shared file once', async () => {
      const res = await load({
        'medtrace.yaml': 'version: 1\ninclude: ["*.yaml", "a.yaml"]\n',
        'a.yaml': 'requirements: [{ id: SRS-1 }]\n',
      });
      assert.deepEqual(res.findings, []);
      assert.deepEqual(res.manifest!.files, ['medtrace.yaml', 'a.yaml']);
    });

    it('reports an include loop at the include that closes it', async () => {
      const res = await load({
        'medtrace.yaml': 'version: 1\ninclude: [a.yaml]\n',
        'a.yaml': 'include: [b.yaml]\nrequirements: [{ id: SRS-1 }]\n',
        'b.yaml': 'requirements: [{ id: SRS-2 }]\ninclude:\n  - a.yaml\n',
      });
      const f = only(res.findings, 'include-loop');
      assert.equal(f.path, 'b.yaml');
      assert.deepEqual(f.range, r(2, 4, 2, 10));
      assert.match(f.message, /Include loop: medtrace.yaml → a.yaml → b.yaml → a.yaml/);
      assert.deepEqual(res.manifest!.requirements.map((x) => x.id), ['SRS-1', 'SRS-2']);
    });

    it('reports a missing file, a glob with no match, and keeps going', async () => {
      const text = 'version: 1\ninclude:\n  - missing.yaml\n  - "nothing/*.yaml"\n  - ok.yaml\n';
      const res = await load({ 'medtrace.yaml': text, 'ok.yaml': 'requirements: [{ id: SRS-1 }]\n' });
      assert.equal(res.findings.length, 2);
      assert.deepEqual(res.findings[0].range, r(2, 4, 2, 16));
      assert.match(res.findings[0].message, /Included file "missing.yaml" not found/);
      assert.deepEqual(res.findings[1].range, r(3, 5, 3, 19));
      assert.match(res.findings[1].message, /matches no YAML file/);
      assert.deepEqual(res.manifest!.requirements.map((x) => x.id), ['SRS-1']);
    });

    it('reports broken YAML in an included file in that file', async () => {
      const res = await load({
        'medtrace.yaml': 'version: 1\ninclude: [bad.yaml, good.yaml]\n',
        'bad.yaml': 'requirements:\n  - id: SRS-1\n   title: x\n  - [\n',
        'good.yaml': 'requirements: [{ id: SRS-2 }]\n',
      });
      assert.equal(res.fatal, false);
      assert.ok(res.findings.length > 0);
      for (const f of res.findings) assert.equal(f.path, 'bad.yaml');
      assert.ok(res.manifest!.requirements.some((x) => x.id === 'SRS-2'));
    });

    it('reports unreadable, binary, outside and main-only includes', async () => {
      const host = new MemoryHost({
        'proj/medtrace.yaml': 'version: 1\ninclude: [locked.yaml, bin.yaml, ../outside.yaml, extra.yaml]\n',
        'proj/locked.yaml': 'requirements: []\n',
        'proj/bin.yaml': new Uint8Array([0, 1, 2, 3]),
        'outside.yaml': 'requirements: []\n',
        'proj/extra.yaml': 'policy: { riskAcceptance: 1 }\nrequirements: [{ id: SRS-1 }]\n',
      }).unreadable('proj/locked.yaml');
      const res = await loadManifest(host, '/ws/proj');
      const msgs = res.findings.map((f) => f.message);
      assert.equal(msgs.length, 4, msgs.join('\n'));
      // Sorted by path, then position.
      assert.match(msgs[0], /"policy" is only read from the main manifest/);
      assert.equal(res.findings[0].path, 'extra.yaml');
      assert.match(msgs[1], /Included locked.yaml could not be read/);
      assert.match(msgs[2], /Included bin.yaml is a binary file/);
      assert.match(msgs[3], /outside the workspace/);
      assert.equal(res.manifest!.policy.riskAcceptance, 8);
      assert.deepEqual(res.manifest!.requirements.map((x) => x.id), ['SRS-1']);
    });

    it('reports duplicates across files and follows symlinks without looping', async () => {
      const host = new MemoryHost({
        'medtrace.yaml': 'version: 1\ninclude: "linked/**/*.yaml"\nrequirements: [{ id: SRS-1 }]\n',
        'real/reqs.yaml': 'requirements:\n  - id: SRS-1\n',
      })
        .symlink('linked', 'real')
        .symlink('real/loop', 'real');
      const res = await loadManifest(host, '/ws');
      const f = only(res.findings, 'duplicate-id');
      assert.equal(f.path, 'linked/reqs.yaml');
      assert.deepEqual(f.related![0].range, r(2, 21, 2, 26));
      assert.equal(f.related![0].path, 'medtrace.yaml');
    });
  });

  describe('parseManifestText', () => {
    it('reads one file without includes', () => {
      const p = parseManifestText('version: 1\ninclude: [x.yaml]\nrequirements: [{ id: SRS-1 }]\n', 'm.yaml');
      assert.equal(p.usable, true);
      assert.deepEqual(p.findings, []);
      assert.deepEqual(p.includes.map((i) => [i.pattern, i.location.range]), [['x.yaml', r(1, 10, 1, 16)]]);
      assert.equal(p.requirements[0].idLocation.path, 'm.yaml');
    });
  });
});

describe('starter manifest', () => {
  it('loads with no findings and declares one of each entry', async () => {
    const text = starterManifest({ name: 'InfuCare' });
    const res = await load({ 'medtrace.yaml': text });
    assert.deepEqual(res.findings, []);
    const m = res.manifest!;
    assert.equal(m.system.name, 'InfuCare');
    assert.equal(m.system.safetyClass, 'C');
    assert.equal(m.units.length, 1);
    assert.equal(m.requirements.length, 1);
    assert.equal(m.risks.length, 1);
    assert.equal(m.riskControls.length, 1);
    assert.match(text, /^# /);
  });

  it('makes one unit per folder, with awkward names and classes', async () => {
    const text = starterManifest({
      name: 'Pump: v2 "beta"\nline',
      safetyClass: 'B',
      unitsFromFolders: ['firmware/dose', 'firmware-dose', './ui/', '*weird*', '42', 'héllo wörld'],
    });
    const res = await load({ 'medtrace.yaml': text });
    assert.deepEqual(res.findings, []);
    const m = res.manifest!;
    assert.equal(m.system.name, 'Pump: v2 "beta" line');
    assert.equal(m.system.safetyClass, 'B');
    assert.deepEqual(
      m.units.map((u) => [u.id, u.name, u.paths[0], u.safetyClass]),
      [
        ['SU-FIRMWARE-DOSE', 'dose', 'firmware/dose/**', 'B'],
        ['SU-FIRMWARE-DOSE-2', 'firmware-dose', 'firmware-dose/**', 'B'],
        ['SU-UI', 'ui', 'ui/**', 'B'],
        ['SU-WEIRD', '*weird*', '*weird*/**', 'B'],
        ['SU-42', '42', '42/**', 'B'],
        ['SU-H-LLO-W-RLD', 'héllo wörld', 'héllo wörld/**', 'B'],
      ],
    );
  });
});

describe('manifest edits', () => {
  async function reload(text: string): Promise<ManifestLoadResult> {
    return load({ 'medtrace.yaml': text });
  }

  it('yamlScalar keeps safe text plain and quotes the rest', () => {
    assert.equal(yamlScalar('SRS-1'), 'SRS-1');
    assert.equal(yamlScalar('swreq~dose:2'), 'swreq~dose:2');
    for (const s of ['42', 'true', 'a: b', '*x', '# c', 'a, b', '', ' x', '[x]', 'null', 'x\ny']) {
      const q = yamlScalar(s);
      assert.equal(parseYaml(`k: ${q}`).k, s, s);
      assert.equal(parseYaml(`[${q}]`)[0], s, s);
    }
  });

  it('appends a block entry in the block style and indentation of the section', async () => {
    const text = 'version: 1\nrequirements:\n    -   id: SRS-1\n        title: One   # note\n        text: |\n          multi\n\n# trailing comment\nrisks: []\n';
    const edit = insertRequirementEdit(text, 'medtrace.yaml', { id: 'SRS-2', title: 'Two: the sequel' })!;
    const out = applyEdit(text, edit);
    assert.equal(out, text.replace('multi\n', 'multi\n    -   id: SRS-2\n        title: "Two: the sequel"\n'));
    const res = await reload(out);
    assert.deepEqual(res.findings, []);
    assert.deepEqual(res.manifest!.requirements.map((x) => x.id), ['SRS-1', 'SRS-2']);
    assert.equal(res.manifest!.requirements[0].text, 'multi\n');
  });

  it('appends a flow-map entry when the section uses them', async () => {
    const text = 'version: 1\nriskControls:\n- {id: RC-1, title: A}   # c\nsoup: []\n';
    const out = applyEdit(text, insertEntryEdit(text, 'riskControls', { id: 'RC-2', requirements: ['SRS-1'], type: 'protective' })!);
    assert.equal(out, 'version: 1\nriskControls:\n- {id: RC-1, title: A}   # c\n- {id: RC-2, requirements: [SRS-1], type: protective}\nsoup: []\n');
    const res = await reload(out);
    assert.deepEqual(res.manifest!.riskControls.map((x) => x.id), ['RC-1', 'RC-2']);
    assert.deepEqual(codes(res.findings), ['dangling-reference']);
  });

  it('appends to flow sequences, single- and multi-line', async () => {
    const one = 'version: 1\nunits: [{ id: SU-A }]\n';
    const outOne = applyEdit(one, insertEntryEdit(one, 'units', { id: 'SU-B', paths: ['b/**'] })!);
    assert.equal(outOne, 'version: 1\nunits: [{ id: SU-A }, { id: SU-B, paths: [b/**] }]\n');
    assert.deepEqual((await reload(outOne)).manifest!.units.map((u) => u.paths), [[], ['b/**']]);
    const empty = 'version: 1\nunits: []\n';
    assert.equal(applyEdit(empty, insertEntryEdit(empty, 'units', { id: 'SU-B' })!), 'version: 1\nunits: [{ id: SU-B }]\n');
    const multi = 'version: 1\nrequirements: [\n  { id: SRS-1 },\n  { id: SRS-2 },\n]\n';
    const outMulti = applyEdit(multi, insertRequirementEdit(multi, 'medtrace.yaml', { id: 'SRS-3' })!);
    assert.equal(outMulti, 'version: 1\nrequirements: [\n  { id: SRS-1 },\n  { id: SRS-2 },\n  { id: SRS-3 },\n]\n');
    assert.deepEqual((await reload(outMulti)).manifest!.requirements.map((x) => x.id), ['SRS-1', 'SRS-2', 'SRS-3']);
  });

  it('fills an empty section and creates a missing one in the file style', async () => {
    const empty = 'version: 1\nunits:\n- id: SU-A\n  name: A\nrequirements:   # none yet\nrisks: []\n';
    const outEmpty = applyEdit(empty, insertRequirementEdit(empty, 'medtrace.yaml', { id: 'SRS-1', title: 'First' })!);
    assert.equal(outEmpty, 'version: 1\nunits:\n- id: SU-A\n  name: A\nrequirements:   # none yet\n- id: SRS-1\n  title: First\nrisks: []\n');
    assert.deepEqual((await reload(outEmpty)).findings, []);

    const missing = 'version: 1\nunits:\n  - { id: SU-A }';
    const outMissing = applyEdit(missing, insertEntryEdit(missing, 'risks', { id: 'RISK-1', severity: 2, probability: 2 })!);
    assert.equal(outMissing, 'version: 1\nunits:\n  - { id: SU-A }\nrisks:\n  - { id: RISK-1, severity: 2, probability: 2 }\n');
    const res = await reload(outMissing);
    assert.deepEqual(res.findings, []);
    assert.equal(res.manifest!.risks[0].severity, 2);

    const blank = '# nothing yet\n';
    const outBlank = applyEdit(blank, insertRequirementEdit(blank, 'medtrace.yaml', { id: 'SRS-1' })!);
    assert.equal(outBlank, '# nothing yet\nrequirements:\n  - id: SRS-1\n');
  });

  it('keeps CRLF line endings', async () => {
    const text = 'version: 1\r\nrequirements:\r\n  - id: SRS-1\r\nrisks: []\r\n';
    const edit = insertRequirementEdit(text, 'medtrace.yaml', { id: 'SRS-2', title: 'T' })!;
    assert.deepEqual(edit.range, r(2, 13, 2, 13));
    assert.equal(edit.newText, '\r\n  - id: SRS-2\r\n    title: T');
  });

  it('works on the starter manifest and refuses unsafe structures', async () => {
    let text = starterManifest({ name: 'X' });
    for (const section of ['requirements', 'riskControls', 'risks', 'units'] as const) {
      text = applyEdit(text, insertEntryEdit(text, section, { id: `NEW-${section}` })!);
    }
    const res = await reload(text);
    assert.deepEqual(res.findings, []);
    assert.equal(res.manifest!.requirements.at(-1)!.id, 'NEW-requirements');
    assert.equal(res.manifest!.units.at(-1)!.id, 'NEW-units');
    assert.equal(insertEntryEdit('- a\n', 'requirements', { id: 'X' }), undefined);
    assert.equal(insertEntryEdit('{ version: 1 }\n', 'requirements', { id: 'X' }), undefined);
    assert.equal(insertEntryEdit('requirements: oops\n', 'requirements', { id: 'X' }), undefined);
  });
});
