/**
 * Helpers of the e2e suite: the extension's API, the example workspace's expectations (its README and
 * manifest), and waiting for state changes (diagnostics events and short polls, never fixed sleeps).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { parse as parseYaml } from 'yaml';
import { EXTENSION_ID } from '../../../client/src/constants';
import type { MedTraceApi } from '../../../client/src/extension';

export const DEFAULT_TIMEOUT = 30_000;
/** The first findings after start-up wait for the initial index. */
export const INDEX_TIMEOUT = 90_000;

export async function medtrace(): Promise<MedTraceApi> {
  const ext = vscode.extensions.getExtension<MedTraceApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
  const api = await ext.activate();
  assert.ok(await api.ready, 'the MedTrace server did not start (see the MedTrace output)');
  return api;
}

export function folder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'no workspace folder is open (the suite expects a copy of examples/infusion-pump)');
  return f;
}

export function wsUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(folder().uri, ...rel.split('/'));
}

export function relPath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

/**
 * Reads a workspace file synchronously, for building the table of tests while mocha loads the file
 * (the workspace is a local folder: the extension host runs where the files are).
 */
export function readWsSync(rel: string): string {
  return fs.readFileSync(path.join(folder().uri.fsPath, ...rel.split('/')), 'utf8');
}

export async function readText(rel: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(wsUri(rel)));
}

export async function fileExists(rel: string): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(wsUri(rel));
    return true;
  } catch {
    return false;
  }
}

/** The rule id of a diagnostic (`code` may be a string or { value, target }). */
export function ruleOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c ?? '');
}

const RULE = /^(trace|soup|crypto|privacy|medtrace)\//;

export function isMedtrace(d: vscode.Diagnostic): boolean {
  return /medtrace/i.test(d.source ?? '') || RULE.test(ruleOf(d));
}

export function medtraceDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter(isMedtrace);
}

/** `rule@line` (1-based) of every MedTrace diagnostic of a file, sorted. */
export function findingKeys(uri: vscode.Uri): string[] {
  return medtraceDiagnostics(uri)
    .map((d) => `${ruleOf(d)}@${d.range.start.line + 1}`)
    .sort();
}

/** Resolves at the next diagnostics change or after `ms`, whichever comes first. */
function nextChange(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const sub = vscode.languages.onDidChangeDiagnostics(() => done());
    const timer = setTimeout(() => done(), ms);
    function done() {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    }
  });
}

/** Polls `fn` (waking at diagnostics changes) until it returns a truthy value. */
export type Truthy<T> = Exclude<T, false | '' | 0 | null | undefined>;

export async function waitFor<T>(what: string, fn: () => T | Promise<T>, timeoutMs = DEFAULT_TIMEOUT): Promise<Truthy<T>> {
  const t0 = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as Truthy<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() - t0 > timeoutMs) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${last instanceof Error ? last.message : String(last)})` : ''}`);
    }
    await nextChange(100);
  }
}

/** Waits until the file's MedTrace diagnostics satisfy `pred`; returns them. */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  pred: (ds: vscode.Diagnostic[]) => boolean,
  timeoutMs = DEFAULT_TIMEOUT,
): Promise<vscode.Diagnostic[]> {
  try {
    return await waitFor(what, () => {
      const ds = medtraceDiagnostics(uri);
      return pred(ds) ? ds : undefined;
    }, timeoutMs);
  } catch (e) {
    const now = findingKeys(uri).join(', ') || '(none)';
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n      MedTrace diagnostics of ${relPath(uri)} now: ${now}`);
  }
}

export const hasRule = (rule: string, line?: number) => (ds: vscode.Diagnostic[]) =>
  ds.some((d) => ruleOf(d) === rule && (line === undefined || d.range.start.line === line));

export async function open(rel: string | vscode.Uri, show = true): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(typeof rel === 'string' ? wsUri(rel) : rel);
  if (show) await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Replaces the whole text of a document (an edit, as typing would make it). */
export async function setText(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit), `could not edit ${relPath(doc.uri)}`);
}

/** Replaces the first occurrence of `search` (an edit). */
export async function replaceFirst(doc: vscode.TextDocument, search: string, replacement: string): Promise<void> {
  const at = doc.getText().indexOf(search);
  assert.ok(at >= 0, `"${search}" not found in ${relPath(doc.uri)}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + search.length)), replacement);
  assert.ok(await vscode.workspace.applyEdit(edit), `could not edit ${relPath(doc.uri)}`);
}

/** Position of the `nth` occurrence of `search` in the document, `offset` characters into it. */
export function positionOf(doc: vscode.TextDocument, search: string | RegExp, offset = 0): vscode.Position {
  const text = doc.getText();
  const m = typeof search === 'string' ? { index: text.indexOf(search) } : search.exec(text);
  assert.ok(m && m.index !== undefined && m.index >= 0, `${String(search)} not found in ${relPath(doc.uri)}`);
  return doc.positionAt(m.index + offset);
}

/** Writes a new file into the workspace and opens it in an editor. */
export async function createFile(rel: string, text: string): Promise<vscode.TextDocument> {
  await vscode.workspace.fs.writeFile(wsUri(rel), new TextEncoder().encode(text));
  return open(rel);
}

/** Closes every tab of the file (saving it first, so no dialog asks) and deletes it. */
export async function removeFile(rel: string): Promise<void> {
  const uri = wsUri(rel);
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (doc?.isDirty) await doc.save();
  await closeTabs(uri);
  try {
    await vscode.workspace.fs.delete(uri);
  } catch {
    // already gone
  }
}

export async function closeTabs(uri: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}

export function hoverText(hovers: readonly vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c)))
    .join('\n');
}

export function targetOf(l: vscode.Location | vscode.LocationLink): { uri: vscode.Uri; range: vscode.Range } {
  return 'targetUri' in l ? { uri: l.targetUri, range: l.targetSelectionRange ?? l.targetRange } : { uri: l.uri, range: l.range };
}

export function lineAt(doc: vscode.TextDocument, line: number): string {
  return doc.lineAt(line).text;
}

// ---------------------------------------------------------------------------------------------------
// What the example workspace says about itself: the manifest (with includes) and the README's findings.

export interface ManifestEntry {
  id: string;
  section: 'requirements' | 'riskControls' | 'risks' | 'units';
  title?: string;
  file: string;
}

export interface Manifest {
  entries: Map<string, ManifestEntry>;
  ids(section: ManifestEntry['section']): string[];
  manifestFiles: string[];
}

async function listYaml(dir: string, pattern: RegExp): Promise<string[]> {
  try {
    const entries = await vscode.workspace.fs.readDirectory(wsUri(dir));
    return entries.filter(([n, t]) => t === vscode.FileType.File && pattern.test(n)).map(([n]) => (dir === '' ? n : `${dir}/${n}`)).sort();
  } catch {
    return [];
  }
}

/** medtrace.yaml and the files its include: globs name (simple `dir/*.yaml` globs are enough for the example). */
export async function readManifest(): Promise<Manifest> {
  const entries = new Map<string, ManifestEntry>();
  const files = ['medtrace.yaml'];
  const main = parseYaml(await readText('medtrace.yaml')) as Record<string, unknown>;
  for (const g of (main.include as string[] | undefined) ?? []) {
    const slash = g.lastIndexOf('/');
    const dir = slash < 0 ? '' : g.slice(0, slash);
    const re = new RegExp(`^${g.slice(slash + 1).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '.')}$`);
    files.push(...(await listYaml(dir, re)));
  }
  for (const file of files) {
    const y = (file === 'medtrace.yaml' ? main : parseYaml(await readText(file))) as Record<string, unknown> | null;
    for (const section of ['requirements', 'riskControls', 'risks', 'units'] as const) {
      for (const e of (y?.[section] as { id?: string; title?: string; name?: string; hazard?: string }[] | undefined) ?? []) {
        if (e?.id) entries.set(e.id, { id: e.id, section, title: e.title ?? e.name ?? e.hazard, file });
      }
    }
  }
  return {
    entries,
    manifestFiles: files,
    ids: (section) => [...entries.values()].filter((e) => e.section === section).map((e) => e.id),
  };
}

export interface ExpectedFinding {
  rule: string;
  file: string;
  /** 1-based */
  line: number;
  /** The backticked detail after the location, e.g. the id or the function. */
  detail?: string;
}

/** The rows of a README table section (`## title` up to the next `## `). */
function section(readme: string, title: RegExp): string[] {
  const lines = readme.split(/\r?\n/);
  const start = lines.findIndex((l) => /^##\s/.test(l) && title.test(l));
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && /^##\s/.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end).filter((l) => l.startsWith('|'));
}

/** "Deliberate findings" of the README: `| `rule` [CWE] | `path:line` (`detail`) | why |`. */
export function expectedFindings(readme = readWsSync('README.md')): ExpectedFinding[] {
  const out: ExpectedFinding[] = [];
  for (const row of section(readme, /Deliberate findings/i)) {
    const m = /^\|\s*`([a-z]+\/[a-z0-9-]+)`[^|]*\|\s*`([^`]+?):(\d+)`(?:\s*\(`([^`]+)`\))?/.exec(row);
    if (m) out.push({ rule: m[1], file: m[2], line: Number(m[3]), detail: m[4] });
  }
  return out;
}

/** Files named in "Deliberate non-findings" (each must show no finding but those listed as findings). */
export function nonFindingFiles(readme = readWsSync('README.md')): string[] {
  const files = new Set<string>();
  for (const row of section(readme, /Deliberate non-findings/i)) {
    // Workspace-relative paths only (`main.py` alone names a file mentioned before in the row).
    for (const m of row.matchAll(/`([\w.-]+\/[\w./-]+\.(?:c|h|py|ts|tsx|java|yaml))(?::[\d,]+)?`/g)) files.add(m[1]);
  }
  return [...files].sort();
}

// ---------------------------------------------------------------------------------------------------
// The languages the suite runs across.

export interface LanguageCase {
  name: string;
  ext: string;
  /** Comment token of an inserted annotation line. */
  comment: string;
  /** Folder of a traced unit where probe files are written (the first that exists), workspace-relative. */
  probeDirs: string[];
  /** A file with one public function and no tag at all. */
  untracedProbe: (fn: string) => string;
  /** A file with one function tagged `@implements <id>`. */
  taggedProbe: (fn: string, id: string) => string;
}

export const LANGUAGES: LanguageCase[] = [
  {
    name: 'C',
    ext: '.c',
    comment: '//',
    probeDirs: ['firmware/dose'],
    untracedProbe: (fn) => `/* MedTrace e2e probe: written and deleted by the e2e suite. */\n#include <stdint.h>\n\nint32_t ${fn}(int32_t x)\n{\n    return x * 2;\n}\n`,
    taggedProbe: (fn, id) => `/* MedTrace e2e probe: written and deleted by the e2e suite. */\n#include <stdint.h>\n\n/* @implements ${id} */\nint32_t ${fn}(int32_t x)\n{\n    return x + 1;\n}\n`,
  },
  {
    name: 'Python',
    ext: '.py',
    comment: '#',
    probeDirs: ['service/infucare_service'],
    untracedProbe: (fn) => `# MedTrace e2e probe: written and deleted by the e2e suite.\nimport math\n\n\ndef ${fn}(x):\n    return math.floor(x * 2)\n`,
    taggedProbe: (fn, id) => `# MedTrace e2e probe: written and deleted by the e2e suite.\nimport math\n\n\ndef ${fn}(x):\n    """@implements ${id}"""\n    return math.floor(x + 1)\n`,
  },
  {
    name: 'TypeScript',
    ext: '.ts',
    comment: '//',
    probeDirs: ['app/src'],
    untracedProbe: (fn) => `// MedTrace e2e probe: written and deleted by the e2e suite.\nimport { strict } from 'assert';\n\nexport function ${fn}(x: number): number {\n  strict.ok(x >= 0);\n  return x * 2;\n}\n`,
    taggedProbe: (fn, id) => `// MedTrace e2e probe: written and deleted by the e2e suite.\nimport { strict } from 'assert';\n\n/** @implements ${id} */\nexport function ${fn}(x: number): number {\n  strict.ok(x >= 0);\n  return x + 1;\n}\n`,
  },
  {
    name: 'Java',
    ext: '.java',
    comment: '//',
    probeDirs: [],
    untracedProbe: (fn) => `// MedTrace e2e probe: written and deleted by the e2e suite.\npublic class MedtraceE2eProbeU {\n    public int ${fn}(int x) {\n        return x * 2;\n    }\n}\n`,
    taggedProbe: (fn, id) => `// MedTrace e2e probe: written and deleted by the e2e suite.\npublic class MedtraceE2eProbeT {\n    /** @implements ${id} */\n    public int ${fn}(int x) {\n        return x + 1;\n    }\n}\n`,
  },
];

const TEST_PATH = /(^|\/)(tests?)\/|\.test\.|_test\.|(^|\/)test_[^/]*\.py$/;

export function isTestPath(rel: string): boolean {
  return TEST_PATH.test(rel);
}

/** Source files of a language, workspace-relative, sorted; tests and vendored trees left out. */
export async function sourceFiles(ext: string): Promise<string[]> {
  const uris = await vscode.workspace.findFiles(`**/*${ext}`, '**/{node_modules,third_party,vendor,build,dist}/**');
  return uris.map(relPath).filter((p) => !isTestPath(p)).sort();
}

/** The first source file of the language with an `@implements` tag, and that tag's first id. */
export async function tracedFile(ext: string): Promise<{ file: string; id: string } | undefined> {
  for (const file of await sourceFiles(ext)) {
    const m = /@implements\s+([A-Za-z](?:[A-Za-z0-9_.:~-]*[A-Za-z0-9])?)/.exec(await readText(file));
    if (m) return { file, id: m[1] };
  }
  return undefined;
}

/** Where a language's probe files go: its declared folder, or the folder of its first traced source file. */
export async function probeDir(lang: LanguageCase): Promise<string | undefined> {
  for (const d of lang.probeDirs) if (await fileExists(d)) return d;
  const t = await tracedFile(lang.ext);
  return t ? t.file.slice(0, Math.max(0, t.file.lastIndexOf('/'))) : undefined;
}
