import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, launchChromium, openPage, screenshot } from './support/browser.js';
import { GROUP_AGENTS } from './support/group-agents.js';
import { fitsWidth, LAYOUT_SIZES } from './support/layout.js';
import { gitProject } from './support/project.js';
import { ROOT, startServe, type Served } from './support/serve.js';

const FAKE_CLAUDE = join(ROOT, 'test/fixtures/fake-claude.mjs');

interface Task {
  id: string;
  state: string;
  groupId?: string | null;
}

/**
 * Issue 18, bug 11: at 1024 px the board scrolled sideways and the detail pane covered the Review,
 * Done and Failed columns. Board, detail and review at both sizes, light and dark, with a task in
 * most states; the screenshots land in test/e2e/screenshots for a person to look at.
 */
describe('the layout at 1440×900 and 1024×700, light and dark', () => {
  let served: Served;
  let browser: Browser;
  let root: string;
  let review: Task;
  let group: Task;

  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'sb-e2e-layout-')));
    const project = gitProject(join(root, 'webshop'));
    [served, browser] = await Promise.all([
      startServe({ config: { trustedRoots: [root], maxConcurrent: 4, agents: { claude: { command: FAKE_CLAUDE }, ...GROUP_AGENTS } } }),
      launchChromium(),
    ]);
    await served.call('projects.add', { dir: project, name: 'webshop' });
    const create = (prompt: string) => served.call<Task>('tasks.create', { projectDir: project, prompt, agent: 'claude' });
    review = await create('Add pagination to the orders page\nwrite src/pages.ts export const PAGE_SIZE = 50;\nwrite docs/paging.md Orders are paged, 50 a page.\nedit src/app.ts return a + b; => return a - b; // subtracts now\nsay Done: orders are paged.');
    const failed = await create('Fix the flaky login test\nfail auth');
    const cancelled = await create('Refactor the config loader\nhang');
    await create('Keep the dev server warm\nhang');
    await create('Document the release process\nsay nothing to change');
    const until = async (id: string, states: string[]) => {
      for (let i = 0; i < 300; i++) {
        const { task } = await served.call<{ task: Task }>('tasks.get', { id });
        if (states.includes(task.state)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`${id} never reached ${states.join('/')}`);
    };
    await until(review.id, ['awaiting_review']);
    await until(failed.id, ['failed']);
    await until(cancelled.id, ['running']);
    await served.call('tasks.cancel', { id: cancelled.id });
    // A best-of-N group of three, for Compare.
    group = await served.call<Task>('tasks.create', { projectDir: project, prompt: 'Answer the question\nsay Here is my answer', agents: ['alpha', 'beta', 'gamma'] });
    for (const agent of ['', '.beta', '.gamma']) await until(`${group.id}${agent}`, ['awaiting_review']);
    await create('Upgrade the ORM\nsay queued behind the others');
  });

  afterAll(() => closeAll(browser, served, root));

  for (const scheme of ['dark', 'light'] as const) {
    for (const size of LAYOUT_SIZES) {
      const name = `${size.width}x${size.height}-${scheme}`;
      it(`board, detail and review at ${name}`, async () => {
        const { page, errors } = await openPage(browser, scheme, [/\/api\/runs\.resize$/]);
        await page.setViewportSize(size);
        await page.goto(served.openUrl);
        await page.getByRole('status', { name: /Connection: Live/ }).waitFor();
        await page.locator('.card').first().waitFor();

        const board = page.locator('.board');
        expect(await board.evaluate(fitsWidth), 'the board scrolls sideways').toBe(true);
        await screenshot(page, `layout-board-${name}`);

        await page.locator('.card', { hasText: 'Add pagination' }).click();
        const pane = page.getByRole('complementary', { name: /^Task dispatch-/ });
        await pane.waitFor();
        await noColumnUnder(page);
        await screenshot(page, `layout-detail-${name}`);

        await pane.getByRole('button', { name: 'Review changes' }).click();
        await page.getByRole('heading', { name: 'Review' }).waitFor();
        // The review opens on the first file the tree lists (docs/ before src/).
        await page.locator('.diff-path', { hasText: 'docs/paging.md' }).waitFor();
        await page.getByText('Orders are paged, 50 a page.').waitFor();
        await screenshot(page, `layout-review-${name}`);
        // A modified line: the changed words are marked within it (issue 18, diffs on a par with GitHub).
        await page.getByRole('navigation', { name: 'Changed files' }).getByRole('button', { name: 'app.ts' }).click();
        await page.locator('.diff-code-insert .diff-code-edit').first().waitFor();
        expect(await page.locator('.review-diff').evaluate(fitsWidth), 'the diff scrolls sideways').toBe(true);
        await screenshot(page, `layout-review-words-${name}`);

        // Needs you, the command palette and the shortcut sheet (issue 18).
        await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Needs you/ }).click();
        await page.getByRole('region', { name: /^Ready for review/ }).waitFor();
        expect(await page.locator('.page-scroll').evaluate(fitsWidth), 'Needs you scrolls sideways').toBe(true);
        await screenshot(page, `layout-inbox-${name}`);
        await page.keyboard.press('Control+k');
        await page.getByRole('dialog', { name: 'Command palette' }).getByRole('option').first().waitFor();
        await screenshot(page, `layout-palette-${name}`);
        await page.keyboard.press('Escape');
        await page.keyboard.press('?');
        await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
        await screenshot(page, `layout-shortcuts-${name}`);
        await page.keyboard.press('Escape');

        // Compare: the group's three siblings, one file across them, a winner picked.
        await page.evaluate(`location.hash = '#/compare/${group.id}'`);
        const compare = page.getByRole('region', { name: `Compare group ${group.id}` });
        await compare.getByText('3 of 3 ready').waitFor();
        await compare.getByRole('region', { name: 'answer.txt by gamma' }).getByText('gamma says 3').waitFor();
        await page.keyboard.press('2');
        await compare.getByRole('button', { name: 'Approve beta' }).waitFor();
        expect(await page.locator('.main').evaluate(fitsWidth), 'compare scrolls sideways').toBe(true);
        await screenshot(page, `layout-compare-${name}`);

        // New Task with agents ticked for a group.
        await page.keyboard.press('Control+n');
        const dialog = page.getByRole('dialog', { name: 'New task' });
        await dialog.getByLabel('Agent').selectOption('alpha');
        await dialog.getByRole('checkbox', { name: 'beta' }).check();
        await screenshot(page, `layout-new-group-${name}`);
        await page.keyboard.press('Escape');
        await page.context().close();
        expect(errors).toEqual([]);
      });
    }
  }
});

/** Every board column is fully beside the open detail pane, none under it. */
async function noColumnUnder(page: Page): Promise<void> {
  const detail = (await page.locator('.detail').boundingBox())!;
  for (const col of await page.locator('.column').all()) {
    const box = (await col.boundingBox())!;
    expect(box.x + box.width, `column ${await col.locator('.column-head').textContent()}`).toBeLessThanOrEqual(detail.x + 1);
  }
}
