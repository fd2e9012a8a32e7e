// Bare single-thread web-tree-sitter parse of every source file of a workspace, in a fresh process, with
// grammar loading included; prints {ms, files} as JSON (used by bench.mjs).
//   node scripts/bench-parse.cjs DIR load   Language.load(path): the documented loader (asynchronous,
//                                           compiles the whole grammar before the first parse)
//   node scripts/bench-parse.cjs DIR sync   Language.loadSync(new WebAssembly.Module(bytes)): what MedTrace does
const { readFileSync, readdirSync } = require('fs');
const { join } = require('path');
const root = join(__dirname, '..');
const { Parser, Language } = require(join(root, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.cjs'));
const [dir, mode] = process.argv.slice(2);
const { languages } = JSON.parse(readFileSync(join(root, 'grammars', 'languages.json'), 'utf8'));
const byExt = new Map();
for (const l of languages) for (const e of l.extensions) byExt.set(e, l);
const list = [];
(function walk(d) {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) walk(p);
    else list.push(p);
  }
})(dir);
(async () => {
  const wasm = (n) => join(root, 'dist', 'grammars', n);
  const t0 = performance.now();
  await Parser.init({ locateFile: wasm });
  const parsers = new Map();
  let files = 0;
  for (const p of list) {
    const l = byExt.get(p.slice(p.lastIndexOf('.')));
    if (!l) continue;
    let parser = parsers.get(l.id);
    if (!parser) {
      parser = new Parser();
      parser.setLanguage(mode === 'sync' ? Language.loadSync(new WebAssembly.Module(readFileSync(wasm(l.wasm)))) : await Language.load(wasm(l.wasm)));
      parsers.set(l.id, parser);
    }
    parser.parse(readFileSync(p, 'utf8')).delete();
    files++;
  }
  process.stdout.write(JSON.stringify({ ms: performance.now() - t0, files }) + '\n');
})();
