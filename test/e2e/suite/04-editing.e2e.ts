/**
 * Editing code, table-driven across languages, on probe files the suite writes into a traced unit of the
 * example and deletes afterwards: findings appear and disappear with edits, the quick fix on an untraced
 * function inserts the expected annotation, completion after `@implements ` offers the manifest's
 * requirements, and the Insert Trace Annotation command writes the language's comment syntax.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  createFile,
  hasRule,
  LANGUAGES,
  medtrace,
  medtraceDiagnostics,
  positionOf,
  probeDir,
  readManifest,
  relPath,
  removeFile,
  replaceFirst,
  ruleOf,
  waitFor,
  waitForDiagnostics,
  wsUri,
  type Manifest,
} from './helpers';

const ID = '[A-Za-z](?:[A-Za-z0-9_.:~-]*[A-Za-z0-9])?';
const TAG_LINE = new RegExp(`@(implements|mitigates)\\s+(${ID}(?:\\s*,\\s*${ID})*)`);

function label(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

for (const lang of LANGUAGES) {
  describe(`[${lang.name}] editing code`, function () {
    let manifest: Manifest;
    let req: string;
    let dir: string | undefined;
    const untracedFn = 'medtrace_e2e_untraced';
    const taggedFn = 'medtrace_e2e_tagged';
    const files: string[] = [];

    before(async function () {
      this.timeout(120_000);
      dir = await probeDir(lang);
      if (!dir) return this.skip(); // the example has no code in this language
      const api = await medtrace();
      await waitFor('coverage from the server', () => api.coverage(), 90_000);
      manifest = await readManifest();
      req = manifest.ids('requirements')[0];
      assert.ok(req, 'the manifest has no requirements');
    });

    after(async function () {
      this.timeout(30_000);
      for (const f of files) await removeFile(f);
    });

    const probe = (kind: 'untraced' | 'tagged') => `${dir}/medtrace_e2e_${kind}${lang.ext}`;

    it(`${lang.name !== 'Java' ? '[smoke] ' : ''}an unknown id is reported, and the finding goes when an edit fixes the id`, async () => {
      files.push(probe('tagged'));
      const doc = await createFile(probe('tagged'), lang.taggedProbe(taggedFn, 'NOPE-404'));
      const line = positionOf(doc, 'NOPE-404').line;
      const ds = await waitForDiagnostics(doc.uri, `trace/unknown-id on line ${line + 1}`, hasRule('trace/unknown-id', line), 60_000);
      const d = ds.find((x) => ruleOf(x) === 'trace/unknown-id')!;
      assert.strictEqual(doc.getText(d.range), 'NOPE-404', 'the range is the id');
      assert.ok(d.message.length > 10, 'the message says what to do');
      await replaceFirst(doc, 'NOPE-404', req);
      await waitForDiagnostics(doc.uri, 'trace/unknown-id to go away', (x) => !hasRule('trace/unknown-id')(x));
      assert.ok(!hasRule('trace/untraced')(medtraceDiagnostics(doc.uri)), 'a tagged function is traced');
    });

    it('an untraced function is reported, and its quick fix inserts a trace annotation above it', async () => {
      files.push(probe('untraced'));
      const doc = await createFile(probe('untraced'), lang.untracedProbe(untracedFn));
      const ds = await waitForDiagnostics(doc.uri, 'trace/untraced', hasRule('trace/untraced'), 60_000);
      const diag = ds.find((d) => ruleOf(d) === 'trace/untraced')!;
      const before = doc.getText().split(/\r?\n/);
      const declLine = before.findIndex((l) => l.includes(untracedFn));
      const onDeclaration = diag.range.start.line === declLine;

      const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value, 50,
      )) ?? [];
      const fixes = actions.filter((a): a is vscode.CodeAction => 'title' in a && !!(a as vscode.CodeAction).edit && !/suppress|ignore|snippet/i.test(a.title));
      const fix = fixes.find((a) => /@?implements|@?mitigates|trace annotation/i.test(a.title));
      assert.ok(fix?.edit, `no "Add trace annotation" quick fix: ${actions.map((a) => a.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the quick fix edit did not apply');
      if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));

      // Exactly some lines were inserted, in one place, and nothing else changed.
      const after = doc.getText().split(/\r?\n/);
      let i = 0;
      while (i < before.length && before[i] === after[i]) i++;
      const k = after.length - before.length;
      assert.ok(k >= 1, `no line inserted:\n${doc.getText()}`);
      assert.deepStrictEqual(after.slice(i + k), before.slice(i), 'the fix changed more than it inserted');
      const inserted = after.slice(i, i + k);
      const tagLine = inserted.find((l) => TAG_LINE.test(l));
      assert.ok(tagLine, `no @implements / @mitigates in the inserted text:\n${inserted.join('\n')}`);
      const [, tag, ids] = TAG_LINE.exec(tagLine)!;
      for (const id of ids.split(/\s*,\s*/)) {
        const e = manifest.entries.get(id);
        assert.ok(e, `${id} is not in the manifest`);
        assert.strictEqual(e.section, tag === 'implements' ? 'requirements' : 'riskControls', `${id} after @${tag}`);
      }
      const starts = lang.comment === '#' ? ['#'] : ['//', '/*', '*'];
      for (const l of inserted.filter((x) => x.trim() !== '')) {
        assert.ok(starts.some((s) => l.trimStart().startsWith(s)), `not a ${lang.name} comment: ${l}`);
      }
      if (onDeclaration) {
        // The first unchanged line after the inserted block is the declaration.
        assert.strictEqual(i, declLine, 'the annotation goes directly above the declaration');
        const indent = (s: string) => /^\s*/.exec(s)![0];
        assert.strictEqual(indent(tagLine), indent(before[declLine]), 'indented like the declaration');
      } else {
        assert.ok(i <= declLine, 'the annotation goes above the code');
      }
      console.log(`      inserted: ${inserted.map((l) => JSON.stringify(l)).join(' ')}`);
      await waitForDiagnostics(doc.uri, 'trace/untraced to go away', (x) => !hasRule('trace/untraced')(x));
    });

    it('completion after `@implements ` offers the requirement ids, not other kinds', async () => {
      const doc = await vscode.workspace.openTextDocument(wsUri(probe('tagged')));
      await vscode.window.showTextDocument(doc);
      const last = doc.lineAt(doc.lineCount - 1);
      const text = `${lang.comment} @implements `;
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, last.range.end, (last.text === '' ? '' : '\n') + text);
      assert.ok(await vscode.workspace.applyEdit(edit));
      const added = doc.lineCount - 1;
      const pos = doc.lineAt(added).range.end;
      try {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
        const labels = (list?.items ?? []).map(label);
        const reqs = manifest.ids('requirements');
        assert.ok(labels.includes(req), `${req} not offered; got ${labels.slice(0, 20).join(', ')}`);
        assert.ok(reqs.filter((r) => labels.includes(r)).length >= Math.min(3, reqs.length), 'most requirement ids are offered');
        const others = manifest.ids('riskControls').concat(manifest.ids('risks')).filter((x) => labels.includes(x));
        assert.deepStrictEqual(others, [], '@implements takes requirements only');
      } finally {
        const undo = new vscode.WorkspaceEdit();
        undo.replace(doc.uri, doc.lineAt(added).range, '');
        await vscode.workspace.applyEdit(undo);
      }
    });

    it('MedTrace: Insert Trace Annotation writes a comment line in the language\'s syntax', async () => {
      const doc = await vscode.workspace.openTextDocument(wsUri(probe('tagged')));
      const editor = await vscode.window.showTextDocument(doc);
      // The cursor on the blank line before the function.
      const blank = doc.getText().split(/\r?\n/).findIndex((l, n, all) => l.trim() === '' && n + 1 < all.length && all[n + 1].trim() !== '');
      assert.ok(blank >= 0, 'the probe has a blank line');
      editor.selection = new vscode.Selection(blank, 0, blank, 0);
      assert.strictEqual(await vscode.commands.executeCommand('medtrace.insertTraceAnnotation', 'implements', [req]), true);
      assert.strictEqual(doc.lineAt(blank).text, `${lang.comment} @implements ${req}`);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, doc.lineAt(blank).range, '');
      assert.ok(await vscode.workspace.applyEdit(edit));
    });

    it('a file created and deleted on disk, outside the editor, gets its findings and loses them', async () => {
      // As a git checkout would: never opened in VS Code, so only the file watcher tells the server.
      const rel = `${dir}/medtrace_e2e_ondisk${lang.ext}`;
      const uri = wsUri(rel);
      files.push(rel);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(lang.taggedProbe('medtrace_e2e_ondisk', 'NOPE-406')));
      await waitForDiagnostics(uri, 'trace/unknown-id on the new file', hasRule('trace/unknown-id'), 60_000);
      await vscode.workspace.fs.delete(uri);
      await waitFor(`no findings left on the deleted ${relPath(uri)}`, () => medtraceDiagnostics(uri).length === 0);
    });
  });
}
