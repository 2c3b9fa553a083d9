import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGithub, type FakeGithub } from '../../fixtures/fake-github.js';
import { git, harness, makeRepo, write } from '../git/git-fixture.js';

const TOKEN = 'ghp_fakeToken_7d3e9a1b5c2f4e6a8b0c';
const REPO = 'acme/shop';
let github: FakeGithub;
afterEach(async () => github?.close());

/** Every file under dir, recursively. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));

/** A project with switchboard.json pointing at the fake API, cloned from a bare `origin`. */
async function setup(env: Record<string, string> = { GITHUB_TOKEN: TOKEN }, token = TOKEN) {
  github = await startFakeGithub({ repo: REPO, token });
  const h = harness({ env: { PATH: process.env.PATH, ...env } });
  const project = makeRepo(join(h.tmp, 'proj'), {
    'app.txt': 'v1\n',
    'switchboard.json': JSON.stringify({ github: { repo: REPO, apiUrl: github.url } }),
  });
  const origin = join(h.tmp, 'origin.git');
  git(h.tmp, 'init', '-q', '--bare', origin);
  git(project, 'remote', 'add', 'origin', origin);
  git(project, 'push', '-q', 'origin', 'main');
  const { task, cwd } = await h.start(project);
  write(cwd, { 'app.txt': 'v2 by the agent\n', 'added.txt': 'new\n' });
  await h.finish(task);
  return { h, project, origin, task, cwd };
}

describe('pull requests', () => {
  it('pushes the change to switchboard/<id>, opens the PR with the token, head and base, and stores it on the task', async () => {
    const { h, origin, task } = await setup();
    const result = await h.core.call('changes.openPr', { taskId: task.id, draft: true });
    const branch = `switchboard/${task.id}`;

    // The branch on origin holds exactly the change, on top of main.
    expect(git(origin, 'show', `${branch}:app.txt`)).toBe('v2 by the agent');
    expect(git(origin, 'show', `${branch}:added.txt`)).toBe('new');
    expect(git(origin, 'rev-parse', `${branch}^`)).toBe(git(origin, 'rev-parse', 'main'));
    expect(git(origin, 'log', '-1', '--format=%s', branch)).toBe('do the thing');

    const posts = github.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ url: `/repos/${REPO}/pulls`, authorization: `Bearer ${TOKEN}`, body: { head: branch, base: 'main', draft: true, title: 'do the thing' } });

    expect(result).toMatchObject({ reused: false, pushed: true, pr: { number: 1, url: `https://github.example/${REPO}/pull/1`, branch, base: 'main', state: 'open' } });
    const stored = (await h.core.call('tasks.get', { id: task.id })).task;
    expect(stored).toMatchObject({ state: 'pr_opened', pr: { number: 1, url: `https://github.example/${REPO}/pull/1`, head: git(origin, 'rev-parse', branch) } });
  });

  it('a second pr reuses the open PR; a follow-up pushes a new commit to the same branch and PR', async () => {
    const { h, origin, task } = await setup();
    await h.core.call('changes.openPr', { taskId: task.id });
    const branch = `switchboard/${task.id}`;
    const first = git(origin, 'rev-parse', branch);

    await h.core.call('tasks.followUp', { taskId: task.id, message: 'also update the readme' });
    const { cwd } = await h.resume(h.core.store.tasks.get(task.id)!);
    write(cwd, { 'README.md': 'docs\n' });
    await h.finish(h.core.store.tasks.get(task.id)!);
    const again = await h.core.call('changes.openPr', { taskId: task.id });

    expect(again).toMatchObject({ reused: true, pushed: true, pr: { number: 1 } });
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(git(origin, 'rev-parse', `${branch}^`)).toBe(first); // a new commit on top, nothing rewritten
    expect(git(origin, 'show', `${branch}:README.md`)).toBe('docs');
    expect(git(origin, 'show', `${branch}:app.txt`)).toBe('v2 by the agent');
    expect(h.core.store.tasks.get(task.id)).toMatchObject({ state: 'pr_opened', pr: { number: 1, head: git(origin, 'rev-parse', branch) } });
  });

  it('an open PR GitHub already has for the branch (opened elsewhere) is reused, not duplicated', async () => {
    const { h, task } = await setup();
    const branch = `switchboard/${task.id}`;
    github.pulls.push({ number: 7, html_url: `https://github.example/${REPO}/pull/7`, state: 'open', merged_at: null, head: { ref: branch, sha: '' }, base: { ref: 'main' }, title: 'by hand', draft: false });
    const result = await h.core.call('changes.openPr', { taskId: task.id });
    expect(result).toMatchObject({ reused: true, pr: { number: 7 } });
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('the token appears in no file under the home: store, audit, reports', async () => {
    const { h, task } = await setup();
    await h.core.call('changes.openPr', { taskId: task.id });
    await new Promise((r) => setTimeout(r, 200)); // the completion report is written on the next tick
    const files = filesUnder(h.home);
    expect(files.some((f) => f.endsWith(`${task.id}.json`))).toBe(true); // the completion report exists
    const report = JSON.parse(readFileSync(files.find((f) => f.endsWith(`completed/${task.id}.json`))!, 'utf8'));
    expect(report).toMatchObject({ status: 'pr_opened', pull_request: { number: 1, url: `https://github.example/${REPO}/pull/1` } });
    for (const f of files) expect(readFileSync(f).includes(TOKEN), f).toBe(false);
  });

  it('says what to do when there is no token, the token is refused, or the repository is unknown', async () => {
    const none = await setup({});
    await expect(none.h.core.call('changes.openPr', { taskId: none.task.id })).rejects.toThrow(/no GitHub token.*GITHUB_TOKEN.*gh auth login.*githubToken/);
    expect(none.h.core.store.tasks.get(none.task.id)!.state).toBe('awaiting_review');
    await github.close();

    const bad = await setup({ GITHUB_TOKEN: 'ghp_wrongToken_000000000000' });
    await expect(bad.h.core.call('changes.openPr', { taskId: bad.task.id })).rejects.toThrow(/refused the token \(401\)/);
    await github.close();

    const elsewhere = await setup();
    writeFileSync(join(elsewhere.cwd, 'switchboard.json'), JSON.stringify({ github: { repo: 'acme/nope', apiUrl: github.url } }));
    await expect(elsewhere.h.core.call('changes.openPr', { taskId: elsewhere.task.id })).rejects.toThrow(/no repository acme\/nope.*\(404\)/);
  });

  it('a rejected push is a clear error and leaves the task in review', async () => {
    const { h, origin, project, task } = await setup();
    // Someone else pushed to the task's branch on origin first.
    git(project, 'push', '-q', origin, `main:refs/heads/switchboard/${task.id}`);
    write(project, { 'other.txt': 'x\n' });
    git(project, 'add', 'other.txt');
    git(project, 'commit', '-q', '-m', 'other');
    git(project, 'push', '-q', '-f', origin, `HEAD:refs/heads/switchboard/${task.id}`);
    await expect(h.core.call('changes.openPr', { taskId: task.id })).rejects.toThrow(/was rejected.*then try again/s);
    expect(h.core.store.tasks.get(task.id)).toMatchObject({ state: 'awaiting_review', pr: null });
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('polls the open PR politely (ETag) and shows its CI status and merge', async () => {
    const { h, task } = await setup();
    await h.core.call('changes.openPr', { taskId: task.id });
    await h.core.prPoller.poll();
    expect(h.core.store.tasks.get(task.id)!.pr).toMatchObject({ state: 'open', checks: 'pending' });
    github.requests.length = 0;
    await h.core.prPoller.poll();
    expect(github.requests.map((r) => r.ifNoneMatch)).toEqual(['"open-"', '"ci-pending"']); // both answered 304
    github.ciState = 'success';
    github.pulls[0].state = 'closed';
    github.pulls[0].merged_at = '2026-12-05T17:00:00Z';
    await h.core.prPoller.poll();
    expect(h.core.store.tasks.get(task.id)!.pr).toMatchObject({ state: 'merged', checks: 'success' });
    github.requests.length = 0;
    await h.core.prPoller.poll(); // a merged PR is not read again
    expect(github.requests).toEqual([]);
  });
});
