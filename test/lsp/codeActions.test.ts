/**
 * Quick fixes over LSP: the exact text each produces (the WorkspaceEdit applied and compared with
 * test/fixtures/lsp/expected/*), and that applying it fixes the finding it is offered for.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits, copyFixture, editsByUri, fixtureText, FULL_CAPABILITIES, TestClient } from './lspClient';

async function actionsFor(client: TestClient, rel: string, pred: (d: Diagnostic) => boolean): Promise<{ diag: Diagnostic; actions: CodeAction[] }> {
  const ds = await client.waitForDiagnostics(rel, 'the finding to fix', (x) => x.some(pred));
  const diag = ds.find(pred)!;
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: client.uri(rel) }, range: diag.range, context: { diagnostics: [diag] } });
  return { diag, actions };
}

function pick(actions: CodeAction[], title: string | RegExp): CodeAction {
  const a = actions.find((x) => (typeof title === 'string' ? x.title === title : title.test(x.title)));
  assert.ok(a, `no action '${String(title)}' among:\n${actions.map((x) => x.title).join('\n')}`);
  return a;
}

/** Applies a code action's edit to the editor buffers (sending didChange), returning the new text per relative path. */
function apply(client: TestClient, action: CodeAction): Map<string, string> {
  const out = new Map<string, string>();
  for (const [uri, edits] of editsByUri(action.edit!)) {
    const rel = uri.slice(client.uri('').replace(/\/$/, '').length + 1);
    const text = client.texts.get(uri) ?? client.open(rel);
    const after = applyEdits(text, edits);
    client.replaceAll(rel, after);
    out.set(rel, after);
  }
  return out;
}

describe('LSP quick fixes', function () {
  this.timeout(60000);

  describe('plain-text clients', () => {
    let root: string;
    let client: TestClient;
    const caps = { ...FULL_CAPABILITIES, workspace: { ...FULL_CAPABILITIES.workspace, workspaceEdit: { documentChanges: true } } };

    beforeEach(async () => {
      root = copyFixture('basic');
      client = await TestClient.start(root, { capabilities: caps });
      await client.indexed();
    });

    afterEach(async () => {
      await client.stop();
      fs.rmSync(root, { recursive: true, force: true });
    });

    it('trace/untraced: one "Add trace annotation" per likely id, ranked by ids used nearby and the unit', async () => {
      const rel = 'src/dose/dose.c';
      client.open(rel);
      const { diag, actions } = await actionsFor(client, rel, (d) => d.code === 'trace/untraced');
      assert.deepStrictEqual(
        actions.map((a) => a.title),
        [
          'Add trace annotation: @mitigates RC-12 (Rate limit check)',
          'Add trace annotation: @implements SRS-001 (Compute infusion dose)',
          'Add trace annotation: @implements SRS-002 (Limit infusion rate)',
          "Mark 'untraced_helper' as @untraced (write the justification)",
          'Suppress trace/untraced on this line with a justification',
        ],
      );
      assert.ok(actions.every((a) => a.kind === 'quickfix'));
      assert.deepStrictEqual(actions[0].diagnostics, [diag]);
      const out = apply(client, pick(actions, /@implements SRS-001/));
      assert.strictEqual(out.get(rel), fixtureText('expected/dose.add-implements.c'));
      await client.waitForDiagnostics(rel, 'fixed', (ds) => ds.length === 0);
    });

    it('inserts indented, language-correct comments above the anchor (C++ namespace, Python decorator)', async () => {
      const cpp = 'src/dose/pump.cpp';
      client.open(cpp);
      let r = await actionsFor(client, cpp, (d) => d.code === 'trace/untraced');
      assert.strictEqual(apply(client, pick(r.actions, /@implements SRS-002/)).get(cpp), fixtureText('expected/pump.add-implements.cpp'));
      await client.waitForDiagnostics(cpp, 'fixed', (ds) => ds.length === 0);

      const py = 'src/dose/rates.py';
      client.open(py);
      r = await actionsFor(client, py, (d) => d.code === 'trace/untraced');
      assert.strictEqual(apply(client, pick(r.actions, /@implements SRS-002/)).get(py), fixtureText('expected/rates.add-implements.py'));
      await client.waitForDiagnostics(py, 'only the unknown id left', (ds) => ds.length === 1 && ds[0].code === 'trace/unknown-id');
    });

    it('trace/untraced: @untraced leaves the justification to write (flagged until written)', async () => {
      const rel = 'src/ui/banner.ts';
      client.open(rel);
      const { actions } = await actionsFor(client, rel, (d) => d.code === 'trace/untraced');
      const after = apply(client, pick(actions, /@untraced/)).get(rel)!;
      assert.ok(after.includes('// @untraced \nexport function hideBanner'), after);
      await client.waitForDiagnostics(rel, 'justification missing', (ds) => ds.length === 1 && ds[0].code === 'trace/malformed-annotation');
      const at = client.pos(rel, '@untraced ', 10);
      client.change(rel, [{ range: { start: at, end: at }, text: 'trivial accessor' }]);
      await client.waitForDiagnostics(rel, 'fixed', (ds) => ds.length === 0);
    });

    it('trace/unknown-id: "Create X in medtrace.yaml" edits the right section and keeps the formatting', async () => {
      const rel = 'src/dose/rates.py';
      client.open(rel);
      const { actions } = await actionsFor(client, rel, (d) => d.code === 'trace/unknown-id');
      assert.deepStrictEqual(actions.map((a) => a.title), ['Create SRS-999 in medtrace.yaml']);
      const out = apply(client, actions[0]);
      assert.deepStrictEqual([...out.keys()], ['medtrace.yaml']);
      assert.strictEqual(out.get('medtrace.yaml'), fixtureText('expected/medtrace.create-srs-999.yaml'));
      await client.waitForDiagnostics(rel, 'SRS-999 declared', (ds) => !ds.some((d) => d.code === 'trace/unknown-id'));
    });

    it('trace/unknown-id: "Change to <closest id>" (preferred) and the right tag for an id of another kind', async () => {
      const rel = 'test/test_dose.py';
      client.open(rel);
      const { actions } = await actionsFor(client, rel, (d) => d.code === 'trace/unknown-id');
      assert.deepStrictEqual(actions.slice(0, 3).map((a) => a.title), ['Change to SRS-002 (Limit infusion rate)', 'Change to SRS-001 (Compute infusion dose)', 'Change to SRS-003 (Show alarm banner)']);
      assert.strictEqual(actions[0].isPreferred, true);
      assert.ok(actions.some((a) => a.title === 'Create SRS-02 in medtrace.yaml'));
      const after = apply(client, actions[0]).get(rel)!;
      assert.ok(after.includes('# @verifies RC-12, SRS-002\n'));
      await client.waitForDiagnostics(rel, 'fixed', (ds) => ds.length === 0);

      const c = 'src/dose/dose.c';
      client.open(c);
      const at = client.pos(c, '@mitigates');
      client.change(c, [{ range: { start: at, end: { line: at.line, character: at.character + 10 } }, text: '@implements' }]);
      const r = await actionsFor(client, c, (d) => d.code === 'trace/unknown-id');
      assert.deepStrictEqual(r.actions.map((a) => a.title), ['Change @implements to @mitigates']);
      assert.ok(apply(client, r.actions[0]).get(c)!.includes('// @mitigates RC-12\n'));
      await client.waitForDiagnostics(c, 'only the untraced helper', (ds) => ds.length === 1 && ds[0].code === 'trace/untraced');
    });

    it('any finding in code: "Suppress with justification" inserts medtrace-ignore above the line', async () => {
      const rel = 'src/dose/dose.c';
      client.open(rel);
      const { actions } = await actionsFor(client, rel, (d) => d.code === 'trace/untraced');
      const out = apply(client, pick(actions, /^Suppress trace\/untraced/));
      assert.strictEqual(out.get(rel), fixtureText('expected/dose.suppress.c'));
      // Without a justification the directive is flagged and suppresses nothing; once written, it suppresses.
      await client.waitForDiagnostics(rel, 'justification missing', (ds) => ds.some((d) => d.code === 'trace/malformed-annotation'));
      const at = client.pos(rel, 'trace/untraced: ', 16);
      client.change(rel, [{ range: { start: at, end: at }, text: 'test helper kept for the simulator' }]);
      await client.waitForDiagnostics(rel, 'suppressed', (ds) => ds.length === 0);
    });

    it('offers nothing automatic for findings in the manifest, and no suppression inside comments', async () => {
      client.open('medtrace.yaml');
      const { actions } = await actionsFor(client, 'medtrace.yaml', (d) => d.code === 'trace/unverified-requirement');
      assert.deepStrictEqual(actions, []);
      client.open('src/dose/rates.py');
      const r = await actionsFor(client, 'src/dose/rates.py', (d) => d.code === 'trace/unknown-id');
      assert.ok(!r.actions.some((a) => /Suppress/.test(a.title)));
    });

    it('offers the fixes a detector attached to a finding', async function () {
      // Whatever detector attaches `fixes` (crypto/privacy): each becomes a quick fix with exactly its edits.
      const rel = 'src/dose/sign.py';
      const text = 'import hashlib\n\n\n# @implements SRS-004\ndef sign_message(secret, data):\n    return hashlib.md5(secret + data).hexdigest()\n';
      client.open(rel, text);
      const all = await client.waitForDiagnostics(rel, 'analysed', (ds) => ds.length > 0 || client.logs.some((l) => /indexed/.test(l)));
      const diags = all.filter((d) => String(d.code).startsWith('crypto/'));
      if (!diags.length) this.skip();
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: client.uri(rel) }, range: diags[0].range, context: { diagnostics: diags } });
      const fixes = actions.filter((a) => !/^(Suppress|Add trace|Mark )/.test(a.title));
      if (!fixes.length) {
        console.log(`      (no detector fix offered for ${diags.map((d) => d.code).join(', ')}: ${actions.map((a) => a.title).join(' | ')})`);
        this.skip();
      }
      for (const f of fixes) {
        const edits = editsByUri(f.edit!).get(client.uri(rel)) ?? [];
        assert.ok(edits.length > 0, `fix '${f.title}' has edits`);
        assert.notStrictEqual(applyEdits(text, edits), text);
      }
      // The crypto detector's fix for hashlib.md5: exactly the call renamed, nothing else.
      const sha = fixes.find((f) => /sha256/i.test(f.title));
      if (sha) {
        assert.strictEqual(apply(client, sha).get(rel), text.replace('hashlib.md5(', 'hashlib.sha256('));
        await client.waitForDiagnostics(rel, 'weak hash gone', (ds) => !ds.some((d) => d.code === 'crypto/weak-hash'));
      }
    });
  });

  describe('snippet-capable clients (LSP 3.18 SnippetTextEdit)', () => {
    let root: string;
    let client: TestClient;

    before(async () => {
      root = copyFixture('basic');
      client = await TestClient.start(root);
      await client.indexed();
    });

    after(async () => {
      await client.stop();
      fs.rmSync(root, { recursive: true, force: true });
    });

    it('adds a snippet variant to choose the id, and placeholders for justifications', async () => {
      const rel = 'src/dose/dose.c';
      client.open(rel);
      const { actions } = await actionsFor(client, rel, (d) => d.code === 'trace/untraced');
      const snippet = pick(actions, "Add trace annotation… (choose the requirement for 'untraced_helper')");
      const dc = snippet.edit!.documentChanges![0] as { textDocument: { uri: string; version: number }; edits: unknown[] };
      assert.strictEqual(dc.textDocument.uri, client.uri(rel));
      assert.strictEqual(dc.textDocument.version, 1);
      assert.deepStrictEqual(dc.edits, [
        { range: { start: { line: 16, character: 0 }, end: { line: 16, character: 0 } }, snippet: { kind: 'snippet', value: '// @implements ${1|SRS-001,SRS-002,SRS-003,SRS-004|}\n' } },
      ]);
      const untraced = editsByUri(pick(actions, /@untraced/).edit!).get(client.uri(rel)) as TextEdit[];
      assert.strictEqual(untraced[0].newText, '// @untraced ${1:justification}\n');
      const suppress = editsByUri(pick(actions, /^Suppress/).edit!).get(client.uri(rel)) as TextEdit[];
      assert.strictEqual(suppress[0].newText, '// medtrace-ignore trace/untraced: ${1:justification}\n');
    });
  });
});
