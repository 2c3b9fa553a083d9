import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT, type Served } from './serve.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test/e2e/screenshots');

/** Debian's Chromium, headless, with the flags TOOLCHAIN.md lists for this machine. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with \`apt-get install -y chromium\` (.ci/run does)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A page with the app's size and colour scheme, failing the test on any uncaught page error. */
export async function openPage(
  browser: Browser,
  colorScheme: 'dark' | 'light' = 'dark',
  /** URLs a test expects to fail (e.g. with a wrong token). */
  expectedFailures: RegExp[] = [],
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 860 }, colorScheme, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Failed requests are reported with their URL below.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !expectedFailures.some((re) => re.test(r.url()))) errors.push(`HTTP ${r.status()} for ${r.request().method()} ${r.url()}`);
  });
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * Opens the served app in a fresh page and waits until its event socket is live. `prepare` runs before
 * the page navigates (e.g. to record its traffic). Return its route promises: they are awaited before
 * the page loads, or on a loaded machine the page's first requests and socket can pass unrouted.
 */
export async function openApp(
  browser: Browser,
  served: Served,
  expectedFailures: RegExp[] = [],
  prepare?: (page: Page) => void | Promise<unknown>,
): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser, 'dark', expectedFailures);
  await prepare?.(opened.page);
  await opened.page.goto(served.openUrl);
  await opened.page.getByRole('status', { name: /Connection: Live/ }).waitFor();
  return opened;
}

/** Closes whatever a file's beforeAll got as far as opening, then removes its temp folders. */
export async function closeAll(browser: Browser | undefined, served: Served | undefined, ...dirs: (string | undefined)[]): Promise<void> {
  await browser?.close();
  await served?.stop();
  for (const dir of dirs) if (dir) rmSync(dir, { recursive: true, force: true });
}
