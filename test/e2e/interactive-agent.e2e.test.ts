import { mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, launchChromium, openApp, screenshot } from './support/browser.js';
import { gitProject, listFiles } from './support/project.js';
import { ROOT, startServe, type Served } from './support/serve.js';

const FAKE_TUI = join(ROOT, 'test/fixtures/fake-tui.mjs');

// Issue 11: an interactive agent's own TUI in the task's terminal; the person types to it and presses Done.
describe('an interactive agent in the browser', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let root: string;
  let project: string;

  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'sb-e2e-tui-')));
    project = gitProject(join(root, 'notes'));
    const config = {
      trustedRoots: [root],
      defaultAgent: 'tui',
      agents: { tui: { transport: 'pty', command: process.execPath, args: [FAKE_TUI], versionArgs: [], interactive: true, quitInput: '/exit\r' } },
    };
    [served, browser] = await Promise.all([startServe({ config }), launchChromium()]);
    await served.call('projects.add', { dir: project, name: 'notes' });
    ({ page, errors } = await openApp(browser, served, [/\/api\/runs\.resize$/]));
  });

  afterAll(() => closeAll(browser, served, root));

  it('types into the TUI, presses Done, and reviews what it wrote', async () => {
    await page.keyboard.press('Control+n');
    const dialog = page.getByRole('dialog', { name: 'New task' });
    await dialog.getByLabel('Prompt').fill('write from-prompt.txt the prompt ran');
    await dialog.getByRole('button', { name: 'Create task' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const pane = page.getByRole('complementary', { name: /^Task dispatch-/ });
    await pane.getByRole('tab', { name: 'Terminal' }).click();
    const terminal = pane.locator('.terminal-host .xterm-rows');
    await expect.poll(() => terminal.textContent(), { timeout: 20_000 }).toContain('wrote from-prompt.txt');
    const done = pane.getByRole('button', { name: 'Done', exact: true });
    await done.waitFor({ timeout: 20_000 });

    // Typed straight into the terminal, as into any TUI.
    await pane.locator('.xterm-screen').click();
    await page.keyboard.type('write typed.txt typed in the browser');
    await page.keyboard.press('Enter');
    await expect.poll(() => terminal.textContent(), { timeout: 20_000 }).toContain('wrote typed.txt');
    expect(await pane.locator('.detail-head .badge').textContent()).toMatch(/running/i);
    await screenshot(page, 'interactive-running');

    await done.click();
    await expect.poll(() => terminal.textContent(), { timeout: 20_000 }).toContain('bye');
    await pane.getByRole('button', { name: 'Review changes' }).click({ timeout: 30_000 });
    const review = page.getByRole('region', { name: /^Review of dispatch-/ });
    const tree = review.getByRole('navigation', { name: 'Changed files' });
    await tree.getByRole('button', { name: 'typed.txt' }).waitFor();
    await tree.getByRole('button', { name: 'from-prompt.txt' }).waitFor();
    await screenshot(page, 'interactive-review');
    const before = listFiles(project);
    await review.getByRole('button', { name: /^Approve/ }).click();
    await review.getByRole('status').filter({ hasText: /Applied/ }).waitFor();
    expect(readFileSync(join(project, 'typed.txt'), 'utf8')).toBe('typed in the browser\n');
    expect(listFiles(project)).toEqual([...before, 'from-prompt.txt', 'typed.txt'].sort());
  });

  it('raised no error in the page', () => {
    expect(errors).toEqual([]);
  });
});
