import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, launchChromium, openApp, screenshot } from './support/browser.js';
import { gitProject } from './support/project.js';
import { ROOT, startServe, type Served } from './support/serve.js';

const FAKE_CLAUDE = join(ROOT, 'test/fixtures/fake-claude.mjs');
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
const longFile = (changes: Record<number, string> = {}) =>
  `${Array.from({ length: 30 }, (_, i) => changes[i + 1] ?? `export const line${i + 1} = ${i + 1};`).join('\n')}\n`;

// Issue 18: the command palette, the shortcut sheet, and a whole review by keyboard only: open it
// from the palette, walk files and hunks, leave one hunk out, comment, approve.
describe('keyboard first', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let root: string;
  let project: string;

  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'sb-e2e-keys-')));
    project = gitProject(join(root, 'shop'));
    writeFileSync(join(project, 'src/long.ts'), longFile());
    execFileSync('git', ['add', '-A'], { cwd: project, env: GIT_ENV });
    execFileSync('git', ['commit', '-q', '-m', 'long file'], { cwd: project, env: GIT_ENV });
    [served, browser] = await Promise.all([startServe({ config: { trustedRoots: [root], agents: { claude: { command: FAKE_CLAUDE } } } }), launchChromium()]);
    await served.call('projects.add', { dir: project, name: 'shop' });
    ({ page, errors } = await openApp(browser, served, [/\/api\/runs\.resize$/]));
  });

  afterAll(() => closeAll(browser, served, root));

  it('shows the shortcut sheet on ? and closes it with Escape', async () => {
    await page.locator('body').click();
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.getByRole('region', { name: 'Review' }).getByText('Next or previous hunk').waitFor();
    await screenshot(page, 'shortcut-help');
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });
  });

  it('reviews a change by keyboard alone: palette, files, hunks, toggle, comment, approve', async () => {
    const edited = longFile({ 2: "export const line2 = 'first change';", 28: "export const line28 = 'second change';" });
    const task = await served.call<{ id: string }>('tasks.create', {
      projectDir: project,
      agent: 'claude',
      prompt: `Tidy the constants\nwrite docs/notes.md Notes for the reviewer\nwrite src/long.ts <<END\n${edited}END\nsay Changed two places`,
    });
    await expect.poll(async () => (await served.call<{ task: { state: string } }>('tasks.get', { id: task.id })).task.state, { timeout: 20_000 }).toBe('awaiting_review');

    // Open it from the palette, by a word of its title.
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('combobox', { name: 'Search actions and tasks' }).waitFor();
    await page.keyboard.type('tidy');
    await palette.getByRole('option', { name: /Tidy the constants/, selected: true }).waitFor();
    await screenshot(page, 'palette');
    await page.keyboard.press('Enter');
    await palette.waitFor({ state: 'hidden' });
    const review = page.getByRole('region', { name: `Review of ${task.id}` });
    await review.locator('.diff-path', { hasText: 'docs/notes.md' }).waitFor();

    // j: the next file; n: its second hunk; space leaves that hunk out.
    await page.keyboard.press('j');
    await review.locator('.diff-path', { hasText: 'src/long.ts' }).waitFor();
    // (A filter's `has` locator is relative to what it filters: these start from the page.)
    const hunkBox = (n: number) => page.getByRole('checkbox', { name: `Apply hunk ${n} of src/long.ts` });
    const second = hunkBox(2);
    await second.waitFor();
    await page.keyboard.press('n');
    await review.locator('.hunk-head[data-current="true"]').filter({ has: second }).waitFor();
    await page.keyboard.press(' ');
    await expect.poll(() => second.isChecked()).toBe(false);
    await review.getByRole('button', { name: 'Approve 1 file and 1 hunk' }).waitFor();

    // p: back to the first hunk; c comments on it (Ctrl+Enter adds the comment).
    await page.keyboard.press('p');
    await review.locator('.hunk-head[data-current="true"]').filter({ has: hunkBox(1) }).waitFor();
    await page.keyboard.press('c');
    const comment = review.getByRole('textbox', { name: 'Comment on this line' });
    await expect.poll(() => comment.evaluate((el) => (el as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement === el)).toBe(true);
    await page.keyboard.type('Name this constant properly');
    await page.keyboard.press('Control+Enter');
    await review.locator('.comment', { hasText: 'Name this constant properly' }).waitFor();
    expect((await served.call<{ comments: { body: string; path: string }[] }>('changes.get', { taskId: task.id })).comments).toMatchObject([{ path: 'src/long.ts', body: 'Name this constant properly' }]);
    await screenshot(page, 'review-keyboard');

    // a approves exactly the selection: the notes and the first hunk.
    await page.keyboard.press('a');
    await review.getByRole('status').filter({ hasText: /^Applied 2 files/ }).waitFor({ timeout: 20_000 });
    expect(readFileSync(join(project, 'src/long.ts'), 'utf8')).toBe(longFile({ 2: "export const line2 = 'first change';" }));
    expect(readFileSync(join(project, 'docs/notes.md'), 'utf8')).toBe('Notes for the reviewer');
  });

  it('runs actions from the palette: go to a screen', async () => {
    await page.keyboard.press('Control+k');
    await page.keyboard.type('go to agents');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Agents', level: 1 }).waitFor();
  });

  it('raised no error in the page', () => {
    expect(errors).toEqual([]);
  });
});
