/**
 * Navigation and information over LSP: hover, definition, references, rename (and its refusals), document
 * links, workspace and document symbols, code lenses, inlay hints, completion and semantic tokens, on the
 * fixture workspace with C, C++, Python, TypeScript and Java files.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import type {
  CodeLens,
  CompletionList,
  DocumentLink,
  DocumentSymbol,
  Hover,
  InlayHint,
  Location,
  LocationLink,
  MarkupContent,
  SemanticTokens,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { applyEdits, copyFixture, editsByUri, TestClient } from './lspClient';

function hoverText(h: Hover | null): string {
  assert.ok(h, 'a hover');
  return (h.contents as MarkupContent).value;
}

describe('LSP navigation and information', function () {
  this.timeout(60000);
  let root: string;
  let client: TestClient;
  const DOSE = 'src/dose/dose.c';
  const td = (p: string) => ({ uri: client.uri(p) });
  const rel = (uri: string) => uri.slice(client.uri('').replace(/\/$/, '').length + 1);

  before(async () => {
    root = copyFixture('basic');
    client = await TestClient.start(root);
    await client.indexed();
    for (const f of [DOSE, 'medtrace.yaml', 'src/dose/rates.py', 'src/ui/banner.ts', 'src/comm/Auth.java', 'test/test_dose.py']) client.open(f);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  describe('hover', () => {
    it('on a requirement id in a tag: title, text, kind, trace status with implementations and tests', async () => {
      const h = await client.request<Hover>('textDocument/hover', { textDocument: td(DOSE), position: client.pos(DOSE, 'SRS-001', 2) });
      const text = hoverText(h);
      assert.match(text, /\*\*SRS-001\*\* — Compute infusion dose/);
      assert.match(text, /functional requirement/);
      assert.match(text, /The pump shall compute the dose from rate and duration\./);
      assert.match(text, /implemented and verified/);
      assert.match(text, /Implemented in:\*\* \[src\/dose\/dose\.c:5\]\([^)]*dose\.c#L5,5\) `compute_dose`/);
      assert.match(text, /Verified by:\*\* \[test\/test\\_dose\.py:4\]/);
      assert.match(text, /Units:\*\* SU-DOSE \(class C\)/);
      const pos = client.pos(DOSE, 'SRS-001');
      assert.deepStrictEqual(h.range, { start: pos, end: { line: pos.line, character: pos.character + 7 } });
    });

    it('on a risk control id: the risks it controls with severity × probability', async () => {
      const text = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: td(DOSE), position: client.pos(DOSE, 'RC-12') }));
      assert.match(text, /\*\*RC-12\*\* — Rate limit check/);
      assert.match(text, /protective risk control/);
      assert.match(text, /RISK-007 Over-infusion \(S5\/P3 → residual S5\/P1\)/);
      assert.match(text, /Verified by:\*\* \[test\/test\\_dose\.py:9\]/);
    });

    it('on a manifest id: where it is implemented and verified', async () => {
      const text = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: td('medtrace.yaml'), position: client.pos('medtrace.yaml', 'SRS-003') }));
      assert.match(text, /Show alarm banner/);
      assert.match(text, /Implemented in:\*\* \[src\/ui\/banner\.ts:2\]/);
      assert.match(text, /Verified by:\*\* \[test\/banner\.test\.ts:2\]/);
    });

    it('on a risk in the manifest: rating against the acceptance threshold and its controls', async () => {
      const text = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: td('medtrace.yaml'), position: client.pos('medtrace.yaml', 'RISK-007') }));
      assert.match(text, /severity 5 × probability 3 = 15 \(above the acceptance threshold 8\)/);
      assert.match(text, /Controls:\*\* RC-12/);
    });

    it('on an unknown id, on a tag, and nowhere', async () => {
      const unknown = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: td('src/dose/rates.py'), position: client.pos('src/dose/rates.py', 'SRS-999') }));
      assert.match(unknown, /SRS-999\*\* is not declared in medtrace\.yaml/);
      const tag = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: td(DOSE), position: client.pos(DOSE, '@mitigates', 3) }));
      assert.match(tag, /risk control measure/);
      assert.strictEqual(await client.request('textDocument/hover', { textDocument: td(DOSE), position: client.pos(DOSE, 'return rate;') }), null);
    });
  });

  describe('definition and references', () => {
    it('goes from a tag id to its manifest entry', async () => {
      const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: td('src/ui/banner.ts'), position: client.pos('src/ui/banner.ts', 'SRS-003', 1) });
      assert.strictEqual(links.length, 1);
      assert.strictEqual(links[0].targetUri, client.uri('medtrace.yaml'));
      assert.deepStrictEqual(links[0].targetSelectionRange.start, client.pos('medtrace.yaml', 'SRS-003'));
    });

    it('goes from a manifest id to its implementations', async () => {
      const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: td('medtrace.yaml'), position: client.pos('medtrace.yaml', 'SRS-002') });
      const targets = links.map((l) => `${rel(l.targetUri)}:${l.targetSelectionRange.start.line + 1}`).sort();
      assert.deepStrictEqual(targets, ['src/dose/pump.cpp:5', 'src/dose/rates.py:5']);
    });

    it('goes from a reference inside the manifest (controls: [RC-12]) to the entry', async () => {
      const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: td('medtrace.yaml'), position: client.pos('medtrace.yaml', 'RC-12]') });
      assert.deepStrictEqual(links[0].targetSelectionRange.start, client.pos('medtrace.yaml', 'RC-12, title'));
    });

    it('answers plain Locations to clients without linkSupport', async () => {
      const plain = await TestClient.start(root, { capabilities: { textDocument: {} } });
      try {
        await plain.indexed();
        const locs = await plain.request<Location[]>('textDocument/definition', { textDocument: { uri: plain.uri(DOSE) }, position: plain.pos(DOSE, 'SRS-001') });
        assert.strictEqual(locs[0].uri, plain.uri('medtrace.yaml'));
        assert.ok('range' in locs[0]);
      } finally {
        await plain.stop();
      }
    });

    it('finds every reference of an id across code, tests and manifest', async () => {
      const refs = await client.request<Location[]>('textDocument/references', { textDocument: td(DOSE), position: client.pos(DOSE, 'RC-12'), context: { includeDeclaration: true } });
      const where = refs.map((r) => `${rel(r.uri)}:${r.range.start.line + 1}:${r.range.start.character + 1}`).sort();
      assert.deepStrictEqual(where, ['medtrace.yaml:35:16', 'medtrace.yaml:39:11', 'src/dose/dose.c:9:15', 'test/test_dose.py:8:13']);
      const noDecl = await client.request<Location[]>('textDocument/references', { textDocument: td(DOSE), position: client.pos(DOSE, 'RC-12'), context: { includeDeclaration: false } });
      assert.strictEqual(noDecl.length, 3);
    });
  });

  describe('rename', () => {
    it('prepares on a declared id and renames it in the manifest and every tag', async () => {
      const prep = await client.request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', { textDocument: td(DOSE), position: client.pos(DOSE, 'SRS-001', 3) });
      assert.strictEqual(prep.placeholder, 'SRS-001');
      const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: td(DOSE), position: client.pos(DOSE, 'SRS-001', 3), newName: 'SRS-100' });
      const byUri = editsByUri(edit);
      assert.deepStrictEqual([...byUri.keys()].map(rel).sort(), ['medtrace.yaml', 'src/dose/dose.c', 'test/test_dose.py']);
      for (const [uri, edits] of byUri) {
        const before = fs.readFileSync(new URL(uri), 'utf8');
        const after = applyEdits(before, edits);
        assert.ok(!after.includes('SRS-001'), `${uri} still names SRS-001`);
        assert.strictEqual(after.split('SRS-100').length - 1, before.split('SRS-001').length - 1);
      }
    });

    it('refuses an id that already exists, an invalid id, and an undeclared id, with a message', async () => {
      await assert.rejects(
        client.request('textDocument/rename', { textDocument: td(DOSE), position: client.pos(DOSE, 'SRS-001'), newName: 'SRS-002' }),
        (e: Error) => /SRS-002 already exists: it is the requirement at medtrace\.yaml:15/.test(e.message),
      );
      await assert.rejects(client.request('textDocument/rename', { textDocument: td(DOSE), position: client.pos(DOSE, 'SRS-001'), newName: 'SRS 1' }), /not a valid id/);
      await assert.rejects(client.request('textDocument/prepareRename', { textDocument: td('src/dose/rates.py'), position: client.pos('src/dose/rates.py', 'SRS-999') }), /not declared/);
      assert.strictEqual(await client.request('textDocument/prepareRename', { textDocument: td(DOSE), position: client.pos(DOSE, 'return rate;') }), null);
    });
  });

  it('links every declared id to its manifest entry', async () => {
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: td(DOSE) });
    assert.deepStrictEqual(
      links.map((l) => l.target!.replace(/^.*\//, '')),
      ['medtrace.yaml#L11,9', 'medtrace.yaml#L39,11'],
    );
  });

  it('lists every manifest id as a workspace symbol, and the manifest outline as document symbols', async () => {
    const all = await client.request<SymbolInformation[]>('workspace/symbol', { query: '' });
    assert.deepStrictEqual(all.map((s) => s.name.split(' ')[0]).sort(), ['RC-12', 'RISK-007', 'SRS-001', 'SRS-002', 'SRS-003', 'SRS-004', 'SU-COMM', 'SU-DOSE', 'SU-UI']);
    const found = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'infusion' });
    assert.deepStrictEqual(found.map((s) => s.name), ['SRS-001 Compute infusion dose', 'SRS-002 Limit infusion rate', 'RISK-007 Over-infusion']);
    assert.strictEqual(found[0].containerName, 'requirement');
    const outline = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: td('medtrace.yaml') });
    assert.deepStrictEqual(outline.map((s) => `${s.name}:${s.children?.map((c) => c.name).join(',')}`), ['units:SU-DOSE,SU-UI,SU-COMM', 'requirements:SRS-001,SRS-002,SRS-003,SRS-004', 'risks:RISK-007', 'riskControls:RC-12']);
  });

  describe('code lens', () => {
    it('above traced declarations: ids with titles, risks with S/P, unit and class', async () => {
      const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: td(DOSE) });
      assert.deepStrictEqual(
        lenses.map((l) => `${l.range.start.line + 1}: ${l.command!.title}`),
        ['5: SRS-001 Compute infusion dose · SU-DOSE class C', '10: RC-12 (RISK-007 S5/P3) · SU-DOSE class C'],
      );
      assert.strictEqual(lenses[0].command!.command, 'medtrace.openLocation');
      assert.deepStrictEqual(lenses[0].command!.arguments, [client.uri('medtrace.yaml'), 10, 8]);
      const java = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: td('src/comm/Auth.java') });
      assert.deepStrictEqual(java.map((l) => l.command!.title), ['SRS-004 Authenticate pump messages · SU-COMM class B']);
    });

    it('above manifest entries: implementations and tests, showing them', async () => {
      const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: td('medtrace.yaml') });
      const titles = lenses.map((l) => `${l.range.start.line + 1}: ${l.command!.title}`);
      assert.deepStrictEqual(titles, [
        '6: 3 files',
        '7: 1 file',
        '8: 1 file',
        '11: 1 implementation · 1 test',
        '15: 2 implementations · 0 tests',
        '19: 1 implementation · 1 test',
        '23: 1 implementation · 0 tests',
        '29: 1 control · 1 implementation · 1 test',
        '39: 1 implementation · 1 test',
      ]);
      const srs1 = lenses[3].command!;
      assert.strictEqual(srs1.command, 'medtrace.showReferences');
      assert.strictEqual(srs1.arguments![0], client.uri('medtrace.yaml'));
      assert.deepStrictEqual((srs1.arguments![2] as Location[]).map((l) => l.uri.replace(/^.*\//, '')), ['dose.c', 'test_dose.py']);
    });

    it('can be turned off per resource (medtrace.codeLens.enable)', async () => {
      client.settings = { codeLens: { enable: false } };
      client.notify('workspace/didChangeConfiguration', { settings: null });
      await new Promise((r) => setTimeout(r, 100));
      assert.deepStrictEqual(await client.request('textDocument/codeLens', { textDocument: td(DOSE) }), []);
      client.settings = {};
      client.notify('workspace/didChangeConfiguration', { settings: null });
      await new Promise((r) => setTimeout(r, 100));
      assert.strictEqual((await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: td(DOSE) })).length, 2);
    });
  });

  it('shows titles after ids as inlay hints', async () => {
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: td(DOSE), range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } } });
    assert.deepStrictEqual(
      hints.map((h) => `${h.position.line + 1}:${h.position.character} ${h.label as string}`),
      ['4:22 Compute infusion dose', '9:19 Rate limit check'],
    );
  });

  describe('completion', () => {
    const ts = 'src/ui/banner.ts';
    it('offers ids of the kinds a tag takes, ranked for the file, with docs', async () => {
      client.change(ts, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: '// @implements \n' }]);
      const list = await client.request<CompletionList>('textDocument/completion', { textDocument: td(ts), position: { line: 5, character: 15 } });
      assert.deepStrictEqual(list.items.map((i) => i.label), ['SRS-003', 'SRS-001', 'SRS-002', 'SRS-004']);
      assert.strictEqual(list.items[0].detail, 'Show alarm banner');
      assert.match((list.items[0].documentation as MarkupContent).value, /The UI shall show an alarm banner/);
      assert.deepStrictEqual(list.items[0].textEdit, { range: { start: { line: 5, character: 15 }, end: { line: 5, character: 15 } }, newText: 'SRS-003' });
    });

    it('after @mitigates only risk controls; after a comma not the ids already listed; a partial id is replaced', async () => {
      client.change(ts, [{ range: { start: { line: 5, character: 3 }, end: { line: 5, character: 15 } }, text: '@mitigates ' }]);
      let list = await client.request<CompletionList>('textDocument/completion', { textDocument: td(ts), position: { line: 5, character: 14 } });
      assert.deepStrictEqual(list.items.map((i) => i.label), ['RC-12']);
      client.change(ts, [{ range: { start: { line: 5, character: 3 }, end: { line: 5, character: 14 } }, text: '@verifies SRS-003, ' }]);
      list = await client.request<CompletionList>('textDocument/completion', { textDocument: td(ts), position: { line: 5, character: 22 } });
      assert.deepStrictEqual(list.items.map((i) => i.label).sort(), ['RC-12', 'SRS-001', 'SRS-002', 'SRS-004']);
      client.change(ts, [{ range: { start: { line: 5, character: 22 }, end: { line: 5, character: 22 } }, text: 'SR' }]);
      list = await client.request<CompletionList>('textDocument/completion', { textDocument: td(ts), position: { line: 5, character: 24 } });
      // For @verifies, requirements no test verifies yet come first.
      assert.deepStrictEqual(list.items.map((i) => i.label), ['SRS-002', 'SRS-004', 'SRS-001']);
      assert.deepStrictEqual((list.items[0].textEdit as TextEdit).range, { start: { line: 5, character: 22 }, end: { line: 5, character: 24 } });
      // A word of the title finds the id too.
      client.change(ts, [{ range: { start: { line: 5, character: 22 }, end: { line: 5, character: 24 } }, text: 'auth' }]);
      list = await client.request<CompletionList>('textDocument/completion', { textDocument: td(ts), position: { line: 5, character: 26 } });
      assert.deepStrictEqual(list.items.map((i) => i.label), ['SRS-004']);
    });

    it('offers tag names after @ in a comment, rule ids after medtrace-ignore, nothing in code', async () => {
      client.change(ts, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 26 } }, text: '// @im' }]);
      let list = await client.request<CompletionList>('textDocument/completion', { textDocument: td(ts), position: { line: 5, character: 6 } });
      assert.deepStrictEqual(list.items.map((i) => i.label), ['@implements']);
      client.change(ts, [{ range: { start: { line: 5, character: 3 }, end: { line: 5, character: 6 } }, text: '@' }]);
      list = await client.request<CompletionList>('textDocument/completion', { textDocument: td(ts), position: { line: 5, character: 4 } });
      assert.deepStrictEqual(list.items.map((i) => i.label), ['@implements', '@mitigates', '@verifies', '@unit', '@untraced']);
      client.change(ts, [{ range: { start: { line: 5, character: 3 }, end: { line: 5, character: 4 } }, text: 'medtrace-ignore crypto/we' }]);
      list = await client.request<CompletionList>('textDocument/completion', { textDocument: td(ts), position: { line: 5, character: 28 } });
      assert.ok(list.items.some((i) => i.label === 'crypto/weak-hash'));
      const code = await client.request<CompletionList | null>('textDocument/completion', { textDocument: td(ts), position: client.pos(ts, 'return `', 6) });
      assert.strictEqual(code, null);
      client.change(ts, [{ range: { start: { line: 5, character: 0 }, end: { line: 6, character: 0 } }, text: '' }]);
    });

    it('completes control ids inside the manifest (controls: [...])', async () => {
      const m = 'medtrace.yaml';
      const p = client.pos(m, 'controls: [RC-12]', 'controls: ['.length);
      client.change(m, [{ range: { start: p, end: { line: p.line, character: p.character + 5 } }, text: '' }]);
      const list = await client.request<CompletionList>('textDocument/completion', { textDocument: td(m), position: p });
      assert.deepStrictEqual(list.items.map((i) => i.label), ['RC-12']);
      client.change(m, [{ range: { start: p, end: p }, text: 'RC-12' }]);
    });
  });

  it('marks tags and ids in comments with semantic tokens', async () => {
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: td(DOSE) });
    // @implements (line 4), SRS-001, @mitigates (line 9), RC-12: 4 tokens of 5 integers each.
    assert.deepStrictEqual(tokens.data, [3, 3, 11, 0, 1, 0, 12, 7, 1, 1, 5, 3, 10, 0, 1, 0, 11, 5, 1, 1]);
  });
});
