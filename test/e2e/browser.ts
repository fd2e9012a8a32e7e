// Debian's chromium driven by playwright-core (no Playwright browser download needed).
import * as fs from 'fs';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import type { CodeServer } from './codeServer';
import { chromiumPath, repoRoot } from './env';
import { reaped } from './reaper';

/** playwright-core (a devDependency), also when this file is compiled outside the repository. */
function playwright(): typeof import('playwright-core') {
  return require(require.resolve('playwright-core', { paths: [__dirname, repoRoot()] })) as typeof import('playwright-core');
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--disable-extensions',
  '--disable-default-apps', '--no-default-browser-check', '--password-store=basic',
];

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Launches headless chromium with a profile under the server's run folder and the server's
 * XDG_* / TMPDIR (so chromium's crash reports and caches stay out of $HOME).
 * MEDTRACE_E2E_HEADED=1 shows the window (needs a display).
 */
export async function launchBrowser(cs: CodeServer, name = 'chromium'): Promise<BrowserSession> {
  const exe = chromiumPath();
  if (!fs.existsSync(exe)) throw new Error(`chromium not found at ${exe}: run test/e2e/prereqs.sh (as root) first`);
  const profile = fs.mkdtempSync(path.join(cs.runDir, `${name}-`));
  const context = await playwright().chromium.launchPersistentContext(profile, {
    executablePath: reaped(exe, cs.runDir),
    headless: process.env.MEDTRACE_E2E_HEADED !== '1',
    args: CHROMIUM_ARGS,
    env: { ...(process.env as Record<string, string>), ...cs.sandboxEnv },
    viewport: { width: 1400, height: 900 },
    timeout: 60_000,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let closed: Promise<void> | undefined;
  return {
    context, page,
    close: () => (closed ??= context.close().catch(() => undefined).then(() => fs.rmSync(profile, { recursive: true, force: true }))),
  };
}
