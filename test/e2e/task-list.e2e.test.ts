import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, launchChromium, openPage, screenshot } from './support/browser.js';
import { gitProject } from './support/project.js';
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
  const hash = () => page.evaluate<string>('decodeURIComponent(location.hash)');

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

  it('rejects with feedback in one step (a fresh task runs with it) and duplicates a task into New Task', async () => {
    const project = gitProject(join(root, 'shop'));
    const first = await served.call<Task>('tasks.create', { projectDir: project, prompt: 'Add a pager\nwrite src/pager.ts export const SIZE = 10;\nsay Done.', agent: 'claude' });
    await expect.poll(async () => (await get(first.id)).state, { timeout: 20_000 }).toBe('awaiting_review');
    await page.evaluate(`location.hash = '#/review/${first.id}'`);
    await page.getByRole('button', { name: 'Reject…' }).click();
    const rerun = page.getByRole('button', { name: 'Reject and re-run with feedback' });
    expect(await rerun.isDisabled()).toBe(true); // the feedback is what the re-run is for
    await page.locator('#decision-text').fill('Use 25 a page.');
    await rerun.click();
    await page.getByText(/Running again with your feedback as dispatch-/).waitFor();
    expect((await get(first.id)).state).toBe('rejected');
    const { tasks } = await served.call<{ tasks: (Task & { prompt: string })[] }>('tasks.list', { projectDir: project });
    const fresh = tasks.find((t) => t.id !== first.id)!;
    expect(fresh.prompt).toBe(`Add a pager\nwrite src/pager.ts export const SIZE = 10;\nsay Done.\n\nA previous attempt (${first.id}) was rejected by the reviewer, who said:\nUse 25 a page.`);

    // Duplicate: New Task opens with the task's project, agent, prompt and time limit, and creates it again.
    await page.evaluate(`location.hash = '#/tasks/${first.id}'`);
    const pane = page.getByRole('complementary', { name: `Task ${first.id}` });
    await pane.getByRole('button', { name: 'Duplicate…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New task' });
    await dialog.waitFor();
    expect(await dialog.locator('#new-task-prompt').inputValue()).toBe('Add a pager\nwrite src/pager.ts export const SIZE = 10;\nsay Done.');
    const { ttlSeconds } = (await served.call<{ task: { ttlSeconds: number } }>('tasks.get', { id: first.id })).task;
    expect(await dialog.locator('#new-task-ttl').inputValue()).toBe(String(Math.round(ttlSeconds / 60)));
    await dialog.locator('#new-task-prompt').press('Control+Enter');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await served.call<{ tasks: Task[] }>('tasks.list', { projectDir: project })).tasks.length).toBe(3);
    expect(errors).toEqual([]);
  });

  it('fits 1440×900 and 1024×700, light and dark, grouped, with a selection and a task open (screenshots)', async () => {
    for (const p of ['Add a health check endpoint', 'Translate the settings page\nfail auth', 'Speed up the CSV export']) {
      await served.call<Task>('tasks.create', { projectDir: root, prompt: `${p}\nhang`, agent: 'claude' });
    }
    for (const scheme of ['dark', 'light'] as const) {
      for (const size of [{ width: 1440, height: 900 }, { width: 1024, height: 700 }]) {
        const { page: shot, errors: shotErrors } = await openPage(browser, scheme, [/\/api\/runs\.resize$/]);
        await shot.setViewportSize(size);
        await shot.goto(served.openUrl);
        await shot.getByRole('status', { name: /Connection: Live/ }).waitFor();
        await shot.evaluate("location.hash = '#/tasks?view=list&group=state'");
        await shot.locator('.list-group').first().waitFor();
        await shot.getByRole('checkbox', { name: 'Select Speed up the CSV export' }).click();
        await shot.getByRole('checkbox', { name: 'Select Upgrade the ORM' }).click();
        const name = `${size.width}x${size.height}-${scheme}`;
        expect(await shot.locator('.task-list').evaluate(fitsWidth), `the list scrolls sideways at ${name}`).toBe(true);
        await screenshot(shot, `list-view-${name}`);
        await shot.getByRole('button', { name: 'Add a health check endpoint' }).click();
        await shot.getByRole('complementary', { name: /^Task dispatch-/ }).waitFor();
        // The open task's pane sits beside the list, which keeps its titles and boxes in view.
        const pane = (await shot.locator('.detail').boundingBox())!;
        const list = (await shot.locator('.list-scroll').boundingBox())!;
        expect(list.x + list.width, `the pane covers the list at ${name}`).toBeLessThanOrEqual(pane.x + 1);
        expect(await shot.locator('.list-scroll').evaluate(fitsWidth), `the rows overflow beside the pane at ${name}`).toBe(true);
        expect((await shot.locator('.list-row .link-button').first().boundingBox())!.width, 'the title keeps its room').toBeGreaterThan(100);
        await screenshot(shot, `list-detail-${name}`);
        await shot.context().close();
        expect(shotErrors).toEqual([]);
      }
    }
  });
});

const fitsWidth = (el: unknown): boolean => {
  const e = el as { scrollWidth: number; clientWidth: number };
  return e.scrollWidth <= e.clientWidth + 1;
};
