import { existsSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, launchChromium, openApp, screenshot } from './support/browser.js';
import { GROUP_AGENTS } from './support/group-agents.js';
import { gitProject } from './support/project.js';
import { startServe, type Served } from './support/serve.js';

interface Task {
  id: string;
  state: string;
  groupId?: string | null;
  meta: Record<string, unknown>;
}

// Issue 17: a best-of-N group from the New Task dialog, compared side by side, a winner picked by key.
describe('best-of-N in the UI', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let root: string;
  let shop: string;
  let two: string;

  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'sb-e2e-group-')));
    [served, browser] = await Promise.all([startServe({ config: { trustedRoots: [root], maxConcurrent: 3, agents: GROUP_AGENTS } }), launchChromium()]);
    // Projects first: the page reads them as it opens.
    shop = gitProject(join(root, 'shop'));
    two = gitProject(join(root, 'two'));
    await served.call('projects.add', { dir: shop, name: 'shop' });
    await served.call('projects.add', { dir: two, name: 'two' });
    ({ page, errors } = await openApp(browser, served, [/\/api\/runs\.resize$/]));
  });

  afterAll(() => closeAll(browser, served, root));

  const group = async (id: string): Promise<Task[]> => {
    const { members } = await served.call<{ members: { task: Task }[] }>('groups.compare', { id });
    return members.map((m) => m.task);
  };

  it('creates a group in New Task, compares the three answers, and picks the winner with the keyboard', async () => {
    const project = shop;
    await page.keyboard.press('Control+n');
    const dialog = page.getByRole('dialog', { name: 'New task' });
    await dialog.getByLabel('Project').selectOption({ label: `shop — ${shop}` });
    await dialog.getByLabel('Prompt').fill('Answer the question\nsay Here is my answer');
    await expect.poll(() => dialog.getByLabel('Agent').locator('option', { hasText: 'alpha' }).count(), { timeout: 20_000 }).toBe(1);
    await dialog.getByLabel('Agent').selectOption('alpha');
    const also = dialog.getByRole('group', { name: 'Best of N: also run with' });
    // The first agent is not offered again.
    expect(await also.getByRole('checkbox').count()).toBe(2);
    await also.getByRole('checkbox', { name: 'beta' }).check();
    await also.getByRole('checkbox', { name: 'gamma' }).check();
    await screenshot(page, 'best-of-n-new-task');
    await dialog.getByRole('button', { name: 'Create 3 tasks' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The dialog opens the group's comparison, which fills in as the agents finish.
    const compare = page.getByRole('region', { name: /^Compare group dispatch-/ });
    await compare.getByText('3 of 3 ready').waitFor({ timeout: 60_000 });
    const groupId = (await compare.getAttribute('aria-label'))!.replace('Compare group ', '');
    const rows = compare.getByRole('table', { name: 'Siblings' }).getByRole('row');
    expect(await rows.count()).toBe(4);
    for (const agent of ['alpha', 'beta', 'gamma']) await compare.getByRole('rowheader', { name: agent }).waitFor();
    // Every row shows the usage its agent reported (the fake claude reports tokens and cost).
    expect(await rows.nth(1).textContent()).toMatch(/\d+ \/ \d+\$\d/);

    const files = compare.getByRole('list', { name: 'Files the siblings changed' });
    await files.getByRole('button', { name: /answer\.txt/ }).click();
    const diffs = compare.getByRole('group', { name: 'answer.txt in each sibling' });
    for (const [agent, text] of [['alpha', 'alpha says 1'], ['beta', 'beta says 2'], ['gamma', 'gamma says 3']]) {
      await diffs.getByRole('region', { name: `answer.txt by ${agent}` }).getByText(text).waitFor();
    }
    expect(await files.getByRole('button', { name: /only-alpha\.txt.*only alpha/ }).count()).toBe(1);
    await screenshot(page, 'best-of-n-compare');

    // Key 2 picks beta; Enter on the focused Approve applies it.
    await page.keyboard.press('2');
    const approve = compare.getByRole('button', { name: 'Approve beta' });
    await expect.poll(() => approve.evaluate((el: { ownerDocument: { activeElement: unknown } }) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await compare.getByRole('status').filter({ hasText: /^Applied beta: 2 files written; 2 others superseded\./ }).waitFor({ timeout: 20_000 });

    expect(readFileSync(join(project, 'answer.txt'), 'utf8')).toBe('beta says 2');
    expect(existsSync(join(project, 'only-beta.txt'))).toBe(true);
    expect(existsSync(join(project, 'only-alpha.txt'))).toBe(false);
    const tasks = await group(groupId);
    const beta = tasks.find((t) => t.id.endsWith('.beta'))!;
    expect(tasks.map((t) => [t.state, t.meta.supersededBy ?? null])).toEqual([
      ['rejected', beta.id],
      ['applied', null],
      ['rejected', beta.id],
    ]);
    // The table says so too.
    await compare.getByRole('row').filter({ hasText: 'alpha' }).getByText(/by beta/).waitFor();
  }, 120_000);

  it('takes one file from another sibling in the same approval', async () => {
    const project = two;
    const first = await served.call<Task>('tasks.create', { projectDir: project, prompt: 'Answer again\nsay done', agents: ['alpha', 'beta'] });
    await page.evaluate(`location.hash = '#/compare/${first.id}'`);
    const compare = page.getByRole('region', { name: `Compare group ${first.groupId}` });
    await compare.getByText('2 of 2 ready').waitFor({ timeout: 60_000 });
    await page.keyboard.press('1');
    await compare.getByRole('button', { name: 'Approve alpha' }).waitFor();
    await compare.getByRole('list', { name: 'Files the siblings changed' }).getByRole('button', { name: /only-beta\.txt/ }).click();
    await compare.getByRole('region', { name: 'only-beta.txt by beta' }).getByRole('button', { name: 'Use beta’s version' }).click();
    const approve = compare.getByRole('button', { name: 'Approve 3 files from 2 agents' });
    await approve.click();
    await compare.getByRole('status').filter({ hasText: /^Applied 3 files from 2 agents: 3 files written\./ }).waitFor({ timeout: 20_000 });
    expect(readFileSync(join(project, 'answer.txt'), 'utf8')).toBe('alpha says 1');
    expect(readFileSync(join(project, 'only-alpha.txt'), 'utf8')).toBe('from alpha');
    expect(readFileSync(join(project, 'only-beta.txt'), 'utf8')).toBe('from beta');
    expect((await group(first.id)).map((t) => t.state)).toEqual(['applied', 'applied']);
  }, 120_000);

  it('raised no error in the page', () => {
    expect(errors).toEqual([]);
  });
});
