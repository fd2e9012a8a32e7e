// Runs INSIDE code-server's extension host. runExtensionTests() passes this module as the
// extensionTestsPath; it reads which real test module to run from the control file named by
// $MEDTRACE_E2E_CONTROL (written by the harness before each run), tees the extension host's
// console.* and process.stdout/stderr output into the output file named there (the workbench page
// cannot tell the extension host's console output from its own log lines), and delegates to the
// real module's run(). So any @vscode/test-electron-shaped suite works unchanged.
// Only Node built-ins here: this file must load in the extension host without the project's deps.
import * as fs from 'fs';
import * as util from 'util';

export interface HostControl {
  /** The real extensionTestsPath (module exporting run()). */
  testsPath: string;
  /** File that receives the output (appended synchronously, line-oriented). */
  outputFile: string;
}

export const BEGIN = '[medtrace-e2e] run() begin';
export const RESOLVED = '[medtrace-e2e] run() resolved';
export const REJECTED = '[medtrace-e2e] run() rejected:';

type RunFn = (...args: unknown[]) => unknown;

export async function run(...args: unknown[]): Promise<void> {
  const controlFile = process.env.MEDTRACE_E2E_CONTROL;
  if (!controlFile) throw new Error('MEDTRACE_E2E_CONTROL is not set: this module is started by test/e2e/runExtensionTests.ts');
  const control = JSON.parse(fs.readFileSync(controlFile, 'utf8')) as HostControl;
  const out = control.outputFile;
  const write = (s: string) => { try { fs.appendFileSync(out, s); } catch { /* keep the tests running */ } };

  const restore: (() => void)[] = [];
  // The extension host forwards console.* to the workbench through getters (with no-op setters) on
  // the console object, so `console.log = ...` does nothing: redefine the properties. Mocha's
  // reporters take console.log when they are loaded, i.e. after this point.
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const desc = Object.getOwnPropertyDescriptor(console, level);
    if (!desc?.configurable) continue;
    const forward = (desc.get ? desc.get.call(console) : desc.value) as (...a: unknown[]) => void;
    Object.defineProperty(console, level, {
      configurable: true, enumerable: desc.enumerable,
      get: () => (...a: unknown[]) => {
        write(util.format(...a) + '\n');
        forward.apply(console, a);
      },
      set: () => undefined,
    });
    restore.push(() => Object.defineProperty(console, level, desc));
  }
  for (const stream of [process.stdout, process.stderr]) {
    const orig = stream.write;
    stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      write(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return (orig as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof stream.write;
    restore.push(() => (stream.write = orig));
  }

  write(`${BEGIN} ${control.testsPath} (pid ${process.pid})\n`);
  try {
    const mod = require(control.testsPath) as { run?: RunFn };
    if (typeof mod.run !== 'function') throw new Error(`${control.testsPath} does not export run()`);
    await mod.run(...args);
    write(`${RESOLVED}\n`);
  } catch (e) {
    write(`${REJECTED} ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    throw e;
  } finally {
    for (const r of restore) r();
  }
}
