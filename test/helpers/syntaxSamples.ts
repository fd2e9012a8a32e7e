/** Real sources per language for the syntax tests: detector fixtures, the example, broken and non-ASCII text. */
import * as fs from 'fs';
import * as path from 'path';
import { LANGUAGES, languageForPath, type LanguageId } from '../../server/src/core/language/languages';
import { REPO_ROOT } from './assets';

export function syntaxSamples(): Map<LanguageId, { file: string; text: string }[]> {
  const out = new Map<LanguageId, { file: string; text: string }[]>();
  const add = (file: string, text: string) => {
    const l = languageForPath(file);
    if (!l) return;
    if (!out.has(l.id)) out.set(l.id, []);
    out.get(l.id)!.push({ file, text });
  };
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (fs.statSync(p).size < 200_000) {
        const text = fs.readFileSync(p, 'utf8');
        if (!text.includes('\0')) add(p, text);
      }
    }
  };
  walk(path.join(REPO_ROOT, 'test', 'fixtures'));
  walk(path.join(REPO_ROOT, 'examples'));
  for (const l of LANGUAGES) {
    const ext = l.extensions[0];
    // Unbalanced brackets, a stray token and text outside the BMP: ERROR and MISSING nodes, UTF-16 offsets.
    add(`broken${ext}`, `/* ünïcødé 🚑 */\nfoo(bar(, "💉 dose" {\n  x = = 1;\n}}}\n\r\n\tlet 𝔵 = "a\\u00e9";\n`);
    add(`empty${ext}`, '');
  }
  return out;
}

