/**
 * Bad input never crashes, hangs or is skipped silently: each case gives a precise finding or a clear
 * message and the run completes; only an unloadable manifest or bad usage exits 2.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { medtrace } from '../helpers/cli';

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
  column: number;
  message: string;
}

function workspace(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrace-bad-'));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

function check(dir: string): { status: number; findings: JsonFinding[]; stderr: string } {
  const r = medtrace(['check', dir, '--format', 'json', '--fail-on', 'none']);
  return { status: r.status, findings: r.status === 0 ? JSON.parse(r.stdout).findings : [], stderr: r.stderr };
}

const MANIFEST = 'version: 1\nsystem: { name: X, safetyClass: B }\nrequirements:\n  - { id: SRS-1, title: T, text: X }\n';

describe('bad input', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const ws = (files: Record<string, string | Buffer>) => {
    const d = workspace(files);
    dirs.push(d);
    return d;
  };

  it('malformed YAML: exit 2 with the error position on stderr', () => {
    const d = ws({ 'medtrace.yaml': 'version: 1\nrequirements:\n  - id: SRS-1\n   title: [unclosed\n' });
    const r = medtrace(['check', d]);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /manifest cannot be loaded: medtrace\.yaml:\d+:\d+/);
  });

  it('schema violation: a finding at the offending value, run completes', () => {
    const d = ws({ 'medtrace.yaml': 'version: 1\nsystem: { name: X, safetyClass: D }\nrequirements:\n  - { id: SRS-1, title: T, kind: magic }\n' });
    const { status, findings } = check(d);
    assert.strictEqual(status, 0);
    const errs = findings.filter((f) => f.ruleId === 'trace/manifest-error');
    assert.ok(errs.some((f) => f.line === 2), JSON.stringify(errs));
    assert.ok(errs.some((f) => f.line === 4), JSON.stringify(errs));
  });

  it('include loop and duplicate ids are findings', () => {
    const d = ws({
      'medtrace.yaml': MANIFEST + 'include: ["more/*.yaml"]\n',
      'more/a.yaml': 'include: ["b.yaml"]\nrequirements:\n  - { id: SRS-1, title: dup }\n',
      'more/b.yaml': 'include: ["a.yaml"]\n',
    });
    const { status, findings } = check(d);
    assert.strictEqual(status, 0);
    const msgs = findings.filter((f) => f.ruleId === 'trace/manifest-error').map((f) => `${f.path}:${f.line} ${f.message}`);
    assert.ok(msgs.some((m) => /duplicate/i.test(m) && m.startsWith('more/a.yaml:3')), msgs.join('\n'));
    assert.ok(msgs.some((m) => /loop|cycle|already included/i.test(m)), msgs.join('\n'));
  });

  it('a 20 MB generated file, a minified one-line file and a binary file are named, not parsed', () => {
    const big = '// generated\n' + 'int x = 1;\n'.repeat(2_000_000);
    const d = ws({
      'medtrace.yaml': MANIFEST,
      'gen/huge.c': big,
      'web/app.js': 'var a=' + '1+'.repeat(60000) + '1;',
      'lib/blob.c': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3]),
      'src/ok.c': '/** @implements SRS-1 */\nint ok(void) { return 0; }\n',
    });
    const t0 = Date.now();
    const { status, findings } = check(d);
    assert.strictEqual(status, 0);
    assert.ok(Date.now() - t0 < 60000);
    const notes = findings.filter((f) => f.ruleId === 'medtrace/input-problem').map((f) => `${f.path}: ${f.message}`);
    assert.ok(notes.some((n) => n.startsWith('gen/huge.c') && /MB/.test(n)), notes.join('\n'));
    assert.ok(notes.some((n) => n.startsWith('web/app.js') && /minified/.test(n)), notes.join('\n'));
    assert.ok(notes.some((n) => n.startsWith('lib/blob.c') && /binary/.test(n)), notes.join('\n'));
    assert.ok(!findings.some((f) => f.path === 'src/ok.c' && f.ruleId === 'trace/untraced'));
  });

  it('invalid UTF-8 is analysed with a note', () => {
    const d = ws({ 'medtrace.yaml': MANIFEST, 'src/latin1.c': Buffer.concat([Buffer.from('/* caf'), Buffer.from([0xe9]), Buffer.from(' */\nint f(void) { return 0; }\n')]) });
    const { findings } = check(d);
    assert.ok(findings.some((f) => f.path === 'src/latin1.c' && f.ruleId === 'medtrace/input-problem' && /not valid UTF-8/.test(f.message)));
    assert.ok(findings.some((f) => f.path === 'src/latin1.c' && f.ruleId === 'trace/untraced'), 'still analysed');
  });

  it('symlink loops, dangling symlinks and FIFOs are named, and the run completes', () => {
    const d = ws({ 'medtrace.yaml': MANIFEST, 'src/a.c': 'int a(void) { return 0; }\n' });
    fs.symlinkSync('..', path.join(d, 'src', 'loop'));
    fs.symlinkSync(path.join(d, 'nowhere.c'), path.join(d, 'src', 'dangling.c'));
    execFileSync('mkfifo', [path.join(d, 'src', 'pipe.c')]);
    const { status, findings } = check(d);
    assert.strictEqual(status, 0);
    const notes = findings.filter((f) => f.ruleId === 'medtrace/input-problem').map((f) => `${f.path}: ${f.message}`);
    assert.ok(notes.some((n) => n.startsWith('src/loop') && /symlink loop/.test(n)), notes.join('\n'));
    assert.ok(notes.some((n) => n.startsWith('src/dangling.c') && /broken symlink/.test(n)), notes.join('\n'));
    assert.ok(notes.some((n) => n.startsWith('src/pipe.c') && /not a regular file/.test(n)), notes.join('\n'));
  });

  it('an empty repository: no manifest, one information finding saying how to start', () => {
    const d = ws({});
    const r = medtrace(['check', d]);
    assert.strictEqual(r.status, 0);
    assert.match(r.stdout, /medtrace\.yaml:1:1 information trace\/manifest-error No medtrace\.yaml .*medtrace init/);
  });

  it('an empty manifest and a manifest that is a list are findings, not crashes', () => {
    for (const text of ['', '- a\n- b\n', '\u0000\u0001binary']) {
      const d = ws({ 'medtrace.yaml': text, 'src/a.c': 'int a(void) { return 0; }\n' });
      const r = medtrace(['check', d, '--format', 'json', '--fail-on', 'none']);
      assert.ok(r.status === 0 || r.status === 2, r.stderr);
      if (r.status === 2) assert.match(r.stderr, /manifest cannot be loaded/);
      else assert.ok(JSON.parse(r.stdout).findings.some((f: JsonFinding) => f.ruleId === 'trace/manifest-error'));
    }
  });

  it('unknown file types are skipped and counted in verbose output', () => {
    const d = ws({ 'medtrace.yaml': MANIFEST, 'docs/a.rst': 'text', 'x.weird': 'zz' });
    const r = medtrace(['check', d, '--verbose', '--fail-on', 'none']);
    assert.strictEqual(r.status, 0);
    assert.match(r.stdout, /file\(s\) of types MedTrace does not parse were skipped/);
  });
});
