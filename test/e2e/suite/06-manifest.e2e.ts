/**
 * Editing medtrace.yaml updates diagnostics in code files: add a requirement that code already names,
 * break the YAML mid-typing (error at its position, navigation keeps working), fix it, remove the
 * requirement again. The manifest is restored afterwards.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  createFile,
  hasRule,
  LANGUAGES,
  medtrace,
  medtraceDiagnostics,
  open,
  positionOf,
  probeDir,
  readText,
  relPath,
  removeFile,
  ruleOf,
  setText,
  targetOf,
  tracedFile,
  waitFor,
  waitForDiagnostics,
  wsUri,
} from './helpers';

const NEW_ID = 'E2E-NEW-1';
const NEW_ENTRY = `  - { id: ${NEW_ID}, title: Added by the e2e suite, text: The e2e suite adds and removes this requirement., kind: functional }`;
const BROKEN = '  - id: "E2E-BROKEN';

describe('[YAML] editing the manifest updates diagnostics in code', function () {
  let original: string;
  let manifest: vscode.TextDocument;
  let probe: string | undefined;
  let code: vscode.Uri;

  async function saveManifestText(text: string): Promise<void> {
    await setText(manifest, text);
    assert.ok(await manifest.save(), 'could not save medtrace.yaml');
  }

  function insertAfterRequirements(text: string, line: string): string {
    const lines = text.split('\n');
    const at = lines.findIndex((l) => /^requirements:\s*$/.test(l));
    assert.ok(at >= 0, 'no "requirements:" block in medtrace.yaml');
    lines.splice(at + 1, 0, line);
    return lines.join('\n');
  }

  before(async function () {
    this.timeout(120_000);
    const api = await medtrace();
    await waitFor('coverage from the server', () => api.coverage(), 90_000);
    original = await readText('medtrace.yaml');
    manifest = await open('medtrace.yaml');
    const lang = LANGUAGES[0];
    const dir = await probeDir(lang);
    assert.ok(dir, `no ${lang.name} folder in the example`);
    probe = `${dir}/medtrace_e2e_manifest${lang.ext}`;
    const doc = await createFile(probe, lang.taggedProbe('medtrace_e2e_manifest', NEW_ID));
    code = doc.uri;
    await waitForDiagnostics(code, `trace/unknown-id for ${NEW_ID}`, hasRule('trace/unknown-id'), 60_000);
  });

  after(async function () {
    this.timeout(30_000);
    if (manifest && original !== undefined && manifest.getText() !== original) await saveManifestText(original);
    if (probe) await removeFile(probe);
  });

  it('adding the requirement to medtrace.yaml resolves the unknown id in code', async () => {
    await saveManifestText(insertAfterRequirements(original, NEW_ENTRY));
    await waitForDiagnostics(code, `trace/unknown-id for ${NEW_ID} to go away`, (ds) => !hasRule('trace/unknown-id')(ds));
  });

  it('[smoke] breaking the YAML reports trace/manifest-error where it is broken', async () => {
    await saveManifestText(insertAfterRequirements(insertAfterRequirements(original, NEW_ENTRY), BROKEN));
    const line = positionOf(manifest, BROKEN).line;
    const ds = await waitForDiagnostics(manifest.uri, `trace/manifest-error near line ${line + 1}`, (x) =>
      x.some((d) => ruleOf(d) === 'trace/manifest-error' && Math.abs(d.range.start.line - line) <= 1),
    );
    assert.ok(ds.some((d) => ruleOf(d) === 'trace/manifest-error' && d.range.start.line === line), `the error is not on line ${line + 1}: ${ds.map((d) => `${ruleOf(d)}@${d.range.start.line + 1}`).join(', ')}`);
  });

  it('while the YAML is broken, navigation uses the last good manifest', async function () {
    const t = await tracedFile(LANGUAGES[0].ext);
    if (!t) this.skip();
    const doc = await open(t.file);
    const at = positionOf(doc, t.id, 1);
    const defs = (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, at)) ?? [];
    assert.ok(defs.some((d) => /\.ya?ml$/.test(targetOf(d).uri.path)), `no definition of ${t.id} while the manifest is broken`);
    assert.ok(!hasRule('trace/unknown-id')(medtraceDiagnostics(code)), `${NEW_ID} became unknown while the YAML was broken`);
  });

  it('fixing the YAML clears the error', async () => {
    await saveManifestText(insertAfterRequirements(original, NEW_ENTRY));
    await waitForDiagnostics(manifest.uri, 'trace/manifest-error to go away', (x) => !hasRule('trace/manifest-error')(x));
    assert.ok(!hasRule('trace/unknown-id')(medtraceDiagnostics(code)));
  });

  it('removing the requirement again makes the id unknown in code', async () => {
    await saveManifestText(original);
    await waitForDiagnostics(code, `trace/unknown-id for ${NEW_ID}`, hasRule('trace/unknown-id'));
    assert.strictEqual(await readText('medtrace.yaml'), original);
    console.log(`      ${relPath(wsUri('medtrace.yaml'))} restored`);
  });
});
