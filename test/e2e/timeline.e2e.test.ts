import { mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, launchChromium, openApp, screenshot } from './support/browser.js';
import { gitProject } from './support/project.js';
import { ROOT, startServe, type Served } from './support/serve.js';

const FAKE_CLAUDE = join(ROOT, 'test/fixtures/fake-claude.mjs');

// Issue 18: a stream-json run opens on its rendered timeline: Markdown messages and tool calls with
// inline per-edit diffs, the raw terminal one tab away.
describe('the rendered timeline', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let root: string;
  let project: string;

  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'sb-e2e-timeline-')));
    project = gitProject(join(root, 'shop'));
    [served, browser] = await Promise.all([startServe({ config: { trustedRoots: [root], agents: { claude: { command: FAKE_CLAUDE } } } }), launchChromium()]);
    await served.call('projects.add', { dir: project, name: 'shop' });
    ({ page, errors } = await openApp(browser, served, [/\/api\/runs\.resize$/]));
  });

  afterAll(() => closeAll(browser, served, root));

  it('shows a stream-json run as Markdown and an inline edit diff, by default', async () => {
    const task = await served.call<{ id: string }>('tasks.create', {
      projectDir: project,
      agent: 'claude',
      prompt: ['Rename add to sum', 'say I will **rename** `add` to `sum` in one place.', 'edit src/app.ts export function add( => export function sum(', 'say Done: renamed.'].join('\n'),
    });
    await expect.poll(async () => (await served.call<{ task: { state: string } }>('tasks.get', { id: task.id })).task.state, { timeout: 20_000 }).toBe('awaiting_review');
    await page.locator(`.card[data-task-id="${task.id}"]`).click();
    const pane = page.getByRole('complementary', { name: `Task ${task.id}` });
    await expect.poll(() => pane.getByRole('tab', { name: 'Timeline' }).getAttribute('aria-selected'), { timeout: 10_000 }).toBe('true');
    const timeline = pane.getByRole('region', { name: 'Timeline' });
    await timeline.locator('.markdown strong', { hasText: 'rename' }).waitFor();
    await timeline.locator('.markdown code', { hasText: 'sum' }).first().waitFor();

    // The agent edits its worktree, not the project.
    const diff = timeline.getByLabel(/^Change to \/.*\/src\/app\.ts$/);
    await diff.waitFor();
    expect(await diff.locator('.edit-line[data-sign="-"]').allTextContents()).toEqual(['-export function add(']);
    expect(await diff.locator('.edit-line[data-sign="+"]').allTextContents()).toEqual(['+export function sum(']);
    // Not the whole file before and after: one line out, one line in.
    expect(await diff.locator('.edit-line').count()).toBe(2);
    await timeline.getByText('Done: renamed.').first().waitFor();
    await screenshot(page, 'timeline');
    expect(readFileSync(join(project, 'src/app.ts'), 'utf8')).toContain('function add(');
    // The raw terminal is one tab away.
    await pane.getByRole('tab', { name: 'Terminal' }).click();
    await pane.locator('.terminal-host').waitFor();
  });

  it('raised no error in the page', () => {
    expect(errors).toEqual([]);
  });
});
