/**
 * The host picker (issue 14): with hosts in config.json the New Task dialog asks where the task runs
 * ("This machine" by default), lists that host's projects only, detects the agents there, and sends
 * the host with tasks.create; the Agents screen detects on a picked host. The host here is
 * unreachable on purpose (port 1): what is checked is what the UI sends and shows, not ssh.
 */
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, launchChromium, openApp } from './support/browser.js';
import { startServe, type Served } from './support/serve.js';

describe('picking a host for a new task', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let project: string;

  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), 'sb-e2e-host-project-'));
    const config = { trustedRoots: [realpathSync(tmpdir())], hosts: { box: { ssh: 'nobody@127.0.0.1', port: 1, trustedRoots: ['~/src'] } } };
    [served, browser] = await Promise.all([startServe({ config }), launchChromium()]);
    await served.call('projects.add', { dir: project, name: 'webshop' });
    ({ page } = await openApp(browser, served, [/\/api\/agents\.list$/]));
  });

  afterAll(() => closeAll(browser, served, project));

  it('runs on this machine by default; picked with the keyboard, the host and a path on it go to tasks.create', async () => {
    await page.keyboard.press('Control+n');
    const dialog = page.getByRole('dialog', { name: 'New task' });
    await dialog.waitFor();
    const where = dialog.getByLabel('Runs on');
    expect(await where.inputValue()).toBe('');
    expect(await where.locator('option').allTextContents()).toEqual(['This machine', 'box — nobody@127.0.0.1']);
    expect(await dialog.getByLabel('Project', { exact: true }).inputValue()).toBe(project);

    await where.focus();
    await page.keyboard.press('ArrowDown');
    expect(await where.inputValue()).toBe('box');
    // The local project is not offered on the host: a path there is typed.
    expect(await dialog.getByLabel('Project', { exact: true }).locator('option').allTextContents()).toEqual(['Another folder…']);
    await dialog.getByText('A git repository on box, inside its trusted roots.').waitFor();
    // Agents are detected on the host (unreachable here, so it says so and a free field remains).
    await dialog.getByText(/Could not list the agents on host box: .*unreachable/).waitFor();

    await dialog.getByLabel('Project folder path').fill('~/src/shop');
    await dialog.getByLabel('Prompt').fill('Fix the cart on the build box');
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'hidden' });
    const { tasks } = await served.call<{ tasks: { prompt: string; host?: string | null }[] }>('tasks.list', {});
    expect(tasks.map((t) => [t.prompt, t.host])).toEqual([['Fix the cart on the build box', 'box']]);
    const projects = await served.call<{ dir: string; host?: string | null }[]>('projects.list', {});
    expect(projects.map((p) => [p.dir, p.host ?? null]).sort()).toEqual([[project, null], ['~/src/shop', 'box']].sort());
  });

  it('the Agents screen detects on a picked host', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Agents' }).click();
    const on = page.getByLabel('Detect on');
    expect(await on.inputValue()).toBe('');
    await on.selectOption('box');
    await page.getByRole('alert').filter({ hasText: /Could not list the agents on host box: .*unreachable/ }).waitFor();
    await on.selectOption('');
    await page.getByRole('list', { name: 'Agents' }).waitFor();
  });
});
