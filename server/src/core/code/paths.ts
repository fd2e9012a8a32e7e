/**
 * Workspace-relative paths (forward slashes): their folder and stem, and what a file's path says its code is
 * for, beyond tests (which the manifest's test globs decide). Every analyser asks here; none keeps a copy.
 */

/** The folder of a workspace-relative path ('' at the root). */
export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** A file's name without its folder and last extension (`src/gdcmMD5.cxx` → `gdcmMD5`). */
export function fileStem(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
}

/** Folders and file-name words of code that works on made-up data: demo seeders, fakes, synthetic records. */
const MADE_UP_DIR = /(^|\/)(demos?|fixtures?|mocks?|__mocks__|testdata|test-data|synthetic|seeds?|seeders?)([-_][^/]*)?\//i;
const MADE_UP_WORD = /^(demo|fake|dummy|mock|synthetic|seed|seeder|testing)$/i;

/** …and examples and samples, whose accounts and keys are published (but whose data may be real). */
const EXAMPLE_DIR = /(^|\/)(examples?|samples?)([-_][^/]*)?\//i;
const EXAMPLE_WORD = /^(sample|example)$/i;

/** Words of a file's base name: split at `-`, `_`, `.` and camelCase humps. */
function baseWords(path: string): string[] {
  return fileStem(path).replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[-_.\s]+/);
}

/**
 * Does the path hold code that works on made-up data (`scripts/synthetic-patient-data/`,
 * `create-demo-visits.ts`, `DemoUsers.swift`, `fake_patients.py`)? Its records are nobody's. Sample and
 * example programs are not: operators run them on real data (a PACS's sample scripts, a pump's sample app).
 */
export function isMadeUpDataPath(path: string): boolean {
  return MADE_UP_DIR.test(path) || baseWords(path).some((w) => MADE_UP_WORD.test(w));
}

/** Code whose credentials are published for anyone to try: made-up data, examples and samples. */
export function isSampleCodePath(path: string): boolean {
  return isMadeUpDataPath(path) || EXAMPLE_DIR.test(path) || baseWords(path).some((w) => EXAMPLE_WORD.test(w));
}
