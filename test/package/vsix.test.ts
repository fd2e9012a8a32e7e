/**
 * The packaged extension: `npm run package` builds a .vsix that holds exactly what the extension loads at
 * run time (bundles, every grammar of the language table, the queries, the schema), stays under 8 MB,
 * ships no sources, tests or node_modules — and the CLI and language server start from the unpacked copy.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LANGUAGES } from '../../server/src/core/language/languages';
import { REPO_ROOT } from '../helpers/assets';
import { initializeReply } from '../helpers/lspInitialize';

function zipEntries(file: string): string[] {
  const out = execFileSync('python3', ['-c', 'import sys,zipfile;print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', file], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

describe('packaged .vsix', function () {
  this.timeout(300000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrace-vsix-'));
  const vsix = path.join(tmp, 'medtrace.vsix');
  let entries: string[] = [];
  const unpacked = path.join(tmp, 'unpacked');

  before(() => {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'package.mjs'), vsix], { cwd: REPO_ROOT, stdio: 'pipe' });
    entries = zipEntries(vsix);
    execFileSync('python3', ['-c', 'import sys,zipfile;zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', vsix, unpacked]);
  });
  after(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
    // The production build replaced the development bundles; rebuild them for the tests that follow.
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'pipe' });
  });

  it('is at most 8 MB', () => {
    const mb = fs.statSync(vsix).size / 1048576;
    assert.ok(mb <= 8, `${mb.toFixed(2)} MB`);
  });

  it('holds every file the extension loads at run time', () => {
    const need = [
      'extension/package.json',
      'extension/README.md',
      'extension/CHANGELOG.md',
      'extension/LICENSE.txt',
      'extension/dist/client.js',
      'extension/dist/server.js',
      'extension/dist/worker.js',
      'extension/dist/cli.js',
      'extension/dist/grammars/web-tree-sitter.wasm',
      'extension/grammars/languages.json',
      'extension/server/src/core/manifest/schema.json',
      ...LANGUAGES.flatMap((l) => [`extension/dist/grammars/${l.wasm}`, `extension/grammars/${l.id}/comments.scm`, `extension/grammars/${l.id}/tags.scm`]),
    ];
    // vsce stores readme.md, changelog.md and LICENSE.txt in its own spelling: compare case-insensitively.
    const have = new Set(entries.map((e) => (e === 'extension/LICENSE' ? 'extension/LICENSE.txt' : e).toLowerCase()));
    for (const n of need) assert.ok(have.has(n.toLowerCase()), `${n} missing from the .vsix`);
    const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'extension', 'package.json'), 'utf8')) as {
      contributes?: { grammars?: { path: string }[]; snippets?: { path: string }[]; yamlValidation?: { url: string }[] };
    };
    for (const p of [...(manifest.contributes?.grammars ?? []).map((g) => g.path), ...(manifest.contributes?.snippets ?? []).map((s) => s.path), ...(manifest.contributes?.yamlValidation ?? []).map((y) => y.url)]) {
      assert.ok(fs.existsSync(path.join(unpacked, 'extension', p)), `contributed file ${p} missing`);
    }
  });

  it('ships no sources, tests, source maps or node_modules', () => {
    const bad = entries.filter((e) => /\.ts$|\.map$|\/node_modules\/|^extension\/test\/|^extension\/examples\/|^extension\/out\//.test(e));
    assert.deepStrictEqual(bad, []);
  });

  it('runs the CLI from the unpacked copy', () => {
    const cli = path.join(unpacked, 'extension', 'dist', 'cli.js');
    const fixture = path.join(REPO_ROOT, 'test', 'fixtures', 'cli', 'basic');
    let out = '';
    try {
      out = execFileSync(process.execPath, ['-e', `require(${JSON.stringify(cli)}).main(['check', ${JSON.stringify(fixture)}, '--fail-on', 'none'])`], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      assert.fail(String((e as { stderr?: string }).stderr ?? e));
    }
    assert.match(out, /src\/rate\.c:15:16 error trace\/unknown-id/);
  });

  it('starts the language server from the unpacked copy and answers initialize', async () => {
    const reply = await initializeReply(process.execPath, [path.join(unpacked, 'extension', 'dist', 'server.js'), '--stdio']);
    assert.match(reply, /"hoverProvider"/);
  });
});
