/** Tags of other tools (OpenFastTrace, LOBSTER, sphinx-codelinks, StrictDoc) read as MedTrace tags when enabled. */
import * as assert from 'assert';
import { parseInteropTags, type InteropOptions } from '../../server/src/core/interchange/interop';

const ALL = { openfasttrace: true, lobster: true, codelinks: true, strictdoc: true };
const at = { line: 10, character: 4 };
const simple = (text: string, opts: InteropOptions = ALL, isTest = false): [string, string, string[]][] => parseInteropTags(text, at, opts, isTest).map((t) => [t.tool, t.tag, t.ids.map((i) => i.id)]);

describe('interchange: interop tags', () => {
  it('reads nothing unless a tool is enabled', () => {
    assert.deepStrictEqual(simple('// [impl->dsn~rate-limit~1] lobster-trace: req.Rate', {}), []);
    assert.deepStrictEqual(simple('// [impl->dsn~rate-limit~1] lobster-trace: req.Rate', { lobster: true }), [['lobster', 'implements', ['req.Rate']]]);
  });

  it('reads OpenFastTrace coverage tags, short and full; test artifact types verify', () => {
    assert.deepStrictEqual(simple('// [impl->dsn~rate-limit~1]'), [['openfasttrace', 'implements', ['dsn~rate-limit~1']]]);
    assert.deepStrictEqual(simple('// [utest~rate-limit-test~1->dsn~rate-limit~2]'), [['openfasttrace', 'verifies', ['dsn~rate-limit~2']]]);
    assert.deepStrictEqual(simple('// [impl->dsn~a~1>>impl,utest]'), [['openfasttrace', 'implements', ['dsn~a~1']]]);
    const [t] = parseInteropTags('/* x [impl->dsn~rate~1] */', at, ALL);
    assert.deepStrictEqual(t.ids[0].range, { start: { line: 10, character: 16 }, end: { line: 10, character: 26 } });
  });

  it('reads LOBSTER, sphinx-codelinks and StrictDoc markers', () => {
    assert.deepStrictEqual(simple('# lobster-trace: pump.Rate_Limit, pump.Alarm rest is text'), [['lobster', 'implements', ['pump.Rate_Limit', 'pump.Alarm']]]);
    assert.deepStrictEqual(simple('// @need-ids: SRS-1, SRS-2'), [['codelinks', 'implements', ['SRS-1', 'SRS-2']]]);
    const sd = parseInteropTags('/**\n * @relation(REQ-1, REQ-2, scope=function)\n */', at, ALL);
    assert.deepStrictEqual(
      sd.map((t) => [t.tool, t.ids.map((i) => i.id), t.scopeHint, t.ids[0].range.start]),
      [['strictdoc', ['REQ-1', 'REQ-2'], 'function', { line: 11, character: 13 }]],
    );
  });

  it('counts tags in test files as verification', () => {
    assert.deepStrictEqual(simple('# lobster-trace: pump.Rate', ALL, true), [['lobster', 'verifies', ['pump.Rate']]]);
  });
});
