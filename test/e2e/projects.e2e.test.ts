import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, launchChromium, openPage, screenshot } from './support/browser.js';
import { fitsWidth, LAYOUT_SIZES } from './support/layout.js';
import { gitProject } from './support/project.js';
import { ROOT, startServe, type Served } from './support/serve.js';

const FAKE_CLAUDE = join(ROOT, 'test/fixtures/fake-claude.mjs');

interface Task {
  id: string;
  state: string;
  projectId: number;
}
interface Project {
  id: number;
  name: string;
  settings: { applyMode: string; copyFiles: string[]; defaultAgent?: string; maxConcurrent?: number };
}

/**
 * Issue 18, "Projects in the UI": the sidebar's project list, a project's own board (in the URL, so
 * reload and back/forward keep it), its repository status, and its settings page saved for real.
 */
describe('projects in the UI against switchboard serve', () => {
  let served: Served;
  let browser: Browser;
  let root: string;
  let shop: string;
  let docs: string;
  let shopId: number;
  let docsId: number;

  const hash = (page: Page) => page.evaluate<string>('decodeURIComponent(location.hash)');
  const until = async (id: string, states: string[]) => {
    for (let i = 0; i < 300; i++) {
      const { task } = await served.call<{ task: Task }>('tasks.get', { id });
      if (states.includes(task.state)) return task;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${id} never reached ${states.join('/')}`);
  };

  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'sb-e2e-projects-')));
    shop = gitProject(join(root, 'webshop'));
    docs = gitProject(join(root, 'handbook'));
    // The shop's working tree is dirty: one file changed, two new.
    writeFileSync(join(shop, 'README.md'), '# project\nchanged\n');
    writeFileSync(join(shop, 'notes.txt'), 'todo\n');
    writeFileSync(join(shop, 'draft.md'), 'draft\n');
    writeFileSync(join(shop, 'switchboard.json'), JSON.stringify({ setup: 'npm ci', run: 'npm run dev', copyFiles: ['.env'], baseBranch: 'main' }, null, 2));
    [served, browser] = await Promise.all([
      startServe({ config: { trustedRoots: [root], maxConcurrent: 4, agents: { claude: { command: FAKE_CLAUDE } } } }),
      launchChromium(),
    ]);
    shopId = (await served.call<Project>('projects.add', { dir: shop, name: 'webshop' })).id;
    docsId = (await served.call<Project>('projects.add', { dir: docs, name: 'handbook' })).id;
    const create = (dir: string, prompt: string) => served.call<Task>('tasks.create', { projectDir: dir, prompt, agent: 'claude' });
    const review = await create(shop, 'Add pagination to the orders page\nwrite src/pages.ts export const PAGE_SIZE = 50;\nsay Done.');
    await create(shop, 'Keep the dev server warm\nhang');
    const failed = await create(shop, 'Fix the flaky login test\nfail auth');
    await create(docs, 'Document the release process\nhang');
    await until(review.id, ['awaiting_review']);
    await until(failed.id, ['failed']);
  });

  afterAll(() => closeAll(browser, served, root));

  it('lists every project with its counts, opens its board by keyboard, and keeps it across reload and back/forward', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(served.openUrl);
    await page.getByRole('status', { name: /Connection: Live/ }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Projects' });
    const shopItem = nav.getByRole('button', { name: /^webshop/ });
    // webshop: one running, one awaiting review; handbook: one running.
    await shopItem.getByLabel('1 active').waitFor();
    await shopItem.getByLabel('1 need you').waitFor();
    await nav.getByRole('button', { name: /^handbook/ }).getByLabel('1 active').waitFor();
    await page.locator('.card').first().waitFor();
    expect(await page.locator('.card').count()).toBe(4);

    // Keyboard: focus the project and press Enter.
    await shopItem.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => hash(page)).toBe(`#/tasks?project=${shopId}`);
    await expect.poll(() => page.locator('.card').count()).toBe(3);
    await page.getByRole('heading', { level: 1, name: 'webshop' }).waitFor();
    expect(await shopItem.getAttribute('aria-current')).toBe('page');

    await nav.getByRole('button', { name: /^handbook/ }).click();
    await expect.poll(() => hash(page)).toBe(`#/tasks?project=${docsId}`);
    await expect.poll(() => page.locator('.card').count()).toBe(1);

    await page.goBack();
    await expect.poll(() => hash(page)).toBe(`#/tasks?project=${shopId}`);
    await page.getByRole('heading', { level: 1, name: 'webshop' }).waitFor();
    await expect.poll(() => page.locator('.card').count()).toBe(3);
    await page.goForward();
    await page.getByRole('heading', { level: 1, name: 'handbook' }).waitFor();

    await page.reload();
    await page.getByRole('status', { name: /Connection: Live/ }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'handbook' }).waitFor();
    await expect.poll(() => page.locator('.card').count()).toBe(1);

    // Tasks in the main nav goes back to every project.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Tasks/ }).click();
    await expect.poll(() => hash(page)).toBe('#/tasks');
    await expect.poll(() => page.locator('.card').count()).toBe(4);
    await page.context().close();
    expect(errors).toEqual([]);
  });

  it('shows the repository status of a dirty repo, and reads it again when the window regains focus', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(served.openUrl);
    await page.getByRole('status', { name: /Connection: Live/ }).waitFor();
    await page.getByRole('navigation', { name: 'Projects' }).getByRole('button', { name: /^webshop/ }).click();
    const status = page.getByRole('region', { name: 'Project webshop' }).getByRole('group', { name: 'Repository status' });
    // README.md changed; notes.txt, draft.md and switchboard.json are new.
    await status.getByText('4 changed files').waitFor();
    expect(await status.locator('[data-fact=branch]').textContent()).toBe('branch main');
    expect(await status.locator('[data-fact=upstream]').textContent()).toBe('no upstream');

    execFileSync('git', ['add', '-A'], { cwd: shop });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'tidy'], { cwd: shop });
    await page.evaluate(`window.dispatchEvent(new Event('focus'))`);
    await status.locator('[data-fact=dirty]').getByText('clean').waitFor();
    writeFileSync(join(shop, 'notes.txt'), 'todo\nmore\n');
    await status.getByRole('button', { name: 'Refresh' }).click();
    await status.getByText('1 changed file').waitFor();
    await page.context().close();
    expect(errors).toEqual([]);
  });

  it('saves the project settings from its page, shows switchboard.json and what the app overrides', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(served.openUrl);
    await page.getByRole('status', { name: /Connection: Live/ }).waitFor();
    await page.getByRole('navigation', { name: 'Projects' }).getByRole('button', { name: /^webshop/ }).click();
    await page.getByRole('button', { name: 'Project settings' }).click();
    await expect.poll(() => hash(page)).toBe(`#/project/${shopId}`);
    const form = page.getByRole('form', { name: 'Settings of webshop' });
    await form.waitFor();
    const file = page.getByRole('table', { name: 'switchboard.json values' });
    expect(await file.locator('tr[data-key=setup] td').textContent()).toBe('npm ci');
    expect(await file.locator('tr[data-key=run] td').textContent()).toBe('npm run dev');
    expect(await file.locator('tr[data-key=teardown] td').textContent()).toBe('not set');
    await page.getByText(join(shop, 'switchboard.json')).waitFor();

    // A bad limit is refused by its field and nothing is sent.
    await form.getByLabel('Tasks at once').fill('0');
    await page.getByRole('region', { name: 'Save project settings' }).getByRole('button', { name: 'Save' }).click();
    await form.getByText('a whole number from 1 to 64').waitFor();
    expect((await served.call<Project[]>('projects.list', {})).find((p) => p.id === shopId)?.settings.maxConcurrent).toBeUndefined();

    await form.getByLabel('Tasks at once').fill('2');
    await form.getByRole('radio', { name: /Commit it/ }).check();
    await form.getByRole('button', { name: 'Add file' }).click();
    await form.getByRole('textbox', { name: 'file 1' }).fill('.env.local');
    await form.locator('#project-default-agent').selectOption('claude');
    await page.getByRole('region', { name: 'Save project settings' }).getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved. New tasks of webshop use these settings.').waitFor();
    const saved = (await served.call<Project[]>('projects.list', {})).find((p) => p.id === shopId)!;
    expect(saved.settings).toEqual({ applyMode: 'commit', copyFiles: ['.env.local'], defaultAgent: 'claude', maxConcurrent: 2 });
    // The app's copyFiles now replaces the file's.
    await file.locator('tr[data-key=copyFiles]').getByText(/Overridden by this app/).waitFor();

    // A reload keeps the page and shows what was saved.
    await page.reload();
    await page.getByRole('status', { name: /Connection: Live/ }).waitFor();
    await expect.poll(() => form.getByLabel('Tasks at once').inputValue()).toBe('2');
    expect(await form.getByRole('textbox', { name: 'file 1' }).inputValue()).toBe('.env.local');
    await page.context().close();
    expect(errors).toEqual([]);
  });

  for (const scheme of ['dark', 'light'] as const) {
    for (const size of LAYOUT_SIZES) {
      const name = `${size.width}x${size.height}-${scheme}`;
      it(`project board, list with detail, and settings at ${name}`, async () => {
        const { page, errors } = await openPage(browser, scheme, [/\/api\/runs\.resize$/]);
        await page.setViewportSize(size);
        await page.goto(served.openUrl);
        await page.getByRole('status', { name: /Connection: Live/ }).waitFor();
        await page.getByRole('navigation', { name: 'Projects' }).getByRole('button', { name: /^webshop/ }).click();
        await page.getByRole('group', { name: 'Repository status' }).locator('[data-fact=dirty]').waitFor();
        await page.locator('.card').first().waitFor();
        expect(await page.locator('.board').evaluate(fitsWidth), 'the board scrolls sideways').toBe(true);
        await screenshot(page, `project-board-${name}`);

        await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'List' }).click();
        await page.locator('.list-row .link-button').first().click();
        await page.getByRole('complementary', { name: /^Task dispatch-/ }).waitFor();
        const head = page.locator('.list-head');
        expect(await head.evaluate(fitsWidth), 'the list header overflows').toBe(true);
        // The header is one line beside the pane (it wrapped to two at 1024 px), with its pickers whole.
        expect((await head.boundingBox())!.height, 'the list header wraps').toBeLessThan(48);
        // Each picker is as wide as its text: nothing clipped.
        for (const pick of await head.locator('select').all()) expect(await pick.evaluate(textFits), await pick.inputValue()).toBe(true);
        await screenshot(page, `project-list-detail-${name}`);
        await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Board' }).click();

        await page.evaluate(`location.hash = '#/project/${shopId}'`);
        await page.getByRole('form', { name: 'Settings of webshop' }).waitFor();
        await page.getByRole('table', { name: 'switchboard.json values' }).waitFor();
        expect(await page.locator('.page-scroll').evaluate(fitsWidth), 'the project page scrolls sideways').toBe(true);
        await screenshot(page, `project-settings-${name}`);
        await page.getByRole('table', { name: 'switchboard.json values' }).scrollIntoViewIfNeeded();
        await screenshot(page, `project-sbfile-${name}`);
        await page.context().close();
        expect(errors).toEqual([]);
      });
    }
  }
});

/** A select is at least as wide as its chosen option's text (plus its arrow). */
const textFits = (el: unknown): boolean => {
  interface Doc {
    createElement(t: 'canvas'): { getContext(k: '2d'): { font: string; measureText(t: string): { width: number } } };
    defaultView: { getComputedStyle(e: unknown): { font: string } };
  }
  const select = el as { selectedOptions: { text: string }[]; clientWidth: number; ownerDocument: Doc };
  const ctx = select.ownerDocument.createElement('canvas').getContext('2d');
  ctx.font = select.ownerDocument.defaultView.getComputedStyle(el).font;
  return ctx.measureText(select.selectedOptions[0].text).width + 24 <= select.clientWidth;
};
