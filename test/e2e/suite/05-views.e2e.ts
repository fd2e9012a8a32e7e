/**
 * What the extension adds around LSP: the coverage status bar item, the Traceability view, the matrix
 * webview, the exports and Create Manifest on a workspace that has one.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { MATRIX_VIEW_TYPE, TRACE_VIEW_ID } from '../../../client/src/constants';
import { statusText } from '../../../client/src/coverageText';
import type { TraceTreeNode } from '../../../server/src/shared/protocol';
import { medtrace, readManifest, readText, relPath, waitFor, wsUri } from './helpers';

function walk(nodes: readonly TraceTreeNode[], visit: (n: TraceTreeNode) => void): void {
  for (const n of nodes) {
    visit(n);
    walk(n.children ?? [], visit);
  }
}

describe('status bar, Traceability view, matrix and exports', function () {
  let tmp: string;
  before(async function () {
    this.timeout(120_000);
    const api = await medtrace();
    await waitFor('coverage from the server', () => api.coverage(), 90_000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrace-e2e-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('[smoke] the status bar item shows the coverage and opens the Traceability view', async () => {
    const api = await medtrace();
    const c = await waitFor('coverage with a manifest', () => api.coverage()?.hasManifest && api.coverage());
    assert.ok(c.percent === null || (c.percent >= 0 && c.percent <= 100), `percent ${c.percent}`);
    // The README's deliberate uncontrolled risk (RISK-009) is open.
    assert.ok(c.openRisks >= 1, `openRisks ${c.openRisks}`);
    // Earlier editing tests apply quick fixes that may implement the example's one open requirement, so only
    // the shape is asserted here; the exact figures are checked on the CLI (test/cli/example.test.ts).
    assert.ok(c.coverage.requirements.total > 0 && c.coverage.requirements.implemented <= c.coverage.requirements.total);
    const bar = await waitFor('the status bar to show the coverage', () => (api.statusBar().text === statusText(api.coverage()) ? api.statusBar() : undefined));
    assert.match(bar.text, /^\$\(checklist\) MedTrace (\d+%|—) · (no open risks|1 risk open|\d+ risks open)$/);
    assert.match(bar.tooltip, /Requirements/);
    assert.strictEqual(bar.command, `${TRACE_VIEW_ID}.focus`);
    await vscode.commands.executeCommand(bar.command);
  });

  it('the Traceability view shows units, requirements and risks, with gaps marked and locations to open', async () => {
    const api = await medtrace();
    const manifest = await readManifest();
    const roots = await waitFor('the trace tree', async () => {
      const r = await api.traceTree();
      return r.length ? r : undefined;
    });
    const labels: string[] = [];
    const icons = new Set<string>();
    let withLocation: TraceTreeNode | undefined;
    walk(roots, (n) => {
      labels.push(`${n.label} ${n.description ?? ''}`);
      if (n.icon) icons.add(n.icon);
      if (n.location && !withLocation) withLocation = n;
    });
    const text = labels.join('\n');
    for (const id of [manifest.ids('units')[0], manifest.ids('requirements')[0], manifest.ids('risks')[0]].filter(Boolean)) {
      assert.ok(text.includes(id), `${id} is not in the tree`);
    }
    assert.ok([...icons].some((i) => /error|warning|circle-slash|question|alert/.test(i)), `no gap icon among ${[...icons].join(', ')}`);
    assert.ok(withLocation, 'no node has a location');
    await vscode.commands.executeCommand('medtrace.openLocation', withLocation.location!.uri, withLocation.location!.line, withLocation.location!.character);
    const editor = await waitFor('the node location to open', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.toString() === vscode.Uri.parse(withLocation!.location!.uri).toString() ? e : undefined;
    });
    assert.strictEqual(editor.selection.active.line, withLocation.location!.line);
  });

  it('[smoke] Show Traceability Matrix opens the webview', async () => {
    const api = await medtrace();
    assert.strictEqual(await vscode.commands.executeCommand('medtrace.showMatrix'), true);
    await waitFor('the matrix webview tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes(MATRIX_VIEW_TYPE)),
    );
    assert.ok(api.isMatrixOpen());
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Export Findings as SARIF writes SARIF 2.1.0', async () => {
    const target = vscode.Uri.file(path.join(tmp, 'findings.sarif'));
    const written = await vscode.commands.executeCommand<vscode.Uri>('medtrace.exportSarif', target);
    assert.strictEqual(written?.fsPath, target.fsPath);
    const sarif = JSON.parse(fs.readFileSync(target.fsPath, 'utf8')) as { version: string; runs: { tool: { driver: { name: string } }; results: unknown[] }[] };
    assert.strictEqual(sarif.version, '2.1.0');
    assert.strictEqual(sarif.runs[0].tool.driver.name, 'MedTrace');
    assert.ok(sarif.runs[0].results.length > 0, 'the example has findings');
  });

  it('Export Traceability Matrix writes Markdown and CSV', async () => {
    const manifest = await readManifest();
    const req = manifest.ids('requirements')[0];
    for (const format of ['md', 'csv']) {
      const target = vscode.Uri.file(path.join(tmp, `matrix.${format}`));
      await vscode.commands.executeCommand('medtrace.exportMatrix', format, target);
      const text = fs.readFileSync(target.fsPath, 'utf8');
      assert.ok(text.includes(req), `${format} matrix lacks ${req}`);
    }
  });

  it('Create Manifest opens the existing manifest and leaves it unchanged', async () => {
    const before = await readText('medtrace.yaml');
    const uri = await vscode.commands.executeCommand<vscode.Uri>('medtrace.createManifest');
    assert.strictEqual(uri?.toString(), wsUri('medtrace.yaml').toString());
    assert.strictEqual(relPath(vscode.window.activeTextEditor!.document.uri), 'medtrace.yaml');
    assert.strictEqual(await readText('medtrace.yaml'), before);
  });
});
