import { mkdirSync, mkdtempSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, openApp, closeAll } from './support/browser.js';
import { ROOT, startServe, type Served } from './support/serve.js';

const FAKE_CLAUDE = join(ROOT, 'test/fixtures/fake-claude.mjs');
const SECRET = 'sb-e2e-dispatch-SECRET-7f3a';
const NEW_SECRET = 'sb-e2e-NEW-secret-91bc';
const AGENT_KEY = 'sk-e2e-AGENT-key-55d0';
const AGENT_TOKEN = 'tok-e2e-AGENT-token-c1e9';
const SECRETS = [SECRET, NEW_SECRET, AGENT_KEY, AGENT_TOKEN];

// Issue #7's Settings and Agents screens: config.json edited from the page, secrets write-only.
describe('editing settings and agents in the UI', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let root: string;
  let configFile: string;
  /** Every API response body and WebSocket frame the page received. */
  const received: string[] = [];

  const config = () => JSON.parse(readFileSync(configFile, 'utf8'));
  const expectNoSecretInPage = async () => {
    const dom = await page.content();
    const values = (await page.locator('input, textarea').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value))).join('\n');
    for (const s of SECRETS) {
      expect(dom).not.toContain(s);
      expect(values).not.toContain(s);
    }
  };

  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'sb-e2e-settings-')));
    mkdirSync(join(root, 'shop'));
    [served, browser] = await Promise.all([
      startServe({
        config: {
          trustedRoots: [root],
          dispatchSecret: SECRET,
          agents: { claude: { command: FAKE_CLAUDE, env: { ANTHROPIC_API_KEY: AGENT_KEY, HTTPS_PROXY: 'http://proxy.local:3128' } } },
        },
      }),
      launchChromium(),
    ]);
    configFile = join(served.home, 'config.json');
    await served.call('projects.add', { dir: join(root, 'shop'), name: 'shop' });
    // The invalid saves below are answered 400 on purpose.
    ({ page, errors } = await openApp(browser, served, [/\/api\/settings\.update$/], (p: Page) => {
      p.on('response', async (r) => {
        if (r.url().includes('/api/')) received.push(await r.text().catch(() => ''));
      });
      p.on('websocket', (ws) => ws.on('framereceived', (f) => received.push(String(f.payload))));
    }));
  });

  afterAll(() => closeAll(browser, served, root));

  const form = () => page.getByRole('form', { name: 'Settings' });
  const secretGroup = () => form().getByRole('group', { name: 'Dispatch secret' });

  it('shows the settings, with the secret only as “Set”', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    await form().waitFor();
    expect(await form().getByLabel('Tasks at once', { exact: true }).inputValue()).toBe('2');
    expect(await form().getByRole('textbox', { name: 'trusted root 1', exact: true }).inputValue()).toBe(root);
    await secretGroup().getByText('Set', { exact: true }).waitFor();
    expect(await form().getByRole('radio', { name: /Ask every time/ }).isChecked()).toBe(true);
    expect(await form().getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await expectNoSecretInPage();
  });

  it('refuses bad values, says so beside each field, and leaves config.json alone', async () => {
    const before = readFileSync(configFile, 'utf8');
    const tasksAtOnce = form().getByLabel('Tasks at once', { exact: true });
    await tasksAtOnce.fill('99');
    await form().getByRole('button', { name: 'Add trusted root' }).click();
    await form().getByRole('textbox', { name: 'trusted root 2', exact: true }).fill('relative/code');
    await form().getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'Not saved' }).waitFor();
    const maxError = page.locator('#setting-maxConcurrent-note.field-error');
    expect(await maxError.textContent()).toMatch(/64/);
    expect(await tasksAtOnce.getAttribute('aria-invalid')).toBe('true');
    expect(readFileSync(configFile, 'utf8')).toBe(before);

    // The number is fixed; the whole config is checked next, and the folder is refused by its row.
    await tasksAtOnce.fill('3');
    expect(await maxError.count()).toBe(0);
    await form().getByRole('button', { name: 'Save' }).click();
    const rootError = page.locator('#setting-trustedRoots-1-note.field-error');
    await rootError.waitFor();
    expect(await rootError.textContent()).toContain('absolute path');
    expect(await form().getByRole('textbox', { name: 'trusted root 2', exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(readFileSync(configFile, 'utf8')).toBe(before);
    await screenshot(page, 'settings-errors');

    await form().getByRole('button', { name: 'Revert' }).click();
    expect(await tasksAtOnce.inputValue()).toBe('2');
    expect(await form().getByRole('textbox', { name: 'trusted root 2', exact: true }).count()).toBe(0);
    expect(await rootError.count()).toBe(0);
  });

  it('saves edits to config.json (mode 0600), the new secret included but never shown', async () => {
    const f = form();
    await f.getByLabel('Tasks at once', { exact: true }).fill('4');
    await f.getByLabel('Tasks at once per project').fill('1');
    await f.getByLabel('Tasks at once in shop').fill('3');
    await f.getByRole('button', { name: 'Add dispatch folder' }).click();
    await f.getByRole('textbox', { name: 'dispatch folder 1', exact: true }).fill('~/dispatch-inbox');
    await f.getByRole('radio', { name: /Allow reads, ask for the rest/ }).check();
    await f.getByRole('radio', { name: /Leave them interrupted/ }).check();
    await f.getByRole('checkbox', { name: 'Local only' }).check();
    await f.getByRole('checkbox', { name: 'A task failed or ran out of time' }).uncheck();
    await screenshot(page, 'settings-notifications');
    await secretGroup().getByRole('button', { name: 'Change…' }).click();
    await secretGroup().getByLabel('New dispatch secret').fill(NEW_SECRET);
    await screenshot(page, 'settings-edit');
    await f.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    expect(config()).toEqual({
      trustedRoots: [root],
      dispatchSecret: NEW_SECRET,
      agents: { claude: { command: FAKE_CLAUDE, env: { ANTHROPIC_API_KEY: AGENT_KEY, HTTPS_PROXY: 'http://proxy.local:3128' } } },
      maxConcurrent: 4,
      maxConcurrentPerProject: 1,
      dispatchDirs: ['~/dispatch-inbox'],
      permissionPolicy: 'allow-reads',
      onInterrupted: 'leave',
      localOnly: true,
      notifications: { review: true, input: true, failed: false },
    });
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    const projects = await served.call<{ name: string; settings: { maxConcurrent?: number } }[]>('projects.list', {});
    expect(projects.find((p) => p.name === 'shop')?.settings.maxConcurrent).toBe(3);
    await secretGroup().getByText('Set', { exact: true }).waitFor();
    expect(await secretGroup().getByLabel('New dispatch secret').count()).toBe(0);
    expect(await f.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await expectNoSecretInPage();
    await screenshot(page, 'settings-saved');
  });

  it('edits an agent’s arguments and environment, with secret values write-only', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Agents' }).click();
    const claude = page.getByRole('listitem', { name: 'claude', exact: true });
    await claude.getByText('2.0.37 (Claude Code)').waitFor();
    await claude.getByRole('button', { name: 'Edit claude', exact: true }).click();
    const editor = claude.getByRole('form', { name: 'Edit claude', exact: true });
    expect(await editor.getByLabel('Value of HTTPS_PROXY').inputValue()).toBe('http://proxy.local:3128');
    await editor.getByText('Set (hidden)').waitFor();
    expect(await editor.getByLabel('Value of ANTHROPIC_API_KEY').count()).toBe(0);

    const args = editor.getByLabel('Arguments, one per line');
    await args.fill(`${await args.inputValue()}\n--model\nclaude-opus-4`);
    await editor.getByRole('button', { name: 'Add variable' }).click();
    await editor.getByLabel('Variable name (claude)').last().fill('EXTRA_TOKEN');
    const value = editor.getByLabel('Value of EXTRA_TOKEN');
    expect(await value.getAttribute('type')).toBe('password');
    await value.fill(AGENT_TOKEN);
    await screenshot(page, 'agents-edit');
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.waitFor({ state: 'detached' });
    await claude.getByText(/--model claude-opus-4/).waitFor();

    const saved = config().agents.claude;
    expect(saved.args.slice(-2)).toEqual(['--model', 'claude-opus-4']);
    expect(saved.env).toEqual({ ANTHROPIC_API_KEY: AGENT_KEY, HTTPS_PROXY: 'http://proxy.local:3128', EXTRA_TOKEN: AGENT_TOKEN });
    await expectNoSecretInPage();
  });

  it('adds an agent of your own, detected with its version', async () => {
    await page.getByRole('button', { name: 'Add agent' }).click();
    const add = page.getByRole('form', { name: 'Add an agent' });
    await add.getByLabel('Name').fill('bad name');
    await add.getByLabel('Command').fill(FAKE_CLAUDE);
    await add.getByRole('button', { name: 'Add agent' }).click();
    await add.getByRole('alert').filter({ hasText: 'letters, digits' }).waitFor();
    await add.getByLabel('Name').fill('reviewer');
    await add.getByLabel('Arguments, one per line').fill('--print\n--verbose');
    await add.getByRole('button', { name: 'Add agent' }).click();
    await add.waitFor({ state: 'detached' });
    const row = page.getByRole('listitem', { name: 'reviewer', exact: true });
    await row.getByText('from config.json').waitFor();
    await row.getByText('2.0.37 (Claude Code)').waitFor();
    expect(config().agents.reviewer).toEqual({ transport: 'pty', command: FAKE_CLAUDE, args: ['--print', '--verbose'] });
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'agents-custom');

    await row.getByRole('button', { name: 'Edit reviewer' }).click();
    await row.getByRole('button', { name: 'Remove agent' }).click();
    await row.waitFor({ state: 'detached' });
    expect(config().agents.reviewer).toBeUndefined();
  });

  it('never sent a secret to the page, and raised no error in it', async () => {
    await expectNoSecretInPage();
    expect(received.length).toBeGreaterThan(5);
    const all = received.join('\n');
    for (const s of SECRETS) expect(all).not.toContain(s);
    expect(errors).toEqual([]);
  });
});
