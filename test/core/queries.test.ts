/** Every .scm query of every language compiles against its real grammar (vscode-anycode's queries test). */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { LANGUAGES } from '../../server/src/core/language/languages';
import { REPO_ROOT, testGrammars } from '../helpers/assets';

describe('tree-sitter queries', () => {
  const grammars = testGrammars();
  const names = new Set<string>();
  for (const l of LANGUAGES) {
    const dir = path.join(REPO_ROOT, 'grammars', l.id);
    for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) if (f.endsWith('.scm')) names.add(f.slice(0, -4));
  }

  it('has comments.scm and tags.scm for all twelve languages', () => {
    assert.strictEqual(LANGUAGES.length, 12);
    for (const l of LANGUAGES) {
      assert.ok(grammars.hasQuery(l.id, 'comments'), `${l.id}/comments.scm`);
      assert.ok(grammars.hasQuery(l.id, 'tags'), `${l.id}/tags.scm`);
    }
  });

  for (const l of LANGUAGES) {
    it(`compiles every query for ${l.name}`, async () => {
      for (const name of names) {
        if (!grammars.querySource(l.id, name).trim()) continue;
        const q = await grammars.query(l.id, name);
        assert.ok(q.captureNames.length > 0, `${l.id}/${name}.scm has captures`);
      }
    });
  }

  it('records provenance of every grammar', () => {
    for (const l of LANGUAGES) {
      assert.match(l.package, /^(@[\w-]+\/)?[\w-]+@\d+\.\d+\.\d+$/, l.id);
      assert.ok(fs.existsSync(path.join(REPO_ROOT, 'dist', 'grammars', l.wasm)), `${l.wasm} built`);
    }
  });
});
