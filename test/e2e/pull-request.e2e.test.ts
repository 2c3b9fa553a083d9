import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGithub, type FakeGithub } from '../fixtures/fake-github.js';
import { closeAll, launchChromium, openApp, screenshot } from './support/browser.js';
import { gitProject } from './support/project.js';
import { ROOT, startServe, type Served } from './support/serve.js';

const FAKE_CLAUDE = join(ROOT, 'test/fixtures/fake-claude.mjs');
const TOKEN = 'ghp_e2eToken_4b8d2f6a1c3e5a7b9d0f';
const REPO = 'acme/shop';
const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();

// Issue 16's pull-request hand-off in the UI: no token is a readable error in the review; the token is
// set in Settings (write-only); Open pull request pushes the branch and opens the PR on a fake GitHub;
// the card and the task's details show it; the token never reaches the page.
describe('pull requests from the review screen', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let root: string;
  let project: string;
  let origin: string;
  let github: FakeGithub;

  beforeAll(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'sb-e2e-pr-')));
    github = await startFakeGithub({ repo: REPO, token: TOKEN });
    project = gitProject(join(root, 'shop'));
    writeFileSync(join(project, 'switchboard.json'), JSON.stringify({ github: { repo: REPO, apiUrl: github.url } }));
    git(project, 'add', '-A');
    git(project, 'commit', '-q', '-m', 'switchboard.json');
    origin = join(root, 'origin.git');
    git(root, 'init', '-q', '--bare', origin);
    git(project, 'remote', 'add', 'origin', origin);
    git(project, 'push', '-q', 'origin', 'main');
    // No token anywhere: GITHUB_TOKEN is emptied and gh is not installed here.
    [served, browser] = await Promise.all([
      startServe({ config: { trustedRoots: [root], agents: { claude: { command: FAKE_CLAUDE } } }, env: { GITHUB_TOKEN: '' } }),
      launchChromium(),
    ]);
    await served.call('projects.add', { dir: project, name: 'shop' });
    // The failed openPr (no token yet) answers with an error status on purpose.
    ({ page, errors } = await openApp(browser, served, [/\/api\/runs\.resize$/, /\/api\/changes\.openPr$/]));
  });

  afterAll(async () => {
    await github?.close();
    await closeAll(browser, served, root);
  });

  it('says what to do without a token, then opens the PR once the token is set in Settings', async () => {
    const task = await served.call<{ id: string }>('tasks.create', { projectDir: project, prompt: 'Add the greeting\nwrite src/hello.ts export const hello = 1;\nsay Added the greeting', agent: 'claude' });
    await expect
      .poll(async () => (await served.call<{ task: { state: string } }>('tasks.get', { id: task.id })).task.state, { timeout: 30_000 })
      .toBe('awaiting_review');
    await page.evaluate(`location.hash = '#/review/${task.id}'`);
    const review = page.getByRole('region', { name: `Review of ${task.id}` });
    const open = review.getByRole('button', { name: 'Open pull request' });
    await open.click();
    // A GitHub credential error is not this tab's session being refused: the app stays live.
    await review.getByRole('alert').filter({ hasText: /no GitHub token was found: set GITHUB_TOKEN, or run `gh auth login`, or set githubToken in Settings/ }).waitFor();
    expect(github.requests).toEqual([]);
    await page.getByRole('status', { name: /Connection: Live/ }).waitFor();

    // The token, set where the error says.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'Settings' });
    const secret = form.getByRole('group', { name: 'GitHub token' });
    await secret.getByText('Not set', { exact: true }).waitFor();
    await secret.getByRole('button', { name: 'Set…' }).click();
    await secret.getByLabel('New github token').fill(TOKEN);
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await secret.getByText('Set', { exact: true }).waitFor();
    expect(JSON.parse(readFileSync(join(served.home, 'config.json'), 'utf8')).githubToken).toBe(TOKEN);

    await page.evaluate(`location.hash = '#/review/${task.id}'`);
    await review.getByRole('button', { name: 'Open pull request' }).click();
    const url = `https://github.example/${REPO}/pull/1`;
    await review.getByRole('status').filter({ hasText: `Opened pull request #1: ${url}` }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'pull-request-opened');

    // On GitHub (the fake): one POST with the token, the branch and the base; the branch holds the change.
    const posts = github.requests.filter((r) => r.method === 'POST');
    expect(posts).toMatchObject([{ url: `/repos/${REPO}/pulls`, authorization: `Bearer ${TOKEN}`, body: { head: `switchboard/${task.id}`, base: 'main' } }]);
    expect(git(origin, 'show', `switchboard/${task.id}:src/hello.ts`)).toBe('export const hello = 1;');

    // The card and the task's details show the PR; the token is nowhere in the page.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Tasks' }).click();
    const card = page.locator(`[data-task-id="${task.id}"]`);
    await card.getByText('PR #1 open').waitFor();
    expect(await card.textContent()).toContain('Pull request opened');
    await card.click();
    const pane = page.getByRole('complementary', { name: `Task ${task.id}` });
    await pane.getByRole('tab', { name: 'Details' }).click();
    await pane.getByText(url).waitFor();
    await screenshot(page, 'pull-request-card');
    expect(await page.content()).not.toContain(TOKEN);
  }, 120_000);

  it('raised no error in the page', () => {
    expect(errors).toEqual([]);
  });
});
