/**
 * privacy/* through the real engine: every labelled fixture under test/fixtures/privacy/<language>/ gives
 * exactly the findings its `expect:` comments name; flows run from the source to the sink across
 * functions and files; the manifest's policy.privacy extends the taxonomy; the infusion-pump example
 * gives its one known finding.
 * Run from the repository root (grammar assets are found relative to it).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { checkWorkspace, type CheckResult } from '../../server/src/core/engine/check';
import '../../server/src/core/engine/registerAll';
import { Grammars } from '../../server/src/core/language/grammars';
import { runWorkspace, type FixtureWorkspace } from '../../server/src/core/privacy/eval';
import { nodeHost } from '../../server/src/node/nodeHost';
import { MemoryHost } from '../helpers/memoryHost';

const ROOT = process.env.MEDTRACE_REPO ?? process.cwd();
const CORPUS = path.join(ROOT, 'test/fixtures/privacy');
const grammars = new Grammars({ wasmDir: path.join(ROOT, 'dist/grammars'), queryDir: path.join(ROOT, 'grammars') });

const LANGUAGES = fs
  .readdirSync(CORPUS)
  .filter((d) => !d.startsWith('_') && fs.statSync(path.join(CORPUS, d)).isDirectory())
  .sort();

const privacy = (r: CheckResult) => r.findings.filter((f) => f.ruleId.startsWith('privacy/'));

describe('privacy fixtures', function () {
  this.timeout(60000);
  const workspaces = new Map<string, FixtureWorkspace>();
  before(async () => {
    for (const l of LANGUAGES) workspaces.set(l, await runWorkspace(grammars, path.join(CORPUS, l), l));
  });

  it('covers every rule in JavaScript, TypeScript, TSX, Python, Java, C#, Kotlin and Go, and logs and errors in Swift, Rust, C and C++', () => {
    for (const l of ['javascript', 'typescript', 'tsx', 'python', 'java', 'csharp', 'kotlin', 'go', 'swift', 'rust', 'c', 'cpp']) assert.ok(LANGUAGES.includes(l), l);
    for (const l of ['swift', 'rust', 'c', 'cpp']) {
      const rules = new Set(workspaces.get(l)!.files.flatMap((f) => f.expected.map((e) => e.rule)));
      assert.ok(rules.has('privacy/to-log'), `${l}: to-log`);
    }
    const rules = new Set<string>();
    for (const w of workspaces.values()) for (const f of w.files) for (const e of f.expected) rules.add(e.rule);
    for (const r of ['to-log', 'to-error', 'to-third-party', 'cleartext-transport', 'cleartext-storage', 'in-url']) assert.ok(rules.has(`privacy/${r}`), r);
  });

  for (const l of LANGUAGES) {
    it(`gives exactly the expected findings in ${l}`, () => {
      const w = workspaces.get(l)!;
      for (const f of w.files) {
        const expected = f.expected.map((e) => `${f.path}:${e.line + 1} ${e.rule}`).sort();
        const actual = f.actual.filter((a) => a.severity !== 'hint').map((a) => `${f.path}:${a.range.start.line + 1} ${a.ruleId}`).sort();
        assert.deepStrictEqual(actual, expected, `${f.path}:\n${f.actual.map((a) => `  ${a.range.start.line + 1} ${a.message}`).join('\n')}`);
        // `hint: privacy/<rule>` marks what is shown as a hint only (not scored as a finding).
        const text = fs.readFileSync(path.join(CORPUS, f.path), 'utf8');
        const hintsExpected = text.split('\n').flatMap((line, i) => [...line.matchAll(/\bhint:\s*(privacy\/[\w-]+)/g)].map((m) => `${f.path}:${i + 1} ${m[1]}`)).sort();
        const hints = f.actual.filter((a) => a.severity === 'hint').map((a) => `${f.path}:${a.range.start.line + 1} ${a.ruleId}`).sort();
        assert.deepStrictEqual(hints, hintsExpected, `${f.path}: hints`);
      }
    });
  }

  it('reports at the sink with the flow from the source, across files (Python)', () => {
    const f = workspaces.get('python')!.files.find((x) => x.path.endsWith('clinic/audit.py'))!;
    const finding = f.actual.find((a) => a.ruleId === 'privacy/to-log')!;
    assert.match(finding.message, /diagnosis/i);
    assert.match(finding.message, /GDPR Art\. 9/);
    const flow = finding.flow!;
    assert.strictEqual(flow[0].path, 'clinic/visits.py');
    assert.match(flow.map((s) => s.message).join(' | '), /passed to `log_event\(\)`/);
    assert.ok(flow.some((s) => s.path === 'clinic/visits.py' && /diagnosis read here/.test(s.message)));
  });

  it('follows data through a helper\'s return value (TypeScript)', () => {
    const f = workspaces.get('typescript')!.files.find((x) => x.path.endsWith('routes.ts'))!;
    const line = fs.readFileSync(path.join(CORPUS, f.path), 'utf8').split('\n').findIndex((l) => l.includes("'describing %s'"));
    const finding = f.actual.find((a) => a.range.start.line === line)!;
    assert.ok(finding, 'describePatient finding');
    assert.ok(finding.flow!.some((s) => /returned by `formatPatient\(\)`/.test(s.message)), finding.flow!.map((s) => s.message).join(' | '));
  });

  it('follows a value through a variable, a dict and a string concatenation (Python)', () => {
    const f = workspaces.get('python')!.files.find((x) => x.path === 'python/logging_flows.py')!;
    const line = fs.readFileSync(path.join(CORPUS, f.path), 'utf8').split('\n').findIndex((l) => l.includes('logging.warning(line)'));
    const finding = f.actual.find((a) => a.range.start.line === line)!;
    const steps = finding.flow!.map((s) => `${s.range.start.line + 1}: ${s.message}`);
    assert.deepStrictEqual(steps.slice(0, 3), ['28: parameter `visit`: dict', '29: diagnosis read here (`visit["diagnosis"]`)', '29: assigned to `diagnosis`']);
    assert.ok(steps.some((s) => /^30: assigned to `summary`/.test(s)), steps.join(' | '));
    assert.ok(steps.some((s) => /^31: assigned to `line`/.test(s)), steps.join(' | '));
  });
});

describe('privacy policy and manifest', function () {
  this.timeout(60000);
  const MANIFEST = `version: 1
system: { name: Ward app, safetyClass: B }
requirements:
  - { id: SRS-P1, title: No patient data in logs, text: x, kind: privacy }
  - { id: SRS-F1, title: Feature, text: y, kind: functional }
risks:
  - { id: RISK-9, hazard: Disclosure, severity: 3, probability: 2, threat: Information disclosure }
policy:
  privacy:
    identifiers: [bedNumber]
    types: [Encounter]
    sanitizers: [scramble]
    sinks: [audit.send]
`;
  const SRC = `import logging
logger = logging.getLogger(__name__)

def scramble(v):
    return v[::-1]

def admit(bed_number, encounter: Encounter, ward, audit):
    logger.info("bed %s", bed_number)
    logger.info("encounter %s", encounter)
    logger.info("ward %s", ward)
    logger.info("bed %s", scramble(bed_number))
    audit.send({"bed": bed_number})
`;

  it('extends names, types, sanitizers and sinks, and links privacy requirements and disclosure risks', async () => {
    const host = new MemoryHost({ 'medtrace.yaml': MANIFEST, 'src/ward.py': SRC });
    const r = await checkWorkspace({ rootAbs: host.root, host, grammars });
    const got = privacy(r).map((f) => `${f.path}:${f.range.start.line + 1} ${f.ruleId}`);
    assert.deepStrictEqual(got, ['src/ward.py:8 privacy/to-log', 'src/ward.py:9 privacy/to-log', 'src/ward.py:12 privacy/to-log']);
    const msg = privacy(r)[0].message;
    assert.match(msg, /SRS-P1/);
    assert.match(msg, /RISK-9 \(Information disclosure\)/);
    assert.doesNotMatch(msg, /SRS-F1/);
  });

  it('reports nothing without the policy', async () => {
    const host = new MemoryHost({ 'medtrace.yaml': MANIFEST.replace(/policy:[\s\S]*$/, ''), 'src/ward.py': SRC });
    const r = await checkWorkspace({ rootAbs: host.root, host, grammars });
    assert.deepStrictEqual(privacy(r), []);
  });

  it('names what a logged data class holds: personal data, or health data when it has a health field', async () => {
    const host = new MemoryHost({
      'src/directory.py': `import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass
class Contact:
    first_name: str
    home_address: str


@dataclass
class Visit:
    email: str
    diagnosis: str


def add(contact: Contact, visit: Visit):
    log.info("added %s", contact)
    log.info("visit %s", visit)
`,
    });
    const r = await checkWorkspace({ rootAbs: host.root, host, grammars });
    const byLine = new Map(privacy(r).map((f) => [f.range.start.line + 1, f.message]));
    assert.match(byLine.get(20) ?? '', /Contact \(holds [^)]*\) \(personal data\)/, 'a name and an address are personal data');
    assert.doesNotMatch(byLine.get(20) ?? '', /patient/);
    assert.match(byLine.get(21) ?? '', /Visit \(holds [^)]*\) \(health data/, 'a diagnosis makes it health data');
  });

  it('reads diabetes abbreviations (iob, bg) as data only in a workspace whose code speaks diabetes', async () => {
    const codec = `#include <stdio.h>
struct IOBuf { int file; int width; };
void dump(struct IOBuf *Iob) {
  printf("iob %p file %d width %d\\n", (void *)Iob, Iob->file, Iob->width);
}
`;
    const codecHost = new MemoryHost({ 'src/io.c': codec });
    const plain = await checkWorkspace({ rootAbs: codecHost.root, host: codecHost, grammars });
    assert.deepStrictEqual(privacy(plain), [], 'a JPEG codec\'s I/O buffer is not insulin on board');
    const pump = new MemoryHost({ 'src/io.c': codec, 'src/pump.c': '#include <stdio.h>\nint deliver_insulin(int units) { printf("delivering insulin\\n"); return units; }\n' });
    const r = await checkWorkspace({ rootAbs: pump.root, host: pump, grammars });
    assert.ok(privacy(r).some((f) => /insulin on board/i.test(f.message)), 'in a pump\'s code base the same name is data');
  });

  it('judges a value by the class of its own runtime, not a class of the same name in another language', async () => {
    const entity = 'namespace Db {\n  public record UserProfile {\n    public string HdId { get; set; }\n    public string EncryptionKey { get; set; }\n  }\n}\n';
    const web = 'export interface UserProfile { hdid: string; acceptedTermsOfService: boolean }\ndeclare const logger: { verbose(m: string): void };\nexport function show(userProfile: UserProfile): void {\n  logger.verbose(`User Profile: ${JSON.stringify(userProfile)}`);\n}\n';
    const both = new MemoryHost({ 'Apps/Database/src/Models/UserProfile.cs': entity, 'Apps/WebClient/src/stores/user.ts': web });
    const r = await checkWorkspace({ rootAbs: both.root, host: both, grammars });
    assert.deepStrictEqual(privacy(r).filter((f) => f.path.endsWith('.ts')), [], 'the web client\'s UserProfile has no encryption key');
    const cs = 'using Microsoft.Extensions.Logging;\nnamespace Db {\n  public class Audit {\n    private readonly ILogger logger;\n    public void Show(UserProfile profile) { logger.LogInformation("profile " + profile); }\n  }\n}\n';
    const same = new MemoryHost({ 'Apps/Database/src/Models/UserProfile.cs': entity, 'Apps/Database/src/Audit.cs': cs });
    const r2 = await checkWorkspace({ rootAbs: same.root, host: same, grammars });
    assert.ok(privacy(r2).some((f) => f.ruleId === 'privacy/secret-to-log' && /EncryptionKey/.test(f.message)), 'C# code printing the C# record prints its key');
  });

  it('skips test files', async () => {
    const host = new MemoryHost({ 'tests/test_ward.py': 'import logging\ndef test_x(patient):\n    logging.info(patient.diagnosis)\n' });
    const r = await checkWorkspace({ rootAbs: host.root, host, grammars });
    assert.deepStrictEqual(privacy(r), []);
  });
});

describe('privacy on the infusion-pump example', function () {
  this.timeout(60000);
  it('finds the diagnosis logged in ingest.py and nothing else', async () => {
    const r = await checkWorkspace({ rootAbs: path.join(ROOT, 'examples/infusion-pump'), host: nodeHost, grammars });
    const got = privacy(r).map((f) => `${f.path}:${f.range.start.line + 1} ${f.ruleId}`);
    assert.deepStrictEqual(got, ['service/infucare_service/ingest.py:30 privacy/to-log']);
    const f = privacy(r)[0];
    assert.strictEqual(f.flow![0].range.start.line, 23, 'the flow starts at the `upload` parameter');
    assert.match(f.message, /diagnosis/i);
    assert.match(f.message, /SRS-042/);
    assert.match(f.message, /RISK-008/);
  });
});
