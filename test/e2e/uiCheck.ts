// UI-level check in the real workbench: open a file by clicking through the Explorer, open the
// Problems panel, wait until a text shows there, save a screenshot to test-artifacts/.
import * as path from 'path';
import type { Page } from 'playwright-core';
import { launchBrowser, type BrowserSession } from './browser';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer';
import { artifactsDir, slug } from './env';

export interface UiCheckOptions {
  /** Absolute folder opened in the workbench. */
  workspace: string;
  /** File to open, relative to the workspace ('src/a.c'); folders on the way are expanded by clicking. */
  file: string;
  /** Text (or pattern) expected in the Problems panel. */
  expectText: string | RegExp;
  /** Also wait for a squiggle (error/warning/info decoration) in the opened editor. */
  expectSquiggle?: boolean;
  /** Extension(s) loaded from source; omit when testing installed extensions (server/serverOptions.extensionsDir). */
  extensionDevelopmentPath?: string | string[];
  /** Screenshot file name in test-artifacts/ (default ui-<file>.png); written on success and on failure. */
  screenshot?: string;
  /** Whole check limit; default 120 s. */
  timeoutMs?: number;
  /** Use this running server instead of starting one. */
  server?: CodeServer;
  serverOptions?: CodeServerOptions;
  /** Progress lines; default: indented to stdout. */
  log?: (line: string) => void;
}

export interface UiCheckResult {
  screenshot: string;
  /** innerText of the Problems panel when the expected text appeared. */
  problemsText: string;
  durationMs: number;
}

export class UiCheckError extends Error {
  constructor(message: string, readonly screenshot?: string) { super(message); }
}

// Functions passed to page.waitForFunction run in the browser; the project compiles without the DOM
// lib, so they see the document through this minimal shape (types only, erased at compile time).
interface PageElement { getAttribute(name: string): string | null; innerText: string }
interface PageDocument { querySelector(sel: string): PageElement | null; querySelectorAll(sel: string): ArrayLike<PageElement> }
type PageGlobal = { document: PageDocument };

const css = (s: string) => s.replace(/["\\]/g, '\\$&');

/** Clicks through the Explorer to open `file` (relative path) and waits for its editor. */
export async function openFromExplorer(page: Page, file: string, timeoutMs: number): Promise<void> {
  const segments = file.split(/[\\/]+/).filter(Boolean);
  const explorer = page.locator('.explorer-folders-view');
  await explorer.locator('.monaco-list-row').first().waitFor({ timeout: timeoutMs }).catch(() => {
    throw new Error('the Explorer shows no files (is a folder open?)');
  });
  for (let i = 0; i < segments.length; i++) {
    const row = explorer.locator(`.monaco-list-row[aria-level="${i + 1}"][aria-label="${css(segments[i])}"]`).first();
    await row.waitFor({ timeout: timeoutMs }).catch(() => {
      throw new Error(`'${segments.slice(0, i + 1).join('/')}' is not shown in the Explorer`);
    });
    const last = i === segments.length - 1;
    if (!last) {
      if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
      await page.waitForFunction(
        ([level, name]) => Array.from((globalThis as unknown as PageGlobal).document.querySelectorAll('.explorer-folders-view .monaco-list-row'))
          .some((r) => r.getAttribute('aria-level') === level && r.getAttribute('aria-label') === name && r.getAttribute('aria-expanded') === 'true'),
        [String(i + 1), segments[i]] as const, { timeout: timeoutMs, polling: 100 });
    } else {
      await row.click();
    }
  }
  const suffix = '/' + segments.map(encodeURIComponent).join('/');
  await page.waitForFunction(
    (sfx) => Array.from((globalThis as unknown as PageGlobal).document.querySelectorAll('.editor-instance .monaco-editor[data-uri]')).some((e) => (e.getAttribute('data-uri') ?? '').endsWith(sfx)),
    suffix, { timeout: timeoutMs, polling: 100 },
  ).catch(() => { throw new Error(`no editor opened for ${file}`); });
}

/** Opens the Problems panel (status-bar problems item, then Ctrl+Shift+M as fallback) and returns its locator. */
export async function openProblems(page: Page, timeoutMs: number) {
  const panel = page.locator('.markers-panel').first();
  const t0 = Date.now();
  for (let attempt = 0; !(await panel.isVisible()); attempt++) {
    if (Date.now() - t0 > timeoutMs) throw new Error('the Problems panel did not open');
    const status = page.locator('#status\\.problems').first();
    if (attempt % 2 === 0 && (await status.isVisible())) await status.click();
    else await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
  }
  return panel;
}

export async function uiCheck(opts: UiCheckOptions): Promise<UiCheckResult> {
  const t0 = Date.now();
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const remaining = () => Math.max(1000, timeoutMs - (Date.now() - t0));
  const log = opts.log ?? ((l: string) => process.stdout.write(`      [ui] ${l}\n`));
  const shot = path.join(artifactsDir(), opts.screenshot ?? `ui-${slug(opts.file)}.png`);
  const cs = opts.server ?? (await startCodeServer(opts.serverOptions));
  let browser: BrowserSession | undefined;
  let step = 'launching chromium';
  try {
    browser = await launchBrowser(cs);
    const { page } = browser;
    step = 'loading the workbench';
    await page.goto(cs.workbenchUrl({ folder: opts.workspace, extensionDevelopmentPath: opts.extensionDevelopmentPath }),
      { waitUntil: 'domcontentloaded', timeout: remaining() });
    await page.locator('.monaco-workbench').waitFor({ timeout: remaining() });
    log(`workbench up after ${Date.now() - t0} ms`);
    step = `opening ${opts.file} from the Explorer`;
    await openFromExplorer(page, opts.file, remaining());
    log(`${opts.file} open after ${Date.now() - t0} ms`);
    step = 'opening the Problems panel';
    await openProblems(page, remaining());
    step = `waiting for ${opts.expectText} in the Problems panel`;
    const [source, flags] = typeof opts.expectText === 'string'
      ? [opts.expectText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), ''] : [opts.expectText.source, opts.expectText.flags];
    await page.waitForFunction(([src, fl]) => {
      const panel = (globalThis as unknown as PageGlobal).document.querySelector('.markers-panel');
      return !!panel && new RegExp(src, fl).test(panel.innerText);
    }, [source, flags] as const, { timeout: remaining(), polling: 100 });
    log(`found ${opts.expectText} in Problems after ${Date.now() - t0} ms`);
    if (opts.expectSquiggle) {
      step = 'waiting for a squiggle in the editor';
      await page.locator('.editor-instance .monaco-editor :is(.squiggly-error, .squiggly-warning, .squiggly-info)').first()
        .waitFor({ state: 'attached', timeout: remaining() });
    }
    const problemsText = await page.locator('.markers-panel').first().innerText();
    await page.screenshot({ path: shot });
    return { screenshot: shot, problemsText, durationMs: Date.now() - t0 };
  } catch (e) {
    const saved = browser ? await browser.page.screenshot({ path: shot }).then(() => shot, () => undefined) : undefined;
    throw new UiCheckError(`UI check failed while ${step} (after ${Date.now() - t0} ms): ${(e as Error).message.split('\n')[0]}`
      + (saved ? `\nscreenshot: ${saved}` : '') + `\n--- code-server log ---\n${cs.logTail(15)}`, saved);
  } finally {
    await browser?.close();
    if (!opts.server) await cs.stop();
  }
}
