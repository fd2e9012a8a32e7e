/**
 * Diagnostics over LSP: the server's findings equal the CLI's on the same workspace; edits update them
 * incrementally, fixed problems are cleared, watched-file events (created, changed, deleted on disk) and
 * manifest changes keep them right.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { checkWorkspace } from '../../server/src/core/engine/check';
import '../../server/src/core/engine/registerAll';
import { Grammars } from '../../server/src/core/language/grammars';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import type { Finding } from '../../server/src/core/types';
import { grammarAssets } from '../../server/src/node/assets';
import { nodeHost } from '../../server/src/node/nodeHost';
import { msg, copyFixture, TestClient, uriOf } from './lspClient';

const SEV: Record<Finding['severity'], DiagnosticSeverity> = { error: 1, warning: 2, information: 3, hint: 4 } as const;

function findingKey(root: string, f: Finding): string {
  const r = f.range;
  return `${uriOf(root, f.path)} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${SEV[f.severity]} ${f.ruleId} ${f.message}`;
}

function diagnosticKey(uri: string, d: Diagnostic): string {
  const r = d.range;
  return `${uri} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${d.severity} ${String(d.code)} ${msg(d)}`;
}

function allDiagnosticKeys(client: TestClient): string[] {
  const out: string[] = [];
  for (const [uri, ds] of client.diagnostics) for (const d of ds) out.push(diagnosticKey(uri, d));
  return out.sort();
}

const has = (rule: string, text?: string) => (ds: Diagnostic[]) => ds.some((d) => d.code === rule && (text === undefined || msg(d).includes(text)));
const lacks = (rule: string, text?: string) => (ds: Diagnostic[]) => !has(rule, text)(ds);

describe('LSP diagnostics', function () {
  this.timeout(60000);
  let root: string;
  let client: TestClient;

  beforeEach(async () => {
    root = copyFixture('basic');
    client = await TestClient.start(root);
    await client.indexed();
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('publishes, for every file after the initial index, exactly the findings of the CLI', async () => {
    const cli = await checkWorkspace({ rootAbs: root, host: nodeHost, grammars: new Grammars(grammarAssets()), settings: DEFAULT_SETTINGS });
    const expected = cli.findings.map((f) => findingKey(root, f)).sort();
    assert.ok(expected.length >= 6, `the fixture should have findings, got ${expected.length}`);
    assert.deepStrictEqual(allDiagnosticKeys(client), expected);
  });

  it('reports the workspace index progress and the coverage notification', async () => {
    assert.ok(client.progressBegins.some((t) => /indexing/.test(t)), `progress begins: ${client.progressBegins.join(', ')}`);
    await client.waitFor('coverage notification', () => client.notifications.some((n) => n.method === 'medtrace/coverage'));
    const cov = client.notifications.find((n) => n.method === 'medtrace/coverage')!.params as { percent: number; hasManifest: boolean; openRisks: number; folderUri: string };
    assert.strictEqual(cov.hasManifest, true);
    assert.strictEqual(typeof cov.percent, 'number');
    assert.strictEqual(cov.openRisks, 0);
    assert.strictEqual(cov.folderUri, client.uri('').replace(/\/$/, ''));
  });

  it('updates diagnostics as a document is edited, and clears them once fixed', async () => {
    const rel = 'src/dose/dose.c';
    client.open(rel);
    await client.waitForDiagnostics(rel, 'untraced helper', has('trace/untraced', 'untraced_helper'));
    // Trace the helper: the finding goes away.
    const at = client.pos(rel, 'int untraced_helper');
    client.change(rel, [{ range: { start: at, end: at }, text: '// @implements SRS-001\n' }]);
    await client.waitForDiagnostics(rel, 'no untraced finding', (ds) => ds.length === 0);
    // A typo in the id: unknown-id appears at the id's exact range.
    const idAt = client.pos(rel, 'SRS-001\nint untraced_helper');
    client.change(rel, [{ range: { start: { line: idAt.line, character: idAt.character + 4 }, end: { line: idAt.line, character: idAt.character + 7 } }, text: '077' }]);
    const ds = await client.waitForDiagnostics(rel, 'unknown id SRS-077', has('trace/unknown-id', 'SRS-077'));
    const d = ds.find((x) => x.code === 'trace/unknown-id')!;
    assert.deepStrictEqual(d.range, { start: idAt, end: { line: idAt.line, character: idAt.character + 7 } });
    assert.strictEqual(d.severity, DiagnosticSeverity.Error);
    // Broken C syntax mid-typing: still analysed, no crash.
    client.change(rel, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'int broken( {\n' }]);
    await client.waitForDiagnostics(rel, 'still reporting SRS-077', has('trace/unknown-id', 'SRS-077'));
    client.change(rel, [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' }]);
    client.change(rel, [{ range: { start: { line: idAt.line, character: idAt.character + 4 }, end: { line: idAt.line, character: idAt.character + 7 } }, text: '001' }]);
    await client.waitForDiagnostics(rel, 'cleared again', (ds2) => ds2.length === 0);
    // The manifest's view follows: SRS-001 now has two implementations (checked through hover elsewhere); no stale finding.
    assert.deepStrictEqual(client.diagnosticsOf(rel), []);
  });

  it('updates workspace-level findings of other files when a test is edited', async () => {
    const rel = 'test/test_dose.py';
    assert.ok(has('trace/unverified-requirement', 'SRS-002')(client.diagnosticsOf('medtrace.yaml')));
    client.open(rel);
    const at = client.pos(rel, 'SRS-02');
    client.change(rel, [{ range: { start: at, end: { line: at.line, character: at.character + 'SRS-02'.length } }, text: 'SRS-002' }]);
    await client.waitForDiagnostics('medtrace.yaml', 'SRS-002 verified', lacks('trace/unverified-requirement', 'SRS-002'));
    await client.waitForDiagnostics(rel, 'unknown id gone', (ds) => ds.length === 0);
  });

  it('follows files created, changed and deleted on disk (watched files)', async () => {
    assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'watchers registered dynamically');
    const rel = 'src/dose/extra.c';
    fs.writeFileSync(path.join(root, rel), 'int extra(void) {\n  return 0;\n}\n');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(rel), type: 1 }] });
    await client.waitForDiagnostics(rel, 'untraced extra', has('trace/untraced', "'extra'"));

    fs.writeFileSync(path.join(root, rel), '// @untraced test scaffolding, not shipped\nint extra(void) {\n  return 0;\n}\n');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(rel), type: 2 }] });
    await client.waitForDiagnostics(rel, 'cleared after the change', (ds) => ds.length === 0);

    fs.writeFileSync(path.join(root, rel), 'int extra(void) {\n  return 0;\n}\n');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(rel), type: 2 }] });
    await client.waitForDiagnostics(rel, 'untraced again', has('trace/untraced'));
    fs.rmSync(path.join(root, rel));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(rel), type: 3 }] });
    await client.waitForDiagnostics(rel, 'cleared after deletion', (ds) => ds.length === 0);

    // A folder deleted at once (git checkout of another branch): one event for the folder.
    fs.rmSync(path.join(root, 'src/ui'), { recursive: true });
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('src/ui'), type: 3 }] });
    await client.waitForDiagnostics('src/ui/banner.ts', 'cleared with its folder', (ds) => ds.length === 0);
    await client.waitForDiagnostics('medtrace.yaml', 'SRS-003 now implemented nowhere', has('trace/unimplemented-requirement', 'SRS-003'));
  });

  it('re-checks against the manifest when it changes on disk', async () => {
    assert.ok(has('trace/unknown-id', 'SRS-999')(client.diagnosticsOf('src/dose/rates.py')));
    const mf = path.join(root, 'medtrace.yaml');
    fs.writeFileSync(mf, fs.readFileSync(mf, 'utf8').replace('\nrisks:', '  - { id: SRS-999, title: Lookup table }\n\nrisks:'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('medtrace.yaml'), type: 2 }] });
    await client.waitForDiagnostics('src/dose/rates.py', 'SRS-999 known', lacks('trace/unknown-id', 'SRS-999'));
    await client.waitForDiagnostics('medtrace.yaml', 'SRS-999 unverified', has('trace/unverified-requirement', 'SRS-999'));
  });

  it('reports package manifests changed on disk (soup/undeclared) and clears them when declared', async () => {
    const rel = 'package.json';
    fs.writeFileSync(path.join(root, rel), JSON.stringify({ name: 'x', version: '1.0.0', dependencies: { 'left-pad': '1.3.0' } }, null, 2) + '\n');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(rel), type: 1 }] });
    await client.waitForDiagnostics(rel, 'undeclared left-pad', has('soup/undeclared', 'left-pad'));
    fs.rmSync(path.join(root, rel));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(rel), type: 3 }] });
    await client.waitForDiagnostics(rel, 'cleared', (ds) => ds.length === 0);
  });

  it('reports platform transport configuration (AndroidManifest.xml, Info.plist) created on disk and as edited', async () => {
    const manifest = 'app/src/main/AndroidManifest.xml';
    fs.mkdirSync(path.join(root, 'app/src/main'), { recursive: true });
    fs.writeFileSync(path.join(root, manifest), '<manifest xmlns:android="http://schemas.android.com/apk/res/android">\n  <application android:usesCleartextTraffic="true" />\n</manifest>\n');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(manifest), type: 1 }] });
    await client.waitForDiagnostics(manifest, 'usesCleartextTraffic', has('crypto/cleartext-transport', 'usesCleartextTraffic'));
    const plist = 'ios/App/Info.plist';
    fs.mkdirSync(path.join(root, 'ios/App'), { recursive: true });
    const text = '<plist><dict>\n<key>NSAppTransportSecurity</key>\n<dict>\n<key>NSAllowsArbitraryLoads</key>\n<true/>\n</dict>\n</dict></plist>\n';
    fs.writeFileSync(path.join(root, plist), text);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(plist), type: 1 }] });
    await client.waitForDiagnostics(plist, 'ATS off', (ds) => ds.some((d) => d.code === 'crypto/cleartext-transport' && d.range.start.line === 3));
    // Edited in the editor, not saved: the open document's text is what is judged.
    client.open(plist, text, 'xml');
    client.replaceAll(plist, text.replace('<true/>', '<false/>'));
    await client.waitForDiagnostics(plist, 'cleared when set to false', (ds) => ds.length === 0);
  });
});
