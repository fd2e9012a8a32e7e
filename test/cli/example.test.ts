/**
 * The bundled example (examples/infusion-pump): every deliberate gap listed in its README is found, and
 * nothing else — no false positives in the example we ship. Runs the real CLI like `npm start` does.
 */
import * as assert from 'assert';
import * as path from 'path';
import { medtrace } from '../helpers/cli';
import { REPO_ROOT } from '../helpers/assets';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'infusion-pump');

const EXPECTED = [
  'firmware/alarm/occlusion.c:10 trace/untraced',
  'medtrace.yaml:99 trace/unverified-requirement',
  'medtrace.yaml:119 trace/unimplemented-requirement',
  'medtrace.yaml:119 trace/unverified-requirement',
  'medtrace.yaml:166 soup/incomplete',
  'package.json:12 soup/undeclared',
  'risks/register.yaml:73 trace/uncontrolled-risk',
  'risks/register.yaml:96 trace/unverified-control',
  'service/infucare_service/firmware_updates.py:20 crypto/weak-hash',
  'service/infucare_service/ingest.py:30 privacy/to-log',
  'service/infucare_service/store.py:45 trace/unknown-id',
];

describe('examples/infusion-pump', () => {
  it('reports exactly the deliberate findings its README lists', () => {
    const r = medtrace(['check', EXAMPLE, '--format', 'json', '--fail-on', 'none']);
    assert.strictEqual(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { findings: { path: string; line: number; ruleId: string }[] };
    const got = j.findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`).sort();
    assert.deepStrictEqual(got, [...EXPECTED].sort());
  });

  it('npm start prints findings and the coverage summary', () => {
    const r = medtrace(['check', EXAMPLE, '--fail-on', 'none']);
    assert.match(r.stdout, /Trace coverage/);
    assert.match(r.stdout, /SU-DOSE Dose calculation and drug library\s+C\s+4\s+11\/11 \(100%\)/);
    assert.match(r.stdout, /requirements: 21\/22 implemented/);
  });
});
