/**
 * WorkspaceSession in-process: incremental parsing (tree.edit + parse with the old tree) gives exactly the facts
 * of a fresh parse after any sequence of edits, in every language of the fixture; the session's findings equal
 * checkWorkspace's; a second index supersedes a running one.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeOptions, checkWorkspace } from '../../server/src/core/engine/check';
import { analyzeText } from '../../server/src/core/engine/analyzeFile';
import type { FileFacts } from '../../server/src/core/engine/fileFacts';
import '../../server/src/core/engine/registerAll';
import { WorkspaceSession, compareListingOrder, type ContentChange } from '../../server/src/core/engine/session';
import { Grammars } from '../../server/src/core/language/grammars';
import { languageForPath } from '../../server/src/core/language/languages';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { grammarAssets } from '../../server/src/node/assets';
import { nodeHost } from '../../server/src/node/nodeHost';
import { copyFixture, offsetAt, positionAt } from './lspClient';

/** A small deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SNIPPETS = [
  '// @implements SRS-001\n',
  '/* @mitigates RC-12 */',
  '# @verifies SRS-002\n',
  '\nint added(void) { return 1; }\n',
  '\ndef added():\n    return 1\n',
  '\nexport function added(): number { return 1; }\n',
  '{',
  '}',
  '"',
  '\n\n',
  'x',
  'é😀',
  '\r\n',
  '// medtrace-ignore trace/untraced: fixture\n',
];

function strip(f: FileFacts): unknown {
  return { declarations: f.declarations, annotations: f.annotations, comments: f.comments, ignores: f.ignores, problems: f.problems, lineCount: f.lineCount };
}

describe('WorkspaceSession', function () {
  this.timeout(120000);
  let root: string;
  let grammars: Grammars;

  before(() => {
    root = copyFixture('basic');
    grammars = new Grammars(grammarAssets());
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  for (const rel of ['src/dose/dose.c', 'src/dose/rates.py', 'src/ui/banner.ts', 'src/comm/Auth.java', 'src/dose/pump.cpp']) {
    it(`incremental parsing of ${rel} equals a fresh parse after 150 random edits`, async () => {
      const session = new WorkspaceSession({ rootAbs: root, host: nodeHost, grammars, settings: DEFAULT_SETTINGS });
      await session.index();
      let text = fs.readFileSync(path.join(root, rel), 'utf8');
      session.openDocument(rel, text, 1);
      await session.settled();
      const random = rng(rel.length * 7919);
      const language = languageForPath(rel)!;
      for (let i = 0; i < 150; i++) {
        const changes: ContentChange[] = [];
        // One to three changes per event, each relative to the text after the previous one.
        for (let k = 0, n = 1 + Math.floor(random() * 3); k < n; k++) {
          const a = Math.floor(random() * (text.length + 1));
          const b = Math.min(text.length, a + (random() < 0.5 ? 0 : Math.floor(random() * 12)));
          const insert = random() < 0.3 ? '' : SNIPPETS[Math.floor(random() * SNIPPETS.length)];
          changes.push({ range: { start: positionAt(text, a), end: positionAt(text, b) }, text: insert });
          text = text.slice(0, a) + insert + text.slice(b);
        }
        session.changeDocument(rel, i + 2, changes);
        if (random() < 0.3) continue; // let several events pile up before the analysis
        await session.ensureFresh(rel);
        assert.strictEqual(session.openText(rel), text);
        const fresh = await analyzeText(grammars, rel, language, text, { ...analyzeOptions(DEFAULT_SETTINGS), isTest: false });
        const got = session.fileFacts(rel);
        assert.ok(got && !('reason' in fresh), `analysed after edit ${i}`);
        assert.deepStrictEqual(strip(got), strip(fresh as FileFacts), `edit ${i}: ${JSON.stringify(changes)}`);
      }
      session.dispose();
    });
  }

  it('positions past the end of a line or of the document are clamped as LSP says', async () => {
    const session = new WorkspaceSession({ rootAbs: root, host: nodeHost, grammars, settings: DEFAULT_SETTINGS });
    session.openDocument('x.c', 'ab\ncd\n', 1);
    session.changeDocument('x.c', 2, [{ range: { start: { line: 0, character: 99 }, end: { line: 0, character: 99 } }, text: '!' }]);
    session.changeDocument('x.c', 3, [{ range: { start: { line: 99, character: 0 }, end: { line: 99, character: 0 } }, text: 'ef' }]);
    await session.settled();
    assert.strictEqual(session.openText('x.c'), 'ab!\ncd\nef');
    assert.strictEqual(offsetAt('ab\ncd', { line: 1, character: 1 }), 4);
    session.dispose();
  });

  it('finds what checkWorkspace finds, after the index and after an open/close round trip', async () => {
    const cli = await checkWorkspace({ rootAbs: root, host: nodeHost, grammars, settings: DEFAULT_SETTINGS });
    const session = new WorkspaceSession({ rootAbs: root, host: nodeHost, grammars, settings: DEFAULT_SETTINGS });
    const first = session.index();
    const second = session.index(); // supersedes the first
    await Promise.all([first, second]);
    assert.deepStrictEqual(session.result.findings, cli.findings);
    assert.deepStrictEqual(session.result.coverage, cli.coverage);
    session.openDocument('src/dose/dose.c', fs.readFileSync(path.join(root, 'src/dose/dose.c'), 'utf8'), 1);
    session.openDocument('medtrace.yaml', fs.readFileSync(path.join(root, 'medtrace.yaml'), 'utf8'), 1);
    await session.settled();
    assert.deepStrictEqual(session.result.findings, cli.findings);
    session.closeDocument('src/dose/dose.c');
    session.closeDocument('medtrace.yaml');
    await session.settled();
    assert.deepStrictEqual(session.result.findings, cli.findings);
    session.dispose();
  });

  it('orders paths as the workspace listing does (depth-first, names sorted per folder)', () => {
    assert.deepStrictEqual(['a.c', 'a/b.c', 'a-b/c.c', 'b.c', 'a/a/z.c'].sort(compareListingOrder), ['a/a/z.c', 'a/b.c', 'a-b/c.c', 'a.c', 'b.c']);
  });
});
