/** The server restarts on request and after a crash, and comes back with its findings. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { expectedFindings, findingKeys, medtrace, open, waitFor, wsUri } from './helpers';

describe('server restarts', function () {
  this.timeout(120_000);
  const sample = expectedFindings().find((f) => /\.(c|py|ts)$/.test(f.file));

  async function findingsBack(): Promise<void> {
    if (!sample) return;
    const uri = wsUri(sample.file);
    await open(uri, false);
    await waitFor(`${sample.rule} on ${sample.file}:${sample.line} after the restart`, () => findingKeys(uri).includes(`${sample.rule}@${sample.line}`), 90_000);
  }

  it('MedTrace: Restart Server restarts it', async () => {
    const api = await medtrace();
    const pid = api.serverPid();
    assert.strictEqual(await vscode.commands.executeCommand('medtrace.restartServer'), true);
    await waitFor('the server to run again', () => api.isServerRunning() && api.serverPid() !== undefined && api.serverPid() !== pid);
    await waitFor('coverage after the restart', () => api.coverage(), 90_000);
    await findingsBack();
  });

  it('a crashed server is restarted', async function () {
    const api = await medtrace();
    const pid = api.serverPid();
    if (pid === undefined) this.skip();
    const restarts = api.crashRestarts();
    process.kill(pid, 'SIGKILL');
    await waitFor('the extension to restart the crashed server', () => api.crashRestarts() === restarts + 1 && api.isServerRunning() && api.serverPid() !== pid, 60_000);
    await findingsBack();
  });
});
