import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive as alive } from '../fixtures/fake-claude-kit.js';
import { closeAll, launchChromium, openApp, screenshot } from './support/browser.js';
import { gitProject } from './support/project.js';
import { ROOT, startServe, type Served } from './support/serve.js';

const FAKE_CLAUDE = join(ROOT, 'test/fixtures/fake-claude.mjs');
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();

interface AppState {
  status: string;
  run: { pid: number | null } | null;
}

// Issue 16's `run`: Run in the task pane starts switchboard.json's command in the worktree; its output
// shows in the App tab (a second terminal, not the agent's); Stop app ends it and what it started.
describe("switchboard.json's run in the browser", () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let root: string;
  let project: string;

  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'sb-e2e-run-')));
    project = gitProject(join(root, 'shop'));
    writeFileSync(join(project, 'switchboard.json'), JSON.stringify({ run: 'echo "dev server ready in $PWD"; sleep 600 & wait' }));
    git(project, 'add', '-A');
    git(project, 'commit', '-q', '-m', 'switchboard.json');
    [served, browser] = await Promise.all([startServe({ config: { trustedRoots: [root], agents: { claude: { command: FAKE_CLAUDE } } } }), launchChromium()]);
    await served.call('projects.add', { dir: project, name: 'shop' });
    ({ page, errors } = await openApp(browser, served, [/\/api\/runs\.resize$/, /\/api\/tasks\.appResize$/]));
  });

  afterAll(() => closeAll(browser, served, root));

  it('runs the app from the task pane, shows its output in the App tab, and stops it', async () => {
    const task = await served.call<{ id: string }>('tasks.create', { projectDir: project, prompt: 'write src/agent-note.txt from the agent\nsay the agent is done', agent: 'claude' });
    await expect.poll(async () => (await served.call<{ task: { state: string } }>('tasks.get', { id: task.id })).task.state, { timeout: 30_000 }).toBe('awaiting_review');
    const worktree = (await served.call<{ task: { worktreePath: string } }>('tasks.get', { id: task.id })).task.worktreePath;
    await page.evaluate(`location.hash = '#/tasks/${task.id}'`);
    const pane = page.getByRole('complementary', { name: `Task ${task.id}` });
    await pane.getByRole('button', { name: 'Run', exact: true }).click();

    // The App tab opens on its own terminal with the app's output.
    await pane.getByRole('tab', { name: 'App', selected: true }).waitFor();
    const appTerminal = pane.getByRole('region', { name: 'App terminal' });
    await expect.poll(() => appTerminal.locator('.xterm-rows').textContent(), { timeout: 20_000 }).toContain(`dev server ready in ${worktree}`);
    await appTerminal.getByText('Live', { exact: true }).waitFor();
    const running = await served.call<{ app: AppState }>('tasks.get', { id: task.id });
    expect(running.app.status).toBe('running');
    const pid = running.app.run!.pid!;
    expect(alive(pid)).toBe(true);
    await screenshot(page, 'run-app-running');

    // The agent's terminal is the other stream: no app output there.
    await pane.getByRole('tab', { name: 'Terminal' }).click();
    const agentTerminal = pane.getByRole('region', { name: 'Terminal', exact: true });
    await expect.poll(() => agentTerminal.locator('.xterm-rows').textContent(), { timeout: 20_000 }).toContain('the agent is done');
    expect(await agentTerminal.locator('.xterm-rows').textContent()).not.toContain('dev server ready');

    await pane.getByRole('tab', { name: 'App' }).click();
    await pane.getByRole('button', { name: 'Stop app' }).click();
    await expect.poll(() => appTerminal.locator('.xterm-rows').textContent(), { timeout: 20_000 }).toMatch(/the app was stopped by SIG/);
    await pane.getByRole('button', { name: 'Run', exact: true }).waitFor();
    await appTerminal.getByText('Ended', { exact: true }).waitFor();
    expect(alive(pid)).toBe(false);
    expect((await served.call<{ app: AppState }>('tasks.get', { id: task.id })).app.status).toBe('exited');
  });

  it('raised no error in the page', () => {
    expect(errors).toEqual([]);
  });
});
