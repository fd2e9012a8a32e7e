/**
 * JUnit XML test results (pytest, Maven Surefire/Gradle, mocha-junit-reporter, ctest, gtest, …) as a flat list
 * of test cases with their outcome. The shapes differ in where they put the file (testcase@file, testsuite@file
 * or only a dotted classname) and how they name a case; matching to @verifies tags is in verification.ts.
 */
import { XMLParser } from 'fast-xml-parser';

export type TestStatus = 'passed' | 'failed' | 'error' | 'skipped';

export interface TestCase {
  name: string;
  classname?: string;
  file?: string;
  status: TestStatus;
  /** First line of the failure / error message. */
  message?: string;
  /** The results file it came from (as given on the command line). */
  source: string;
}

type X = Record<string, unknown>;
const LISTS = new Set(['testsuite', 'testcase', 'failure', 'error', 'skipped', 'rerunFailure', 'flakyFailure']);

export class JunitError extends Error {}

function arr(v: unknown): X[] {
  if (v === undefined || v === null || v === '') return [];
  return (Array.isArray(v) ? v : [v]).map((x) => (x && typeof x === 'object' ? (x as X) : { '#text': String(x) }));
}
function s(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function firstLine(el: X | undefined): string | undefined {
  if (!el) return undefined;
  const m = s(el['@_message'])?.trim() || s(el['#text'])?.trim() || s(el['@_type'])?.trim();
  if (!m) return undefined;
  const decoded = m.replace(/&#(x[0-9a-f]+|\d+);/gi, (x, n: string) => {
    const cp = n[0] === 'x' || n[0] === 'X' ? parseInt(n.slice(1), 16) : parseInt(n, 10);
    return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : x;
  });
  return decoded.split(/\r?\n/)[0].trim().slice(0, 300);
}

export function parseJunit(xml: string, source: string): TestCase[] {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    removeNSPrefix: true,
    isArray: (n) => LISTS.has(n),
  });
  let doc: X;
  try {
    doc = parser.parse(xml) as X;
  } catch (e) {
    throw new JunitError(`${source} is not well-formed XML: ${(e as Error).message}`);
  }
  const out: TestCase[] = [];
  const suite = (el: X, file: string | undefined): void => {
    const f = s(el['@_file']) ?? s(el['@_filepath']) ?? file;
    for (const tc of arr(el['testcase'])) {
      const failure = arr(tc['failure'])[0];
      const error = arr(tc['error'])[0];
      const statusAttr = s(tc['@_status'])?.toLowerCase();
      let status: TestStatus = 'passed';
      if (failure || statusAttr === 'fail' || statusAttr === 'failed') status = 'failed';
      else if (error || statusAttr === 'error') status = 'error';
      else if (tc['skipped'] !== undefined || statusAttr === 'notrun' || statusAttr === 'disabled' || statusAttr === 'skipped') status = 'skipped';
      out.push({
        name: s(tc['@_name']) ?? '',
        classname: s(tc['@_classname']) ?? s(tc['@_class']),
        file: s(tc['@_file']) ?? f,
        status,
        message: status === 'failed' ? (firstLine(failure) ?? 'failed') : status === 'error' ? (firstLine(error) ?? 'error') : undefined,
        source,
      });
    }
    for (const child of arr(el['testsuite'])) suite(child, f);
  };
  const root = doc['testsuites'] ?? doc['testsuite'];
  if (root === undefined) throw new JunitError(`${source} is not JUnit XML (no <testsuites> or <testsuite> root element)`);
  if (doc['testsuites'] !== undefined) for (const t of arr(doc['testsuites'])) suite(t, undefined);
  else for (const t of arr(doc['testsuite'])) suite(t, undefined);
  return out;
}
