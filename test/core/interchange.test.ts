/** Interchange formats in the core: ReqIF (DOORS-shaped fixture, round trip, .reqifz) and CSV (RFC 4180). */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import * as zlib from 'zlib';
import { exportCsv, importCsv, parseCsv, writeCsv } from '../../server/src/core/interchange/csv';
import { manifestFragment, type PlainRequirement } from '../../server/src/core/interchange/model';
import { exportReqif, parseReqif, ReqifError, xhtmlToText } from '../../server/src/core/interchange/reqif';
import { readZip, writeStoredZip } from '../../server/src/core/interchange/zip';
import { FIXTURES } from '../helpers/cli';

const DIR = path.join(FIXTURES, 'interchange');
const DOORS = fs.readFileSync(path.join(DIR, 'doors-export.reqif'), 'utf8');
const inflate = (d: Uint8Array): Uint8Array => zlib.inflateRawSync(d);
const deflate = (d: Uint8Array): Uint8Array => zlib.deflateRawSync(d);

describe('interchange: ReqIF', () => {
  it('maps the SPEC-OBJECTs of a DOORS export to requirements in specification order', () => {
    const r = parseReqif(DOORS);
    assert.strictEqual(r.sourceTool, 'IBM Rational DOORS 9.7.2.3');
    assert.deepStrictEqual(
      r.entries.map((e) => e.id),
      ['SRS-042', 'SRS-043', 'SRS-050', 'SRS-051'],
    );
    const e42 = r.entries[0];
    assert.strictEqual(e42.title, 'Limit infusion rate');
    assert.strictEqual(e42.text, 'The pump shall reject infusion rates above the drug library limit & alarm within 1 s.\n\nRates < 0.1 mL/h are rejected too.');
    assert.strictEqual(e42.kind, 'safety');
    assert.strictEqual(r.entries[1].text, 'The pump shall log every rejected rate with:\n\n- the requested rate,\n- the drug library limit.');
    assert.deepStrictEqual(r.entries[1].derivedFrom, ['SRS-042'], 'a "Satisfies" relation becomes derivedFrom');
    assert.strictEqual(r.entries[2].kind, 'security');
    assert.strictEqual(r.entries[3].kind, undefined, '"Information" is no manifest kind');
    assert.strictEqual(r.entries[3].derivedFrom, undefined, 'a "Comment link" relation is not a derivation');
    assert.ok(r.warnings.some((w) => /SRS-051: "Type" is "Information"/.test(w)));
    assert.ok(r.warnings.some((w) => /1 heading/.test(w)));
  });

  it('reads attributes by the names the user gives', () => {
    const r = parseReqif(DOORS, { idAttr: 'Status', textAttr: 'ReqIF.Text' });
    assert.deepStrictEqual(
      r.entries.map((e) => e.id),
      ['Approved'],
    );
    assert.ok(r.warnings.some((w) => /no "Status" attribute/.test(w)));
  });

  it('prefixes bare DOORS absolute numbers with --id-prefix and rejects ids MedTrace cannot use', () => {
    const numeric = DOORS.replace('THE-VALUE="SRS-042"', 'THE-VALUE="42"').replace('THE-VALUE="SRS-043"', 'THE-VALUE="bad id"');
    assert.deepStrictEqual(
      parseReqif(numeric, { idPrefix: 'SRS-' }).entries.map((e) => e.id),
      ['SRS-42', 'SRS-050', 'SRS-051'],
    );
    assert.ok(parseReqif(numeric).warnings.some((w) => /"42" is not a valid id/.test(w)));
  });

  it('turns XHTML into plain text', () => {
    assert.strictEqual(xhtmlToText('<xhtml:div><xhtml:p>A&#160;<xhtml:i>b</xhtml:i></xhtml:p><xhtml:p>c<xhtml:br/>d &gt; e</xhtml:p></xhtml:div>'), 'A b\n\nc\nd > e');
  });

  it('says when a file is no ReqIF', () => {
    assert.throws(() => parseReqif('<html><body/></html>'), ReqifError);
  });

  it('round-trips the manifest requirements through ReqIF 1.2', () => {
    const reqs: PlainRequirement[] = [
      { id: 'SRS-1', title: 'Rate & "limits"', text: 'Line one <b>\nline two\n\nSecond paragraph', kind: 'safety', derivedFrom: ['SYS-9', 'SRS-2'] },
      { id: 'SRS-2', text: 'Plain', kind: 'functional' },
      { id: 'swreq~dose-limit~2', title: 'OFT-style id' },
    ];
    const xml = exportReqif(reqs, { title: 'T', now: '2026-01-02T03:04:05Z', toolVersion: '9.9.9' });
    assert.match(xml, /<REQ-IF xmlns="http:\/\/www\.omg\.org\/spec\/ReqIF\/20110401\/reqif\.xsd"/);
    assert.match(xml, /IDENTIFIER="SO-swreq_dose-limit_2"/, 'identifiers are NCNames');
    const back = parseReqif(xml);
    assert.deepStrictEqual(back.warnings, []);
    // SYS-9 is declared outside the manifest: a relation needs an object on both ends, so it is not exported.
    assert.deepStrictEqual(back.entries, [{ ...reqs[0], derivedFrom: ['SRS-2'] }, reqs[1], reqs[2]]);
    // And the DOORS fixture survives import → export → import unchanged.
    const first = parseReqif(DOORS).entries;
    assert.deepStrictEqual(parseReqif(exportReqif(first, { title: 'x', now: 'n', toolVersion: 'v' })).entries, first);
  });

  it('reads .reqifz archives, deflated or stored', () => {
    const data = new TextEncoder().encode(DOORS);
    for (const z of [writeStoredZip([{ name: 'srs.reqif', data }]), writeStoredZip([{ name: 'srs.reqif', data }], deflate)]) {
      const entries = readZip(z, inflate);
      assert.strictEqual(entries.length, 1);
      assert.strictEqual(entries[0].name, 'srs.reqif');
      assert.strictEqual(new TextDecoder().decode(entries[0].data), DOORS);
    }
    assert.throws(() => readZip(new Uint8Array(100), inflate), /not a zip/);
  });

  it('bounds what an archive may unpack: unwanted entries untouched, total and ratio checked before inflating', () => {
    const small = new TextEncoder().encode(DOORS);
    let inflated = 0;
    const counting = (d: Uint8Array, max: number) => {
      inflated++;
      return zlib.inflateRawSync(d, { maxOutputLength: Math.max(1, max) });
    };
    const bomb = new Uint8Array(8 * 1024 * 1024).fill(0x20);
    const z = writeStoredZip(
      [
        { name: 'srs.reqif', data: small },
        { name: 'scan.png', data: bomb },
      ],
      deflate,
    );
    // Only the wanted entry is inflated; the 8 MB image (1000:1) is never touched.
    const only = readZip(z, counting, { want: (n) => n.endsWith('.reqif') });
    assert.deepStrictEqual([only.map((e) => e.name), inflated], [['srs.reqif'], 1]);
    inflated = 0;
    assert.throws(() => readZip(z, counting), /scan\.png would unpack to 8 MB from \d+ bytes, more than 200 times its size/);
    assert.strictEqual(inflated, 0, 'refused before anything was inflated');
    assert.throws(() => readZip(z, counting, { want: (n) => n.endsWith('.reqif'), maxTotalBytes: 1000 }), /would unpack to more than 0 MB/);
    assert.strictEqual(inflated, 0);
    // A central directory that understates an entry: the inflation stops at the declared size.
    const lying = writeStoredZip([{ name: 'srs.reqif', data: small }], deflate);
    const view = new DataView(lying.buffer, lying.byteOffset);
    const cd = lying.length - 22 - (46 + 'srs.reqif'.length);
    view.setUint32(cd + 24, 100, true);
    assert.throws(() => readZip(lying, counting), /does not unpack to its declared size of 100 bytes/);
  });

  it('writes a YAML fragment the manifest loader reads back', () => {
    const y = manifestFragment('requirements', parseReqif(DOORS).entries, 'header');
    assert.match(y, /^# header\nrequirements:\n/);
    const back = parse(y) as { requirements: PlainRequirement[] };
    assert.deepStrictEqual(back.requirements, parseReqif(DOORS).entries);
  });
});

describe('interchange: CSV', () => {
  it('parses RFC 4180: quotes, doubled quotes, line breaks in fields, CRLF, BOM', () => {
    assert.deepStrictEqual(parseCsv('\uFEFFa,b\r\n"x, ""y""","1\r\n2"\r\n'), [
      ['a', 'b'],
      ['x, "y"', '1\r\n2'],
    ]);
    assert.deepStrictEqual(parseCsv('a;b\n1;2'), [
      ['a', 'b'],
      ['1', '2'],
    ]);
    assert.strictEqual(writeCsv([['a', 'b,c', 'say "hi"', 'l1\nl2']]), 'a,"b,c","say ""hi""","l1\nl2"\r\n');
  });

  it('imports a requirements spreadsheet with the usual column names', () => {
    const r = importCsv(fs.readFileSync(path.join(DIR, 'requirements.csv'), 'utf8'), 'requirements');
    assert.deepStrictEqual(r.entries, [
      { id: 'SRS-001', title: 'Start infusion', text: 'The pump shall start an infusion only after the user confirms the rate, volume and drug.', kind: 'functional', derivedFrom: ['SYS-1'] },
      { id: 'SRS-002', title: 'Occlusion "downstream" alarm', text: 'The pump shall alarm within 30 s of a downstream occlusion.\r\nThe alarm is high priority.', kind: 'safety', derivedFrom: ['SYS-2', 'SRS-001'] },
      { id: 'SRS-003', title: 'Audit log', kind: 'security' },
      { id: 'SRS-004', title: 'Unknown kind', text: 'Some text' },
    ]);
    assert.ok(r.warnings.some((w) => /line 5: no id/.test(w)));
    assert.ok(r.warnings.some((w) => /line 6: "42" is not a valid id/.test(w)));
    assert.ok(r.warnings.some((w) => /line 7: kind "Regulatory"/.test(w)));
  });

  it('imports a risk register written by Excel with ; separators', () => {
    const r = importCsv(fs.readFileSync(path.join(DIR, 'risks.csv'), 'utf8'), 'risks');
    assert.deepStrictEqual(r.entries[0], {
      id: 'RISK-007',
      hazard: 'Over-infusion',
      hazardousSituation: 'Rate above limit is accepted',
      harm: 'Overdose',
      severity: 5,
      probability: 3,
      controls: ['RC-12', 'RC-13'],
      residual: { severity: 5, probability: 1 },
    });
    assert.strictEqual((r.entries[1] as { hazardousSituation: string }).hazardousSituation, 'Patient record sent; unencrypted');
  });

  it('round-trips requirements and risks', () => {
    for (const kind of ['requirements', 'risks'] as const) {
      const r = importCsv(fs.readFileSync(path.join(DIR, `${kind}.csv`), 'utf8'), kind);
      assert.deepStrictEqual(importCsv(exportCsv(r.entries, kind), kind).entries, r.entries);
    }
  });

  it('writes cells that a spreadsheet would run as formulas as text, and reads them back unchanged', () => {
    const entries = [{ id: 'SRS-1', title: '=HYPERLINK("http://evil.example","x")', text: '-5 mL/h is rejected', derivedFrom: [] }];
    const csv = exportCsv(entries, 'requirements');
    assert.ok(!/(^|,)[=+\-@]/m.test(csv), csv);
    const back = importCsv(csv, 'requirements').entries[0] as { title: string; text: string };
    assert.deepStrictEqual([back.title, back.text], [entries[0].title, entries[0].text]);
  });

  it('needs an id column', () => {
    assert.throws(() => importCsv('title,text\nA,B\n', 'requirements'), /no "id" column/);
  });
});
