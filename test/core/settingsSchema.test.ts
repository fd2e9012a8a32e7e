/**
 * package.json says what the core says: `contributes.configuration` has exactly the keys, types, defaults,
 * scopes and descriptions of SETTINGS_SCHEMA (bash-language-server's config test), and the rest of the
 * contributions point at files that exist, get packaged, and agree with the core's language table and tags.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';
import { TAG_NAMES } from '../../server/src/core/annotations/model';
import { LSP_LANGUAGE_ID_LIST, LANGUAGES } from '../../server/src/core/language/languages';
import { SETTINGS_SCHEMA } from '../../server/src/core/settings';
import { REPO_ROOT } from '../helpers/assets';

interface Contributed {
  type?: string;
  default?: unknown;
  description?: string;
  markdownDescription?: string;
  scope?: string;
  items?: unknown;
  minimum?: number;
}

interface PackageJson {
  main: string;
  icon: string;
  files: string[];
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean | string; description?: string }; virtualWorkspaces: unknown };
  contributes: {
    configuration: { properties: Record<string, Contributed> } | { properties: Record<string, Contributed> }[];
    commands: { command: string; title: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    views: Record<string, { id: string; icon?: string }[]>;
    viewsContainers: Record<string, { id: string; icon: string }[]>;
    walkthroughs: { id: string; steps: { id: string; media: { markdown?: string; image?: string } }[] }[];
    yamlValidation: { fileMatch: string | string[]; url: string }[];
    snippets: { language: string; path: string }[];
    grammars: { scopeName: string; path: string; injectTo?: string[] }[];
  };
}

const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;
const rel = (p: string) => p.replace(/^\.\//, '');

function contributedProperties(): Record<string, Contributed> {
  const c = pkg.contributes.configuration;
  return Object.assign({}, ...(Array.isArray(c) ? c : [c]).map((x) => x.properties));
}

describe('package.json contributes.configuration = SETTINGS_SCHEMA', () => {
  const props = contributedProperties();

  it('has exactly the keys of the schema', () => {
    assert.deepStrictEqual(Object.keys(props).sort(), Object.keys(SETTINGS_SCHEMA).sort());
  });

  for (const [key, spec] of Object.entries(SETTINGS_SCHEMA)) {
    it(`${key}: type, default, description, scope`, () => {
      const p = props[key];
      assert.ok(p, `${key} is not contributed`);
      assert.strictEqual(p.type, spec.type, 'type');
      assert.deepStrictEqual(p.default, spec.default, 'default');
      assert.strictEqual(p.description ?? p.markdownDescription, spec.description, 'description');
      assert.strictEqual(p.scope, spec.scope, 'scope');
      assert.deepStrictEqual(p.items, spec.items, 'items');
      assert.strictEqual(p.minimum, spec.minimum, 'minimum');
    });
  }
});

describe('package.json contributions agree with the core and the files', () => {
  /**
   * One allowlist for both packages: package.json `files` (npm pack and vsce read it; npm and vsce always add
   * package.json, the README, the changelog and the licence).
   */
  const allow = [...pkg.files, 'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE'].map((g) => picomatch(g, { dot: true }));
  const packaged = (file: string) => allow.some((m) => m(rel(file)));
  const referenced: string[] = [
    pkg.main,
    pkg.icon,
    'package.json',
    'README.md',
    'LICENSE',
    'dist/server.js',
    'dist/grammars/web-tree-sitter.wasm',
    'grammars/languages.json',
    ...LANGUAGES.map((l) => `dist/grammars/${l.wasm}`),
    ...LANGUAGES.flatMap((l) => [`grammars/${l.id}/comments.scm`, `grammars/${l.id}/tags.scm`]),
    ...pkg.contributes.snippets.map((s) => s.path),
    ...pkg.contributes.grammars.map((g) => g.path),
    ...pkg.contributes.yamlValidation.map((y) => y.url),
    ...Object.values(pkg.contributes.viewsContainers).flat().map((c) => c.icon),
    ...Object.values(pkg.contributes.views).flat().flatMap((v) => (v.icon ? [v.icon] : [])),
    ...pkg.contributes.walkthroughs.flatMap((w) => w.steps.flatMap((s) => [s.media.markdown, s.media.image].filter((x): x is string => !!x))),
  ].map(rel);

  it('has no .vscodeignore beside its files list (vsce refuses both)', () => {
    assert.ok(!fs.existsSync(path.join(REPO_ROOT, '.vscodeignore')));
  });

  it('every file package.json points at is in the packages\' allowlist', () => {
    assert.deepStrictEqual(referenced.filter((f) => !packaged(f)), []);
  });

  it('sources, tests, maps and node_modules stay out of the packages', () => {
    for (const f of ['client/src/extension.ts', 'server/src/lsp/main.ts', 'test/core/settingsSchema.test.ts', 'dist/client.js.map', 'node_modules/yaml/package.json', 'examples/infusion-pump/medtrace.yaml', 'media/src/make-icon.mjs', 'tsconfig.json']) {
      assert.ok(!packaged(f), `${f} would be packaged`);
    }
  });

  it('every file it names exists (bundles aside, which the build makes)', () => {
    const missing = referenced.filter((f) => !f.startsWith('dist/') && !fs.existsSync(path.join(REPO_ROOT, f)));
    assert.deepStrictEqual(missing, []);
  });

  it('activates on every language the server reads and on a manifest', () => {
    for (const l of LSP_LANGUAGE_ID_LIST) assert.ok(pkg.activationEvents.includes(`onLanguage:${l}`), `onLanguage:${l}`);
    assert.ok(pkg.activationEvents.includes('workspaceContains:**/medtrace.yaml'));
  });

  it('has tag snippets for every language VS Code knows and manifest snippets for YAML', () => {
    const langs = new Set(pkg.contributes.snippets.map((s) => s.language));
    // VS Code ships no Kotlin language: a snippet contribution for it is an error in the extension host
    // (the server still gets Kotlin documents when a Kotlin extension defines the language).
    const known = LSP_LANGUAGE_ID_LIST.filter((l) => l !== 'kotlin');
    for (const l of [...known, 'yaml']) assert.ok(langs.has(l), `snippets for ${l}`);
    assert.ok(!langs.has('kotlin'), 'no snippets for kotlin, which VS Code does not define');
    for (const s of pkg.contributes.snippets) JSON.parse(fs.readFileSync(path.join(REPO_ROOT, rel(s.path)), 'utf8'));
  });

  it('binds the manifest schema to medtrace.yaml, and the schema is JSON Schema', () => {
    const v = pkg.contributes.yamlValidation.find((y) => [y.fileMatch].flat().includes('medtrace.yaml'));
    assert.ok(v, 'yamlValidation for medtrace.yaml');
    const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, rel(v.url)), 'utf8')) as { $schema?: string };
    assert.match(schema.$schema ?? '', /json-schema\.org/);
  });

  it('declares every command its menus use, and hides the ones only code lenses call', () => {
    const declared = new Set(pkg.contributes.commands.map((c) => c.command));
    for (const items of Object.values(pkg.contributes.menus)) for (const m of items) assert.ok(declared.has(m.command), m.command);
    const palette = pkg.contributes.menus.commandPalette;
    for (const id of ['medtrace.openLocation', 'medtrace.showReferences']) assert.ok(palette.some((m) => m.command === id && m.when === 'false'), id);
  });

  it('says it works in untrusted workspaces, and why', () => {
    assert.strictEqual(pkg.capabilities.untrustedWorkspaces.supported, true);
    assert.match(pkg.capabilities.untrustedWorkspaces.description ?? '', /never executes/);
  });

  describe('the injection grammar for tags in comments', () => {
    const grammar = pkg.contributes.grammars.find((g) => g.scopeName === 'medtrace.tags.injection');
    const g = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, rel(grammar!.path)), 'utf8')) as {
      repository: Record<string, { match: string }>;
    };
    // The patterns are Oniguruma; the constructs used (lookbehind, lazy groups) read the same in JS.
    const re = (name: string) => new RegExp(g.repository[name].match);

    it('knows every tag the core reads', () => {
      const all = Object.values(g.repository).map((r) => r.match).join('\n');
      for (const t of TAG_NAMES) assert.ok(all.includes(t), `@${t}`);
    });

    it('is injected into every language the server reads', () => {
      assert.ok((grammar!.injectTo ?? []).length >= LSP_LANGUAGE_ID_LIST.length - 2);
    });

    const cases: [string, string, string | undefined, string | undefined][] = [
      // rule, line, tag group, ids group
      ['trace-tag', '// @implements SRS-042', '@implements', 'SRS-042'],
      ['trace-tag', ' * @mitigates RC-12, RC.13 rate limiting', '@mitigates', 'RC-12, RC.13'],
      ['trace-tag', '# @verifies swreq~dose-limit~2,SRS-1.', '@verifies', 'swreq~dose-limit~2,SRS-1'],
      ['trace-tag', '"""@implements SRS-7"""', '@implements', 'SRS-7'],
      ['unit-tag', '// @unit SU-DOSE', '@unit', 'SU-DOSE'],
    ];
    for (const [rule, line, tag, ids] of cases) {
      it(`${rule}: ${line}`, () => {
        const m = re(rule).exec(line);
        assert.ok(m, 'matches');
        assert.strictEqual(m[1], tag);
        assert.strictEqual(m[3], ids);
      });
    }
    for (const line of ['mail me at a@implements.org', '// @implementsX SRS-1', '// x@verifies SRS-1']) {
      it(`does not take "${line}" for a tag`, () => assert.strictEqual(re('trace-tag').exec(line), null));
    }
    it('medtrace-ignore RULE-ID:', () => {
      const m = re('ignore').exec('// medtrace-ignore crypto/weak-hash: checksum only, not security');
      assert.deepStrictEqual([m?.[1], m?.[2], m?.[3]], ['medtrace-ignore', 'crypto/weak-hash', ':']);
    });
  });
});
