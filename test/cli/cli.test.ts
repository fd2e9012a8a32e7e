/** The real CLI, spawned: output formats, exit codes, matrix, init, and SARIF validated against the official schema. */
import * as assert from 'assert';
import Ajv2020 from 'ajv/dist/2020';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type * as Sarif from 'sarif';
import { FIXTURES, medtrace } from '../helpers/cli';
import { REPO_ROOT } from '../helpers/assets';

const BASIC = path.join(FIXTURES, 'cli', 'basic');

describe('medtrace CLI', () => {
  it('prints one finding a line, then a summary with coverage, and exits 1 on errors', () => {
    const r = medtrace(['check', BASIC]);
    assert.strictEqual(r.status, 1, r.stderr);
    const lines = r.stdout.split('\n');
    const findings = lines.filter((l) => /^\S+:\d+:\d+ (error|warning|information|hint) \S+ /.test(l));
    const keys = findings.map((l) => l.split(' ').slice(0, 3).join(' ')).sort();
    assert.deepStrictEqual(keys, [
      'medtrace.yaml:10:9 warning trace/unverified-requirement',
      'medtrace.yaml:14:9 warning trace/unimplemented-requirement',
      'medtrace.yaml:14:9 warning trace/unverified-requirement',
      'medtrace.yaml:25:9 error trace/uncontrolled-risk',
      'src/rate.c:10:5 warning trace/untraced',
      'src/rate.c:15:16 error trace/unknown-id',
    ]);
    assert.match(r.stdout, /6 findings: 2 error, 4 warning/);
    assert.match(r.stdout, /Trace coverage/);
    assert.match(r.stdout, /SU-CORE Core\s+C\s+2\s+4\/5 \(80%\)/);
    assert.match(r.stdout, /requirements: 2\/3 implemented \(67%\), 1\/3 verified \(33%\)/);
  });

  it('honours --fail-on', () => {
    assert.strictEqual(medtrace(['check', BASIC, '--fail-on', 'none']).status, 0);
    assert.strictEqual(medtrace(['check', BASIC, '--fail-on', 'warning']).status, 1);
  });

  it('writes JSON with 1-based positions', () => {
    const r = medtrace(['check', BASIC, '--format', 'json']);
    const j = JSON.parse(r.stdout);
    const unknown = j.findings.find((f: { ruleId: string }) => f.ruleId === 'trace/unknown-id');
    assert.deepStrictEqual([unknown.path, unknown.line, unknown.column, unknown.endColumn], ['src/rate.c', 15, 16, 22]);
    assert.match(unknown.message, /SRS-99 is not declared in medtrace.yaml/);
    assert.strictEqual(j.exclusions[0].justification, 'developer diagnostics, compiled out of release builds');
  });

  it('writes SARIF 2.1.0 that validates against the official schema', () => {
    const out = path.join(os.tmpdir(), `medtrace-${process.pid}.sarif`);
    const r = medtrace(['check', BASIC, '--format', 'sarif', '--output', out]);
    assert.strictEqual(r.status, 1);
    const log = JSON.parse(fs.readFileSync(out, 'utf8')) as Sarif.Log;
    const schemaPath = path.join(REPO_ROOT, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'sarif-2.1.0.json');
    const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(schema);
    const valid: boolean = validate(log as object);
    assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const run = log.runs[0];
    assert.strictEqual(run.tool.driver.name, 'MedTrace');
    const rules = run.tool.driver.rules ?? [];
    for (const rule of rules) {
      assert.ok(rule.id && rule.shortDescription?.text && (rule.helpUri || rule.help), rule.id);
      assert.ok((rule.properties?.tags ?? []).some((t) => ['traceability', 'security', 'privacy', 'soup'].includes(t)), rule.id);
    }
    const weak = rules.find((x) => x.id === 'crypto/weak-hash');
    assert.ok(weak?.properties?.tags?.includes('CWE-328'));
    const res = (run.results ?? []).find((x) => x.ruleId === 'trace/unknown-id');
    const loc = res?.locations?.[0]?.physicalLocation;
    assert.deepStrictEqual(loc?.artifactLocation?.uri, 'src/rate.c');
    assert.deepStrictEqual([loc?.region?.startLine, loc?.region?.startColumn], [15, 16]);
    fs.rmSync(out);
  });

  for (const format of ['md', 'csv', 'json', 'html']) {
    it(`prints the traceability matrix as ${format}`, () => {
      const r = medtrace(['matrix', BASIC, '--format', format]);
      assert.strictEqual(r.status, 0, r.stderr);
      assert.match(r.stdout, /SRS-1/);
      const text = format === 'json' ? JSON.stringify(JSON.parse(r.stdout).requirements[0]) : r.stdout;
      assert.match(text, format === 'json' ? /"path":"src\/rate\.c","line":4/ : /src\/rate\.c:4/);
      assert.match(text, format === 'json' ? /"path":"tests\/test_rate\.py","line":5/ : /tests\/test_rate\.py:5/);
      if (format === 'html') assert.ok(!/<script|https?:\/\//.test(r.stdout), 'self-contained, no scripts or remote assets');
    });
  }

  it('escapes hostile titles and file names in the Markdown and CSV matrix', () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrace-hostile-matrix-'));
    fs.writeFileSync(
      path.join(ws, 'medtrace.yaml'),
      'version: 1\nsystem: { name: Pump, safetyClass: B }\nrequirements:\n' +
        '  - id: SRS-1\n    title: "<script>alert(1)</script> | <img src=x onerror=alert(2)>"\n' +
        '  - id: SRS-2\n    title: "=HYPERLINK(\\"http://evil.example\\",\\"x\\")"\n',
    );
    fs.mkdirSync(path.join(ws, 'src'));
    fs.writeFileSync(path.join(ws, 'src', 'a<b>|c.py'), '# @implements SRS-1\ndef f():\n    pass\n');
    const md = medtrace(['matrix', ws, '--format', 'md']);
    assert.strictEqual(md.status, 0, md.stderr);
    assert.ok(!/<script|<img/.test(md.stdout), md.stdout);
    assert.match(md.stdout, /&lt;script&gt;alert\(1\)&lt;\/script&gt; \\\| &lt;img/);
    assert.match(md.stdout, /src\/a&lt;b&gt;\\\|c\.py:1/);
    for (const line of md.stdout.split('\n').filter((l) => l.startsWith('| SRS-'))) assert.strictEqual(line.split(/(?<!\\)\|/).length, 9, line);
    const csv = medtrace(['matrix', ws, '--format', 'csv']);
    assert.strictEqual(csv.status, 0, csv.stderr);
    assert.match(csv.stdout, /requirement,SRS-2,"'=HYPERLINK/);
  });

  it('init writes a starter manifest that checks cleanly', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrace-init-'));
    fs.mkdirSync(path.join(dir, 'firmware'));
    const r = medtrace(['init', dir, '--name', 'Demo', '--safety-class', 'B']);
    assert.strictEqual(r.status, 0, r.stderr);
    const check = medtrace(['check', dir, '--format', 'json']);
    const j = JSON.parse(check.stdout);
    assert.deepStrictEqual(j.findings.filter((f: { ruleId: string }) => f.ruleId === 'trace/manifest-error'), []);
    assert.strictEqual(medtrace(['init', dir]).status, 2, 'refuses to overwrite without --force');
    fs.rmSync(dir, { recursive: true });
  });

  it('exits 2 with a clear message on bad usage and unreadable input', () => {
    const bad = medtrace(['check', BASIC, '--format', 'xml']);
    assert.strictEqual(bad.status, 2);
    assert.match(bad.stderr, /--format must be one of text, json, sarif/);
    assert.strictEqual(medtrace(['frobnicate']).status, 2);
    assert.strictEqual(medtrace(['check', BASIC, '--bogus']).status, 2);
    const missing = medtrace(['check', '/nonexistent/dir']);
    assert.strictEqual(missing.status, 2);
    assert.match(missing.stderr, /directory not found/);
    assert.strictEqual(medtrace(['check', BASIC, '--manifest', '/nonexistent.yaml']).status, 2);
  });

  it('leaves dependency folders out by default: node_modules, vendor, virtual environments, site-packages', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrace-excl-'));
    fs.writeFileSync(path.join(dir, 'medtrace.yaml'), 'version: 1\nsystem: { name: Excl, safetyClass: B }\n');
    const py = 'import hashlib\n\ndef sign(data):\n    return hashlib.md5(data).hexdigest()\n';
    const files = ['src/app.py', 'env/lib/python3.11/site-packages/pkg/mod.py', 'usr/lib/python3/dist-packages/pkg/mod.py', '.venv/lib/mod.py', 'vendor/lib/mod.py', 'node_modules/pkg/mod.py', '__pypackages__/3.11/lib/mod.py'];
    for (const f of files) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), py);
    }
    const j = JSON.parse(medtrace(['check', dir, '--format', 'json', '--fail-on', 'none']).stdout);
    const hashed = j.findings.filter((f: { ruleId: string }) => f.ruleId === 'crypto/weak-hash').map((f: { path: string }) => f.path);
    assert.deepStrictEqual(hashed, ['src/app.py']);
    fs.rmSync(dir, { recursive: true });
  });

  it('prints help and version', () => {
    const h = medtrace(['--help']);
    assert.strictEqual(h.status, 0);
    assert.match(h.stdout, /medtrace check \[DIR\]/);
    assert.match(medtrace(['--version']).stdout, /^\d+\.\d+\.\d+/);
  });
});
