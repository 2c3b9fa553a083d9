import { existsSync, mkdtempSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, launchChromium, openApp, screenshot } from './support/browser.js';
import { gitProject } from './support/project.js';
import { ROOT, startServe, type Served } from './support/serve.js';

const FAKE_CLAUDE = join(ROOT, 'test/fixtures/fake-claude.mjs');
const FAKE_ACP = join(ROOT, 'test/fixtures/fake-acp-agent.mjs');

// Issue 18: the "Needs you" inbox, and bug 10 (a stalled queue explains itself; rejected dispatch
// files are visible, with their reasons, and can be retried after a fix).
describe('Needs you', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let root: string;
  let project: string;

  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'sb-e2e-inbox-')));
    project = gitProject(join(root, 'shop'));
    const config = {
      trustedRoots: [root],
      maxConcurrent: 1,
      defaultAgent: 'claude',
      agents: { claude: { command: FAKE_CLAUDE }, fakeacp: { transport: 'acp', command: process.execPath, args: [FAKE_ACP], versionArgs: [] } },
    };
    [served, browser] = await Promise.all([startServe({ config }), launchChromium()]);
    await served.call('projects.add', { dir: project, name: 'shop' });
    ({ page, errors } = await openApp(browser, served, [/\/api\/runs\.resize$/]));
  });

  afterAll(() => closeAll(browser, served, root));

  const nav = () => page.getByRole('navigation', { name: 'Main' });
  const badge = () => nav().getByLabel(/waiting for you$/);
  const get = (id: string) => served.call<{ task: { state: string } }>('tasks.get', { id });

  it('counts an ACP permission, explains the queue it stalls, and clears when answered', async () => {
    const asking = await served.call<{ id: string }>('tasks.create', { projectDir: project, prompt: 'ask edit Edit src/app.ts\nsay finished after asking', agent: 'fakeacp' });
    await expect.poll(async () => (await get(asking.id)).task.state, { timeout: 20_000 }).toBe('awaiting_input');
    // One toast for the permission, not a second "Needs your input" for its task.
    const toasts = page.getByRole('region', { name: 'Just arrived' }).getByRole('status');
    await toasts.filter({ hasText: 'Permission asked' }).waitFor();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await toasts.allTextContents()).toEqual([expect.stringContaining('Permission asked')]);
    const queued = await served.call<{ id: string }>('tasks.create', { projectDir: project, prompt: 'Upgrade the ORM\nsay upgraded', agent: 'claude' });

    // The board's queued card says why it waits, naming the task that holds the slot.
    const card = page.locator(`.card[data-task-id="${queued.id}"]`);
    await expect.poll(() => card.locator('.card-waiting').textContent(), { timeout: 10_000 }).toContain(`${asking.id} waits for your answer`);
    await screenshot(page, 'inbox-board-waiting');

    await expect.poll(() => badge().textContent(), { timeout: 10_000 }).toBe('1');
    expect(await page.title()).toBe('(1) Switchboard');
    await nav().getByRole('button', { name: /^Needs you/ }).click();
    const section = page.getByRole('region', { name: /^Permission requests/ });
    const prompt = section.getByRole('group', { name: 'Edit src/app.ts' });
    await prompt.waitFor();
    await page.getByRole('status').filter({ hasText: '1 queued task waits behind agents that wait for your answer' }).waitFor();
    await screenshot(page, 'inbox-permission');

    await prompt.getByRole('button', { name: 'Allow', exact: true }).click();
    await prompt.waitFor({ state: 'detached' });
    await expect.poll(() => badge().count()).toBe(0);
    await expect.poll(async () => (await get(queued.id)).task.state, { timeout: 20_000 }).toBe('no_changes');
    expect(await page.title()).toBe('Switchboard');
    await page.getByRole('heading', { name: 'Nothing needs you' }).waitFor();
  });

  it('lists a rejected dispatch file with its reason, and retries it after the fix', async () => {
    const inbox = join(served.home, 'dispatch');
    const doc = { id: 'dispatch-inbox-fix', dispatched_by: 'e2e', task: 'say fixed and taken', project: 'shop', project_dir: project, ttl_seconds: 'soon' };
    writeFileSync(join(inbox, '.bad.tmp'), JSON.stringify(doc));
    renameSync(join(inbox, '.bad.tmp'), join(inbox, 'dispatch-fix.json'));

    const item = page.getByRole('listitem').filter({ has: page.getByText('dispatch-fix.json', { exact: true }) });
    await item.waitFor({ timeout: 20_000 });
    await item.getByRole('cell', { name: 'ttl_seconds' }).waitFor();
    await expect.poll(() => badge().textContent()).toBe('1');
    await screenshot(page, 'inbox-rejected');

    // Retrying the unchanged file is rejected again (and listed once); fixed, it becomes a task.
    const rejectedPath = join(inbox, 'rejected', 'dispatch-fix.json');
    writeFileSync(rejectedPath, JSON.stringify({ ...doc, ttl_seconds: 600 }));
    await item.getByRole('button', { name: 'Retry file' }).click();
    await item.waitFor({ state: 'detached' });
    await expect.poll(async () => (await get('dispatch-inbox-fix').catch(() => ({ task: { state: 'missing' } }))).task.state, { timeout: 20_000 }).toMatch(/queued|preparing|running|no_changes/);
    expect(existsSync(rejectedPath)).toBe(false);
  });

  it('shows a failure until it is dismissed, and the dismissal survives a reload', async () => {
    const failed = await served.call<{ id: string }>('tasks.create', { projectDir: project, prompt: 'Fix the flaky login test\nfail auth', agent: 'claude' });
    await expect.poll(async () => (await get(failed.id)).task.state, { timeout: 20_000 }).toBe('failed');
    const failures = page.getByRole('region', { name: /^Failed/ });
    const item = failures.getByRole('listitem', { name: 'Fix the flaky login test' });
    await item.waitFor();
    await item.getByText(/Invalid API key|auth/i).first().waitFor();
    await item.getByRole('button', { name: /^Dismiss/ }).click();
    await item.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('status', { name: /Connection: Live/ }).waitFor();
    await page.getByRole('heading', { name: 'Nothing needs you' }).waitFor();
  });

  // Issue 18, "retry with changes": edit the prompt and time limit of a failed task, and it runs again with them.
  it('retries a failed task with a changed prompt and time limit', async () => {
    const failed = await served.call<{ id: string }>('tasks.create', { projectDir: project, prompt: 'Add the health check\nfail auth', agent: 'claude', ttlSeconds: 600 });
    await expect.poll(async () => (await get(failed.id)).task.state, { timeout: 20_000 }).toBe('failed');
    await page.getByRole('region', { name: /^Failed/ }).getByRole('listitem', { name: 'Add the health check' }).getByRole('button', { name: 'Open' }).click();
    const pane = page.getByRole('complementary', { name: `Task ${failed.id}` });
    await pane.getByRole('button', { name: 'Retry with changes…' }).click();
    const form = pane.getByRole('form', { name: 'Retry with changes' });
    await form.getByLabel('Prompt').fill('Add the health check\nwrite src/health.ts export const ok = true;\nsay Added it');
    await form.getByLabel('Time limit (minutes)').fill('30');
    await screenshot(page, 'retry-with-changes');
    await form.getByRole('button', { name: 'Retry with these changes' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(async () => (await get(failed.id)).task.state, { timeout: 20_000 }).toBe('awaiting_review');
    const { task } = await served.call<{ task: { prompt: string; ttlSeconds: number; agent: string } }>('tasks.get', { id: failed.id });
    expect(task).toMatchObject({ prompt: 'Add the health check\nwrite src/health.ts export const ok = true;\nsay Added it', ttlSeconds: 1800, agent: 'claude' });
    await pane.getByRole('button', { name: 'Review changes' }).waitFor();
  });

  it('raised no error in the page', () => {
    expect(errors).toEqual([]);
  });
});
