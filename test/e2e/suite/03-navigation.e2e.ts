/**
 * Trace links as hyperlinks, table-driven across languages: hover on a tag id, go to definition into the
 * manifest, references to implementations and tests, code lenses above traced declarations and above
 * manifest entries, and executing a lens.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  expectedFindings,
  hoverText,
  isTestPath,
  LANGUAGES,
  medtrace,
  open,
  positionOf,
  readManifest,
  relPath,
  targetOf,
  tracedFile,
  waitFor,
  type Manifest,
} from './helpers';

/** Ids the README says no test verifies. */
const UNVERIFIED = new Set(expectedFindings().filter((f) => /unverified/.test(f.rule) && f.detail).map((f) => f.detail!));

describe('navigation from tags to the manifest', function () {
  let manifest: Manifest;
  before(async function () {
    this.timeout(120_000);
    const api = await medtrace();
    await waitFor('coverage from the server', () => api.coverage(), 90_000);
    manifest = await readManifest();
  });

  for (const lang of LANGUAGES) {
    describe(`[${lang.name}]`, function () {
      let doc: vscode.TextDocument;
      let id: string;
      let at: vscode.Position;

      before(async function () {
        const t = await tracedFile(lang.ext);
        if (!t) return this.skip();
        id = t.id;
        doc = await open(t.file);
        // Middle of the first id after the first @implements.
        const tag = positionOf(doc, /@implements\s+/);
        const offset = doc.offsetAt(tag) + /@implements\s+/.exec(doc.getText().slice(doc.offsetAt(tag)))![0].length;
        at = doc.positionAt(offset + Math.floor(id.length / 2));
        assert.strictEqual(doc.getText(doc.getWordRangeAtPosition(at, /[A-Za-z][A-Za-z0-9_.:~-]*/)), id);
      });

      it(`${lang.name === 'C' || lang.name === 'Python' ? '[smoke] ' : ''}hover on the id shows the manifest entry`, async () => {
        const entry = manifest.entries.get(id);
        assert.ok(entry, `${id} is not in the manifest`);
        const text = await waitFor(`a hover on ${id}`, async () => {
          const t = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at));
          return t.includes(id) ? t : undefined;
        });
        if (entry.title) assert.ok(text.includes(entry.title), `hover lacks the title "${entry.title}":\n${text}`);
      });

      it('go to definition lands on the id in the manifest', async () => {
        const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, at);
        assert.ok(defs && defs.length > 0, `no definition for ${id}`);
        const { uri, range } = targetOf(defs[0]);
        assert.ok(manifest.manifestFiles.some((f) => relPath(uri) === f), `definition in ${relPath(uri)}, not in the manifest`);
        const target = await vscode.workspace.openTextDocument(uri);
        assert.ok(target.lineAt(range.start.line).text.includes(id), `line ${range.start.line + 1} of ${relPath(uri)} does not name ${id}`);
        assert.strictEqual(relPath(uri), manifest.entries.get(id)!.file);
      });

      it('references list this tag, and the tests when the id is verified', async () => {
        const refs = (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, at)) ?? [];
        const where = refs.map((r) => `${relPath(r.uri)}:${r.range.start.line + 1}`);
        assert.ok(refs.some((r) => r.uri.toString() === doc.uri.toString() && r.range.contains(at)), `this tag is missing from ${where.join(', ')}`);
        if (!UNVERIFIED.has(id)) assert.ok(refs.some((r) => isTestPath(relPath(r.uri))), `no test among the references of ${id}: ${where.join(', ')}`);
      });

      it('a code lens above the traced declaration names the id, and executing it opens the manifest', async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
        const lens = (lenses ?? []).find((l) => l.command?.title.includes(id));
        assert.ok(lens?.command, `no code lens names ${id}: ${(lenses ?? []).map((l) => l.command?.title).join(' | ')}`);
        await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
        const editor = await waitFor('the lens to open the manifest', () => {
          const e = vscode.window.activeTextEditor;
          return e && manifest.manifestFiles.includes(relPath(e.document.uri)) ? e : undefined;
        });
        const line = editor.document.lineAt(editor.selection.active.line).text;
        assert.ok(manifest.ids('requirements').concat(manifest.ids('riskControls'), manifest.ids('units')).some((x) => line.includes(x)), `the cursor is not on an entry: ${line}`);
        await vscode.window.showTextDocument(doc);
      });
    });
  }

  describe('[YAML] the manifest', () => {
    it('a code lens above a requirement counts its implementations and tests, and executing it shows them', async () => {
      const req = manifest.ids('requirements').find((r) => !UNVERIFIED.has(r));
      assert.ok(req, 'no verified requirement in the manifest');
      const doc = await open(manifest.entries.get(req)!.file);
      const idLine = positionOf(doc, new RegExp(`id:\\s*${req.replace(/[.]/g, '\\.')}\\b`)).line;
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100)) ?? [];
      const lens = lenses.find((l) => Math.abs(l.range.start.line - idLine) <= 1 && /implement/i.test(l.command?.title ?? ''));
      assert.ok(lens?.command, `no lens at ${req}: ${lenses.map((l) => `${l.range.start.line + 1}: ${l.command?.title}`).join(' | ')}`);
      assert.match(lens.command.title, /\d+ implementations?/);
      assert.match(lens.command.title, /\d+ tests?/);
      // Opens the references peek (medtrace.showReferences or editor.action.showReferences): must not throw.
      await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
      await vscode.commands.executeCommand('closeReferenceSearch');
    });

    it('go to definition on a manifest id lists its implementations', async () => {
      const req = manifest.ids('requirements').find((r) => !UNVERIFIED.has(r))!;
      const doc = await open(manifest.entries.get(req)!.file);
      const entryAt = doc.getText().search(new RegExp(`id:\\s*${req}\\b`));
      assert.ok(entryAt >= 0, `${req} not found in ${relPath(doc.uri)}`);
      const idPos = doc.positionAt(doc.getText().indexOf(req, entryAt) + 1);
      const defs = (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, idPos)) ?? [];
      assert.ok(defs.some((d) => !manifest.manifestFiles.includes(relPath(targetOf(d).uri))), `no implementation of ${req} among ${defs.map((d) => relPath(targetOf(d).uri)).join(', ')}`);
    });
  });
});
