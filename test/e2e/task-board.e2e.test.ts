import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, screenshot, closeAll } from './support/browser.js';
import { ROOT, startServe, type Served } from './support/serve.js';

const FAKE_CLAUDE = join(ROOT, 'test/fixtures/fake-claude.mjs');

interface Task {
  id: string;
  state: string;
}

describe('the task board against switchboard serve', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let project: string;

  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), 'sb-e2e-project-'));
    // One agent at a time, so the first task runs (and hangs) while the others wait in the queue.
    const config = { trustedRoots: [realpathSync(tmpdir())], maxConcurrent: 1, agents: { claude: { command: FAKE_CLAUDE } } };
    [served, browser] = await Promise.all([startServe({ config }), launchChromium()]);
    ({ page, errors } = await openPage(browser));
  });

  afterAll(() => closeAll(browser, served, project));

  it('opens the printed URL into the app, keeps the token out of the address bar and goes live', async () => {
    await page.goto(served.openUrl);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(page.url()).not.toContain('token=');
    expect(await page.evaluate(() => sessionStorage.getItem('switchboard.token'))).toBe(served.token);
    await page.getByRole('status', { name: /Connection: Live/ }).waitFor();
    await page.getByRole('heading', { name: 'No tasks yet' }).waitFor();
    for (const name of ['Tasks', 'Review', 'Agents', 'Settings']) {
      expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).count()).toBe(1);
    }
    await screenshot(page, 'tasks-empty');
  });

  it('shows a task created through the API live, without a reload, and moves it as it runs', async () => {
    const task = await served.call<Task>('tasks.create', { projectDir: project, prompt: 'Add a health check endpoint to the API server\nhang', agent: 'claude' });
    const card = page.locator(`[data-task-id="${task.id}"]`);
    await card.waitFor();
    await expect.poll(() => card.getAttribute('data-column'), { timeout: 15_000 }).toBe('running');
    expect(await page.locator('#column-running .column-count').textContent()).toBe('1');
    expect(await page.getByRole('listbox', { name: /Running/ }).getByRole('option').count()).toBe(1);

    for (const [i, prompt] of ['Fix the flaky login test\nIt fails one run in ten.', 'Update the README with the new setup steps', 'Refactor the config loader'].entries()) {
      await served.call('tasks.create', { projectDir: project, prompt, agent: i === 1 ? 'codex' : 'claude', priority: i });
    }
    await expect.poll(() => page.locator('#column-queued .column-count').textContent()).toBe('3');
    await screenshot(page, 'tasks-board');
  });

  it('moves a task between columns when the core changes it (cancel from the detail pane)', async () => {
    const { tasks } = await served.call<{ tasks: (Task & { prompt: string })[] }>('tasks.list', {});
    const target = tasks.find((t) => t.prompt.startsWith('Update the README'))!;
    await page.locator(`[data-task-id="${target.id}"]`).click();
    const pane = page.getByRole('complementary', { name: `Task ${target.id}` });
    await pane.getByRole('heading', { name: 'Update the README with the new setup steps' }).waitFor();
    expect(page.url()).toContain(`#/tasks/${target.id}`);
    await screenshot(page, 'task-detail');

    await pane.getByRole('button', { name: 'Cancel task' }).click();
    await expect.poll(() => page.locator(`[data-task-id="${target.id}"]`).getAttribute('data-column')).toBe('done');
    await pane.getByRole('button', { name: 'Retry', exact: true }).waitFor();
    // The totals follow the task event and the app.status event, which may arrive apart.
    await expect.poll(() => page.locator('#column-done .column-count').textContent()).toBe('1');
    await expect.poll(() => page.locator('#column-queued .column-count').textContent()).toBe('2');
    await page.keyboard.press('Escape');
    await pane.waitFor({ state: 'detached' });
  });

  it('navigates the board with the keyboard and filters it by search', async () => {
    const queued = page.getByRole('listbox', { name: /Queued/ }).getByRole('option');
    await queued.first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await queued.nth(1).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowRight');
    const selected = page.locator('.card[aria-selected="true"]');
    expect(await selected.getAttribute('data-column')).toBe('running');
    await page.keyboard.press('l');
    expect(await selected.getAttribute('data-column')).toBe('done');
    await page.keyboard.press('Enter');
    await page.getByRole('complementary', { name: /^Task dispatch-/ }).waitFor();
    await page.keyboard.press('Escape');

    await page.keyboard.press('/');
    await page.keyboard.type('flaky');
    await expect.poll(() => page.locator('.card').count()).toBe(1);
    expect(await page.locator('.card .card-title').textContent()).toBe('Fix the flaky login test');
    await page.getByRole('searchbox', { name: 'Search tasks' }).fill('no such task');
    await page.getByRole('heading', { name: 'No task matches these filters' }).waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.locator('.card').count()).toBe(4);
  });

  it('raised no error in the page', () => {
    expect(errors).toEqual([]);
  });
});
