import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, screenshot, openApp, closeAll } from './support/browser.js';
import { startServe, type Served } from './support/serve.js';

describe('the app screens against switchboard serve', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let project: string;

  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), 'sb-e2e-project-'));
    [served, browser] = await Promise.all([startServe(), launchChromium()]);
    await served.call('projects.add', { dir: project, name: 'webshop' });
    // The folder test below is refused by the core on purpose.
    ({ page, errors } = await openApp(browser, served, [/\/api\/tasks\.create$/]));
  });

  afterAll(() => closeAll(browser, served, project));

  it('creates a task from the New Task dialog opened with Ctrl+N', async () => {
    await page.keyboard.press('Control+n');
    const dialog = page.getByRole('dialog', { name: 'New task' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Project').inputValue()).toContain(project.split('/').pop());

    await dialog.getByRole('button', { name: 'Create task' }).click();
    await dialog.getByText('Say what the agent should do.').waitFor();
    expect(await dialog.getByLabel('Prompt').getAttribute('aria-invalid')).toBe('true');

    await dialog.getByLabel('Prompt').fill('Add pagination to the orders page\n\nKeep page size at 50.');
    await dialog.getByLabel('Time limit (minutes)').fill('45');
    await dialog.getByLabel('Constraints').fill('Do not change the public API\nAdd tests');
    await screenshot(page, 'new-task');
    await dialog.getByRole('button', { name: 'Create task' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const card = page.locator('.card', { hasText: 'Add pagination to the orders page' });
    await card.waitFor();
    const pane = page.getByRole('complementary', { name: /^Task dispatch-/ });
    await pane.getByRole('heading', { name: 'Add pagination to the orders page' }).waitFor();
    await pane.getByRole('region', { name: 'Constraints' }).getByText('Do not change the public API').waitFor();
    const { tasks } = await served.call<{ tasks: { prompt: string; ttlSeconds: number; meta: { constraints?: string[] } }[] }>('tasks.list', {});
    expect(tasks).toHaveLength(1);
    expect(tasks[0].ttlSeconds).toBe(45 * 60);
    expect(tasks[0].meta.constraints).toEqual(['Do not change the public API', 'Add tests']);
  });

  it('shows the core’s error beside the field when a folder does not exist', async () => {
    await page.getByRole('button', { name: /New task/ }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New task' });
    await dialog.getByLabel('Project', { exact: true }).selectOption({ label: 'Another folder…' });
    await dialog.getByLabel('Project folder path').fill('/no/such/folder');
    await dialog.getByLabel('Prompt').fill('Anything');
    await dialog.getByRole('button', { name: 'Create task' }).click();
    await dialog.getByRole('alert').filter({ hasText: '/no/such/folder does not exist' }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('renders Review, Agents and Settings with their empty states', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('heading', { name: 'Nothing to review' }).waitFor();
    expect(page.url()).toMatch(/#\/review$/);
    await screenshot(page, 'review-empty');

    await nav.getByRole('button', { name: 'Agents' }).click();
    await page.getByRole('heading', { name: 'Agents', level: 1 }).waitFor();
    await screenshot(page, 'agents');

    await nav.getByRole('button', { name: 'Settings' }).click();
    await page.getByText(served.home).first().waitFor();
    await screenshot(page, 'settings');

    await page.goBack();
    await page.getByRole('heading', { name: 'Agents', level: 1 }).waitFor();
  });

  it('follows a light OS theme', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Tasks' }).click();
    await page.locator('.card').first().waitFor();
    const bg = await page.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(bg).toBe('rgb(245, 246, 248)');
    await screenshot(page, 'tasks-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(14, 17, 22)');
  });

  it('waits for the projects list before creating, instead of refusing for want of a project', async () => {
    // A slow first projects.list (a loaded machine): the dialog opens and is filled before it answers.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const { page: slow } = await openApp(browser, served, [], (p) =>
      p.route(/\/api\/projects\.list$/, async (route) => {
        await released;
        await route.continue();
      }),
    );
    await slow.keyboard.press('Control+n');
    const dialog = slow.getByRole('dialog', { name: 'New task' });
    await dialog.getByLabel('Prompt').fill('Created while the projects were loading');
    const create = dialog.getByRole('button', { name: 'Loading projects…' });
    expect(await create.isDisabled()).toBe(true);
    await slow.keyboard.press('Control+Enter');
    expect(await dialog.getByRole('alert').count()).toBe(0);
    release();
    await dialog.getByRole('button', { name: 'Create task' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const { tasks } = await served.call<{ tasks: { prompt: string; projectDir: string }[] }>('tasks.list', {});
    expect(tasks.find((t) => t.prompt === 'Created while the projects were loading')?.projectDir).toBe(project);
    await slow.context().close();
  });

  it('says when the host goes away and keeps retrying', async () => {
    served.proc.kill('SIGKILL');
    await page.getByRole('status', { name: /Connection: Reconnecting/ }).waitFor({ timeout: 10_000 });
    await screenshot(page, 'disconnected');
  });

  it('raised no error in the page while the host was up', () => {
    expect(errors.filter((e) => !/ERR_CONNECTION_REFUSED|WebSocket/.test(e))).toEqual([]);
  });
});

describe('a page without a valid token', () => {
  let served: Served;
  let browser: Browser;

  beforeAll(async () => {
    [served, browser] = await Promise.all([startServe(), launchChromium()]);
  });
  afterAll(() => closeAll(browser, served));

  it('explains how to get one when the URL has none', async () => {
    const { page } = await openPage(browser);
    await page.goto(served.origin + '/');
    await page.getByRole('alert').getByText('This page has no access token').waitFor();
  });

  it('says the token was refused when it is wrong', async () => {
    const { page } = await openPage(browser, 'dark', [/\/api\//]);
    await page.goto(`${served.origin}/#token=wrong`);
    await page.getByRole('status', { name: /Connection: Token refused/ }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'refused this session’s token' }).first().waitFor();
  });
});
