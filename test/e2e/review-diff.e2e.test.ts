import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, openApp, closeAll } from './support/browser.js';
import { gitProject } from './support/project.js';
import { ROOT, startServe, type Served } from './support/serve.js';

const FAKE_CLAUDE = join(ROOT, 'test/fixtures/fake-claude.mjs');
const bigFile = `${Array.from({ length: 450 }, (_, i) => `export const generated${i} = ${i};`).join('\n')}\n`;

// Issue 18, diffs on a par with GitHub: "Viewed" per file survives a reload; a large file stays
// collapsed (not drawn) until asked; folders and the tree pane fold.
describe('the review diff: viewed files, collapsed large files, folding', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let root: string;
  let taskId: string;

  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'sb-e2e-diff-')));
    const project = gitProject(join(root, 'shop'));
    [served, browser] = await Promise.all([startServe({ config: { trustedRoots: [root], agents: { claude: { command: FAKE_CLAUDE } } } }), launchChromium()]);
    await served.call('projects.add', { dir: project, name: 'shop' });
    const task = await served.call<{ id: string }>('tasks.create', {
      projectDir: project,
      prompt: `write src/small.ts export const total = computeFaster(1, 'new value');\nwrite src/big.ts <<END\n${bigFile}END\nsay Two files`,
    });
    taskId = task.id;
    for (let t = Date.now(); (await served.call<{ task: { state: string } }>('tasks.get', { id: taskId })).task.state !== 'awaiting_review'; ) {
      if (Date.now() - t > 60_000) throw new Error(`task ${taskId} did not reach review`);
      await new Promise((r) => setTimeout(r, 250));
    }
    ({ page, errors } = await openApp(browser, served, [/\/api\/runs\.resize$/]));
  });

  afterAll(() => closeAll(browser, served, root));

  const openReview = async () => {
    await page.evaluate(`location.hash = "#/review/${taskId}"`);
    const review = page.getByRole('region', { name: `Review of ${taskId}` });
    await review.getByRole('navigation', { name: 'Changed files' }).waitFor();
    return review;
  };

  it('keeps a large file collapsed until asked, then shows its diff', async () => {
    const review = await openReview();
    const tree = review.getByRole('navigation', { name: 'Changed files' });
    await tree.getByRole('button', { name: 'big.ts' }).click();
    const collapsed = review.locator('.diff-collapsed');
    await collapsed.filter({ hasText: 'Large diff: 450 changed lines' }).waitFor();
    expect(await review.locator('.file-diff .diff-line').count()).toBe(0);
    await screenshot(page, 'review-large-collapsed');
    await collapsed.getByRole('button', { name: 'Show diff' }).click();
    await review.locator('.file-diff[data-path="src/big.ts"] .diff-line').first().waitFor();
    await expect.poll(() => review.locator('.file-diff .diff-line').count()).toBeGreaterThan(50);
    expect(await collapsed.count()).toBe(0);
  });

  it('remembers a file marked Viewed across a reload, folds its diff, and counts it in the tree', async () => {
    let review = await openReview();
    let tree = review.getByRole('navigation', { name: 'Changed files' });
    await tree.getByRole('button', { name: 'small.ts' }).click();
    await review.locator('.file-diff[data-path="src/small.ts"] .diff-line').first().waitFor();
    const viewed = review.getByRole('checkbox', { name: 'Viewed' });
    expect(await viewed.isChecked()).toBe(false);
    await viewed.check();
    await review.locator('.diff-collapsed').filter({ hasText: 'Viewed' }).waitFor();
    await tree.getByText('1 of 2 files viewed').waitFor();

    await page.reload();
    review = await openReview();
    tree = review.getByRole('navigation', { name: 'Changed files' });
    await tree.getByText('1 of 2 files viewed').waitFor();
    await tree.getByRole('button', { name: 'small.ts' }).click();
    expect(await review.getByRole('checkbox', { name: 'Viewed' }).isChecked()).toBe(true);
    expect(await tree.locator('.tree-file[data-viewed="true"]').count()).toBe(1);
    await review.locator('.diff-collapsed').filter({ hasText: 'Viewed' }).getByRole('button', { name: 'Show diff' }).click();
    await review.locator('.file-diff[data-path="src/small.ts"] .diff-line').first().waitFor();
    await screenshot(page, 'review-viewed');

    // Unticked, it stays unticked after another reload.
    await review.getByRole('checkbox', { name: 'Viewed' }).uncheck();
    await page.reload();
    review = await openReview();
    await review.getByRole('navigation', { name: 'Changed files' }).getByText('0 of 2 files viewed').waitFor();
  });

  it('folds a folder of the file tree and hides the tree pane', async () => {
    const review = await openReview();
    const tree = review.getByRole('navigation', { name: 'Changed files' });
    const folder = tree.getByRole('button', { name: /src\// });
    expect(await folder.getAttribute('aria-expanded')).toBe('true');
    await folder.click();
    expect(await folder.getAttribute('aria-expanded')).toBe('false');
    expect(await tree.getByRole('button', { name: 'small.ts' }).count()).toBe(0);
    await folder.click();
    await tree.getByRole('button', { name: 'small.ts' }).waitFor();
    await review.getByRole('button', { name: 'Hide the file tree' }).click();
    expect(await review.getByRole('navigation', { name: 'Changed files' }).count()).toBe(0);
    await review.getByRole('button', { name: 'Show the file tree' }).click();
    await review.getByRole('navigation', { name: 'Changed files' }).waitFor();
  });

  it('raised no error in the page', () => {
    expect(errors).toEqual([]);
  });
});
