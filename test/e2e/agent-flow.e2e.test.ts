import { existsSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, openApp, closeAll } from './support/browser.js';
import { gitProject, listFiles } from './support/project.js';
import { ROOT, startServe, type Served } from './support/serve.js';

const FAKE_CLAUDE = join(ROOT, 'test/fixtures/fake-claude.mjs');
const FAKE_ACP = join(ROOT, 'test/fixtures/fake-acp-agent.mjs');

// Issue #7's end-to-end flows, against `switchboard serve` running the fake agents.
describe('running agents from the UI', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let root: string;
  let project: string;

  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'sb-e2e-flow-')));
    project = gitProject(join(root, 'shop'));
    const config = {
      trustedRoots: [root],
      defaultAgent: 'claude',
      agents: {
        claude: { command: FAKE_CLAUDE },
        fakeacp: { transport: 'acp', command: process.execPath, args: [FAKE_ACP], versionArgs: [] },
        ghost: { transport: 'pty', command: join(root, 'no-such-agent') },
      },
    };
    [served, browser] = await Promise.all([startServe({ config }), launchChromium()]);
    await served.call('projects.add', { dir: project, name: 'shop' });
    // A resize can race the agent's exit (the pane's layout shifts as the task ends); the core answers
    // 409 and the terminal ignores it, so that one is expected.
    ({ page, errors } = await openApp(browser, served, [/\/api\/runs\.resize$/]));
  });

  afterAll(() => closeAll(browser, served, root));

  const newTask = async (prompt: string, agent?: string) => {
    await page.keyboard.press('Control+n');
    const dialog = page.getByRole('dialog', { name: 'New task' });
    await dialog.getByLabel('Prompt').fill(prompt);
    if (agent) await dialog.getByLabel('Agent').selectOption(agent);
    await dialog.getByRole('button', { name: 'Create task' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 5000 }).catch(async (err) => {
      throw new Error(`the New Task dialog stayed open: ${await dialog.locator('.field-error, [role=alert]').allTextContents()}`, { cause: err });
    });
    return page.getByRole('complementary', { name: /^Task dispatch-/ });
  };

  it('creates a task in the UI and shows its terminal output live', async () => {
    const pane = await newTask(['say Adding the greeting', 'sleep 600', 'write src/hello.ts export const hello = "world";', 'write docs/notes.md Notes for the reviewer', 'say All done'].join('\n'));
    await pane.getByRole('tab', { name: 'Terminal' }).click();
    const terminal = pane.locator('.terminal-host .xterm-rows');
    await expect.poll(() => terminal.textContent(), { timeout: 20_000 }).toContain('Adding the greeting');
    await pane.getByRole('button', { name: 'Review changes' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => terminal.textContent()).toContain('All done');
    await screenshot(page, 'task-terminal');
    await pane.getByRole('tab', { name: 'Timeline' }).click();
    await pane.getByText('All done').first().waitFor();
    await screenshot(page, 'task-transcript');
  });

  it('types into the agent from the input line, and the PTY has the terminal pane’s size', async () => {
    const pane = await newTask('read-line\nsize');
    await pane.getByRole('tab', { name: 'Terminal' }).click();
    const input = pane.getByRole('textbox', { name: 'Type to the agent' });
    await expect.poll(() => input.isEnabled(), { timeout: 20_000 }).toBe(true);
    // The pane's size while the agent waits for its line (the layout shifts once the task ends).
    await page.waitForTimeout(300);
    const size = await pane.locator('.terminal-host').evaluate((el) => {
      const t = (el as unknown as { xterm: { cols: number; rows: number } }).xterm;
      return `${t.cols}x${t.rows}`;
    });
    await input.fill('hello from the UI');
    await input.press('Enter');
    const terminal = pane.locator('.terminal-host .xterm-rows');
    await expect.poll(() => terminal.textContent(), { timeout: 20_000 }).toContain('got: hello from the UI');
    await expect.poll(() => terminal.textContent()).toContain(`size ${size}`);
  });

  it('reviews the diff, approves one file, and the project changes on disk', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Review' }).click();
    await page.locator('.review-queue .card').first().click();
    const before = listFiles(project);
    const review = page.getByRole('region', { name: /^Review of dispatch-/ });
    const tree = review.getByRole('navigation', { name: 'Changed files' });
    await tree.getByRole('button', { name: 'hello.ts' }).click();
    await review.locator('.diff').getByText('hello').first().waitFor();
    // Syntax highlighting (refractor): `export const` is a keyword.
    await review.locator('.diff .token.keyword').first().waitFor();

    // A line comment: click the line's gutter, write, and it stays on the line.
    await review.locator('.diff .diff-gutter').first().click();
    await review.getByRole('textbox', { name: 'Comment on this line' }).fill('Name it greeting instead');
    await review.getByRole('button', { name: 'Comment', exact: true }).click();
    await review.locator('.comment').filter({ hasText: 'Name it greeting instead' }).waitFor();
    await screenshot(page, 'review');

    await tree.getByRole('checkbox', { name: 'Apply docs/notes.md' }).uncheck();
    await review.getByRole('button', { name: 'Approve 1 file' }).click();
    await review.getByRole('status').filter({ hasText: 'Applied 1 file' }).waitFor();
    expect(readFileSync(join(project, 'src/hello.ts'), 'utf8')).toContain('export const hello = "world";');
    expect(existsSync(join(project, 'docs/notes.md'))).toBe(false);
    expect(listFiles(project)).toEqual([...before, 'src/hello.ts'].sort());
  });

  it('rejects a task and leaves the project unchanged', async () => {
    const before = listFiles(project);
    const pane = await newTask('write src/unwanted.ts export const nope = 1;\nsay Wrote it');
    await pane.getByRole('button', { name: 'Review changes' }).click({ timeout: 20_000 });
    const review = page.getByRole('region', { name: /^Review of dispatch-/ });
    await review.getByRole('navigation', { name: 'Changed files' }).getByRole('button', { name: 'unwanted.ts' }).waitFor();
    await review.getByRole('button', { name: 'Reject…' }).click();
    await review.getByLabel(/Why reject it/).fill('Not what we need');
    await review.getByRole('button', { name: 'Reject the change' }).click();
    await review.getByRole('status').filter({ hasText: 'left unchanged' }).waitFor();
    expect(listFiles(project)).toEqual(before);
  });

  it('offers only the installed agents, and shows the others with the reason', async () => {
    await page.keyboard.press('Control+n');
    const dialog = page.getByRole('dialog', { name: 'New task' });
    const picker = dialog.getByLabel('Agent');
    expect(await picker.locator('option:not([disabled])').allTextContents()).toEqual(expect.arrayContaining(['Default agent', 'fakeacp']));
    const ghost = picker.locator('option', { hasText: /^ghost: / });
    expect(await ghost.isDisabled()).toBe(true);
    expect(await ghost.textContent()).toMatch(/not/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('answers an ACP permission prompt with a click', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Tasks' }).click();
    const pane = await newTask('plan Look around; Ask first; Finish\nask edit Edit src/app.ts\nsay finished after asking', 'fakeacp');
    const prompt = pane.getByRole('group', { name: 'Edit src/app.ts' });
    await prompt.getByRole('button', { name: 'Allow', exact: true }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'permission');
    await prompt.getByRole('button', { name: 'Allow', exact: true }).click();
    await prompt.waitFor({ state: 'detached' });
    await pane.getByRole('tab', { name: 'Timeline' }).click();
    await pane.getByText(/permission: p\d+-yes$/).waitFor({ timeout: 20_000 });
    await pane.getByRole('region', { name: 'Plan' }).waitFor();
    await pane.getByText('finished after asking').waitFor();
    await screenshot(page, 'acp-transcript');
  });

  it('shows what a run cost in the task detail, and per agent and per project in the Usage view', async () => {
    const pane = await newTask('write src/usage.ts export const u = 1;\nsay Counted');
    await pane.getByRole('button', { name: 'Review changes' }).waitFor({ timeout: 20_000 });
    await pane.getByRole('tab', { name: 'Details' }).click();
    await expect.poll(() => pane.locator('.run-usage').first().textContent(), { timeout: 10_000 }).toMatch(/^Usage: 240 in · 80 out · \$0\.0062 · claude-sonnet/);
    // The board's card shows the task's total: 240 + 80 tokens and the cost.
    const id = (await pane.getAttribute('aria-label'))!.replace(/^Task /, '');
    await expect.poll(() => page.locator(`.card[data-task-id="${id}"] .card-usage`).textContent(), { timeout: 10_000 }).toBe('320 tok · $0.0062');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Usage' }).click();
    const perAgent = page.getByRole('table', { name: 'Usage per agent' });
    const claude = perAgent.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'claude' }) });
    await claude.waitFor();
    expect(Number((await claude.getByRole('cell').first().textContent()) ?? '0')).toBeGreaterThanOrEqual(1);
    await page.getByRole('table', { name: 'Usage per project' }).getByRole('rowheader', { name: 'shop' }).waitFor();
    await screenshot(page, 'usage');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Tasks' }).click();
  });

  it('raised no error in the page', () => {
    expect(errors).toEqual([]);
  });
});
