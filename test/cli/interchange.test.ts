/** `medtrace import|export reqif|csv`, spawned as a user runs them, in a temporary workspace. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import * as zlib from 'zlib';
import { writeStoredZip } from '../../server/src/core/interchange/zip';
import { REPO_ROOT } from '../helpers/assets';
import { FIXTURES, medtrace } from '../helpers/cli';

const DIR = path.join(FIXTURES, 'interchange');

function workspace(manifest: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrace-interchange-'));
  fs.writeFileSync(path.join(d, 'medtrace.yaml'), manifest);
  return d;
}

const MANIFEST = 'version: 1\nsystem: { name: InfuCare, safetyClass: C }\nrequirements:\n  - { id: SYS-1, title: System need }\n';

describe('medtrace import / export', function () {
  this.timeout(120000);
  it('imports a DOORS ReqIF file into a YAML file, says how to include it, and never overwrites without --force', () => {
    const ws = workspace(MANIFEST);
    const r = medtrace(['import', 'reqif', path.join(DIR, 'doors-export.reqif')], ws);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /imported 4 requirements from doors-export\.reqif into requirements\/imported\.yaml/);
    assert.match(r.stdout, /include:\n {4}- requirements\/imported\.yaml/);
    assert.match(r.stderr, /"Type" is "Information"/);
    const y = parse(fs.readFileSync(path.join(ws, 'requirements', 'imported.yaml'), 'utf8')) as { requirements: { id: string; kind?: string }[] };
    assert.deepStrictEqual(
      y.requirements.map((q) => q.id),
      ['SRS-042', 'SRS-043', 'SRS-050', 'SRS-051'],
    );

    const again = medtrace(['import', 'reqif', path.join(DIR, 'doors-export.reqif')], ws);
    assert.strictEqual(again.status, 2);
    assert.match(again.stderr, /exists; use --force/);
    assert.strictEqual(medtrace(['import', 'reqif', path.join(DIR, 'doors-export.reqif'), '--force'], ws).status, 0);

    // Once included, the check sees the imported requirements.
    fs.appendFileSync(path.join(ws, 'medtrace.yaml'), 'include: ["requirements/*.yaml"]\n');
    const third = medtrace(['import', 'reqif', path.join(DIR, 'doors-export.reqif'), '--force'], ws);
    assert.match(third.stdout, /already includes requirements\/imported\.yaml/);
    const check = medtrace(['check', ws, '--format', 'json', '--skip', 'crypto,privacy'], ws);
    const findings = (JSON.parse(check.stdout) as { findings: { ruleId: string; path: string; message: string }[] }).findings;
    assert.ok(findings.some((f) => f.ruleId === 'trace/unimplemented-requirement' && f.path === 'requirements/imported.yaml' && /SRS-042/.test(f.message)), JSON.stringify(findings));
    assert.ok(!findings.some((f) => f.ruleId === 'trace/manifest-error'), JSON.stringify(findings));
  });

  it('exports the manifest as ReqIF (and .reqifz) that imports back to the same requirements', () => {
    const ws = workspace(MANIFEST + 'include: ["requirements/*.yaml"]\n');
    assert.strictEqual(medtrace(['import', 'reqif', path.join(DIR, 'doors-export.reqif')], ws).status, 0);
    const out = medtrace(['export', 'reqif'], ws);
    assert.strictEqual(out.status, 0, out.stderr);
    assert.match(out.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<REQ-IF /);
    assert.match(out.stdout, /<TITLE>InfuCare software requirements<\/TITLE>/);
    fs.writeFileSync(path.join(ws, 'back.reqif'), out.stdout);
    assert.strictEqual(medtrace(['export', 'reqif', ws, '--output', path.join(ws, 'back.reqifz')], ws).status, 0);
    for (const f of ['back.reqif', 'back.reqifz']) {
      const r = medtrace(['import', 'reqif', f, '--output', `rt/${f}.yaml`], ws);
      assert.strictEqual(r.status, 0, r.stderr);
      const back = parse(fs.readFileSync(path.join(ws, 'rt', `${f}.yaml`), 'utf8')) as { requirements: unknown[] };
      const orig = parse(fs.readFileSync(path.join(ws, 'requirements', 'imported.yaml'), 'utf8')) as { requirements: unknown[] };
      assert.deepStrictEqual(back.requirements, [{ id: 'SYS-1', title: 'System need' }, ...orig.requirements], f);
    }
  });

  it('imports and exports CSV requirements and risks', () => {
    const ws = workspace(MANIFEST + 'include: ["requirements/*.yaml", "risks/*.yaml"]\n');
    const r = medtrace(['import', 'csv', path.join(DIR, 'requirements.csv')], ws);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /imported 4 requirements/);
    assert.match(r.stderr, /line 6: "42" is not a valid id/);
    const k = medtrace(['import', 'csv', path.join(DIR, 'risks.csv'), '--kind', 'risks'], ws);
    assert.strictEqual(k.status, 0, k.stderr);
    assert.ok(fs.existsSync(path.join(ws, 'risks', 'imported.yaml')));
    const csv = medtrace(['export', 'csv'], ws);
    assert.strictEqual(csv.status, 0, csv.stderr);
    assert.match(csv.stdout, /^id,title,text,kind,derivedFrom\r\nSYS-1,System need,,,\r\nSRS-001,Start infusion,"The pump shall start an infusion only after the user confirms the rate, volume and drug\.",functional,SYS-1\r\n/);
    const risks = medtrace(['export', 'csv', '--kind', 'risks'], ws);
    assert.match(risks.stdout, /^id,hazard,hazardousSituation,harm,severity,probability,controls,residualSeverity,residualProbability,threat\r\nRISK-007,Over-infusion,Rate above limit is accepted,Overdose,5,3,"RC-12, RC-13",5,1,\r\n/);
  });

  it('refuses a CSV with an unterminated quote, naming its line, and writes nothing', () => {
    const ws = workspace(MANIFEST);
    const file = path.join(ws, 'broken.csv');
    fs.writeFileSync(file, 'id,title,text\nSRS-1,Start,"The pump shall start\nSRS-2,Stop,The pump shall stop.\nSRS-3,Alarm,The pump shall alarm.\n');
    const r = medtrace(['import', 'csv', file], ws);
    assert.strictEqual(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /line 2: a quoted field opened here is never closed/);
    assert.ok(!fs.existsSync(path.join(ws, 'requirements', 'imported.yaml')), 'nothing written');
  });

  it('refuses a truncated or malformed ReqIF whole (exit 2, nothing written) instead of importing part of it', () => {
    const ws = workspace(MANIFEST);
    const doors = fs.readFileSync(path.join(DIR, 'doors-export.reqif'), 'utf8');
    // Cut after the second requirement: the parser alone would import two of four.
    const cut = doors.slice(0, doors.indexOf('<SPEC-OBJECT ', doors.indexOf('<SPEC-OBJECT ', doors.indexOf('<SPEC-OBJECT ') + 1) + 1));
    fs.writeFileSync(path.join(ws, 'cut.reqif'), cut);
    const r = medtrace(['import', 'reqif', 'cut.reqif'], ws);
    assert.strictEqual(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /not well-formed XML: the document ends before \d+ element\(s\) are closed .*is the file truncated\?; nothing was imported/);
    fs.writeFileSync(path.join(ws, 'bad.reqif'), doors.replace('<SPEC-OBJECTS>', '<SPEC-OBJECTS><broken attr=>'));
    const bad = medtrace(['import', 'reqif', 'bad.reqif'], ws);
    assert.strictEqual(bad.status, 2);
    assert.match(bad.stderr, /not well-formed XML: line \d+, column \d+: /);
    assert.ok(!fs.existsSync(path.join(ws, 'requirements')), 'nothing written');
  });

  it('unpacks only the .reqif entries of a .reqifz, and refuses a zip bomb before unpacking it', () => {
    const ws = workspace(MANIFEST);
    const doors = fs.readFileSync(path.join(DIR, 'doors-export.reqif'));
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const deflate = (d: Uint8Array) => zlib.deflateRawSync(d);
    // Eight 64 MB attachments (half a gigabyte unpacked) beside the requirements: never inflated.
    const images = Array.from({ length: 8 }, (_, i) => ({ name: `images/scan${i}.png`, data: zeros }));
    fs.writeFileSync(path.join(ws, 'big.reqifz'), writeStoredZip([{ name: 'srs.reqif', data: doors }, ...images], deflate));
    const ok = medtrace(['import', 'reqif', 'big.reqifz'], ws);
    assert.strictEqual(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /imported 4 requirements/);
    fs.writeFileSync(path.join(ws, 'bomb.reqifz'), writeStoredZip([{ name: 'srs.reqif', data: zeros }], deflate));
    const bomb = medtrace(['import', 'reqif', 'bomb.reqifz', '--output', 'bomb.yaml'], ws);
    assert.strictEqual(bomb.status, 2);
    assert.match(bomb.stderr, /srs\.reqif would unpack to 64 MB from \d+ bytes, more than 200 times its size \(a zip bomb\?\); nothing was unpacked/);
    assert.ok(!fs.existsSync(path.join(ws, 'bomb.yaml')));
  });

  it('warns when imported ids are already declared in the manifest', () => {
    const ws = workspace(MANIFEST.replace('SYS-1', 'SRS-050'));
    const r = medtrace(['import', 'reqif', path.join(DIR, 'doors-export.reqif')], ws);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stderr, /1 imported id\(s\) are already declared elsewhere in the manifest \(SRS-050 in medtrace\.yaml\)/);
  });

  it('rejects bad usage with exit 2', () => {
    const ws = workspace(MANIFEST);
    assert.strictEqual(medtrace(['import'], ws).status, 2);
    assert.match(medtrace(['import', 'xml', 'a.xml'], ws).stderr, /unknown import format 'xml'/);
    assert.match(medtrace(['import', 'reqif', 'missing.reqif'], ws).stderr, /file not found/);
    assert.match(medtrace(['import', 'csv', path.join(DIR, 'risks.csv'), '--kind', 'units'], ws).stderr, /--kind must be one of requirements, risks/);
    fs.writeFileSync(path.join(ws, 'x.reqifz'), 'not a zip');
    assert.match(medtrace(['import', 'reqif', 'x.reqifz'], ws).stderr, /cannot read .* as a \.reqifz archive/);
    assert.match(medtrace(['export', 'reqif', path.join(ws, 'nowhere')], ws).stderr, /manifest not found/);
  });
});

describe('medtrace check --junit', function () {
  this.timeout(120000);
  const WS = path.join(DIR, 'junit-ws');
  const RESULTS = path.join(WS, 'results');

  it('reports failing verifications from pytest and Surefire results at the @verifies tag', () => {
    const plain = medtrace(['check', WS, '--skip', 'crypto,privacy']);
    assert.strictEqual(plain.status, 0, plain.stdout + plain.stderr);
    assert.match(plain.stdout, /5\/5 verified/);

    const r = medtrace(['check', WS, '--skip', 'crypto,privacy', '--format', 'json', '--junit', path.join(RESULTS, 'pytest.xml'), '--junit', `${RESULTS},${path.join(RESULTS, 'pytest.xml')}`]);
    assert.strictEqual(r.status, 1, r.stderr);
    const findings = (JSON.parse(r.stdout) as { findings: { ruleId: string; path: string; line: number; severity: string; message: string }[] }).findings;
    const keys = findings.map((f) => `${f.path}:${f.line} ${f.severity} ${f.ruleId}`);
    assert.deepStrictEqual(keys, [
      'medtrace.yaml:5 warning trace/unverified-requirement',
      'src/test/java/com/acme/pump/RateLimiterTest.java:8 error trace/verification-failed',
      'tests/test_rate.py:13 error trace/verification-failed',
    ]);
    assert.match(findings[0].message, /SRS-2 is verified only by failing tests/);
    assert.match(findings[1].message, /Test com\.acme\.pump\.RateLimiterTest::rejectsRateAboveLimit, verifying SRS-3, failed in .*TEST-com\.acme\.pump\.RateLimiterTest\.xml: Expected java\.lang\.IllegalArgumentException to be thrown, but nothing was thrown\. Fix/);
    assert.match(findings[2].message, /test_alarm_on_occlusion, verifying SRS-2, failed in .*pytest\.xml: AssertionError: no alarm raised\./);

    const text = medtrace(['check', WS, '--skip', 'crypto,privacy', '--junit', RESULTS]);
    assert.match(text.stdout, /4\/5 verified/, 'a requirement verified only by failing tests is not verified');

    const sarif = medtrace(['check', WS, '--skip', 'crypto,privacy', '--format', 'sarif', '--junit', RESULTS]);
    const run = (JSON.parse(sarif.stdout) as { runs: { tool: { driver: { rules: { id: string }[] } } }[] }).runs[0];
    assert.ok(run.tool.driver.rules.some((x) => x.id === 'trace/verification-failed'));
  });

  it('shows failing verifications in the audit report', () => {
    const r = medtrace(['report', WS, '--skip', 'crypto,privacy', '--junit', RESULTS]);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /trace\/verification-failed/);
    assert.match(r.stdout, /test_alarm_on_occlusion, verifying SRS-2, failed/);
  });

  it('exits 2 on unreadable or non-JUnit results', () => {
    assert.match(medtrace(['check', WS, '--junit', path.join(WS, 'nope.xml')]).stderr, /cannot read JUnit results .*nope\.xml: ENOENT/);
    const r = medtrace(['check', WS, '--junit', path.join(WS, 'medtrace.yaml')]);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /not JUnit XML|not well-formed/);
  });

  it('reads a results file of 200,000 test cases', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrace-bigjunit-'));
    const file = path.join(dir, 'big.xml');
    const parts = ['<?xml version="1.0"?><testsuite name="s" tests="200000">'];
    for (let i = 0; i < 200000; i++) parts.push(`<testcase classname="tests.test_rate" name="test_${i}"/>`);
    parts.push('</testsuite>');
    fs.writeFileSync(file, parts.join(''));
    const r = medtrace(['check', WS, '--skip', 'crypto,privacy', '--junit', file], REPO_ROOT, 60000);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /5\/5 verified/);
  });

  it('never blocks on a FIFO: refuses one given by name, skips one in a results folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrace-fifo-'));
    const fifo = path.join(dir, 'results.xml');
    assert.strictEqual(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
    const named = medtrace(['check', WS, '--skip', 'crypto,privacy', '--junit', fifo], REPO_ROOT, 20000);
    assert.strictEqual(named.status, 2, named.stderr);
    assert.match(named.stderr, /is not a regular file/);
    fs.copyFileSync(path.join(RESULTS, 'pytest.xml'), path.join(dir, 'pytest.xml'));
    const folder = medtrace(['check', WS, '--skip', 'crypto,privacy', '--junit', dir], REPO_ROOT, 20000);
    assert.match(folder.stderr, /skipped .*results\.xml: not a regular file/);
    assert.match(folder.stdout, /verification-failed|verified/);
  });
});

describe('medtrace check --suspect-links', function () {
  this.timeout(120000);

  function git(cwd: string, args: string[], date: string): void {
    const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
    assert.strictEqual(r.status, 0, r.stderr);
  }

  const manifest = (text: string): string =>
    `version: 1\nsystem: { name: Pump, safetyClass: C }\nrequirements:\n  - id: SRS-1\n    title: Limit rate\n    text: ${text}\n  - id: SRS-2\n    title: Log\n    text: Log every rejection.\n`;
  const code = (body: string): string => `/** @implements SRS-1 */\nint limit(int rate) {\n    ${body}\n}\n\n/** @implements SRS-2 */\nvoid log_rejection(void) {\n}\n`;

  /** A fresh repository with the manifest and src/rate.c committed on 2026-01-01. */
  function committedWorkspace(prefix: string): string {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    fs.mkdirSync(path.join(ws, 'src'));
    fs.writeFileSync(path.join(ws, 'medtrace.yaml'), manifest('Reject rates above 10.'));
    fs.writeFileSync(path.join(ws, 'src', 'rate.c'), code('return rate > 10 ? -1 : rate;'));
    git(ws, ['init', '-q'], '2026-01-01T10:00:00Z');
    git(ws, ['add', '.'], '2026-01-01T10:00:00Z');
    git(ws, ['commit', '-q', '-m', 'initial'], '2026-01-01T10:00:00Z');
    return ws;
  }

  it('flags a requirement whose text changed after its implementation, and stops once the code is revisited', () => {
    const ws = committedWorkspace('medtrace-suspect-');
    const suspects = (): { line: number; message: string }[] => {
      const r = medtrace(['check', ws, '--suspect-links', '--format', 'json', '--skip', 'crypto,privacy', '--fail-on', 'none']);
      assert.strictEqual(r.status, 0, r.stderr);
      return (JSON.parse(r.stdout) as { findings: { ruleId: string; line: number; message: string }[] }).findings.filter((f) => f.ruleId === 'trace/suspect-link');
    };
    assert.deepStrictEqual(suspects(), []);

    fs.writeFileSync(path.join(ws, 'medtrace.yaml'), manifest('Reject rates above the drug library limit.'));
    git(ws, ['commit', '-q', '-am', 'SRS-1: drug library limit'], '2026-02-01T10:00:00Z');
    const s = suspects();
    assert.strictEqual(s.length, 1, JSON.stringify(s));
    assert.strictEqual(s[0].line, 4);
    assert.match(s[0].message, /SRS-1 changed in commit [0-9a-f]{8} \(2026-02-01\), after its implementation last changed \([0-9a-f]{8}, 2026-01-01\): re-check src\/rate\.c:1 \(limit\)/);
    // Without the flag nothing is read from git.
    const plain = medtrace(['check', ws, '--format', 'json', '--skip', 'crypto,privacy', '--fail-on', 'none']);
    assert.ok(!plain.stdout.includes('trace/suspect-link'));

    fs.writeFileSync(path.join(ws, 'src', 'rate.c'), code('return rate > drug_limit() ? -1 : rate;'));
    git(ws, ['commit', '-q', '-am', 'limit from drug library'], '2026-02-02T10:00:00Z');
    assert.deepStrictEqual(suspects(), []);
  });

  it('never runs a git found through a relative PATH entry (a repository\'s own bin/git)', () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrace-suspect-path-'));
    fs.writeFileSync(path.join(ws, 'medtrace.yaml'), manifest('Reject rates above 10.'));
    git(ws, ['init', '-q'], '2026-01-01T10:00:00Z');
    git(ws, ['add', '.'], '2026-01-01T10:00:00Z');
    git(ws, ['commit', '-q', '-m', 'initial'], '2026-01-01T10:00:00Z');
    const marker = path.join(ws, 'PWNED');
    fs.mkdirSync(path.join(ws, 'bin'));
    fs.writeFileSync(path.join(ws, 'bin', 'git'), `#!/bin/sh\ntouch ${JSON.stringify(marker)}\nexit 1\n`, { mode: 0o755 });
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'medtrace.js'), 'check', '.', '--suspect-links', '--skip', 'crypto,privacy', '--fail-on', 'none'], {
      cwd: ws,
      encoding: 'utf8',
      env: { ...process.env, PATH: `bin${path.delimiter}${process.env.PATH ?? ''}`, NO_COLOR: '1' },
    });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.ok(!fs.existsSync(marker), 'the workspace bin/git was run');
    assert.doesNotMatch(r.stderr, /git is not usable/);
  });

  const suspectsIn = (ws: string): { ruleId: string; path: string; line: number; message: string }[] => {
    const r = medtrace(['check', ws, '--suspect-links', '--format', 'json', '--skip', 'crypto,privacy', '--fail-on', 'none']);
    assert.strictEqual(r.status, 0, r.stderr);
    return (JSON.parse(r.stdout) as { findings: { ruleId: string; path: string; line: number; message: string }[] }).findings.filter(
      (f) => f.ruleId === 'trace/suspect-link' || /Suspect links not checked/.test(f.message),
    );
  };

  it('orders commits by ancestry: a requirement changed in the same second as its code is still suspect', () => {
    // The workspace is a subfolder of the repository, as in a monorepo.
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrace-suspect-same-'));
    const ws = path.join(repo, 'pump');
    fs.mkdirSync(path.join(ws, 'src'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'medtrace.yaml'), manifest('Reject rates above 10.'));
    fs.writeFileSync(path.join(ws, 'src', 'rate.c'), code('return rate > 10 ? -1 : rate;'));
    const t = '2026-03-01T10:00:00Z';
    git(repo, ['init', '-q'], t);
    git(repo, ['add', '.'], t);
    git(repo, ['commit', '-q', '-m', 'initial'], t);
    fs.writeFileSync(path.join(ws, 'src', 'rate.c'), code('return rate > 12 ? -1 : rate;'));
    git(repo, ['commit', '-q', '-am', 'code'], t);
    fs.writeFileSync(path.join(ws, 'medtrace.yaml'), manifest('Reject rates above the drug library limit.'));
    git(repo, ['commit', '-q', '-am', 'SRS-1 changed, same second'], t);
    const s = suspectsIn(ws);
    assert.strictEqual(s.length, 1, JSON.stringify(s));
    assert.match(s[0].message, /^SRS-1 changed in commit [0-9a-f]{8} \(2026-03-01\)/);
    // The code revisited in the same second again: no longer suspect.
    fs.writeFileSync(path.join(ws, 'src', 'rate.c'), code('return rate > drug_limit() ? -1 : rate;'));
    git(repo, ['commit', '-q', '-am', 'code follows'], t);
    assert.deepStrictEqual(suspectsIn(ws), []);
  });

  it('says which files it could not check when git blame fails, instead of passing silently', () => {
    const ws = committedWorkspace('medtrace-suspect-fail-');
    // The blob of src/rate.c goes missing from the object store (a damaged or shallow clone).
    const blob = spawnSync('git', ['rev-parse', 'HEAD:src/rate.c'], { cwd: ws, encoding: 'utf8' }).stdout.trim();
    fs.rmSync(path.join(ws, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const s = suspectsIn(ws);
    assert.ok(
      s.some((f) => f.path === 'src/rate.c' && f.ruleId === 'medtrace/input-problem' && /Suspect links not checked for this file: git blame failed \(.+\)\./.test(f.message)),
      JSON.stringify(s),
    );
  });

  it('says so and goes on outside a git repository', () => {
    const ws = workspace(MANIFEST);
    const r = medtrace(['check', ws, '--suspect-links', '--skip', 'crypto,privacy', '--fail-on', 'none'], ws);
    assert.strictEqual(r.status, 0);
    assert.match(r.stderr, /needs a git repository|git is not usable/);
  });
});
