/**
 * Every finding the example's README lists appears at its line, and nothing else, file by file, across
 * C, Python, TypeScript, YAML and the package manifests (README "Deliberate findings" and
 * "Deliberate non-findings": "these and only these are expected").
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { expectedFindings, fileExists, findingKeys, INDEX_TIMEOUT, medtrace, nonFindingFiles, open, waitFor, wsUri } from './helpers';

const LANGUAGE_BY_EXT: Record<string, string> = {
  c: 'C', h: 'C', py: 'Python', ts: 'TypeScript', tsx: 'TypeScript', java: 'Java', yaml: 'YAML', json: 'JSON', txt: 'text', toml: 'TOML',
};
const languageOf = (file: string) => LANGUAGE_BY_EXT[file.slice(file.lastIndexOf('.') + 1)] ?? 'other';
/** Files the server reads as documents (the others get diagnostics from the workspace pass). */
const OPENED = /\.(c|h|py|ts|tsx|java|yaml)$/;

const expected = expectedFindings();
const withFindings = new Map<string, string[]>();
for (const f of expected) withFindings.set(f.file, [...(withFindings.get(f.file) ?? []), `${f.rule}@${f.line}`]);
const clean = nonFindingFiles().filter((f) => !withFindings.has(f));

describe('the example workspace: deliberate findings and non-findings (README)', function () {
  before(async function () {
    this.timeout(INDEX_TIMEOUT + 10_000);
    await medtrace();
  });

  it('the README lists the findings', () => {
    assert.ok(expected.length >= 5, `only ${expected.length} findings parsed from README.md`);
  });

  const smokeDone = new Set<string>();
  let first = true;
  for (const [file, keys] of [...withFindings.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const lang = languageOf(file);
    const smoke = !smokeDone.has(lang) && ['C', 'Python', 'TypeScript', 'YAML'].includes(lang);
    if (smoke) smokeDone.add(lang);
    const want = [...keys].sort();
    const timeout = first ? INDEX_TIMEOUT : 30_000;
    first = false;
    it(`${smoke ? '[smoke] ' : ''}[${lang}] ${file}: ${want.join(', ')}`, async function () {
      this.timeout(timeout + 10_000);
      if (!(await fileExists(file))) this.skip();
      const uri = wsUri(file);
      if (OPENED.test(file)) await open(uri, false);
      try {
        await waitFor(`${file} to show ${want.join(', ')}`, () => {
          const got = findingKeys(uri);
          return got.length === want.length && got.every((k, i) => k === want[i]);
        }, timeout);
      } catch {
        assert.deepStrictEqual(findingKeys(uri), want, `MedTrace diagnostics of ${file}`);
      }
    });
  }

  it('[smoke] the whole workspace shows exactly the README\'s findings', async () => {
    const want = expected.map((f) => `${f.file}: ${f.rule}@${f.line}`).sort();
    const all = () =>
      vscode.languages
        .getDiagnostics()
        .flatMap(([uri]) => findingKeys(uri).map((k) => `${vscode.workspace.asRelativePath(uri, false)}: ${k}`))
        .sort();
    try {
      await waitFor('the workspace findings to match the README', () => {
        const got = all();
        return got.length === want.length && got.every((k, i) => k === want[i]);
      });
    } catch {
      assert.deepStrictEqual(all(), want, 'MedTrace findings of the workspace (README: "these and only these")');
    }
  });

  // After the files above proved the index is built: these must stay clean.
  for (const file of clean) {
    it(`[${languageOf(file)}] ${file}: no findings`, async function () {
      if (!(await fileExists(file))) this.skip();
      const api = await medtrace();
      await waitFor('coverage from the server', () => api.coverage());
      const uri = wsUri(file);
      if (OPENED.test(file)) {
        await open(uri, false);
        // A request after didOpen: the server has read the file once it answers (messages are ordered).
        await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri);
      }
      assert.deepStrictEqual(findingKeys(uri), [], `MedTrace diagnostics of ${file}`);
    });
  }
});
