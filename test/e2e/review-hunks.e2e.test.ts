import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, openApp, closeAll } from './support/browser.js';
import { gitProject } from './support/project.js';
import { ROOT, startServe, type Served } from './support/serve.js';

const FAKE_CLAUDE = join(ROOT, 'test/fixtures/fake-claude.mjs');
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };

/** 30 lines; `changes` replaces some of them (1-based line number → new text). */
const longFile = (changes: Record<number, string> = {}) =>
  `${Array.from({ length: 30 }, (_, i) => changes[i + 1] ?? `export const line${i + 1} = ${i + 1};`).join('\n')}\n`;

// Issue #7's review gaps: approve one hunk of a two-hunk change, and send a task back with a follow-up.
describe('per-hunk approval and follow-up in the review screen', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let root: string;
  let project: string;

  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'sb-e2e-hunks-')));
    project = gitProject(join(root, 'shop'));
    writeFileSync(join(project, 'src/long.ts'), longFile());
    execFileSync('git', ['add', '-A'], { cwd: project, env: GIT_ENV });
    execFileSync('git', ['commit', '-q', '-m', 'long file'], { cwd: project, env: GIT_ENV });
    [served, browser] = await Promise.all([startServe({ config: { trustedRoots: [root], agents: { claude: { command: FAKE_CLAUDE } } } }), launchChromium()]);
    await served.call('projects.add', { dir: project, name: 'shop' });
    ({ page, errors } = await openApp(browser, served, [/\/api\/runs\.resize$/]));
  });

  afterAll(() => closeAll(browser, served, root));

  /** Creates a task from the New Task dialog and opens its review once the agent is done. */
  const runToReview = async (prompt: string) => {
    await page.keyboard.press('Control+n');
    const dialog = page.getByRole('dialog', { name: 'New task' });
    await dialog.getByLabel('Prompt').fill(prompt);
    await dialog.getByRole('button', { name: 'Create task' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const pane = page.getByRole('complementary', { name: /^Task dispatch-/ });
    await pane.getByRole('button', { name: 'Review changes' }).click({ timeout: 20_000 });
    return page.getByRole('region', { name: /^Review of dispatch-/ });
  };

  it('approves one hunk of a two-hunk change, and the project gets exactly that hunk', async () => {
    const edited = longFile({ 2: "export const line2 = 'first change';", 28: "export const line28 = 'second change';" });
    const review = await runToReview(`write src/long.ts <<END\n${edited}END\nsay Changed two places`);
    await review.getByRole('navigation', { name: 'Changed files' }).getByRole('button', { name: 'long.ts' }).click();
    const first = review.getByRole('checkbox', { name: 'Apply hunk 1 of src/long.ts' });
    const second = review.getByRole('checkbox', { name: 'Apply hunk 2 of src/long.ts' });
    await second.waitFor();
    expect(await review.getByRole('checkbox', { name: /^Apply hunk \d+ of src\/long\.ts$/ }).count()).toBe(2);
    expect(await first.isChecked()).toBe(true);

    await second.uncheck();
    const approve = review.getByRole('button', { name: 'Approve 1 hunk' });
    await approve.waitFor();
    await screenshot(page, 'review-hunk');
    await approve.click();
    await review.getByRole('status').filter({ hasText: /Applied/ }).waitFor({ timeout: 20_000 });

    const onDisk = readFileSync(join(project, 'src/long.ts'), 'utf8');
    expect(onDisk).toBe(longFile({ 2: "export const line2 = 'first change';" }));
    expect(execFileSync('git', ['diff', '--numstat'], { cwd: project, encoding: 'utf8' }).trim()).toBe('1\t1\tsrc/long.ts');
  });

  it('sends a task back with a follow-up from the review screen, and the agent runs a second time', async () => {
    const review = await runToReview('write src/first.ts export const first = 1;\nsay First pass');
    const taskId = (await review.getAttribute('aria-label'))!.replace('Review of ', '');
    await review.getByRole('navigation', { name: 'Changed files' }).getByRole('button', { name: 'first.ts' }).waitFor();
    await review.getByRole('button', { name: 'Follow up…' }).click();
    await review.getByLabel(/What should the agent do next/).fill('write src/second.ts export const second = 2;\nsay Second pass');
    await review.getByRole('button', { name: 'Send follow-up' }).click();
    await review.getByRole('status').filter({ hasText: 'Sent back to the agent' }).waitFor();

    // The same task runs again (a second run on the same worktree) and comes back for review with both files.
    await expect
      .poll(async () => (await served.call<{ task: { state: string }; runs: unknown[] }>('tasks.get', { id: taskId })), { timeout: 20_000 })
      .toMatchObject({ task: { state: 'awaiting_review' }, runs: [{}, {}] });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Tasks' }).click();
    await page.locator('.card', { hasText: 'write src/first.ts' }).click();
    const pane = page.getByRole('complementary', { name: `Task ${taskId}` });
    await pane.getByRole('tab', { name: 'Details' }).click();
    const history = pane.getByRole('list', { name: 'Run history' });
    await expect.poll(() => history.getByRole('listitem').count(), { timeout: 10_000 }).toBe(2);
    await pane.getByRole('button', { name: 'Review changes' }).click();
    const again = page.getByRole('region', { name: `Review of ${taskId}` });
    const tree = again.getByRole('navigation', { name: 'Changed files' });
    await tree.getByRole('button', { name: 'second.ts' }).waitFor();
    await tree.getByRole('button', { name: 'first.ts' }).waitFor();
    expect(existsSync(join(project, 'src/second.ts'))).toBe(false);
  });

  // Issue 18, bug 3: the review stayed on the old change after a follow-up, and approving it dropped
  // the follow-up's files. It must show the change approve will apply, and approve refuses a stale one.
  it('keeps the open review current through a follow-up, and refuses to approve a change that moved', async () => {
    const review = await runToReview('write src/alpha.ts export const alpha = 1;\nsay Alpha pass');
    const taskId = (await review.getAttribute('aria-label'))!.replace('Review of ', '');
    const tree = review.getByRole('navigation', { name: 'Changed files' });
    await tree.getByRole('button', { name: 'alpha.ts' }).waitFor();
    const before = await served.call<{ change: { id: number } }>('changes.get', { taskId });
    await review.getByRole('button', { name: 'Follow up…' }).click();
    await review.getByLabel(/What should the agent do next/).fill('write src/beta.ts export const beta = 2;\nsay Beta pass');
    await review.getByRole('button', { name: 'Send follow-up' }).click();
    // Without leaving the page, the review comes back with the follow-up's file.
    await tree.getByRole('button', { name: 'beta.ts' }).waitFor({ timeout: 20_000 });
    await expect(served.call('changes.approve', { taskId, changeId: before.change.id })).rejects.toThrow(/moved since it was loaded/);
    expect(existsSync(join(project, 'src/alpha.ts'))).toBe(false);
    await review.getByRole('button', { name: /^Approve/ }).click();
    await review.getByRole('status').filter({ hasText: /^Applied 2 files/ }).waitFor();
    expect(existsSync(join(project, 'src/alpha.ts'))).toBe(true);
    expect(existsSync(join(project, 'src/beta.ts'))).toBe(true);
  });

  it('raised no error in the page', () => {
    expect(errors).toEqual([]);
  });
});
