/**
 * The ways the server is started: `medtrace lsp --stdio` (SPEC 4) serves the same server as
 * `node dist/server.js --stdio`, for any LSP client; without a workspace folder it still answers.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { copyFixture, repoRoot, TestClient } from './lspClient';

describe('LSP entry points', function () {
  this.timeout(60000);
  let root: string;

  before(() => {
    root = copyFixture('basic');
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('`medtrace lsp --stdio` serves LSP: initialize, index, diagnostics', async () => {
    const client = await TestClient.start(root, { command: [process.execPath, path.join(repoRoot(), 'bin', 'medtrace.js'), 'lsp', '--stdio'] });
    try {
      const init = client.initializeResult as { serverInfo: { name: string; version: string }; capabilities: Record<string, unknown> };
      assert.strictEqual(init.serverInfo.name, 'MedTrace');
      assert.match(init.serverInfo.version, /^\d+\.\d+\.\d+/);
      for (const cap of ['hoverProvider', 'definitionProvider', 'referencesProvider', 'renameProvider', 'codeLensProvider', 'completionProvider', 'codeActionProvider', 'semanticTokensProvider', 'inlayHintProvider', 'documentLinkProvider', 'workspaceSymbolProvider']) {
        assert.ok(init.capabilities[cap], `capability ${cap}`);
      }
      await client.indexed();
      await client.waitForDiagnostics('src/dose/dose.c', 'untraced helper', (ds) => ds.some((d) => d.code === 'trace/untraced'));
    } finally {
      await client.stop();
    }
  });

  it('without a workspace folder: no analysis, but every request is answered', async () => {
    const bare = await TestClient.start(root, { noFolders: true });
    try {
      bare.open('src/dose/dose.c');
      assert.strictEqual(await bare.request('textDocument/hover', { textDocument: { uri: bare.uri('src/dose/dose.c') }, position: { line: 3, character: 17 } }), null);
      assert.deepStrictEqual(await bare.request('workspace/symbol', { query: '' }), []);
      assert.deepStrictEqual(await bare.request('medtrace/traceTree', {}), []);
    } finally {
      await bare.stop();
    }
  });
});
