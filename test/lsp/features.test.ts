/**
 * Editor features in-process, on in-memory workspaces (test/helpers/memoryHost.ts): the cases the LSP fixture
 * does not cover — class A file-level tracing, manifests split with include:, quoted ids, Python docstrings,
 * CRLF files — through the same core functions the server calls.
 */
import * as assert from 'assert';
import { codeActions } from '../../server/src/core/features/codeActions';
import { codeLenses } from '../../server/src/core/features/codeLens';
import type { FeatureContext } from '../../server/src/core/features/common';
import { completion } from '../../server/src/core/features/completion';
import { definition } from '../../server/src/core/features/definition';
import { hover } from '../../server/src/core/features/hover';
import { rename } from '../../server/src/core/features/rename';
import { manifestDocumentSymbols } from '../../server/src/core/features/symbols';
import '../../server/src/core/engine/registerAll';
import { WorkspaceSession } from '../../server/src/core/engine/session';
import { Grammars } from '../../server/src/core/language/grammars';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import type { TextEdit } from '../../server/src/core/types';
import { grammarAssets } from '../../server/src/node/assets';
import { MemoryHost } from '../helpers/memoryHost';
import { applyEdits } from './lspClient';

const grammars = new Grammars(grammarAssets());

async function sessionOf(files: Record<string, string>): Promise<{ host: MemoryHost; session: WorkspaceSession; ctx: FeatureContext }> {
  const host = new MemoryHost(files);
  const session = new WorkspaceSession({ rootAbs: host.root, host, grammars, settings: DEFAULT_SETTINGS });
  await session.index();
  return { host, session, ctx: { session, uri: (p) => `file://${host.abs(p)}` } };
}

function editsFor(ctx: FeatureContext, edit: { changes?: Record<string, TextEdit[]> } | undefined, path: string): TextEdit[] {
  return edit?.changes?.[ctx.uri(path)] ?? [];
}

const MAIN = `version: 1
system: { name: Split, safetyClass: A }
include: ["reqs/*.yaml"]
units:
  - { id: SU-TOOLS, name: Tools, paths: ["tools/**"] }
`;
const REQS = `requirements:
  - id: "REQ-1"
    title: Export the log
  - id: REQ-2
    title: Rotate the log
`;

describe('editor features (in-process)', function () {
  this.timeout(60000);

  it('class A: "Add trace annotation" goes in the file header, above a shebang-free first line, with a blank line after', async () => {
    const { session, ctx } = await sessionOf({ 'medtrace.yaml': MAIN, 'reqs/log.yaml': REQS, 'tools/rotate.py': 'import os\n\n\ndef rotate_log():\n    return os\n' });
    const f = session.result.findings.find((x) => x.ruleId === 'trace/untraced')!;
    assert.ok(f, 'class A file without a tag is untraced');
    session.openDocument('tools/rotate.py', 'import os\n\n\ndef rotate_log():\n    return os\n', 1);
    await session.settled();
    const actions = await codeActions(ctx, 'tools/rotate.py', f.range, []);
    assert.deepStrictEqual(actions.map((a) => a.title), [
      'Add trace annotation: @implements REQ-2 (Rotate the log)',
      'Add trace annotation: @implements REQ-1 (Export the log)',
      'Mark this file as @untraced (write the justification)',
    ]);
    const after = applyEdits('import os\n\n\ndef rotate_log():\n    return os\n', editsFor(ctx, actions[0].edit as never, 'tools/rotate.py'));
    assert.strictEqual(after, '# @implements REQ-2\n\nimport os\n\n\ndef rotate_log():\n    return os\n');
    session.changeDocument('tools/rotate.py', 2, [{ text: after }]);
    await session.settled();
    assert.ok(!session.result.findings.some((x) => x.path === 'tools/rotate.py'));
    session.dispose();
  });

  it('manifests split with include: outline per file, new entries in the file that holds the section, quoted ids renamed inside the quotes', async () => {
    const { session, ctx } = await sessionOf({ 'medtrace.yaml': MAIN, 'reqs/log.yaml': REQS, 'tools/a.c': '// @implements REQ-1, REQ-3\nint a(void) { return 0; }\n' });
    assert.deepStrictEqual(manifestDocumentSymbols(ctx, 'reqs/log.yaml').map((s) => `${s.name}: ${s.children!.map((c) => c.name).join(',')}`), ['requirements: REQ-1,REQ-2']);
    assert.deepStrictEqual(manifestDocumentSymbols(ctx, 'medtrace.yaml').map((s) => s.name), ['units']);
    const unknown = session.result.findings.find((x) => x.ruleId === 'trace/unknown-id')!;
    session.openDocument('tools/a.c', '// @implements REQ-1, REQ-3\nint a(void) { return 0; }\n', 1);
    await session.settled();
    const actions = await codeActions(ctx, 'tools/a.c', unknown.range, []);
    const create = actions.find((a) => a.title === 'Create REQ-3 in reqs/log.yaml')!;
    assert.ok(create, actions.map((a) => a.title).join('\n'));
    assert.strictEqual(applyEdits(REQS, editsFor(ctx, create.edit as never, 'reqs/log.yaml')), REQS + '  - id: REQ-3\n    title: ""\n');
    // Definition from code into the included file; rename keeps the quotes.
    const links = definition(ctx, 'tools/a.c', { line: 0, character: 17 });
    assert.strictEqual(links[0].targetUri, ctx.uri('reqs/log.yaml'));
    assert.deepStrictEqual(links[0].targetSelectionRange.start, { line: 1, character: 9 });
    const edit = await rename(ctx, 'tools/a.c', { line: 0, character: 17 }, 'REQ-10');
    assert.strictEqual(applyEdits(REQS, edit.changes![ctx.uri('reqs/log.yaml')]), REQS.replace('"REQ-1"', '"REQ-10"'));
    assert.strictEqual(applyEdits('// @implements REQ-1, REQ-3\nint a(void) { return 0; }\n', edit.changes![ctx.uri('tools/a.c')]), '// @implements REQ-10, REQ-3\nint a(void) { return 0; }\n');
    session.dispose();
  });

  it('Python docstrings: completion, hover and code lens on tags inside them', async () => {
    const py = 'def f():\n    """Rotate.\n\n    @implements REQ-2\n    """\n    return 1\n';
    const { session, ctx } = await sessionOf({ 'medtrace.yaml': MAIN, 'reqs/log.yaml': REQS, 'tools/f.py': py });
    session.openDocument('tools/f.py', py, 1);
    await session.settled();
    const h = hover(ctx, 'tools/f.py', { line: 3, character: 18 });
    assert.match((h!.contents as { value: string }).value, /Rotate the log/);
    assert.deepStrictEqual(codeLenses(ctx, 'tools/f.py').map((l) => l.command!.title), ['REQ-2 Rotate the log · SU-TOOLS class A']);
    session.changeDocument('tools/f.py', 2, [{ range: { start: { line: 3, character: 21 }, end: { line: 3, character: 21 } }, text: ', ' }]);
    await session.ensureFresh('tools/f.py');
    const list = completion(ctx, 'tools/f.py', { line: 3, character: 23 });
    assert.deepStrictEqual(list!.items.map((i) => i.label), ['REQ-1']);
    session.dispose();
  });

  it('CRLF files: inserted lines end with CRLF', async () => {
    const c = 'int a(void) {\r\n  return 0;\r\n}\r\n';
    const { session, ctx } = await sessionOf({ 'medtrace.yaml': MAIN.replace('safetyClass: A', 'safetyClass: C'), 'reqs/log.yaml': REQS, 'tools/a.c': c });
    session.openDocument('tools/a.c', c, 1);
    await session.settled();
    const f = session.result.findings.find((x) => x.ruleId === 'trace/untraced')!;
    const actions = await codeActions(ctx, 'tools/a.c', f.range, []);
    const after = applyEdits(c, editsFor(ctx, actions[0].edit as never, 'tools/a.c'));
    assert.strictEqual(after, '// @implements REQ-1\r\n' + c);
    session.dispose();
  });
});
