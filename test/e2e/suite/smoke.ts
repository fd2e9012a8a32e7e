/**
 * The smoke subset, for the packaged extension installed from its .vsix into an empty extensions folder:
 * the tests whose titles carry [smoke] (activation, server start, a finding per language, hover, matrix).
 *
 *   runVsixTests({ vsix, workspace: <copy of examples/infusion-pump>, extensionTestsPath: <repo>/out/test/e2e/suite/smoke.js })
 */
import { runSuite } from './index';

export function run(): Promise<void> {
  return runSuite({ grep: /\[smoke\]/ });
}
