/** JUnit XML shapes (pytest, Surefire, mocha, ctest) and how test cases are matched to @verifies tags. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { JunitError, parseJunit, type TestCase } from '../../server/src/core/results/junit';
import { baseTestName, matchCases } from '../../server/src/core/results/verification';
import type { TraceLink } from '../../server/src/core/trace/graph';
import { range } from '../../server/src/core/types';
import { FIXTURES } from '../helpers/cli';

const RESULTS = path.join(FIXTURES, 'interchange', 'junit-ws', 'results');

function link(p: string, decl?: string, fileScope = false): TraceLink {
  const r = range(0, 0, 0, 1);
  return { id: 'SRS-1', tag: 'verifies', path: p, range: r, isTest: true, fileScope, declaration: decl ? { name: decl, range: r, nameRange: r } : undefined };
}

describe('interchange: JUnit results', () => {
  it('reads pytest results: parameters, classes, failure messages', () => {
    const cases = parseJunit(fs.readFileSync(path.join(RESULTS, 'pytest.xml'), 'utf8'), 'pytest.xml');
    assert.deepStrictEqual(
      cases.map((c) => [c.classname, c.name, c.status]),
      [
        ['tests.test_rate', 'test_accepts_rate_within_limit[1]', 'passed'],
        ['tests.test_rate', 'test_accepts_rate_within_limit[10]', 'passed'],
        ['tests.test_rate.TestOcclusion', 'test_alarm_on_occlusion', 'failed'],
      ],
    );
    assert.strictEqual(cases[2].message, 'AssertionError: no alarm raised');
  });

  it('reads Surefire results', () => {
    const cases = parseJunit(fs.readFileSync(path.join(RESULTS, 'TEST-com.acme.pump.RateLimiterTest.xml'), 'utf8'), 's.xml');
    assert.deepStrictEqual(
      cases.map((c) => [c.name, c.status]),
      [
        ['rejectsRateAboveLimit', 'failed'],
        ['rejectsNegativeRate', 'passed'],
      ],
    );
    assert.strictEqual(cases[0].message, 'Expected java.lang.IllegalArgumentException to be thrown, but nothing was thrown.');
  });

  it('reads mocha (suite file attribute), ctest (status attribute), errors and skips', () => {
    const mocha = parseJunit(
      `<testsuites name="Mocha Tests"><testsuite name="Root Suite" file="/ci/work/test/rate.test.js" tests="0"/><testsuite name="rate limiter" file="/ci/work/test/rate.test.js" tests="3">
        <testcase name="rate limiter rejects high rates" classname="rejects high rates" time="0.001"><failure message="expected 11 to equal 10" type="AssertionError">AssertionError: expected 11 to equal 10</failure></testcase>
        <testcase name="rate limiter crashes" classname="crashes"><error message="TypeError: x is undefined"/></testcase>
        <testcase name="rate limiter later" classname="later"><skipped/></testcase></testsuite></testsuites>`,
      'mocha.xml',
    );
    assert.deepStrictEqual(
      mocha.map((c) => [c.file, c.status, c.message]),
      [
        ['/ci/work/test/rate.test.js', 'failed', 'expected 11 to equal 10'],
        ['/ci/work/test/rate.test.js', 'error', 'TypeError: x is undefined'],
        ['/ci/work/test/rate.test.js', 'skipped', undefined],
      ],
    );
    const ctest = parseJunit(
      `<?xml version="1.0" encoding="UTF-8"?><testsuite name="Linux-c++" tests="2" failures="1" disabled="0" skipped="0" hostname="" time="0" timestamp="2026-11-27T10:00:00"><testcase name="rate_limit_test" classname="rate_limit_test" time="0.01" status="run"/><testcase name="occlusion_test" classname="occlusion_test" time="0.02" status="fail"><failure message="Failed"/><system-out>…</system-out></testcase></testsuite>`,
      'ctest.xml',
    );
    assert.deepStrictEqual(
      ctest.map((c) => [c.name, c.status]),
      [
        ['rate_limit_test', 'passed'],
        ['occlusion_test', 'failed'],
      ],
    );
    assert.throws(() => parseJunit('<html/>', 'x.xml'), JunitError);
  });

  it('matches cases to tags by declaration name and file', () => {
    const tc = (name: string, classname?: string, file?: string): TestCase => ({ name, classname, file, status: 'passed', source: 'r.xml' });
    assert.strictEqual(baseTestName('test_x[5-high]'), 'test_x');
    assert.strictEqual(baseTestName('rejects(int)[2]'), 'rejects');
    assert.strictEqual(baseTestName('RateTest.RejectsHigh'), 'RejectsHigh');
    const py = link('tests/test_rate.py', 'test_accepts');
    assert.strictEqual(matchCases(py, [tc('test_accepts[1]', 'tests.test_rate')]).length, 1);
    assert.strictEqual(matchCases(py, [tc('test_accepts', 'tests.test_other')]).length, 0, 'same name, other file');
    assert.strictEqual(matchCases(py, [tc('test_accepts', undefined, 'tests/test_rate.py')]).length, 1);
    const java = link('src/test/java/com/acme/pump/RateLimiterTest.java', 'rejectsRateAboveLimit');
    assert.strictEqual(matchCases(java, [tc('rejectsRateAboveLimit()', 'com.acme.pump.RateLimiterTest')]).length, 1);
    assert.strictEqual(matchCases(java, [tc('rejectsRateAboveLimit', 'com.other.RateLimiterTest')]).length, 0);
    const cls = link('src/test/java/com/acme/pump/RateLimiterTest.java', 'RateLimiterTest');
    assert.strictEqual(matchCases(cls, [tc('anything', 'com.acme.pump.RateLimiterTest$Nested')]).length, 1, 'a tag on the class covers its tests');
    const header = link('test/rate.test.js', undefined, true);
    assert.strictEqual(matchCases(header, [tc('rate limiter rejects', 'rejects', '/ci/work/test/rate.test.js'), tc('x', 'x', '/ci/work/test/other.test.js')]).length, 1);
    const cpp = link('tests/rate_limit_test.cpp', 'rate_limit_test');
    assert.strictEqual(matchCases(cpp, [tc('rate_limit_test', 'rate_limit_test')]).length, 1, 'ctest: name only');
  });
});
