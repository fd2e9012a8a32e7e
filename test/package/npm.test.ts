/**
 * The npm package: `npm pack` gives a tarball with the built CLI, server, grammars, queries and schema and
 * nothing else, and `npm install` of that tarball into an empty folder (offline: the bundles carry their
 * dependencies) gives a `medtrace` command that checks, reports and serves LSP with no source tree.
 */
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LANGUAGES } from '../../server/src/core/language/languages';
import { REPO_ROOT } from '../helpers/assets';
import { initializeReply } from '../helpers/lspInitialize';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('npm package', function () {
  this.timeout(300000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrace-npm-'));
  const app = path.join(tmp, 'app');
  let tarball = '';
  let entries: string[] = [];
  let bin = '';
  const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

  before(() => {
    // As a user packs it: `npm pack` runs `prepack` (the production build).
    const packed = JSON.parse(execFileSync(NPM, ['pack', '--json', '--pack-destination', tmp], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(tmp, packed[0].filename);
    entries = packed[0].files.map((f) => f.path);
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), '{ "name": "a-device-team", "version": "1.0.0", "private": true }\n');
    execFileSync(NPM, ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: app, stdio: 'pipe' });
    bin = path.join(app, 'node_modules', '.bin', 'medtrace');
  });
  after(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
    // The production build replaced the development bundles; rebuild them for the tests that follow.
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'pipe' });
  });

  it('packs the built CLI, server, grammars, queries and schema', () => {
    const need = [
      'package.json',
      'README.md',
      'LICENSE',
      'bin/medtrace.js',
      'dist/cli.js',
      'dist/server.js',
      'dist/worker.js',
      'dist/client.js',
      'dist/grammars/web-tree-sitter.wasm',
      'grammars/languages.json',
      'server/src/core/manifest/schema.json',
      ...LANGUAGES.flatMap((l) => [`dist/grammars/${l.wasm}`, `grammars/${l.id}/tags.scm`]),
    ];
    const have = new Set(entries);
    for (const n of need) assert.ok(have.has(n), `${n} missing from the tarball`);
  });

  it('packs no sources, tests, examples, scripts or source maps', () => {
    const bad = entries.filter((e) => /\.ts$|\.map$|^test\/|^examples\/|^scripts\/|^client\/|^out\/|node_modules\//.test(e));
    assert.deepStrictEqual(bad, []);
    assert.ok(entries.length < 150, `${entries.length} files`);
  });

  it('installs into an empty folder and answers --version', () => {
    assert.ok(fs.existsSync(bin), 'node_modules/.bin/medtrace');
    const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(version.replace(/\./g, '\\.')));
  });

  it('checks a workspace and writes a report from the installed copy', () => {
    const ws = path.join(tmp, 'ws');
    fs.cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'cli', 'basic'), ws, { recursive: true });
    const check = spawnSync(bin, ['check', ws, '--fail-on', 'none'], { cwd: app, encoding: 'utf8' });
    assert.strictEqual(check.status, 0, check.stderr);
    assert.match(check.stdout, /src\/rate\.c:15:16 error trace\/unknown-id/);
    const html = path.join(tmp, 'report.html');
    const report = spawnSync(bin, ['report', ws, '--output', html], { cwd: app, encoding: 'utf8' });
    assert.strictEqual(report.status, 0, report.stderr);
    assert.match(fs.readFileSync(html, 'utf8'), /<html/i);
  });

  it('serves LSP over stdio from the installed copy', async () => {
    const reply = await initializeReply(bin, ['lsp', '--stdio']);
    assert.match(reply, /"hoverProvider"/);
  });
});
