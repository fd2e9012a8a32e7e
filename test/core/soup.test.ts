/**
 * SOUP: dependency parsers for every supported package format (positions, dev/direct, versions,
 * malformed input) and the soup/* rules against hand-built manifests.
 */
import { strict as assert } from 'node:assert';
import type { Manifest, SafetyClass, SoupEntry } from '../../server/src/core/manifest/model';
import { DEFAULT_POLICY } from '../../server/src/core/manifest/model';
import { ruleInfo } from '../../server/src/core/rules/registry';
import { isPackageManifest, parseDependencies, PACKAGE_MANIFEST_NAMES, type Dependency } from '../../server/src/core/soup/dependencies';
import { checkSoup } from '../../server/src/core/soup/rules';
import { lowerBound, satisfies, versionsEqual } from '../../server/src/core/soup/version';
import type { Finding, Range } from '../../server/src/core/types';

// ---- helpers -------------------------------------------------------------------------------------

function parse(path: string, text: string): ReturnType<typeof parseDependencies> {
  return parseDependencies(path, text);
}

function byName(deps: Dependency[], name: string): Dependency {
  const d = deps.find((x) => x.name === name);
  assert.ok(d, `no dependency ${name} in ${deps.map((x) => x.name).join(', ')}`);
  return d;
}

function r(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** The text a range covers (single line). */
function at(text: string, range: Range): string {
  return text.split('\n')[range.start.line].slice(range.start.character, range.end.character);
}

function summary(deps: Dependency[]): string[] {
  return deps.map((d) => `${d.name}@${d.version ?? '-'}${d.versionSpec ? ` (${d.versionSpec})` : ''}${d.direct ? '' : ' transitive'}${d.dev ? ' dev' : ''}`);
}

type EntryInit = Partial<Omit<SoupEntry, 'extra' | 'location' | 'nameLocation' | 'versionLocation'>> & { name: string; extra?: Record<string, unknown> };

/** A manifest as the loader would produce it: entry i sits on line 10+3i of medtrace.yaml, version on the next line. */
function manifest(entries: EntryInit[], opts: { safetyClass?: SafetyClass; policy?: Record<string, unknown> } = {}): Manifest {
  const soup: SoupEntry[] = entries.map((e, i) => {
    const line = 10 + 3 * i;
    const { extra, ...fields } = e;
    const entry: SoupEntry = {
      ...fields,
      extra: extra ?? {},
      location: { path: 'medtrace.yaml', range: r(line, 4, line + 2) },
      nameLocation: { path: 'medtrace.yaml', range: r(line, 10, 10 + e.name.length) },
    };
    if (e.version !== undefined) entry.versionLocation = { path: 'medtrace.yaml', range: r(line + 1, 13, 13 + e.version.length) };
    return entry;
  });
  return {
    path: 'medtrace.yaml',
    files: ['medtrace.yaml'],
    version: 1,
    system: { name: 'Pump', safetyClass: opts.safetyClass ?? 'A' },
    units: [],
    requirements: [],
    risks: [],
    riskControls: [],
    soup,
    policy: { ...DEFAULT_POLICY, ...(opts.policy ?? {}) },
  };
}

/** A complete class A entry. */
function full(name: string, version: string, more: Partial<EntryInit> = {}): EntryInit {
  return { name, version, manufacturer: 'Someone', ...more };
}

function ofRule(findings: Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.ruleId === rule);
}

// ---- fixtures ------------------------------------------------------------------------------------

const PACKAGE_JSON = `{
  "name": "pump-ui",
  "version": "1.0.0",
  "dependencies": {
    "lodash": "^4.17.0",
    "express": "4.18.2",
    "@noble/hashes": "~1.3.2",
    "left-pad": "npm:pad-left@2.1.0",
    "shared": "file:../shared",
    "tool": "github:acme/tool#v1"
  },
  "devDependencies": {
    "mocha": "^10.2.0"
  },
  "peerDependencies": { "react": ">=18" }
}
`;

const PACKAGE_LOCK = `{
  "name": "pump-ui",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "pump-ui",
      "dependencies": { "lodash": "^4.17.0", "express": "4.18.2" },
      "devDependencies": { "mocha": "^10.2.0" }
    },
    "node_modules/lodash": { "version": "4.17.21", "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz" },
    "node_modules/express": { "version": "4.18.2" },
    "node_modules/mocha": { "version": "10.2.0", "dev": true },
    "node_modules/body-parser": { "version": "1.20.1" },
    "node_modules/express/node_modules/lodash": { "version": "3.10.1" },
    "packages/core": { "name": "@pump/core", "version": "0.1.0" },
    "node_modules/@pump/core": { "resolved": "packages/core", "link": true }
  }
}
`;

const REQUIREMENTS = `# runtime requirements
-r base.txt
--index-url https://pypi.org/simple
numpy==1.26.4
requests[socks]>=2.31,<3 ; python_version >= "3.8"
Django~=4.2.0  # LTS
pyserial == 3.5 \\
    --hash=sha256:3c77e014170dfffbd816e6ffc205e9842efb10be9f58ec16d3e8675b4925cddb
-e git+https://github.com/acme/hl7lib.git@v1.2#egg=hl7lib
./vendor/local_pkg
typing_extensions
`;

const PYPROJECT = `[build-system]
requires = ["hatchling>=1.18"]
build-backend = "hatchling.build"

[project]
name = "pump-analytics"
version = "0.3.0"
dependencies = [
  "pydantic>=2.5,<3",
  "cryptography==42.0.5",
]

[project.optional-dependencies]
test = ["pytest>=8"]
plot = ["matplotlib"]

[tool.poetry.dependencies]
python = "^3.11"
fhir-resources = "^7.1.0"
pyyaml = { version = "6.0.1", optional = true }
mylib = { path = "../mylib" }

[tool.poetry.group.dev.dependencies]
black = "24.2.0"
`;

const POM = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.acme.pump</groupId>
  <artifactId>pump-server</artifactId>
  <version>2.1.0</version>
  <properties>
    <jackson.version>2.16.1</jackson.version>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>org.slf4j</groupId>
        <artifactId>slf4j-api</artifactId>
        <version>2.0.12</version>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>com.fasterxml.jackson.core</groupId>
      <artifactId>jackson-databind</artifactId>
      <version>\${jackson.version}</version>
    </dependency>
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-api</artifactId>
    </dependency>
    <!-- <dependency><artifactId>commented-out</artifactId></dependency> -->
    <dependency>
      <groupId>org.junit.jupiter</groupId>
      <artifactId>junit-jupiter</artifactId>
      <version>5.10.2</version>
      <scope>test</scope>
    </dependency>
    <dependency>
      <groupId>com.google.guava</groupId>
      <artifactId>guava</artifactId>
      <version>[32.0,34.0)</version>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <artifactId>maven-surefire-plugin</artifactId>
        <dependencies>
          <dependency><groupId>x</groupId><artifactId>plugin-only</artifactId><version>1</version></dependency>
        </dependencies>
      </plugin>
    </plugins>
  </build>
</project>
`;

const GRADLE = `plugins {
    id 'java'
    id 'org.springframework.boot' version '3.2.2'
}

def bcVersion = '1.77'
ext {
    nettyVersion = "4.1.106.Final"
}

dependencies {
    implementation 'org.bouncycastle:bcprov-jdk18on:1.77' // see https://www.bouncycastle.org
    implementation "io.netty:netty-handler:$nettyVersion"
    implementation group: 'com.google.code.gson', name: 'gson', version: '2.10.1'
    implementation platform('org.springframework.boot:spring-boot-dependencies:3.2.2')
    implementation project(':core')
    api 'org.apache.commons:commons-lang3:3.14.0', 'commons-io:commons-io:2.15.1'
    runtimeOnly 'org.postgresql:postgresql:42.7.+'
    /* implementation 'com.example:commented:1.0' */
    testImplementation 'org.junit.jupiter:junit-jupiter:5.10.2'
    compileOnly "org.projectlombok:lombok:1.18.30"
    implementation "org.bouncycastle:bcpkix-jdk18on:\${bcVersion}"
}
`;

const GRADLE_KTS = `val ktorVersion = "2.3.8"

dependencies {
    implementation("io.ktor:ktor-server-core:$ktorVersion")
    implementation(kotlin("stdlib"))
    implementation(group = "com.squareup.okio", name = "okio", version = "3.7.0")
    testImplementation("io.mockk:mockk:1.13.9")
    implementation(libs.kotlinx.coroutines)
}
`;

const GO_MOD = `module github.com/acme/pump-gateway

go 1.22

require github.com/google/uuid v1.6.0

require (
	github.com/gorilla/mux v1.8.1
	github.com/go-chi/chi/v5 v5.0.12
	golang.org/x/crypto v0.19.0 // indirect
)

replace (
	github.com/gorilla/mux => ../mux
)
`;

const CARGO_TOML = `[package]
name = "pump-fw"
version = "0.1.0"

[dependencies]
serde = { version = "1.0.196", features = ["derive"] }
heapless = "=0.8.0"
log.version = "0.4"
local-hal = { path = "../hal" }
crc_any = { package = "crc-any", version = "2.4" }

[dev-dependencies]
proptest = "1.4"

[build-dependencies]
cc = "1.0"

[target.'cfg(target_os = "none")'.dependencies]
cortex-m = "0.7.7"

[dependencies.embedded-hal]
version = "1.0.0"
`;

const CARGO_LOCK = `# This file is automatically @generated by Cargo.
version = 3

[[package]]
name = "pump-fw"
version = "0.1.0"
dependencies = [
 "heapless",
 "serde 1.0.197",
]

[[package]]
name = "heapless"
version = "0.8.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = ["hash32"]

[[package]]
name = "hash32"
version = "0.3.1"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "serde"
version = "1.0.197"
source = "registry+https://github.com/rust-lang/crates.io-index"
`;

const POETRY_LOCK = `[[package]]
name = "fhir-resources"
version = "7.1.0"
description = "FHIR Resources as Model Class"
optional = false
python-versions = ">=3.6"
groups = ["main"]

[[package]]
name = "black"
version = "24.2.0"
optional = false
python-versions = ">=3.8"
groups = ["dev"]

[metadata]
lock-version = "2.0"
`;

const CONANFILE = `[requires]
zlib/1.3.1
openssl/[>=3.0 <4]
mbedtls/3.5.2@acme/stable#4f1b2c

[tool_requires]
cmake/3.28.1

[generators]
CMakeDeps
`;

const VCPKG = `{
  "name": "pump-fw",
  "version": "1.0.0",
  "dependencies": [
    "fmt",
    { "name": "boost-asio", "version>=": "1.83.0" },
    { "name": "protobuf", "host": true }
  ],
  "overrides": [ { "name": "fmt", "version": "10.1.1" } ],
  "builtin-baseline": "3426db05b996481ca31e95fff3734cf23e0f51bc"
}
`;

const YARN_V1 = `# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
# yarn lockfile v1


"@babel/code-frame@^7.0.0", "@babel/code-frame@^7.22.13":
  version "7.23.5"
  resolved "https://registry.yarnpkg.com/@babel/code-frame/-/code-frame-7.23.5.tgz"

lodash@^4.17.0:
  version "4.17.21"
`;

const YARN_BERRY = `__metadata:
  version: 6
  cacheKey: 8

"lodash@npm:^4.17.0":
  version: 4.17.21
  resolution: "lodash@npm:4.17.21"

"pump-ui@workspace:.":
  version: 0.0.0-use.local
  resolution: "pump-ui@workspace:."
`;

// ---- parsers -------------------------------------------------------------------------------------

describe('soup: package files', () => {
  it('recognises package manifests and lockfiles by name', () => {
    for (const p of ['package.json', 'web/package-lock.json', 'requirements.txt', 'requirements-dev.txt', 'dev-requirements.txt', 'requirements/base.txt', 'pyproject.toml', 'poetry.lock', 'pom.xml', 'app/build.gradle', 'build.gradle.kts', 'go.mod', 'Cargo.toml', 'Cargo.lock', 'conanfile.txt', 'vcpkg.json', 'yarn.lock']) {
      assert.ok(isPackageManifest(p), p);
    }
    for (const p of ['package.json.bak', 'src/requirements.py', 'notes.txt', 'pom.xml.orig', 'go.sum', 'tsconfig.json']) assert.ok(!isPackageManifest(p), p);
    assert.ok(PACKAGE_MANIFEST_NAMES.includes('package.json') && PACKAGE_MANIFEST_NAMES.includes('vcpkg.json'));
  });

  it('package.json: sections, ranges, aliases, local and git dependencies, exact positions', () => {
    const { dependencies, problems } = parse('web/package.json', PACKAGE_JSON);
    assert.deepEqual(problems, []);
    assert.deepEqual(summary(dependencies), [
      'lodash@4.17.0 (^4.17.0)',
      'express@4.18.2',
      '@noble/hashes@1.3.2 (~1.3.2)',
      'pad-left@2.1.0',
      'tool@-',
      'mocha@10.2.0 (^10.2.0) dev',
    ]);
    const lodash = byName(dependencies, 'lodash');
    assert.deepEqual(lodash.location, { path: 'web/package.json', range: r(4, 5, 11) });
    assert.equal(lodash.declaredIn, 'web/package.json');
    assert.equal(lodash.ecosystem, 'npm');
    assert.equal(lodash.purl, 'pkg:npm/lodash');
    assert.equal(byName(dependencies, 'express').purl, 'pkg:npm/express@4.18.2');
    assert.equal(byName(dependencies, '@noble/hashes').purl, 'pkg:npm/%40noble/hashes');
    assert.equal(at(PACKAGE_JSON, byName(dependencies, '@noble/hashes').location.range), '@noble/hashes');
  });

  it('package.json: truncated or wrong JSON gives a problem, not a throw', () => {
    const truncated = PACKAGE_JSON.slice(0, 120);
    const res = parse('package.json', truncated);
    assert.equal(res.dependencies.length, 0);
    assert.equal(res.problems.length, 1);
    assert.match(res.problems[0].message, /Invalid JSON/);
    assert.equal(res.problems[0].range.start.line, truncated.split('\n').length - 1);
    const wrong = parse('package.json', '{ "dependencies": { "a": 1, "b": "1.0.0" } }');
    assert.deepEqual(summary(wrong.dependencies), ['b@1.0.0']);
    assert.match(wrong.problems[0].message, /version of 'a' must be a string/);
    assert.equal(parse('package.json', '[1,2]').problems.length, 1);
    assert.equal(parse('package.json', '').problems.length, 1);
    assert.equal(parse('package.json', '{"a": 1,}').problems.length, 1);
  });

  it('package-lock.json v3: root dependencies are direct, nested copies and transitive entries are not', () => {
    const { dependencies, problems } = parse('package-lock.json', PACKAGE_LOCK);
    assert.deepEqual(problems, []);
    assert.deepEqual(summary(dependencies), [
      'lodash@4.17.21',
      'express@4.18.2',
      'mocha@10.2.0 dev',
      'body-parser@1.20.1 transitive',
      'lodash@3.10.1 transitive',
    ]);
    const nested = dependencies[4];
    assert.equal(at(PACKAGE_LOCK, nested.location.range), 'lodash');
    assert.equal(nested.location.range.start.line, 14);
  });

  it('package-lock.json v1 and malformed lockfiles', () => {
    const v1 = `{"lockfileVersion": 1, "dependencies": {"lodash": {"version": "4.17.21"}, "mocha": {"version": "10.2.0", "dev": true, "dependencies": {"ms": {"version": "2.1.3", "dev": true}}}}}`;
    assert.deepEqual(summary(parse('package-lock.json', v1).dependencies), ['lodash@4.17.21 transitive', 'mocha@10.2.0 transitive dev', 'ms@2.1.3 transitive dev']);
    const bad = parse('package-lock.json', PACKAGE_LOCK.replace('"version": "4.18.2" }', '"version": "4.18.2" '));
    assert.equal(bad.dependencies.length, 0);
    assert.equal(bad.problems.length, 1);
  });

  it('yarn.lock v1 and Berry', () => {
    const v1 = parse('yarn.lock', YARN_V1);
    assert.deepEqual(v1.problems, []);
    assert.deepEqual(summary(v1.dependencies), ['@babel/code-frame@7.23.5 transitive', 'lodash@4.17.21 transitive']);
    assert.deepEqual(v1.dependencies[0].location.range, r(4, 1, 18));
    const berry = parse('yarn.lock', YARN_BERRY);
    assert.deepEqual(summary(berry.dependencies), ['lodash@4.17.21 transitive']);
    assert.equal(parse('yarn.lock', 'this is not a lockfile\n').problems.length, 1);
  });

  it('requirements.txt: pins, ranges, extras, markers, comments, options, editable installs', () => {
    const { dependencies, problems } = parse('svc/requirements.txt', REQUIREMENTS);
    assert.deepEqual(problems, []);
    assert.deepEqual(summary(dependencies), [
      'numpy@1.26.4',
      'requests@2.31 (>=2.31,<3)',
      'Django@4.2.0 (~=4.2.0)',
      'pyserial@3.5',
      'hl7lib@-',
      'typing_extensions@-',
    ]);
    assert.deepEqual(byName(dependencies, 'requests').location.range, r(4, 0, 8));
    assert.equal(at(REQUIREMENTS, byName(dependencies, 'hl7lib').location.range), 'hl7lib');
    assert.equal(byName(dependencies, 'numpy').purl, 'pkg:pypi/numpy@1.26.4');
    assert.equal(byName(dependencies, 'typing_extensions').purl, 'pkg:pypi/typing-extensions');
  });

  it('requirements files: dev by file name, unreadable lines are problems', () => {
    assert.ok(parse('requirements-dev.txt', 'pytest==8.0.0\n').dependencies[0].dev);
    assert.ok(parse('requirements/test.txt', 'pytest==8.0.0\n').dependencies[0].dev);
    assert.ok(!parse('requirements/base.txt', 'flask==3.0.0\n').dependencies[0].dev);
    assert.ok(!parse('requirements.txt', 'flask==3.0.0\n').dependencies[0].dev);
    const bad = parse('requirements.txt', 'flask==3.0.0\n==1.0\nnumpy >= \n');
    assert.deepEqual(summary(bad.dependencies), ['flask@3.0.0']);
    assert.deepEqual(bad.problems.map((p) => p.range.start.line), [1, 2]);
  });

  it('pyproject.toml: PEP 621, extras, build requirements, Poetry tables and groups', () => {
    const { dependencies, problems } = parse('pyproject.toml', PYPROJECT);
    assert.deepEqual(problems, []);
    assert.deepEqual(summary(dependencies), [
      'pydantic@2.5 (>=2.5,<3)',
      'cryptography@42.0.5',
      'pytest@8 (>=8) dev',
      'matplotlib@-',
      'hatchling@1.18 (>=1.18) dev',
      'fhir-resources@7.1.0 (^7.1.0)',
      'pyyaml@6.0.1',
      'black@24.2.0 dev',
    ]);
    assert.deepEqual(byName(dependencies, 'pydantic').location.range, r(8, 3, 11));
    assert.deepEqual(byName(dependencies, 'fhir-resources').location.range, r(18, 0, 14));
    assert.deepEqual(byName(dependencies, 'pyyaml').location.range, r(19, 0, 6));
    assert.equal(at(PYPROJECT, byName(dependencies, 'black').location.range), 'black');
  });

  it('pyproject.toml: bad TOML gives a problem with its position', () => {
    const res = parse('pyproject.toml', '[project]\ndependencies = [\n  "a>=1",\n  "b"\n');
    assert.equal(res.dependencies.length, 0);
    assert.equal(res.problems.length, 1);
    assert.match(res.problems[0].message, /Invalid TOML/);
    const dup = parse('pyproject.toml', '[project]\nname = "x"\nname = "y"\n');
    assert.equal(dup.problems.length, 1);
    assert.equal(dup.problems[0].range.start.line, 2);
  });

  it('pom.xml: properties, dependencyManagement, test scope, ranges; plugin dependencies and comments ignored', () => {
    const { dependencies, problems } = parse('server/pom.xml', POM);
    assert.deepEqual(problems, []);
    assert.deepEqual(summary(dependencies), [
      'com.fasterxml.jackson.core:jackson-databind@2.16.1',
      'org.slf4j:slf4j-api@2.0.12',
      'org.junit.jupiter:junit-jupiter@5.10.2 dev',
      'com.google.guava:guava@32.0 ([32.0,34.0))',
    ]);
    const jackson = dependencies[0];
    assert.deepEqual(jackson.location.range, r(21, 18, 34));
    assert.equal(jackson.purl, 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.16.1');
  });

  it('pom.xml: broken XML gives a problem, not a throw', () => {
    for (const broken of [POM.replace('</dependencies>\n  <build>', '<build>'), POM.slice(0, 600), '<project><dependencies></project>', 'not xml at all', '<?xml version="1.0"?>\n<notaproject/>']) {
      const res = parse('pom.xml', broken);
      assert.equal(res.dependencies.length, 0, broken.slice(0, 40));
      assert.equal(res.problems.length, 1, broken.slice(0, 40));
    }
    const unclosed = parse('pom.xml', '<project>\n  <dependencies>\n    <dependency>\n      <artifactId>x</artifactId>\n  </dependencies>\n</project>');
    assert.match(unclosed.problems[0].message, /expected <\/dependency>/);
    assert.equal(unclosed.problems[0].range.start.line, 4);
  });

  it('build.gradle: string and map notation, variables, several per line, dev configurations', () => {
    const { dependencies, problems } = parse('app/build.gradle', GRADLE);
    assert.deepEqual(problems, []);
    assert.deepEqual(summary(dependencies), [
      'org.bouncycastle:bcprov-jdk18on@1.77',
      'io.netty:netty-handler@4.1.106.Final',
      'com.google.code.gson:gson@2.10.1',
      'org.apache.commons:commons-lang3@3.14.0',
      'commons-io:commons-io@2.15.1',
      'org.postgresql:postgresql@42.7 (42.7.+)',
      'org.junit.jupiter:junit-jupiter@5.10.2 dev',
      'org.projectlombok:lombok@1.18.30 dev',
      'org.bouncycastle:bcpkix-jdk18on@1.77',
    ]);
    assert.deepEqual(dependencies[0].location.range, r(11, 20, 51));
    assert.equal(at(GRADLE, dependencies[2].location.range), 'gson');
    assert.equal(at(GRADLE, dependencies[4].location.range), 'commons-io:commons-io');
  });

  it('build.gradle.kts: Kotlin DSL forms', () => {
    const { dependencies, problems } = parse('build.gradle.kts', GRADLE_KTS);
    assert.deepEqual(problems, []);
    assert.deepEqual(summary(dependencies), [
      'io.ktor:ktor-server-core@2.3.8',
      'org.jetbrains.kotlin:kotlin-stdlib@-',
      'com.squareup.okio:okio@3.7.0',
      'io.mockk:mockk@1.13.9 dev',
    ]);
    assert.deepEqual(dependencies[0].location.range, r(3, 20, 44));
    const res = parse('build.gradle', "dependencies {\n  implementation 'a:b:1'\n  /* never closed\n  implementation 'c:d:2'\n");
    assert.deepEqual(summary(res.dependencies), ['a:b@1']);
    assert.equal(res.problems.length, 1);
  });

  it('go.mod: require lines and blocks, indirect modules, replace blocks skipped', () => {
    const { dependencies, problems } = parse('gateway/go.mod', GO_MOD);
    assert.deepEqual(problems, []);
    assert.deepEqual(summary(dependencies), [
      'github.com/google/uuid@v1.6.0',
      'github.com/gorilla/mux@v1.8.1',
      'github.com/go-chi/chi/v5@v5.0.12',
      'golang.org/x/crypto@v0.19.0 transitive',
    ]);
    assert.deepEqual(dependencies[0].location.range, r(4, 8, 30));
    assert.deepEqual(dependencies[1].location.range, r(7, 1, 23));
    assert.equal(dependencies[1].purl, 'pkg:golang/github.com/gorilla/mux@v1.8.1');
    const bad = parse('go.mod', 'module x\n\nrequire (\n\tgithub.com/a/b\n\tgithub.com/c/d v1.0.0\n');
    assert.deepEqual(summary(bad.dependencies), ['github.com/c/d@v1.0.0']);
    assert.equal(bad.problems.length, 2);
  });

  it('Cargo.toml: kinds of dependency tables, renames, path crates, caret default', () => {
    const { dependencies, problems } = parse('fw/Cargo.toml', CARGO_TOML);
    assert.deepEqual(problems, []);
    assert.deepEqual(summary(dependencies), [
      'serde@1.0.196 (1.0.196)',
      'heapless@0.8.0',
      'log@0.4 (0.4)',
      'crc-any@2.4 (2.4)',
      'embedded-hal@1.0.0 (1.0.0)',
      'proptest@1.4 (1.4) dev',
      'cc@1.0 (1.0) dev',
      'cortex-m@0.7.7 (0.7.7)',
    ]);
    assert.deepEqual(byName(dependencies, 'serde').location.range, r(5, 0, 5));
    assert.deepEqual(byName(dependencies, 'log').location.range, r(7, 0, 3));
    assert.deepEqual(byName(dependencies, 'crc-any').location.range, r(9, 0, 7));
    assert.deepEqual(byName(dependencies, 'embedded-hal').location.range, r(20, 14, 26));
    assert.equal(at(CARGO_TOML, byName(dependencies, 'cortex-m').location.range), 'cortex-m');
    const bad = parse('Cargo.toml', '[dependencies]\nserde = { version = "1.0"\n');
    assert.equal(bad.dependencies.length, 0);
    assert.equal(bad.problems.length, 1);
    assert.match(bad.problems[0].message, /^Invalid TOML: /);
  });

  it('Cargo.lock, poetry.lock, uv.lock', () => {
    const cargo = parse('fw/Cargo.lock', CARGO_LOCK);
    assert.deepEqual(cargo.problems, []);
    assert.deepEqual(summary(cargo.dependencies), ['heapless@0.8.0', 'hash32@0.3.1 transitive', 'serde@1.0.197']);
    assert.deepEqual(cargo.dependencies[0].location.range, r(12, 8, 16));
    const poetry = parse('poetry.lock', POETRY_LOCK);
    assert.deepEqual(summary(poetry.dependencies), ['fhir-resources@7.1.0 transitive', 'black@24.2.0 transitive dev']);
    assert.deepEqual(poetry.dependencies[1].location.range, r(9, 8, 13));
    const uv = parse(
      'uv.lock',
      `version = 1\n\n[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { editable = "." }\ndependencies = [{ name = "httpx" }]\n\n[package.dev-dependencies]\ndev = [{ name = "pytest" }]\n\n[[package]]\nname = "httpx"\nversion = "0.27.0"\nsource = { registry = "https://pypi.org/simple" }\n\n[[package]]\nname = "pytest"\nversion = "8.0.2"\nsource = { registry = "https://pypi.org/simple" }\n`,
    );
    assert.deepEqual(summary(uv.dependencies), ['httpx@0.27.0', 'pytest@8.0.2 dev']);
    assert.equal(parse('Cargo.lock', '[[package]\nname = "x"\n').problems.length, 1);
  });

  it('conanfile.txt: requires and tool_requires, ranges, references with user/channel and revision', () => {
    const { dependencies, problems } = parse('conanfile.txt', CONANFILE);
    assert.deepEqual(problems, []);
    assert.deepEqual(summary(dependencies), ['zlib@1.3.1', 'openssl@3.0 (>=3.0 <4)', 'mbedtls@3.5.2', 'cmake@3.28.1 dev']);
    assert.deepEqual(dependencies[2].location.range, r(3, 0, 7));
    assert.equal(dependencies[0].purl, 'pkg:conan/zlib@1.3.1');
    assert.equal(parse('conanfile.txt', '[requires]\nzlib\n').problems.length, 1);
  });

  it('vcpkg.json: names, minimum versions, overrides, host tools', () => {
    const { dependencies, problems } = parse('vcpkg.json', VCPKG);
    assert.deepEqual(problems, []);
    assert.deepEqual(summary(dependencies), ['fmt@10.1.1', 'boost-asio@1.83.0 (>=1.83.0)', 'protobuf@- dev']);
    assert.deepEqual(dependencies[0].location.range, r(4, 5, 8));
    assert.deepEqual(dependencies[1].location.range, r(5, 15, 25));
    assert.equal(dependencies[0].purl, 'pkg:generic/vcpkg/fmt@10.1.1');
    assert.equal(parse('vcpkg.json', VCPKG.slice(0, 90)).problems.length, 1);
  });

  it('never throws, whatever is cut off or garbled', () => {
    const fixtures: [string, string][] = [
      ['package.json', PACKAGE_JSON], ['package-lock.json', PACKAGE_LOCK], ['yarn.lock', YARN_V1], ['requirements.txt', REQUIREMENTS],
      ['pyproject.toml', PYPROJECT], ['pom.xml', POM], ['build.gradle', GRADLE], ['build.gradle.kts', GRADLE_KTS], ['go.mod', GO_MOD],
      ['Cargo.toml', CARGO_TOML], ['Cargo.lock', CARGO_LOCK], ['poetry.lock', POETRY_LOCK], ['conanfile.txt', CONANFILE], ['vcpkg.json', VCPKG],
    ];
    for (const [path, text] of fixtures) {
      for (let cut = 0; cut < text.length; cut += 7) {
        const res = parse(path, text.slice(0, cut));
        assert.ok(Array.isArray(res.dependencies) && Array.isArray(res.problems));
      }
      const garbled = parse(path, text.replace(/[\]}>"]/g, '\u0000'));
      assert.ok(Array.isArray(garbled.problems));
    }
    assert.deepEqual(parse('package.json', '\uFEFF{"dependencies":{"a":"1.0.0"}}').dependencies[0].location.range, r(0, 19, 20));
  });
});

describe('soup: versions', () => {
  it('satisfies npm, Cargo, PEP 440 and Maven constraints', () => {
    const yes: [string, string, Parameters<typeof satisfies>[2]][] = [
      ['4.17.21', '^4.17.0', 'npm'], ['0.2.9', '^0.2.3', 'npm'], ['1.2.9', '~1.2.3', 'npm'], ['1.5.0', '>=1.2 <2', 'npm'], ['2.1.0', '1.x || 2.x', 'npm'],
      ['1.3.0', '1.2.3 - 1.4.0', 'npm'], ['1.9.0', '1.2', 'cargo'], ['1.2.3', '=1.2.3', 'cargo'], ['2.32.0', '>=2.31,<3', 'pypi'],
      ['4.2.11', '~=4.2.0', 'pypi'], ['1.2.5', '==1.2.*', 'pypi'], ['33.1', '[32.0,34.0)', 'maven'], ['42.7.1', '42.7.+', 'maven'],
    ];
    for (const [v, s, e] of yes) assert.equal(satisfies(v, s, e), true, `${v} ${s} ${e}`);
    const no: [string, string, Parameters<typeof satisfies>[2]][] = [
      ['5.0.0', '^4.17.0', 'npm'], ['0.3.0', '^0.2.3', 'npm'], ['1.3.0', '~1.2.3', 'npm'], ['2.0.0', '1.2', 'cargo'], ['1.2.4', '1.2.3', 'npm'],
      ['3.0.0', '>=2.31,<3', 'pypi'], ['4.3.0', '~=4.2.0', 'pypi'], ['34.0', '[32.0,34.0)', 'maven'],
    ];
    for (const [v, s, e] of no) assert.equal(satisfies(v, s, e), false, `${v} ${s} ${e}`);
    assert.equal(satisfies('1.0', 'latest.release', 'maven'), undefined);
    assert.equal(satisfies('not-a-version', '^1', 'npm'), undefined);
  });

  it('compares versions leniently and finds lower bounds', () => {
    assert.ok(versionsEqual('v1.8.0', '1.8.0'));
    assert.ok(versionsEqual('1.2', '1.2.0'));
    assert.ok(!versionsEqual('3.0.13', '3.0.1'));
    assert.ok(!versionsEqual('2.0.0rc1', '2.0.0'));
    assert.equal(lowerBound('^4.17.0'), '4.17.0');
    assert.equal(lowerBound('<3'), undefined);
    assert.equal(lowerBound('[1.0,2.0)'), '1.0');
  });
});

// ---- rules ---------------------------------------------------------------------------------------

describe('soup: rules', () => {
  const pkgFiles = [
    { path: 'web/package.json', text: PACKAGE_JSON },
    { path: 'web/package-lock.json', text: PACKAGE_LOCK },
  ];

  it('soup/undeclared: a direct dependency missing from the soup list, message and data for a quick fix', () => {
    const m = manifest([full('Express', '4.18.2'), full('pad-left', '2.1.0'), full('@noble/hashes', '1.3.2'), full('tool', '1.0.0')]);
    const { findings, dependencies } = checkSoup({ manifest: m, files: pkgFiles });
    const undeclared = ofRule(findings, 'soup/undeclared');
    assert.equal(undeclared.length, 1);
    const f = undeclared[0];
    assert.equal(
      f.message,
      "Dependency 'lodash' 4.17.21 (web/package.json) is not in the manifest's soup list. IEC 62304 8.1.2 requires each SOUP item with title, manufacturer and version: add it to soup: in medtrace.yaml.",
    );
    assert.equal(f.path, 'web/package.json');
    assert.deepEqual(f.range, r(4, 5, 11));
    assert.equal(f.severity, ruleInfo('soup/undeclared')?.defaultSeverity);
    assert.deepEqual(f.data, { name: 'lodash', version: '4.17.21', ecosystem: 'npm', purl: 'pkg:npm/lodash@4.17.21' });
    // The lockfile's version is merged in; lockfile-only packages are returned too.
    const lodash = dependencies.find((d) => d.name === 'lodash' && d.declaredIn === 'web/package.json');
    assert.equal(lodash?.version, '4.17.21');
    assert.equal(lodash?.resolvedFrom, 'web/package-lock.json');
    assert.ok(dependencies.some((d) => d.name === 'body-parser' && !d.direct));
  });

  it('soup/undeclared: dev dependencies only when policy.soupIncludeDev is true', () => {
    const m = manifest([full('lodash', '4.17.21'), full('express', '4.18.2'), full('pad-left', '2.1.0'), full('@noble/hashes', '1.3.2'), full('tool', '1')]);
    assert.deepEqual(ofRule(checkSoup({ manifest: m, files: pkgFiles }).findings, 'soup/undeclared'), []);
    const withDev = manifest(m.soup.map((e) => ({ name: e.name, version: e.version, manufacturer: 'x' })), { policy: { soupIncludeDev: true } });
    const names = ofRule(checkSoup({ manifest: withDev, files: pkgFiles }).findings, 'soup/undeclared').map((f) => (f.data as { name: string }).name);
    assert.deepEqual(names, ['mocha']);
  });

  it('soup/undeclared: name matching per ecosystem (PEP 503, Maven artifactId, Go last segment, purl)', () => {
    const files = [
      { path: 'requirements.txt', text: 'Typing.Extensions==4.9.0\nzope_interface==6.1\n' },
      { path: 'pom.xml', text: POM },
      { path: 'go.mod', text: GO_MOD },
      { path: 'conanfile.txt', text: '[requires]\nopenssl/3.2.1\n' },
    ];
    const m = manifest([
      full('typing-extensions', '4.9.0'),
      full('zope.interface', '6.1'),
      full('jackson-databind', '2.16.1'),
      full('org.slf4j:slf4j-api', '2.0.12'),
      full('Guava', '33.0'),
      full('github.com/google/uuid', 'v1.6.0'),
      full('mux', '1.8.1'),
      full('chi', '5.0.12'),
      full('OpenSSL library', '3.2.1', { extra: { purl: 'pkg:conan/openssl@3.2.1' } }),
    ]);
    const { findings } = checkSoup({ manifest: m, files });
    assert.deepEqual(ofRule(findings, 'soup/undeclared'), []);
    assert.deepEqual(ofRule(findings, 'soup/version-mismatch'), []);
    // An ecosystem on the entry keeps a same-named package of another ecosystem undeclared.
    const other = manifest([full('openssl', '3.2.1', { extra: { ecosystem: 'vcpkg' } })]);
    assert.equal(ofRule(checkSoup({ manifest: other, files: [files[3]] }).findings, 'soup/undeclared').length, 1);
  });

  it('soup/undeclared: indirect Go modules, test-scoped Maven and transitive lock entries are not required', () => {
    const m = manifest([full('uuid', '1.6.0'), full('mux', '1.8.1'), full('chi', '5.0.12')]);
    assert.deepEqual(ofRule(checkSoup({ manifest: m, files: [{ path: 'go.mod', text: GO_MOD }] }).findings, 'soup/undeclared'), []);
    const pom = checkSoup({ manifest: manifest([]), files: [{ path: 'pom.xml', text: POM }] });
    assert.deepEqual(
      ofRule(pom.findings, 'soup/undeclared').map((f) => (f.data as { name: string }).name),
      ['com.fasterxml.jackson.core:jackson-databind', 'org.slf4j:slf4j-api', 'com.google.guava:guava'],
    );
    // Cargo.lock alone declares what the workspace packages depend on.
    const cargo = checkSoup({ manifest: manifest([full('serde', '1.0.197')]), files: [{ path: 'Cargo.lock', text: CARGO_LOCK }] });
    assert.deepEqual(ofRule(cargo.findings, 'soup/undeclared').map((f) => (f.data as { name: string }).name), ['heapless']);
  });

  it('no manifest: no findings, dependencies still returned', () => {
    const res = checkSoup({ manifest: undefined, files: pkgFiles });
    assert.deepEqual(res.findings, []);
    assert.ok(res.dependencies.length > 5);
  });

  it('soup/incomplete: version and manufacturer always; purpose and anomalyList for class B/C', () => {
    const m = manifest(
      [
        { name: 'lodash' },
        { name: 'openssl', version: '3.0.13', manufacturer: 'OpenSSL Project', safetyClass: 'B' },
        { name: 'zlib', version: '1.3.1', manufacturer: 'Jean-loup Gailly, Mark Adler', purpose: 'Compression', anomalyList: 'https://zlib.net/', safetyClass: 'C' },
        { name: 'fmt', version: '10.1.1', manufacturer: 'Victor Zverovich', safetyClass: 'A' },
        { name: 'mbedtls', version: '3.5.2', manufacturer: 'Arm', purpose: '  ' },
      ],
      { safetyClass: 'C' },
    );
    const inc = ofRule(checkSoup({ manifest: m, files: [] }).findings, 'soup/incomplete');
    assert.deepEqual(
      inc.map((f) => [f.range.start.line, (f.data as { missing: string[] }).missing]),
      [
        [10, ['version', 'manufacturer', 'purpose', 'anomalyList']],
        [13, ['purpose', 'anomalyList']],
        [22, ['purpose', 'anomalyList']],
      ],
    );
    assert.equal(inc[1].path, 'medtrace.yaml');
    assert.deepEqual(inc[1].range, r(13, 10, 17));
    assert.match(inc[1].message, /^SOUP 'openssl' lacks purpose and anomalyList: class B SOUP needs its purpose.*5\.3\.3.*7\.1\.3/);
    assert.match(inc[0].message, /IEC 62304 8\.1\.2 requires the title, manufacturer and version/);
    assert.equal(inc[0].severity, ruleInfo('soup/incomplete')?.defaultSeverity);
    // Class A system: only version and manufacturer.
    const a = manifest([{ name: 'lodash', version: '4.17.21' }]);
    assert.deepEqual(ofRule(checkSoup({ manifest: a, files: [] }).findings, 'soup/incomplete').map((f) => (f.data as { missing: string[] }).missing), [['manufacturer']]);
  });

  it('soup/incomplete: an end of support in the past', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    const m = manifest([
      full('python', '3.8.18', { endOfSupport: '2024-10-07' }),
      full('openssl', '3.0.13', { endOfSupport: '2026-09-07' }),
      full('busybox', '1.36.1', { endOfSupport: 'when upstream stops' }),
      full('today', '1', { endOfSupport: '2026-03-01' }),
    ]);
    const inc = ofRule(checkSoup({ manifest: m, files: [], now }).findings, 'soup/incomplete');
    assert.equal(inc.length, 1);
    assert.match(inc[0].message, /^SOUP 'python': end of support 2024-10-07 has passed/);
    assert.equal(inc[0].range.start.line, 10);
  });

  it('soup/version-mismatch: listed version differs from the lockfile version', () => {
    const m = manifest([full('lodash', '4.17.20'), full('express', '4.18.2'), full('pad-left', '2.1.0'), full('@noble/hashes', '1.3.2'), full('tool', '1')]);
    const mm = ofRule(checkSoup({ manifest: m, files: pkgFiles }).findings, 'soup/version-mismatch');
    assert.equal(mm.length, 1);
    const f = mm[0];
    assert.equal(f.path, 'medtrace.yaml');
    assert.deepEqual(f.range, r(11, 13, 20));
    assert.match(f.message, /^SOUP 'lodash' is listed as version 4\.17\.20, but the project uses 4\.17\.21 \(web\/package-lock\.json\)\./);
    assert.deepEqual(f.related?.map((x) => [x.path, x.range.start.line]), [['web/package.json', 4]]);
    assert.deepEqual(f.data, { name: 'lodash', listedVersion: '4.17.20', usedVersions: ['4.17.21'] });
  });

  it('soup/version-mismatch: ranges without a lockfile only when the listed version is outside them', () => {
    const files = [{ path: 'package.json', text: PACKAGE_JSON }];
    const inRange = manifest([full('lodash', '4.17.21'), full('express', '4.18.2')]);
    assert.deepEqual(ofRule(checkSoup({ manifest: inRange, files }).findings, 'soup/version-mismatch'), []);
    const outside = manifest([full('lodash', '5.0.0'), full('express', '4.18.1'), full('@noble/hashes', '1.4.0')]);
    const mm = ofRule(checkSoup({ manifest: outside, files }).findings, 'soup/version-mismatch');
    assert.deepEqual(mm.map((f) => (f.data as { name: string }).name), ['lodash', 'express', '@noble/hashes']);
    assert.match(mm[0].message, /uses \^4\.17\.0 \(package\.json\), which excludes it/);
  });

  it('soup/version-mismatch: exact versions in other ecosystems, Go v prefix tolerated', () => {
    const files = [
      { path: 'go.mod', text: GO_MOD },
      { path: 'requirements.txt', text: REQUIREMENTS },
      { path: 'fw/Cargo.toml', text: CARGO_TOML },
      { path: 'fw/Cargo.lock', text: CARGO_LOCK },
    ];
    const m = manifest([
      full('github.com/google/uuid', '1.6.0'),
      full('mux', 'v1.8.0'),
      full('numpy', '1.26.4'),
      full('requests', '2.30.0'),
      full('serde', '1.0.196'),
      full('heapless', '0.8.0'),
      full('hash32', '0.3.0'),
    ]);
    const mm = ofRule(checkSoup({ manifest: m, files }).findings, 'soup/version-mismatch');
    assert.deepEqual(mm.map((f) => (f.data as { name: string }).name), ['mux', 'requests', 'serde', 'hash32']);
    // serde: Cargo.toml says 1.0.196 (caret), the lockfile says 1.0.197: the lockfile wins.
    assert.match(mm[2].message, /uses 1\.0\.197 \(fw\/Cargo\.lock\)/);
    // hash32 is transitive and named by the soup list: compared with the lockfile.
    assert.deepEqual(mm[3].related?.map((x) => x.path), ['fw/Cargo.lock']);
  });

  it('unreadable package files are reported, other files still checked', () => {
    const files = [
      { path: 'package.json', text: '{ "dependencies": { "lodash": "4.17.21", ' },
      { path: 'go.mod', text: 'module x\nrequire github.com/a/b v1.0.0\n' },
    ];
    const { findings } = checkSoup({ manifest: manifest([]), files });
    const problems = findings.filter((f) => f.ruleId === 'medtrace/input-problem');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].path, 'package.json');
    assert.match(problems[0].message, /Invalid JSON/);
    assert.deepEqual(ofRule(findings, 'soup/undeclared').map((f) => f.path), ['go.mod']);
  });
});
