/**
 * Every query under grammars/ evaluated by the JavaScript engine (core/syntax/query.ts) must give exactly
 * web-tree-sitter's matches (pattern, captures) and captures, on real files of every language.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Query, type Node } from 'web-tree-sitter';
import { LANGUAGES } from '../../server/src/core/language/languages';
import { FlatTree } from '../../server/src/core/syntax/flatTree';
import { FlatQuery, UnsupportedQuery } from '../../server/src/core/syntax/query';
import { LineIndex } from '../../server/src/core/text';
import { REPO_ROOT, testGrammars } from '../helpers/assets';
import { syntaxSamples } from '../helpers/syntaxSamples';

type Key = string;
const key = (name: string, n: { startIndex: number; endIndex: number; type: string }): Key => `${name}@${n.startIndex}-${n.endIndex}:${n.type}`;

describe('tree-sitter queries on the flat tree (core/syntax/query)', function () {
  this.timeout(120000);
  const all = syntaxSamples();

  it('parses the query subset and refuses what it does not evaluate', async () => {
    const lang = await testGrammars().language('javascript');
    assert.strictEqual(new FlatQuery(lang, '(call_expression function: (identifier) @f (#eq? @f "require")) @call').patternCount, 1);
    for (const unsupported of ['(call_expression (identifier)* @ids)', '(call_expression !arguments)', '((comment) (function_declaration))', '(no_such_type)', '(call_expression (#set! x y))']) {
      assert.throws(() => new FlatQuery(lang, unsupported), UnsupportedQuery, unsupported);
    }
  });

  for (const lang of LANGUAGES) {
    it(`${lang.id}: every query gives web-tree-sitter's matches and captures`, async () => {
      const g = testGrammars();
      const language = await g.language(lang.id);
      const parser = await g.parser(lang.id);
      const names = fs.readdirSync(path.join(REPO_ROOT, 'grammars', lang.id)).filter((f) => f.endsWith('.scm')).map((f) => f.slice(0, -4));
      assert.ok(names.includes('tags') && names.includes('comments'), `${lang.id}: tags and comments queries`);
      let compared = 0;
      for (const name of names) {
        const source = g.querySource(lang.id, name);
        const real = new Query(language, source);
        const flat = new FlatQuery(language, source);
        for (const { file, text } of all.get(lang.id) ?? []) {
          const tree = parser.parse(text)!;
          try {
            const ft = FlatTree.from(tree, new LineIndex(text));
            const want = real
              .matches(tree.rootNode)
              .map((m) => `${m.patternIndex}|${m.captures.map((c) => key(c.name, c.node)).sort().join(',')}`)
              .sort();
            const got = flat
              .matches(ft.rootNode)
              .map((m) => `${m.pattern}|${m.captures.map((c) => key(c.name, c.node)).sort().join(',')}`)
              .sort();
            assert.deepStrictEqual(got, want, `${lang.id}/${name}.scm matches on ${file}`);
            const wantCaps = real.captures(tree.rootNode).map((c) => key(c.name, c.node as Node));
            const gotCaps = flat.captures(ft.rootNode).map((c) => key(c.name, c.node));
            assert.deepStrictEqual([...gotCaps].sort(), [...wantCaps].sort(), `${lang.id}/${name}.scm captures on ${file}`);
            compared += want.length;
          } finally {
            tree.delete();
          }
        }
        real.delete();
      }
      assert.ok(compared > 20, `${lang.id}: only ${compared} matches compared`);
    });
  }
});
