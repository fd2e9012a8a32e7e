/**
 * A hostile workspace, built by the test: symbolic links that lead out of it, control characters in titles
 * and file names, outputs that cannot be written. The real CLI is spawned on it; nothing outside the
 * workspace may be read or written, no output may carry a raw control character, and a failed write must
 * leave the previous file whole (ARCHITECTURE.md, "Hostile input").
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../helpers/assets';
import { medtrace } from '../helpers/cli';

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
  message: string;
}

const ESC = '\x1b';
/** A title that repaints the terminal, then starts a line a GitHub runner would read as a workflow command. */
const HOSTILE_TITLE = `Fake${ESC}[32m All checks passed${ESC}]0;owned\x07\n::error file=x::injected`;
/** C0 controls other than TAB/LF/CR, DEL and C1: none may reach a terminal, a log or an XML file raw. */
// eslint-disable-next-line no-control-regex -- the test looks for control characters
const RAW_CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/;

function tmp(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/**
 * outside/ holds a secret manifest fragment, a tagged source file and a folder; ws/ links to each of them
 * in every way a cloned repository can: an include of a link, a glob above the workspace, a glob through a
 * linked folder, linked source files and folders.
 */
function hostileWorkspace(): { ws: string; outside: string } {
  const root = tmp('medtrace-hostile-');
  const ws = path.join(root, 'ws');
  const outside = path.join(root, 'outside');
  fs.mkdirSync(path.join(outside, 'secret'), { recursive: true });
  fs.mkdirSync(path.join(ws, 'src'), { recursive: true });
  fs.writeFileSync(path.join(outside, 'secret', 'secret.yaml'), 'requirements:\n  - { id: SRS-900, title: OUTSIDE-SECRET-TITLE, text: t }\n');
  fs.writeFileSync(path.join(outside, 'secret', 'outside.c'), '// @untraced OUTSIDE-SECRET-JUSTIFICATION\nint leaked(void) { return 0; }\n');
  fs.writeFileSync(
    path.join(ws, 'medtrace.yaml'),
    [
      'version: 1',
      'system: { name: Pump, safetyClass: B }',
      'include:',
      '  - linked.yaml',
      '  - "../outside/**/*.yaml"',
      '  - "linkdir/*.yaml"',
      'requirements:',
      `  - { id: SRS-1, title: ${JSON.stringify(HOSTILE_TITLE)}, text: "x\\u0001y" }`,
      'soup:',
      '  - { name: "zlib\\u0001\\u001b", version: 1.3.1, manufacturer: "M\\u000c", purpose: compression }',
      '',
    ].join('\n'),
  );
  fs.symlinkSync('../outside/secret/secret.yaml', path.join(ws, 'linked.yaml'));
  fs.symlinkSync('../outside/secret', path.join(ws, 'linkdir'));
  fs.symlinkSync('../../outside/secret/outside.c', path.join(ws, 'src', 'outside.c'));
  fs.symlinkSync('../../outside/secret', path.join(ws, 'src', 'outdir'));
  fs.writeFileSync(path.join(ws, 'src', `pump${ESC}[31m.c`), '// @implements SRS-1\nint pump(void) { return 1; }\n');
  return { ws, outside };
}

describe('hostile workspace', function () {
  this.timeout(120000);
  const roots: string[] = [];
  after(() => roots.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const make = () => {
    const h = hostileWorkspace();
    roots.push(path.dirname(h.ws));
    return h;
  };

  it('reads nothing outside the workspace: includes and sources are judged by their real path', () => {
    const { ws } = make();
    const r = medtrace(['check', ws, '--format', 'json', '--fail-on', 'none']);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stdout + r.stderr, /OUTSIDE-SECRET|leaked|secret\.yaml|outside\.c:2/);
    const findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
    const at = (p: string, rule: string, re: RegExp) => findings.some((f) => f.path === p && f.ruleId === rule && re.test(f.message));
    assert.ok(at('medtrace.yaml', 'trace/manifest-error', /Included file linked\.yaml is outside the workspace/), JSON.stringify(findings, null, 1));
    assert.ok(at('medtrace.yaml', 'trace/manifest-error', /Include "\.\.\/outside\/\*\*\/\*\.yaml" reaches outside the workspace/));
    assert.ok(at('medtrace.yaml', 'trace/manifest-error', /Include "linkdir\/\*\.yaml" reaches outside the workspace/));
    assert.ok(at('src/outside.c', 'medtrace/input-problem', /points outside the workspace/));
    assert.ok(at('src/outdir', 'medtrace/input-problem', /points outside the workspace/));
    assert.ok(!findings.some((f) => f.path.startsWith('src/outdir/')));
  });

  it('a manifest that is a link out of the workspace is not read', () => {
    const { ws, outside } = make();
    fs.renameSync(path.join(ws, 'medtrace.yaml'), path.join(outside, 'medtrace.yaml'));
    fs.symlinkSync('../outside/medtrace.yaml', path.join(ws, 'medtrace.yaml'));
    const r = medtrace(['check', ws]);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /medtrace\.yaml is a symbolic link that points outside the workspace; it is not read/);
    assert.doesNotMatch(r.stderr, /Pump|SRS-1/);
  });

  it('text, GitHub and Markdown outputs carry no raw control character from titles or file names', () => {
    const { ws } = make();
    const text = medtrace(['check', ws, '--fail-on', 'none']);
    assert.strictEqual(text.status, 0, text.stderr);
    assert.doesNotMatch(text.stdout, RAW_CONTROL);
    assert.match(text.stdout, /src\/pump\\x1b\[31m\.c:1:1 /, 'the file name is shown with its ESC escaped');
    assert.match(text.stdout, /Fake\\x1b\[32m All checks passed\\x1b\]0;owned\\x07\\n::error file=x::injected/);
    assert.ok(!text.stdout.split('\n').some((l) => l.startsWith('::')), 'no line of the text output is a workflow command');

    const gh = medtrace(['check', ws, '--format', 'github', '--fail-on', 'none']);
    assert.doesNotMatch(gh.stdout, RAW_CONTROL);
    const commands = gh.stdout.split('\n').filter((l) => l.startsWith('::'));
    assert.ok(commands.every((l) => /^::(error|warning|notice) file=[^:]*,line=\d+/.test(l)), commands.join('\n'));
    assert.ok(!commands.some((l) => l.startsWith('::error file=x')));

    const md = medtrace(['matrix', ws, '--format', 'md']);
    assert.strictEqual(md.status, 0, md.stderr);
    assert.doesNotMatch(md.stdout, RAW_CONTROL);
  });

  it('the XML SBOM and the ReqIF export stay well-formed: characters XML 1.0 forbids are replaced', () => {
    const { ws } = make();
    const sbom = medtrace(['sbom', ws, '--format', 'cyclonedx-xml']);
    assert.strictEqual(sbom.status, 0, sbom.stderr);
    assert.doesNotMatch(sbom.stdout, RAW_CONTROL);
    assert.doesNotMatch(sbom.stdout, /&#x?0*(1|1b|27|c|12);/i, 'no character reference to a forbidden character either');
    assert.match(sbom.stdout, /<name>zlib\uFFFD\uFFFD<\/name>/);
    const reqif = medtrace(['export', 'reqif'], ws);
    assert.strictEqual(reqif.status, 0, reqif.stderr);
    assert.doesNotMatch(reqif.stdout, RAW_CONTROL);
    // The export imports back: the title survives with the forbidden characters replaced.
    const back = path.join(ws, 'back.reqif');
    fs.writeFileSync(back, reqif.stdout);
    const imp = medtrace(['import', 'reqif', back, '--output', path.join(ws, 'back.yaml')], ws);
    assert.strictEqual(imp.status, 0, imp.stderr);
    assert.match(fs.readFileSync(path.join(ws, 'back.yaml'), 'utf8'), /Fake\uFFFD\[32m All checks passed/);
  });

  it('import never writes through a symlink, and its default output cannot be led out of the workspace', () => {
    const { ws, outside } = make();
    const csv = path.join(ws, 'reqs.csv');
    fs.writeFileSync(csv, 'id,title,text\nSRS-10,Bolus limit,The pump limits a bolus.\n');
    // A dangling link where the import writes by default, pointing outside.
    fs.mkdirSync(path.join(ws, 'requirements'));
    const target = path.join(outside, 'planted.yaml');
    fs.symlinkSync(target, path.join(ws, 'requirements', 'imported.yaml'));
    const r = medtrace(['import', 'csv', csv], ws);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /exists; use --force/);
    const forced = medtrace(['import', 'csv', csv, '--force'], ws);
    assert.strictEqual(forced.status, 2);
    assert.match(forced.stderr, /symbolic link, and MedTrace does not write through links/);
    assert.ok(!fs.existsSync(target), 'nothing was written outside the workspace');
    // The same with an existing outside file: it is not overwritten.
    fs.writeFileSync(target, 'precious\n');
    assert.strictEqual(medtrace(['import', 'csv', csv, '--force'], ws).status, 2);
    assert.strictEqual(fs.readFileSync(target, 'utf8'), 'precious\n');

    // The default folder itself a link out of the workspace: refused; an explicit --output outside is allowed.
    fs.rmSync(path.join(ws, 'requirements'), { recursive: true });
    fs.symlinkSync(outside, path.join(ws, 'requirements'));
    const led = medtrace(['import', 'csv', csv], ws);
    assert.strictEqual(led.status, 2);
    assert.match(led.stderr, /leads outside the workspace through a symbolic link/);
    assert.ok(!fs.existsSync(path.join(outside, 'imported.yaml')));
    const explicit = medtrace(['import', 'csv', csv, '--output', path.join(outside, 'chosen.yaml')], ws);
    assert.strictEqual(explicit.status, 0, explicit.stderr);
    assert.match(fs.readFileSync(path.join(outside, 'chosen.yaml'), 'utf8'), /SRS-10/);
  });

  it('a write that fails (file size limit) leaves the previous report whole', () => {
    const { ws } = make();
    const report = path.join(ws, 'findings.json');
    const first = medtrace(['check', path.join(REPO_ROOT, 'examples', 'infusion-pump'), '--format', 'json', '--fail-on', 'none', '--output', report]);
    assert.strictEqual(first.status, 0, first.stderr);
    const before = fs.readFileSync(report, 'utf8');
    assert.ok(before.length > 4096, 'the report is larger than the limit below');
    // RLIMIT_FSIZE of 4 KiB makes the write fail with EFBIG part-way, as a full disk would.
    const cli = path.join(REPO_ROOT, 'bin', 'medtrace.js');
    const args = ['check', path.join(REPO_ROOT, 'examples', 'infusion-pump'), '--format', 'json', '--fail-on', 'none', '--output', report];
    const r = spawnSync('sh', ['-c', 'ulimit -f 4 && exec "$0" "$@"', process.execPath, cli, ...args], { encoding: 'utf8', timeout: 120000 });
    assert.strictEqual(r.status, 2, r.stderr);
    assert.match(r.stderr, /cannot write .*findings\.json/);
    assert.strictEqual(fs.readFileSync(report, 'utf8'), before, 'the previous report is intact');
    assert.deepStrictEqual(
      fs.readdirSync(ws).filter((n) => n.endsWith('.tmp')),
      [],
      'no temporary file is left behind',
    );
  });
});
