import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, launchChromium, openPage, screenshot } from './support/browser.js';
import { ROOT, startServe, type Served } from './support/serve.js';

const FAKE_CLAUDE = join(ROOT, 'test/fixtures/fake-claude.mjs');

interface Task {
  id: string;
  state: string;
  archivedAt?: string | null;
}

/**
 * Issue 18 "Scale": the list view with its sort, grouping and filters in the URL, bulk cancel and
 * bulk archive checked against the state table, and the Archived filter.
 */
describe('the task list view against switchboard serve', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let root: string;
  let running: Task;
  let finished: Task;
  const queued: Task[] = [];

  const get = async (id: string) => (await served.call<{ task: Task }>('tasks.get', { id })).task;
  const rows = () => page.locator('.list-row');
  const hash = () => page.evaluate(() => decodeURIComponent(location.hash));

  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'sb-e2e-list-')));
    // One agent at a time: the first task runs (and hangs), the rest wait in the queue.
    const config = { trustedRoots: [root], maxConcurrent: 1, agents: { claude: { command: FAKE_CLAUDE } } };
    [served, browser] = await Promise.all([startServe({ config }), launchChromium()]);
    const create = (prompt: string) => served.call<Task>('tasks.create', { projectDir: root, prompt, agent: 'claude' });
    running = await create('Keep the dev server warm\nhang');
    for (let i = 0; i < 60 && (await get(running.id)).state !== 'running'; i++) await new Promise((r) => setTimeout(r, 100));
    finished = await create('Old work that was already cancelled\nhang');
    await served.call('tasks.cancel', { id: finished.id });
    for (const p of ['Add pagination to the orders page', 'Fix the flaky login test', 'Document the release process', 'Upgrade the ORM']) queued.push(await create(`${p}\nhang`));
    ({ page, errors } = await openPage(browser));
  });

  afterAll(() => closeAll(browser, served, root));

  it('switches to the list, sorts and groups it, and keeps all of it in the URL across a reload', async () => {
    await page.goto(served.openUrl);
    await page.getByRole('status', { name: /Connection: Live/ }).waitFor();
    await page.locator('.card').first().waitFor();
    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'List' }).click();
    await expect.poll(() => rows().count()).toBe(6);
    expect(await hash()).toBe('#/tasks?view=list');

    await page.getByLabel('Sort by').selectOption('created');
    await page.getByLabel('Group by').selectOption('state');
    const headings = () => page.locator('.list-group').allTextContents();
    await expect.poll(headings).toEqual(['Queued 4', 'Running 1', 'Cancelled 1']);
    // Within a group, the chosen sort: newest created first.
    const titles = () => page.locator('.list-row .link-button').allTextContents();
    expect((await titles()).slice(0, 4)).toEqual(['Upgrade the ORM', 'Document the release process', 'Fix the flaky login test', 'Add pagination to the orders page']);

    await page.locator('#task-search').fill('the');
    await expect.poll(() => rows().count()).toBe(5);
    expect(await hash()).toBe('#/tasks?view=list&sort=created&group=state&q=the');

    await page.reload();
    await page.getByRole('status', { name: /Connection: Live/ }).waitFor();
    await expect.poll(() => rows().count()).toBe(5);
    expect(await page.locator('#task-search').inputValue()).toBe('the');
    expect(await page.getByLabel('Group by').inputValue()).toBe('state');
    expect(await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'List' }).getAttribute('aria-pressed')).toBe('true');
    await page.locator('#task-search').fill('');
    await expect.poll(() => rows().count()).toBe(6);
    expect(errors).toEqual([]);
  });

  it('selects with a click, a shift-click range and Ctrl+A, then cancels in bulk what the state table allows', async () => {
    await page.getByLabel('Group by').selectOption('none');
    const box = (t: string) => page.getByRole('checkbox', { name: `Select ${t}` });
    await box('Upgrade the ORM').click();
    await box('Fix the flaky login test').click({ modifiers: ['Shift'] });
    expect(await page.locator('.bulk-count').textContent()).toBe('3 selected');
    expect(await box('Document the release process').isChecked()).toBe(true);
    expect(await box('Add pagination to the orders page').isChecked()).toBe(false);

    await box('Upgrade the ORM').focus();
    await page.keyboard.press('Control+a');
    expect(await page.locator('.bulk-count').textContent()).toBe('6 selected');
    const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
    // Five can be cancelled (four queued, one running); the cancelled one cannot; none awaits review.
    expect(await bar.getByRole('button', { name: 'Cancel (5)' }).isEnabled()).toBe(true);
    expect(await bar.getByRole('button', { name: 'Approve (0)' }).isDisabled()).toBe(true);
    expect(await bar.getByRole('button', { name: 'Archive (1)' }).isEnabled()).toBe(true);

    await bar.getByRole('button', { name: 'Cancel (5)' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Confirm cancel' });
    expect(await confirm.locator('p').textContent()).toBe('Cancel 5 of the 6 selected tasks? 1 will be skipped: already finished.');
    await screenshot(page, 'list-bulk-confirm');
    await confirm.getByRole('button', { name: 'Cancel 5 tasks' }).click();
    await page.getByRole('status').filter({ hasText: 'cancelled' }).waitFor();
    expect(await page.locator('.bulk-result p').textContent()).toBe('5 cancelled, 1 skipped: already finished');
    for (const t of [running, ...queued]) await expect.poll(async () => (await get(t.id)).state, { timeout: 15_000 }).toBe('cancelled');
    expect(await page.locator('.bulk-count').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('archives in bulk: the tasks leave the list and the board, and the Archived filter brings them back', async () => {
    await expect.poll(() => page.locator('.list-row[data-state="cancelled"]').count()).toBe(6);
    await page.locator('.list-row').first().getByRole('checkbox').focus();
    await page.keyboard.press('Control+a');
    await page.getByRole('toolbar', { name: 'Bulk actions' }).getByRole('button', { name: 'Archive (6)' }).click();
    await page.getByRole('alertdialog', { name: 'Confirm archive' }).getByRole('button', { name: 'Archive 6 tasks' }).click();
    await page.getByRole('heading', { name: 'No tasks yet' }).waitFor();
    expect((await get(finished.id)).archivedAt).toBeTruthy();
    expect((await served.call<{ tasks: Task[] }>('tasks.list', {})).tasks).toEqual([]);

    await page.getByRole('button', { name: 'Archived', exact: true }).click();
    await expect.poll(() => rows().count()).toBe(6);
    expect(await hash()).toBe('#/tasks?view=list&sort=created&archived=1');
    await page.reload();
    await page.getByRole('status', { name: /Connection: Live/ }).waitFor();
    await expect.poll(() => rows().count()).toBe(6);
    expect(await page.getByRole('button', { name: 'Archived', exact: true }).getAttribute('aria-pressed')).toBe('true');

    // Unarchive one: it leaves the archive and is back on the board.
    await page.getByRole('checkbox', { name: 'Select Upgrade the ORM' }).click();
    await page.getByRole('toolbar', { name: 'Bulk actions' }).getByRole('button', { name: 'Unarchive (1)' }).click();
    await page.getByRole('alertdialog', { name: 'Confirm unarchive' }).getByRole('button', { name: 'Unarchive 1 task' }).click();
    await expect.poll(() => rows().count()).toBe(5);
    await page.getByRole('button', { name: 'Archived', exact: true }).click();
    await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Board' }).click();
    await page.locator('.card', { hasText: 'Upgrade the ORM' }).waitFor();
    expect(await page.locator('.card').count()).toBe(1);
    expect(await hash()).toBe('#/tasks?sort=created');
    expect(errors).toEqual([]);
  });
});
