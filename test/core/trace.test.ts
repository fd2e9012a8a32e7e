/**
 * trace/* rules and coverage through the real engine on in-memory workspaces: safety-class policy,
 * unit assignment, wrong-kind ids, control verification, and worker threads giving the same findings.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkWorkspace, inProcessRunner, type CheckResult } from '../../server/src/core/engine/check';
import '../../server/src/core/engine/registerAll';
import { nodeHost } from '../../server/src/node/nodeHost';
import { autoRunner } from '../../server/src/node/workerRunner';
import { REPO_ROOT, testGrammars } from '../helpers/assets';
import { MemoryHost } from '../helpers/memoryHost';
import { IdMatcher } from '../../server/src/core/trace/similar';

async function run(files: Record<string, string>): Promise<CheckResult> {
  const host = new MemoryHost(files);
  return checkWorkspace({ rootAbs: host.root, host, grammars: testGrammars() });
}

const keys = (r: CheckResult, prefix = 'trace/') =>
  r.findings.filter((f) => f.ruleId.startsWith(prefix)).map((f) => `${f.path}:${f.range.start.line + 1} ${f.ruleId}`);

const MANIFEST = (cls: string, units = '') => `version: 1
system: { name: T, safetyClass: ${cls} }
${units}
requirements:
  - { id: SRS-1, title: One, text: x }
riskControls:
  - { id: RC-1, title: Check, type: protective, requirements: [SRS-1] }
risks:
  - { id: RISK-1, hazard: H, severity: 2, probability: 2, controls: [RC-1] }
`;

const JAVA = `package p;

public class Pump {
    /** @implements SRS-1 @mitigates RC-1 */
    public void start() {}
    public void stop() {}
    private void tick() {}
}
`;
const TEST = `# @verifies SRS-1
def test_one():
    pass
`;

describe('trace rules', () => {
  it('class C requires every method; class B only public ones; class A one tag per file', async () => {
    const c = await run({ 'medtrace.yaml': MANIFEST('C'), 'src/Pump.java': JAVA, 'tests/test_a.py': TEST });
    assert.deepStrictEqual(keys(c), ['src/Pump.java:1 trace/file-without-unit', 'src/Pump.java:3 trace/untraced']);
    const b = await run({ 'medtrace.yaml': MANIFEST('B'), 'src/Pump.java': JAVA.replace('public class', '/** @implements SRS-1 */\npublic class'), 'tests/test_a.py': TEST });
    assert.deepStrictEqual(keys(b), ['src/Pump.java:1 trace/file-without-unit']);
    // A package-private class exports nothing, whatever its members say.
    const b2 = await run({ 'medtrace.yaml': MANIFEST('B'), 'src/Pump.java': JAVA.replace('public class', 'class'), 'tests/test_a.py': TEST });
    assert.deepStrictEqual(keys(b2), ['src/Pump.java:1 trace/file-without-unit']);
    const b3 = await run({ 'medtrace.yaml': MANIFEST('B'), 'src/Pump.java': JAVA, 'tests/test_a.py': TEST });
    assert.deepStrictEqual(keys(b3), ['src/Pump.java:1 trace/file-without-unit', 'src/Pump.java:3 trace/untraced']);
    const a = await run({ 'medtrace.yaml': MANIFEST('A'), 'src/Pump.java': 'package p;\nclass X { void f() {} }\n', 'tests/test_a.py': TEST });
    assert.deepStrictEqual(keys(a), ['medtrace.yaml:5 trace/unimplemented-requirement', 'medtrace.yaml:7 trace/unimplemented-control', 'src/Pump.java:1 trace/untraced']);
  });

  it('assigns units by @unit first, then by paths; reports units without files', async () => {
    const units = `units:
  - { id: SU-A, name: A, safetyClass: A, paths: ["src/**"] }
  - { id: SU-C, name: C, safetyClass: C, paths: ["other/**"] }
  - { id: SU-EMPTY, name: E, paths: ["nowhere/**"] }`;
    const r = await run({
      'medtrace.yaml': MANIFEST('C', units),
      'src/a.py': '# @unit SU-C\n\ndef f():\n    pass\n',
      'src/b.py': '# @implements SRS-1\n\ndef g():\n    pass\n',
      'other/c.py': '# @unit SU-NOPE\n\ndef h():\n    """@mitigates RC-1"""\n',
      'tests/test_a.py': TEST,
    });
    assert.deepStrictEqual(keys(r).sort(), [
      'medtrace.yaml:6 trace/unit-without-files',
      'other/c.py:1 trace/unknown-id',
      'src/a.py:3 trace/untraced',
    ]);
    const u = new Map(r.coverage.units.map((x) => [x.id, x]));
    assert.deepStrictEqual([u.get('SU-A')!.files, u.get('SU-C')!.files], [1, 2]);
  });

  it('says what to use when an id is of the wrong kind', async () => {
    const r = await run({ 'medtrace.yaml': MANIFEST('A'), 'src/a.py': '# @implements RC-1\n# @mitigates SRS-1\n# @verifies RISK-1\nx = 1\n' });
    const msgs = r.findings.filter((f) => f.ruleId === 'trace/unknown-id').map((f) => f.message);
    assert.match(msgs[0], /RC-1 is a risk control, but @implements takes requirements: use @mitigates RC-1/);
    assert.match(msgs[1], /SRS-1 is a requirement, but @mitigates takes risk controls: use @implements SRS-1/);
    assert.match(msgs[2], /RISK-1 is a risk, but @verifies takes requirements or risk controls/);
  });

  it('counts a control verified through all of its requirements, and flags uncontrolled risks above acceptance', async () => {
    const m = MANIFEST('A').replace('severity: 2, probability: 2, controls: [RC-1]', 'severity: 3, probability: 3, controls: []');
    const r = await run({ 'medtrace.yaml': m, 'src/a.py': '# @implements SRS-1\n# @mitigates RC-1\nx = 1\n', 'tests/test_a.py': TEST });
    assert.deepStrictEqual(keys(r), ['medtrace.yaml:9 trace/uncontrolled-risk']);
  });

  it('lists @untraced justifications and medtrace-ignore suppressions as audit evidence', async () => {
    const r = await run({
      'medtrace.yaml': MANIFEST('C', 'units:\n  - { id: SU-1, name: U, paths: ["**"] }'),
      'src/a.c': '/* @untraced generated by the HAL tool, reviewed in DR-12 */\nint gen(void) { return 0; }\n// medtrace-ignore trace/untraced: ISR stub, verified by hardware test HT-3\nvoid isr(void) {}\n',
      'src/b.py': '# @implements SRS-1\n# @mitigates RC-1\n\nx = 1\n',
      'tests/test_a.py': TEST,
    });
    assert.deepStrictEqual(keys(r), []);
    assert.deepStrictEqual(r.exclusions.map((e) => [e.path, e.declaration, e.justification]), [['src/a.c', 'gen', 'generated by the HAL tool, reviewed in DR-12']]);
    assert.deepStrictEqual(r.suppressed.map((s) => [s.finding.ruleId, s.justification]), [['trace/untraced', 'ISR stub, verified by hardware test HT-3']]);
  });

  it('reads tags of other tools only where policy.interop enables them', async () => {
    const manifest = (interop: string) => `version: 1
system: { name: T, safetyClass: C }
units:
  - { id: SU-1, name: U, paths: ["**"] }
requirements:
  - { id: dsn~rate-limit~1, title: Rate limit, text: x }
  - { id: REQ-2, title: Two, text: x }
policy:
  interop: { ${interop} }
`;
    const files = {
      'src/a.c': '// [impl->dsn~rate-limit~1]\nint limit(void) { return 1; }\n\n/* lobster-trace: REQ-2 */\nint two(void) { return 2; }\n',
      'tests/test_a.py': '# [utest->dsn~rate-limit~1]\ndef test_limit():\n    pass\n\n# @verifies REQ-2\ndef test_two():\n    pass\n',
    };
    const on = await run({ 'medtrace.yaml': manifest('openfasttrace: true, lobster: true'), ...files });
    assert.deepStrictEqual(keys(on), []);
    const off = await run({ 'medtrace.yaml': manifest('openfasttrace: false'), ...files });
    assert.deepStrictEqual(keys(off).sort(), [
      'medtrace.yaml:6 trace/unimplemented-requirement',
      'medtrace.yaml:6 trace/unverified-requirement',
      'medtrace.yaml:7 trace/unimplemented-requirement',
      'src/a.c:2 trace/untraced',
      'src/a.c:5 trace/untraced',
    ]);
  });

  it('says how to start when there is no manifest', async () => {
    const r = await run({ 'src/a.c': 'int f(void) { return 0; }\n' });
    assert.deepStrictEqual(keys(r), ['medtrace.yaml:1 trace/manifest-error']);
    assert.strictEqual(r.findings[0].severity, 'information');
  });

  it('worker threads give exactly the in-process findings', async function () {
    this.timeout(180000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrace-workers-'));
    try {
      const { generateWorkspace } = (await import(path.join(REPO_ROOT, 'scripts', 'bench-workspace.mjs'))) as {
        generateWorkspace: (d: string, o: { files: number; seed: number; linesPerFile: number }) => unknown;
      };
      generateWorkspace(dir, { files: 240, seed: 7, linesPerFile: 60 });
      const grammars = testGrammars();
      const local = await checkWorkspace({ rootAbs: dir, host: nodeHost, grammars, runner: inProcessRunner(nodeHost, grammars) });
      const pooled = await checkWorkspace({ rootAbs: dir, host: nodeHost, grammars, runner: autoRunner(nodeHost, grammars, path.join(REPO_ROOT, 'dist', 'worker.js')) });
      assert.ok(local.files.length >= 240);
      assert.deepStrictEqual(pooled.findings, local.findings);
      // The CLI's shape: this thread analyses too and runs the privacy analysis the worker defers to it
      // (on the flat trees the worker sends). Two threads forced, so that one is a worker on any machine.
      const saved = process.env.MEDTRACE_THREADS;
      process.env.MEDTRACE_THREADS = '2';
      try {
        const runner = autoRunner(nodeHost, grammars, path.join(REPO_ROOT, 'dist', 'worker.js'), { useCallingThread: true });
        const shared = await checkWorkspace({ rootAbs: dir, host: nodeHost, grammars, runner });
        assert.ok(local.findings.filter((f) => f.ruleId.startsWith('privacy/')).length > 50, 'the workspace has privacy findings to lose');
        assert.deepStrictEqual(shared.findings, local.findings);
        assert.ok(shared.files.every((f) => !('pending' in f)), 'no deferred analysis is left in the facts');
      } finally {
        if (saved === undefined) delete process.env.MEDTRACE_THREADS;
        else process.env.MEDTRACE_THREADS = saved;
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('near-miss ids ("did you mean")', () => {
  const ids = ['SRS-001', 'SRS-002', 'SRS-010', 'RC-12', 'swreq~dose-limit~2', 'RISK-7'];
  it('suggests ids equal but for case and zero padding first, then within two edits (a quarter of long ids)', () => {
    const m = new IdMatcher(ids);
    assert.deepStrictEqual(m.closest('srs-1', () => true), ['SRS-001', 'SRS-010']);
    assert.deepStrictEqual(m.closest('RC-21', () => true), ['RC-12']);
    assert.deepStrictEqual(m.closest('swreq~dose-lmt~2', () => true), ['swreq~dose-limit~2']);
    assert.deepStrictEqual(m.closest('SRS-001', (c) => c.startsWith('RC')), [], 'only accepted ids');
    assert.deepStrictEqual(m.closest('HAZ-99', () => true), []);
  });
  it('stops suggesting once its comparison budget is spent, so a flood of unknown ids stays linear', () => {
    const m = new IdMatcher(ids, 7);
    // Five comparisons (ids of 5 to 9 characters), then the budget runs out during the second question.
    assert.deepStrictEqual(m.closest('SRS-003', () => true), ['SRS-001', 'SRS-002', 'SRS-010']);
    assert.strictEqual(m.closest('SRS-004', () => true), undefined);
  });
});
