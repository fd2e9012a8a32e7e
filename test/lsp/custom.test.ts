/**
 * MedTrace's custom messages (server/src/shared/protocol.ts) over LSP: the Traceability tree, the HTML matrix,
 * exports in every format (the CLI's renderers), the starter manifest, and server-side execution of the
 * code-lens commands for clients that do not register them (Neovim, Emacs…).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import type { CodeLens } from 'vscode-languageserver-protocol';
import {
  EXPORT_REQUEST,
  MATRIX_HTML_REQUEST,
  STARTER_MANIFEST_REQUEST,
  TRACE_TREE_REQUEST,
  type TraceTreeNode,
} from '../../server/src/shared/protocol';
import { copyFixture, TestClient } from './lspClient';

describe('LSP custom messages', function () {
  this.timeout(60000);
  let root: string;
  let client: TestClient;

  before(async () => {
    root = copyFixture('basic');
    client = await TestClient.start(root, { clientName: 'Visual Studio Code' });
    await client.indexed();
  });

  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('medtrace/traceTree: units → requirements → code and tests; risks → controls', async () => {
    const tree = await client.request<TraceTreeNode[]>(TRACE_TREE_REQUEST, { folderUri: client.uri('') });
    assert.deepStrictEqual(tree.map((n) => n.label), ['SU-DOSE', 'SU-UI', 'SU-COMM', 'Risks']);
    const dose = tree[0];
    assert.deepStrictEqual(dose.children!.map((c) => c.label), ['SRS-001', 'SRS-002']);
    const srs1 = dose.children![0];
    assert.strictEqual(srs1.icon, 'pass');
    assert.deepStrictEqual(srs1.children!.map((c) => `${c.label} ${c.description}`), ['compute_dose src/dose/dose.c:5', 'test_compute_dose test/test_dose.py:4']);
    assert.strictEqual(dose.children![1].icon, 'warning');
    assert.deepStrictEqual(srs1.location, { uri: client.uri('medtrace.yaml'), line: 10, character: 8 });
    const risks = tree[3];
    assert.deepStrictEqual(risks.children!.map((r) => `${r.label} ${r.description}`), ['RISK-007 Over-infusion · S5/P3 → S5/P1']);
    assert.deepStrictEqual(risks.children![0].children!.map((c) => c.label), ['RC-12']);
    // Without a folder (one folder open): the same.
    assert.deepStrictEqual(await client.request(TRACE_TREE_REQUEST, {}), tree);
  });

  it('medtrace/matrixHtml and medtrace/export render what the CLI renders', async () => {
    const html = await client.request<string>(MATRIX_HTML_REQUEST, { folderUri: client.uri('') });
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /MedTrace report — Test pump/);
    assert.match(html, /SRS-001/);
    const md = await client.request<string>(EXPORT_REQUEST, { format: 'md' });
    assert.match(md, /^# Traceability matrix — Test pump \(class C\)/);
    const csv = await client.request<string>(EXPORT_REQUEST, { format: 'csv' });
    assert.match(csv, /^type,id,title,implemented_by/);
    const json = JSON.parse(await client.request<string>(EXPORT_REQUEST, { format: 'json' })) as { findings: { ruleId: string }[] };
    assert.ok(json.findings.some((f) => f.ruleId === 'trace/untraced'));
    const sarif = JSON.parse(await client.request<string>(EXPORT_REQUEST, { format: 'sarif' })) as { version: string; runs: { tool: { driver: { name: string } }; results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    assert.strictEqual(sarif.version, '2.1.0');
    assert.strictEqual(sarif.runs[0].tool.driver.name, 'MedTrace');
    assert.ok(sarif.runs[0].results.some((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'src/dose/dose.c'));
  });

  it('medtrace/starterManifest: the text of `medtrace init` for the folder', async () => {
    const text = await client.request<string>(STARTER_MANIFEST_REQUEST, { folderUri: client.uri('') });
    assert.match(text, /^# MedTrace manifest for /);
    assert.match(text, /version: 1/);
    assert.match(text, /SU-SRC/);
  });

  it('VS Code registers the lens commands itself; other clients get them executed by the server', async () => {
    const caps = (client.initializeResult as { capabilities: { executeCommandProvider?: unknown } }).capabilities;
    assert.strictEqual(caps.executeCommandProvider, undefined);
    const other = await TestClient.start(root, { clientName: 'Neovim' });
    try {
      await other.indexed();
      const otherCaps = (other.initializeResult as { capabilities: { executeCommandProvider?: { commands: string[] } } }).capabilities;
      assert.deepStrictEqual(otherCaps.executeCommandProvider?.commands, ['medtrace.openLocation', 'medtrace.showReferences']);
      other.open('src/dose/dose.c');
      const lenses = await other.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: other.uri('src/dose/dose.c') } });
      await other.request('workspace/executeCommand', { command: lenses[0].command!.command, arguments: lenses[0].command!.arguments });
      assert.deepStrictEqual(other.shownDocuments, [{ uri: other.uri('medtrace.yaml'), selection: { start: { line: 10, character: 8 }, end: { line: 10, character: 8 } }, takeFocus: true }]);
    } finally {
      await other.stop();
    }
  });
});
