/**
 * `medtrace sbom` (issue 7): a CycloneDX 1.6 SBOM of examples/infusion-pump, validated against the
 * CycloneDX 1.6 schema with @cyclonedx/cyclonedx-library's validators. Components come from the package
 * files (with purls) and are enriched from the manifest's soup: list; soup entries no package file
 * declares (openssl) are components too.
 *
 * The XML validator of the library needs the optional native package libxmljs2, which cannot be
 * installed with the project's --ignore-scripts default; when it is missing, the XML test checks the
 * document with fast-xml-parser instead (well-formed, 1.6 namespace, same components as the JSON).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { XMLParser } from 'fast-xml-parser';
import { REPO_ROOT } from '../helpers/assets';
import { medtrace } from '../helpers/cli';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'infusion-pump');

interface CdxComponent {
  name: string;
  version?: string;
  purl?: string;
  scope?: string;
  supplier?: { name: string };
  description?: string;
  properties?: { name: string; value: string }[];
}

const prop = (c: CdxComponent, name: string) => c.properties?.find((p) => p.name === name)?.value;

describe('medtrace sbom', function () {
  this.timeout(120000);
  let json = '';
  let bom: { specVersion: string; metadata: { component: { name: string }; tools: { components: { name: string; version: string }[] } }; components: CdxComponent[] };

  before(() => {
    const r = medtrace(['sbom', EXAMPLE]);
    assert.strictEqual(r.status, 0, r.stderr);
    json = r.stdout;
    bom = JSON.parse(json) as typeof bom;
  });

  it('is valid CycloneDX 1.6 JSON (the library validator, strict)', async () => {
    const errors = await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(json);
    assert.strictEqual(errors, null, JSON.stringify(errors, null, 2));
    assert.strictEqual(bom.specVersion, '1.6');
  });

  it('names the system and the tool in the metadata', () => {
    assert.strictEqual(bom.metadata.component.name, 'InfuCare pump controller');
    assert.strictEqual(bom.metadata.tools.components[0].name, 'MedTrace');
  });

  it('has a component with a purl per dependency, enriched from the soup list', () => {
    const fastapi = bom.components.find((c) => c.name === 'fastapi');
    assert.ok(fastapi, 'fastapi');
    assert.strictEqual(fastapi.purl, 'pkg:pypi/fastapi@0.115.6');
    assert.strictEqual(fastapi.supplier?.name, 'Sebastián Ramírez and contributors');
    assert.strictEqual(fastapi.description, 'HTTP API framework of the telemetry service');
    assert.strictEqual(prop(fastapi, 'medtrace:safetyClass'), 'B');
    assert.strictEqual(prop(fastapi, 'medtrace:anomalyList'), 'https://github.com/fastapi/fastapi/security/advisories');
    assert.strictEqual(prop(fastapi, 'medtrace:endOfSupport'), '2029-12-31');
    assert.strictEqual(prop(fastapi, 'medtrace:declaredIn'), 'service/requirements.txt');
    const mbedtls = bom.components.find((c) => c.name === 'mbedtls');
    assert.strictEqual(mbedtls?.purl, 'pkg:conan/mbedtls@3.6.2');
    for (const c of bom.components) assert.match(c.purl ?? '', /^pkg:[a-z]+\//, c.name);
  });

  it('lists soup entries that no package file declares (openssl) as components', () => {
    const openssl = bom.components.find((c) => c.name === 'openssl');
    assert.ok(openssl, 'openssl');
    assert.strictEqual(openssl.version, '3.5.4');
    assert.strictEqual(openssl.purl, 'pkg:generic/openssl@3.5.4');
    assert.strictEqual(openssl.supplier?.name, 'OpenSSL Project');
    assert.strictEqual(prop(openssl, 'medtrace:safetyClass'), 'B');
  });

  it('keeps the undeclared dependency too (it ships, so it belongs in the SBOM), without soup properties', () => {
    const soupNames = new Set(['mbedtls', 'openssl', 'fastapi', 'pydantic', 'uvicorn', 'react', 'react-dom']);
    const others = bom.components.filter((c) => !soupNames.has(c.name));
    assert.ok(others.length >= 1, 'the package.json dependency the soup list lacks');
    for (const c of others) assert.strictEqual(prop(c, 'medtrace:soup'), undefined);
  });

  it('writes CycloneDX 1.6 XML with --format cyclonedx-xml --output', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrace-sbom-'));
    try {
      const file = path.join(tmp, 'bom.xml');
      const r = medtrace(['sbom', EXAMPLE, '--format', 'cyclonedx-xml', '--output', file]);
      assert.strictEqual(r.status, 0, r.stderr);
      const xml = fs.readFileSync(file, 'utf8');
      let errors: unknown = null;
      let validated = false;
      try {
        errors = await new Validation.XmlValidator(Spec.Version.v1dot6).validate(xml);
        validated = true;
      } catch (e) {
        if (!(e instanceof Validation.MissingOptionalDependencyError)) throw e;
      }
      assert.strictEqual(errors, null, JSON.stringify(errors, null, 2));
      const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'component' || name === 'property' }).parse(xml) as {
        bom: { '@_xmlns': string; components: { component: { name: string; purl?: string }[] } };
      };
      assert.strictEqual(doc.bom['@_xmlns'], 'http://cyclonedx.org/schema/bom/1.6');
      assert.deepStrictEqual(doc.bom.components.component.map((c) => c.name).sort(), bom.components.map((c) => c.name).sort());
      if (!validated) process.stderr.write('      (XML checked structurally: libxmljs2, the XML schema validator, is not installed)\n');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('merges lockfile versions, marks development-only packages excluded, keeps an entry\'s own purl', async () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'medtrace-sbom-ws-'));
    try {
      const files: Record<string, string> = {
        'medtrace.yaml': [
          'version: 1',
          'system: { name: Demo, safetyClass: B }',
          'soup:',
          '  - { name: lodash, version: 4.17.21, manufacturer: OpenJS Foundation, purpose: Utilities, safetyClass: B, anomalyList: https://github.com/lodash/lodash/security, endOfSupport: "2030-01-01" }',
          '  - { name: zlib, version: 1.3.1, manufacturer: Jean-loup Gailly and Mark Adler, purpose: Compression, safetyClass: A, purl: "pkg:github/madler/zlib@v1.3.1" }',
          '',
        ].join('\n'),
        'package.json': JSON.stringify({ name: 'demo', version: '1.0.0', dependencies: { lodash: '^4.17.0' }, devDependencies: { mocha: '^10.0.0' } }),
        'package-lock.json': JSON.stringify({
          name: 'demo',
          version: '1.0.0',
          lockfileVersion: 3,
          requires: true,
          packages: {
            '': { name: 'demo', version: '1.0.0', dependencies: { lodash: '^4.17.0' }, devDependencies: { mocha: '^10.0.0' } },
            'node_modules/lodash': { version: '4.17.21' },
            'node_modules/mocha': { version: '10.8.2', dev: true },
            'node_modules/ms': { version: '2.1.3', dev: true },
          },
        }),
        'requirements.txt': 'requests==2.32.3\n',
      };
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(ws, name), text);
      const r = medtrace(['sbom', ws]);
      assert.strictEqual(r.status, 0, r.stderr);
      assert.strictEqual(await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(r.stdout), null);
      const got = (JSON.parse(r.stdout) as typeof bom).components.map((c) => `${c.name} ${c.purl} ${c.scope}${prop(c, 'medtrace:soup') ? ` class ${prop(c, 'medtrace:safetyClass')}` : ''}`);
      assert.deepStrictEqual(got.sort(), [
        'lodash pkg:npm/lodash@4.17.21 required class B',
        'mocha pkg:npm/mocha@10.8.2 excluded',
        'ms pkg:npm/ms@2.1.3 excluded',
        'requests pkg:pypi/requests@2.32.3 required',
        'zlib pkg:github/madler/zlib@v1.3.1 required class A',
      ]);
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  it('rejects an unknown --format with exit 2', () => {
    const r = medtrace(['sbom', EXAMPLE, '--format', 'spdx']);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /--format must be one of cyclonedx-json, cyclonedx-xml/);
  });
});
