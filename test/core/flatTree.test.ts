/**
 * The JavaScript copy of a parsed tree (core/syntax) must agree with web-tree-sitter's own Node API on
 * every node of real files in every language: types, named-ness, ranges, positions, fields, parents,
 * children and sibling links, descendantsOfType, and mapping query captures back. Both ways of reading the
 * tree (the fast path over the raw binding and the public TreeCursor path) must give the same arrays.
 */
import * as assert from 'assert';
import type { Node } from 'web-tree-sitter';
import { LANGUAGES } from '../../server/src/core/language/languages';
import { FlatTree, type SyntaxNode } from '../../server/src/core/syntax/flatTree';
import { fastTreeReading } from '../../server/src/core/syntax/treeReader';
import { LineIndex } from '../../server/src/core/text';
import { testGrammars } from '../helpers/assets';
import { syntaxSamples } from '../helpers/syntaxSamples';

function compare(flat: SyntaxNode, real: Node, where: string): number {
  const at = `${where} node ${flat.id} (${real.type} ${real.startIndex}-${real.endIndex})`;
  assert.strictEqual(flat.type, real.type, at);
  assert.strictEqual(flat.typeId, real.typeId, at);
  assert.strictEqual(flat.isNamed, real.isNamed, at);
  assert.strictEqual(flat.startIndex, real.startIndex, at);
  assert.strictEqual(flat.endIndex, real.endIndex, at);
  assert.strictEqual(flat.text, real.text, at);
  assert.deepStrictEqual(flat.startPosition, real.startPosition, at);
  assert.deepStrictEqual(flat.endPosition, real.endPosition, at);
  assert.deepStrictEqual(flat.rowColRange(), [real.startPosition.row, real.startPosition.column, real.endPosition.row, real.endPosition.column], at);
  const kids = real.children.filter((c): c is Node => c !== null);
  const fkids = flat.children;
  assert.strictEqual(fkids.length, kids.length, `${at}: child count`);
  assert.strictEqual(flat.childCount, real.childCount, at);
  assert.strictEqual(flat.namedChildCount, real.namedChildCount, at);
  assert.deepStrictEqual(
    flat.namedChildren.map((c) => c.startIndex),
    real.namedChildren.filter((c): c is Node => c !== null).map((c) => c.startIndex),
    at,
  );
  const fields = new Set<string>();
  let n = 1;
  kids.forEach((k, i) => {
    const fk = fkids[i];
    assert.strictEqual(fk.parent?.id, flat.id, `${at}: parent of child ${i}`);
    const field = real.fieldNameForChild(i);
    assert.strictEqual(fk.fieldName, field, `${at}: field of child ${i}`);
    if (field) fields.add(field);
    assert.strictEqual(fk.nextSibling?.startIndex, kids[i + 1]?.startIndex, `${at}: next sibling of ${i}`);
    assert.strictEqual(fk.previousSibling?.startIndex, kids[i - 1]?.startIndex, `${at}: previous sibling of ${i}`);
    assert.strictEqual(fk.previousNamedSibling?.id === undefined ? undefined : fk.previousNamedSibling.startIndex, k.previousNamedSibling?.startIndex, `${at}: previous named sibling of ${i}`);
    n += compare(fk, k, where);
  });
  // Inside ERROR nodes web-tree-sitter itself disagrees (fieldNameForChild names a field that
  // childForFieldName does not find), so fields are compared on well-formed nodes.
  for (const f of real.isError ? [] : fields) {
    assert.strictEqual(flat.childForFieldName(f)?.startIndex, real.childForFieldName(f)?.startIndex, `${at}: field ${f}`);
    assert.deepStrictEqual(
      flat.childrenForFieldName(f).map((c) => c.endIndex),
      real.childrenForFieldName(f).filter((c): c is Node => c !== null).map((c) => c.endIndex),
      `${at}: fields ${f}`,
    );
  }
  return n;
}

describe('flat syntax tree (core/syntax)', function () {
  this.timeout(60000);
  const all = syntaxSamples();

  it('reads trees through the fast path in this build', async () => {
    await testGrammars().parser('c');
    assert.ok(fastTreeReading(), 'the raw web-tree-sitter binding was not registered; trees are read through the slow public API');
  });

  for (const lang of LANGUAGES) {
    it(`${lang.id}: agrees with web-tree-sitter's Node API on every node, on both read paths`, async () => {
      const files = all.get(lang.id) ?? [];
      assert.ok(files.length >= 2, `no samples for ${lang.id}`);
      const parser = await testGrammars().parser(lang.id);
      let nodes = 0;
      for (const { file, text } of files) {
        const tree = parser.parse(text)!;
        try {
          const lines = new LineIndex(text);
          const fast = FlatTree.from(tree, lines);
          const slow = FlatTree.from(tree, lines, true);
          for (const k of ['typeIds', 'starts', 'ends', 'fields', 'parents', 'next'] as const) {
            assert.deepStrictEqual(fast[k], slow[k], `${file}: ${k} differs between the fast and the public read`);
          }
          const counted = compare(fast.rootNode, tree.rootNode, file);
          assert.strictEqual(counted, fast.count, `${file}: node count`);
          nodes += counted;
          // descendantsOfType and capture mapping, on the commonest named type of the file.
          const byType = new Map<string, number>();
          for (let i = 0; i < fast.count; i++) if (fast.isNamed(i)) byType.set(fast.typeName(i), (byType.get(fast.typeName(i)) ?? 0) + 1);
          const [common] = [...byType].sort((a, b) => b[1] - a[1])[0] ?? ['ERROR'];
          // (web-tree-sitter skips zero-width nodes at the start of the range it searches; so do we here.)
          const nonEmpty = (c: { startIndex: number; endIndex: number }) => c.endIndex > c.startIndex;
          const expected = tree.rootNode.descendantsOfType(common).filter((c): c is Node => c !== null && nonEmpty(c));
          const got = fast.rootNode.descendantsOfType(common).filter(nonEmpty);
          assert.deepStrictEqual(got.map((c) => [c.startIndex, c.endIndex]), expected.map((c) => [c.startIndex, c.endIndex]), `${file}: descendantsOfType(${common})`);
          for (const e of expected) {
            const f = fast.fromNode(e);
            assert.strictEqual(f?.type, common, `${file}: fromNode`);
            // A node's own type counts (web-tree-sitter includes the node itself).
            assert.deepStrictEqual(
              f.descendantsOfType([common, 'identifier']).filter(nonEmpty).map((c) => c.startIndex),
              e.descendantsOfType([common, 'identifier']).filter((c): c is Node => c !== null && nonEmpty(c)).map((c) => c.startIndex),
              `${file}: descendantsOfType under ${common}`,
            );
          }
        } finally {
          tree.delete();
        }
      }
      assert.ok(nodes > 50, `${lang.id}: only ${nodes} nodes compared`);
    });
  }
});
