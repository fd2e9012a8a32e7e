// Self-test of the real-editor harness: a throwaway extension (test/e2e/fixtures/smoke-ext) goes
// through code-server + Debian chromium end to end, from source and from a .vsix, with passing,
// failing and hanging test modules, and through the UI check. Installs the prerequisites first
// (test/e2e/prereqs.sh, as root); MEDTRACE_SKIP_E2E=1 skips it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { startCodeServer } from './codeServer';
import { e2eSkipped, ensurePrereqs, repoRoot } from './env';
import { leftoverProcesses, listeningAddresses } from './processes';
import { ExtensionTestsError, packageVsix, runExtensionTests, runVsixTests, type ExtensionTestsResult } from './runExtensionTests';
import { uiCheck } from './uiCheck';

const TITLE = 'e2e harness: code-server + chromium (smoke extension)';

/** Files and folders under $HOME that code-server / chromium / VS Code would create if not sandboxed. */
function homeFootprint(): string[] {
  const home = os.homedir();
  const candidates = ['.local/share/code-server', '.config/code-server', '.cache/code-server', '.config/chromium',
    '.cache/chromium', '.pki', '.vscode-server', '.vscode', '.vscode-oss', '.config/Code', '.cache/fontconfig', '.config/dconf', '.cache/dconf'];
  return candidates.filter((c) => fs.existsSync(path.join(home, c)));
}

function explain(r: ExtensionTestsResult): string {
  return `exit ${r.exitCode}, ${r.passing ?? '?'} passing, ${r.failing ?? 0} failing\n${r.failures.join('\n\n')}`;
}

describe(e2eSkipped() ? `${TITLE} [skipped: MEDTRACE_SKIP_E2E=1]` : TITLE, function () {
  this.timeout(180_000);
  const fixtures = () => path.join(repoRoot(), 'test', 'e2e', 'fixtures');
  const smokeExt = () => path.join(fixtures(), 'smoke-ext');
  const smokeWs = () => path.join(fixtures(), 'smoke-ws');
  let homeBefore: string[] = [];

  before(async function () {
    if (e2eSkipped()) {
      console.log('      MEDTRACE_SKIP_E2E=1: skipping the real-editor e2e harness tests');
      this.skip();
    }
    this.timeout(30 * 60_000); // a first run installs chromium and code-server (about 1.5 min)
    await ensurePrereqs();
    homeBefore = homeFootprint();
  });

  it('starts code-server on 127.0.0.1 only, healthy, and stops its whole process group', async () => {
    const cs = await startCodeServer();
    let pids: number[] = [];
    try {
      assert.match(cs.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const status = await new Promise<number>((resolve, reject) =>
        http.get(`${cs.url}/healthz`, (res) => { res.resume(); resolve(res.statusCode ?? 0); }).on('error', reject));
      assert.strictEqual(status, 200);
      pids = cs.processes();
      assert.ok(pids.includes(cs.pid), 'the server process is not listed as live');
      const listening = listeningAddresses(pids);
      assert.ok(listening.includes(`127.0.0.1:${cs.port}`), `not listening on 127.0.0.1:${cs.port}: ${listening.join(', ')}`);
      const elsewhere = listening.filter((a) => !a.startsWith('127.0.0.1:'));
      assert.deepStrictEqual(elsewhere, [], `code-server listens beyond 127.0.0.1: ${elsewhere.join(', ')}`);
      assert.ok(cs.runDir.startsWith(os.tmpdir()) || cs.runDir.startsWith('/tmp/'), cs.runDir);
    } finally {
      await cs.stop();
    }
    assert.deepStrictEqual(cs.processes(), [], 'processes of the server survived stop()');
    assert.ok(!fs.existsSync(cs.runDir), `run folder ${cs.runDir} was not removed`);
  });

  it('runs the smoke extension\'s mocha tests in the extension host (extensionDevelopmentPath)', async () => {
    const r = await runExtensionTests({
      extensionDevelopmentPath: smokeExt(),
      extensionTestsPath: path.join(smokeExt(), 'test', 'index.js'),
      workspace: smokeWs(),
    });
    assert.strictEqual(r.exitCode, 0, explain(r));
    assert.strictEqual(r.passing, 4, explain(r));
    assert.strictEqual(r.failing, undefined);
    assert.ok(r.output.some((l) => l.includes('✔ reports a diagnostic from its DiagnosticCollection')), 'mocha output was not streamed');
    assert.ok(r.output.some((l) => l.trim() === `extensionPath=${smokeExt()}`), 'the extension was not loaded from source');
    console.log(`      (${r.durationMs} ms: ${JSON.stringify(r.phases)})`);
  });

  it('reports failing tests with exit code 1 and their assertion messages', async () => {
    const lines: string[] = [];
    const r = await runExtensionTests({
      extensionDevelopmentPath: smokeExt(),
      extensionTestsPath: path.join(smokeExt(), 'test', 'failing.js'),
      workspace: smokeWs(),
      onOutput: (l) => lines.push(l),
    });
    assert.strictEqual(r.exitCode, 1);
    assert.strictEqual(r.passing, 1);
    assert.strictEqual(r.failing, 1);
    assert.strictEqual(r.failures.length, 1, r.failures.join('\n---\n'));
    assert.match(r.failures[0], /1\) deliberately failing suite/);
    assert.match(r.failures[0], /fails with a visible assertion message/);
    assert.match(r.failures[0], /AssertionError/);
    assert.match(r.failures[0], /DELIBERATE-FAILURE-MARKER/);
    assert.match(r.failures[0], /failing\.test\.js:\d+/);
    assert.deepStrictEqual(lines, r.output, 'onOutput did not receive the streamed output');
    assert.ok(r.screenshot && fs.statSync(r.screenshot).size > 0, 'no screenshot of the failed run');
  });

  it('runs tests against the extension installed from a .vsix into an empty extensions folder', async () => {
    const vsix = await packageVsix(smokeExt(), path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'medtrace-e2e-vsix-')), 'smoke.vsix'));
    try {
      const r = await runVsixTests({ vsix, extensionTestsPath: path.join(smokeExt(), 'test', 'index.js'), workspace: smokeWs() });
      assert.strictEqual(r.exitCode, 0, explain(r));
      assert.strictEqual(r.passing, 4, explain(r));
      const loadedFrom = r.output.find((l) => l.includes('extensionPath='))?.trim();
      assert.match(loadedFrom ?? '', /\/extensions\/medtrace-e2e\.medtrace-e2e-smoke-0\.0\.1$/, 'not the installed copy');
    } finally {
      fs.rmSync(path.dirname(vsix), { recursive: true, force: true });
    }
  });

  it('finds the diagnostic in the Problems panel after opening the file from the Explorer (UI check)', async () => {
    const r = await uiCheck({
      extensionDevelopmentPath: smokeExt(),
      workspace: smokeWs(),
      file: 'docs/sample.txt',
      expectText: 'SMOKE-DIAG: smoke marker found',
      expectSquiggle: true,
      screenshot: 'harness-ui-check.png',
    });
    assert.match(r.problemsText, /SMOKE-DIAG: smoke marker found/);
    assert.match(r.problemsText, /sample\.txt/);
    assert.ok(fs.statSync(r.screenshot).size > 10_000, `screenshot ${r.screenshot} is empty`);
  });

  it('fails with a clear message when run() never settles', async () => {
    await assert.rejects(
      runExtensionTests({
        extensionDevelopmentPath: smokeExt(),
        extensionTestsPath: path.join(smokeExt(), 'test', 'hang.js'),
        workspace: smokeWs(),
        timeoutMs: 15_000,
        name: 'harness-hang',
      }),
      (e: Error) => {
        assert.ok(e instanceof ExtensionTestsError, String(e));
        assert.match(e.message, /did not finish within 15000 ms \(window\.codeAutomationExit was never called\)/);
        assert.match(e.message, /hang\.js/);
        return true;
      },
    );
  });

  after(function () {
    if (e2eSkipped()) return;
    assert.deepStrictEqual(leftoverProcesses(), [], 'processes started by the harness are still running');
    const created = homeFootprint().filter((p) => !homeBefore.includes(p));
    assert.deepStrictEqual(created, [], `the harness wrote into $HOME: ${created.join(', ')}`);
  });
});
