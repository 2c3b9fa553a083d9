import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, openApp, closeAll } from './support/browser.js';
import { gitProject } from './support/project.js';
import { ROOT, startServe, type Served } from './support/serve.js';

const FAKE_CLAUDE = join(ROOT, 'test/fixtures/fake-claude.mjs');

// Issue #7: the task's terminal offers search (xterm's search addon) over the replayed output.
describe('searching a task’s terminal', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let root: string;

  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'sb-e2e-search-')));
    const project = gitProject(join(root, 'shop'));
    [served, browser] = await Promise.all([startServe({ config: { trustedRoots: [root], agents: { claude: { command: FAKE_CLAUDE } } } }), launchChromium()]);
    await served.call('projects.add', { dir: project, name: 'shop' });
    ({ page, errors } = await openApp(browser, served, [/\/api\/runs\.resize$/]));
  });

  afterAll(() => closeAll(browser, served, root));

  it('finds text in the output, selects it, and says when something is not there', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => `say filler line ${i + 1}`);
    await page.keyboard.press('Control+n');
    const dialog = page.getByRole('dialog', { name: 'New task' });
    await dialog.getByLabel('Prompt').fill(['say The marker zebra-quartz is early', ...lines, 'say All done'].join('\n'));
    await dialog.getByRole('button', { name: 'Create task' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const pane = page.getByRole('complementary', { name: /^Task dispatch-/ });
    await pane.getByRole('tab', { name: 'Terminal' }).click();
    const terminal = pane.locator('.terminal-host .xterm-rows');
    await expect.poll(() => terminal.textContent(), { timeout: 20_000 }).toContain('All done');
    const selection = () => pane.locator('.terminal-host').evaluate((el) => (el as unknown as { xterm: { getSelection(): string } }).xterm.getSelection());
    expect(await selection()).toBe('');
    // The marker has scrolled out of the visible rows under the filler.
    expect(await terminal.textContent()).not.toContain('zebra-quartz');

    const search = pane.getByRole('searchbox', { name: 'Search the terminal output' });
    await search.fill('zebra-quartz');
    await search.press('Enter');
    await expect.poll(selection).toBe('zebra-quartz');
    // The match is scrolled into view.
    await expect.poll(() => terminal.textContent()).toContain('zebra-quartz');
    expect(await pane.getByRole('status').filter({ hasText: 'is not in the output' }).count()).toBe(0);
    await screenshot(page, 'terminal-search');

    await search.fill('no-such-words-here');
    await pane.getByRole('button', { name: 'Next match' }).click();
    await pane.getByRole('status').filter({ hasText: '“no-such-words-here” is not in the output' }).waitFor();
  });

  it('raised no error in the page', () => {
    expect(errors).toEqual([]);
  });
});
