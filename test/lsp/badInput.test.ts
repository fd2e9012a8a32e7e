/**
 * Bad input never crashes the server or leaves a stale diagnostic: a manifest broken mid-typing (error at its
 * position, navigation on the last good manifest), huge and binary files opened in the editor, files of
 * unknown languages or outside the folder, out-of-range positions, bursts of edits, unsaved edits discarded.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic, Hover, LocationLink } from 'vscode-languageserver-protocol';
import { msg, copyFixture, endOf, TestClient } from './lspClient';

describe('LSP bad input', function () {
  this.timeout(60000);
  let root: string;
  let client: TestClient;
  const td = (rel: string) => ({ uri: client.uri(rel) });
  const M = 'medtrace.yaml';

  beforeEach(async () => {
    root = copyFixture('basic');
    client = await TestClient.start(root);
    await client.indexed();
  });

  afterEach(async () => {
    const alive = client.child.exitCode === null;
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
    assert.ok(alive, `the server died: ${client.stderr}`);
  });

  const yamlError = (ds: Diagnostic[]) => ds.some((d) => d.code === 'trace/manifest-error' && /YAML syntax error/.test(msg(d)));

  it('manifest broken mid-typing: the error at its position, navigation and findings on the last good manifest', async () => {
    const original = client.open(M);
    client.open('src/dose/dose.c');
    // Typing a flow sequence that is not closed yet.
    const at = client.pos(M, '    kind: functional');
    client.change(M, [{ range: { start: at, end: at }, text: '    derivedFrom: [SYS-1,\n' }]);
    const ds = await client.waitForDiagnostics(M, 'YAML syntax error', yamlError);
    const err = ds.find((d) => /YAML syntax error/.test(msg(d)))!;
    assert.ok(err.range.start.line >= at.line && err.range.start.line <= at.line + 2, `error near the edit: ${JSON.stringify(err.range)}`);
    // Navigation still works from code to the manifest.
    const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: td('src/dose/dose.c'), position: client.pos('src/dose/dose.c', 'SRS-001') });
    assert.strictEqual(links.length, 1);
    assert.strictEqual(links[0].targetUri, client.uri(M));
    const h = await client.request<Hover>('textDocument/hover', { textDocument: td('src/dose/dose.c'), position: client.pos('src/dose/dose.c', 'RC-12') });
    assert.match((h.contents as { value: string }).value, /Rate limit check/);
    // Code is still checked against the last good manifest: no flood of unknown ids.
    assert.ok(!client.diagnosticsOf('src/dose/dose.c').some((d) => d.code === 'trace/unknown-id'));
    // Rename waits for a manifest that parses.
    await assert.rejects(client.request('textDocument/rename', { textDocument: td('src/dose/dose.c'), position: client.pos('src/dose/dose.c', 'SRS-001'), newName: 'SRS-100' }), /fix them before renaming/);
    // Fixed: the error goes, the result is the CLI's again.
    client.replaceAll(M, original);
    await client.waitForDiagnostics(M, 'error cleared', (d2) => !yamlError(d2));
  });

  it('manifest replaced by garbage, then emptied, then restored', async () => {
    const original = client.open(M);
    client.replaceAll(M, ':\n  - [\n\t{{{ "\u0000');
    await client.waitForDiagnostics(M, 'manifest error', (ds) => ds.some((d) => d.code === 'trace/manifest-error'));
    client.replaceAll(M, '');
    await client.waitForDiagnostics(M, 'empty manifest', (ds) => ds.some((d) => d.code === 'trace/manifest-error' && /Empty manifest/.test(msg(d))));
    client.replaceAll(M, original);
    await client.waitForDiagnostics(M, 'back to normal', (ds) => !ds.some((d) => d.code === 'trace/manifest-error'));
    await client.waitForDiagnostics('src/dose/rates.py', 'unknown id again', (ds) => ds.some((d) => d.code === 'trace/unknown-id'));
  });

  it('a huge file opened in the editor is reported, not parsed', async () => {
    const rel = 'src/dose/huge.c';
    const line = 'int v_0000000 = 0; /* padding padding padding padding padding padding padding */\n';
    const text = line.repeat(Math.ceil((3 * 1024 * 1024) / line.length));
    client.open(rel, text);
    const ds = await client.waitForDiagnostics(rel, 'input problem', (d) => d.some((x) => x.code === 'medtrace/input-problem'));
    assert.match(msg(ds[0]), /above the 2\.0 MB limit/);
    assert.strictEqual(await client.request('textDocument/hover', { textDocument: td(rel), position: { line: 10, character: 5 } }), null);
    // Editing it stays cheap and safe.
    client.change(rel, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// @implements SRS-001\n' }]);
    client.close(rel);
    await client.waitForDiagnostics(rel, 'cleared when closed (not on disk)', (d) => d.length === 0);
  });

  it('a binary file opened as source, a file of unknown type, a file outside the folder, bad positions', async () => {
    const rel = 'src/dose/blob.c';
    client.open(rel, 'ELF\u0000\u0001\u0002\u0000garbage\u0000'.repeat(100));
    await client.waitForDiagnostics(rel, 'binary reported', (d) => d.some((x) => /binary file/.test(msg(x))));
    client.open('notes.txt', '@implements SRS-001 in a text file');
    assert.strictEqual(await client.request('textDocument/hover', { textDocument: td('notes.txt'), position: { line: 0, character: 14 } }), null);
    assert.strictEqual(await client.request('textDocument/completion', { textDocument: td('notes.txt'), position: { line: 0, character: 1 } }), null);
    const outside = { uri: 'file:///nonexistent/elsewhere.c' };
    void client.conn.sendNotification('textDocument/didOpen', { textDocument: { ...outside, languageId: 'c', version: 1, text: 'int f(void) { return 0; }\n' } });
    assert.strictEqual(await client.request('textDocument/hover', { textDocument: outside, position: { line: 0, character: 4 } }), null);
    assert.deepStrictEqual(await client.request('textDocument/codeLens', { textDocument: outside }), null);
    client.open('src/dose/dose.c');
    for (const position of [{ line: 9999, character: 0 }, { line: 3, character: 9999 }, { line: -1, character: -5 }]) {
      await client.request('textDocument/hover', { textDocument: td('src/dose/dose.c'), position });
      await client.request('textDocument/completion', { textDocument: td('src/dose/dose.c'), position });
      await client.request('textDocument/codeAction', { textDocument: td('src/dose/dose.c'), range: { start: position, end: position }, context: { diagnostics: [] } });
    }
    // Edits with ranges past the end of the document are clamped, as LSP says.
    client.change('src/dose/dose.c', [{ range: { start: { line: 500, character: 0 }, end: { line: 500, character: 0 } }, text: '\nint tail(void) { return 0; }\n' }]);
    await client.waitForDiagnostics('src/dose/dose.c', 'tail untraced', (d) => d.some((x) => msg(x).includes("'tail'")));
  });

  it('a burst of edits ends in the diagnostics of the final text', async () => {
    const rel = 'src/ui/banner.ts';
    const text = client.open(rel);
    const end = endOf(text);
    let typed = '';
    const insert = '\nexport function burst(): number {\n  return 42;\n}\n';
    for (const ch of insert) {
      const p = { line: end.line + typed.split('\n').length - 1, character: (typed.split('\n').pop() ?? '').length + (typed.includes('\n') ? 0 : end.character) };
      client.change(rel, [{ range: { start: p, end: p }, text: ch }]);
      typed += ch;
    }
    await client.waitForDiagnostics(rel, 'burst untraced', (d) => d.some((x) => msg(x).includes("'burst'")) && d.some((x) => msg(x).includes("'hideBanner'")));
    assert.strictEqual(client.texts.get(client.uri(rel)), text + insert);
  });

  it('unsaved edits discarded on close: the disk content counts again', async () => {
    const rel = 'src/dose/dose.c';
    client.open(rel);
    await client.waitForDiagnostics(rel, 'initial', (d) => d.length === 1);
    client.change(rel, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'int a(void) { return 1; }\nint b(void) { return 2; }\n' }]);
    await client.waitForDiagnostics(rel, 'three untraced', (d) => d.length === 3);
    client.close(rel);
    await client.waitForDiagnostics(rel, 'back to the disk version', (d) => d.length === 1);
    // An open file deleted on disk and closed: cleared.
    client.open(rel);
    fs.rmSync(path.join(root, rel));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(rel), type: 3 }] });
    client.close(rel);
    await client.waitForDiagnostics(rel, 'cleared', (d) => d.length === 0);
  });

  it('a source file or folder linked from outside the workspace is named, not read (as in the CLI)', async () => {
    await client.stop();
    const outside = fs.mkdtempSync(path.join(path.dirname(root), 'medtrace-outside-'));
    fs.writeFileSync(path.join(outside, 'leak.c'), '// @implements OUTSIDE-SECRET-1\nint leak(void) { return 0; }\n');
    fs.symlinkSync(path.join(outside, 'leak.c'), path.join(root, 'src', 'leak.c'));
    fs.symlinkSync(outside, path.join(root, 'src', 'elsewhere'));
    client = await TestClient.start(root);
    await client.indexed();
    const note = (rel: string) => client.waitForDiagnostics(rel, 'points outside the workspace', (ds) => ds.some((d) => d.code === 'medtrace/input-problem' && /points outside the workspace/.test(msg(d))));
    await note('src/leak.c');
    await note('src/elsewhere');
    for (const [uri, ds] of client.diagnostics) assert.ok(!ds.some((d) => /OUTSIDE-SECRET/.test(msg(d))), `${uri}: ${ds.map(msg).join('; ')}`);
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('answers malformed requests with errors, not crashes', async () => {
    await assert.rejects(client.request('textDocument/hover', { textDocument: td('src/dose/dose.c') }));
    await assert.rejects(client.request('medtrace/export', { format: 'pdf' }), /unknown export format/);
    assert.strictEqual(await client.request('textDocument/hover', { textDocument: { uri: 'untitled:Untitled-1' }, position: { line: 0, character: 0 } }), null);
    const sarif = JSON.parse(await client.request<string>('medtrace/export', { format: 'sarif' })) as { runs: { results: unknown[] }[] };
    assert.ok(sarif.runs[0].results.length > 0);
  });
});
