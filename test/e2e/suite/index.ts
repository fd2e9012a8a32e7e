/**
 * Entry of the MedTrace end-to-end suite, in @vscode/test-electron's shape: run() runs mocha inside the
 * real extension host (code-server here, desktop VS Code elsewhere), over a copy of examples/infusion-pump.
 *
 *   runExtensionTests({ extensionDevelopmentPath: <repo>, workspace: <copy of examples/infusion-pump>,
 *                       extensionTestsPath: <repo>/out/test/e2e/suite/index.js })
 *
 * Test files are *.e2e.ts (not *.test.ts, which plain mocha runs outside VS Code). MEDTRACE_E2E_GREP in the
 * extension host's environment narrows the run; smoke.ts runs the subset for an installed .vsix.
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function runSuite(options: { grep?: string | RegExp; files?: RegExp } = {}): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, color: false, reporter: 'spec' });
  const grep = options.grep ?? process.env.MEDTRACE_E2E_GREP;
  if (grep) mocha.grep(grep);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.e2e.js') && (!options.files || options.files.test(f)))
    .sort();
  if (files.length === 0) return Promise.reject(new Error(`no *.e2e.js files in ${__dirname}`));
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures ? reject(new Error(`${failures} e2e test(s) failed`)) : resolve()));
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}

export function run(): Promise<void> {
  return runSuite();
}
