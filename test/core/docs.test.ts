/** docs/rules.md documents every rule of the registry (what, why, fix), and SARIF tags come from the same list. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../server/src/core/rules/registry';
import { REPO_ROOT } from '../helpers/assets';

describe('docs/rules.md', () => {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'rules.md'), 'utf8');
  for (const r of RULES) {
    it(`documents ${r.id}`, () => {
      const at = text.indexOf(`### ${r.id}\n`);
      assert.ok(at >= 0, `no "### ${r.id}" section`);
      const next = text.indexOf('\n### ', at + 4);
      const section = text.slice(at, next < 0 ? undefined : next);
      assert.match(section, /\*\*What\*\*/);
      assert.match(section, /\*\*Why\*\*/);
      assert.match(section, /\*\*Fix\*\*/);
      for (const cwe of r.cwe) assert.ok(section.includes(cwe), `${r.id} section names ${cwe}`);
    });
  }
});
