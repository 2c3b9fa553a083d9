/** Best-of-N groups (issue 17) with real fake agents in real worktrees, through the contract. */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_AGENTS } from '../../../electron/core/runners/builtin-agents.js';
import { FAKE_CLAUDE, livePids, waitFor } from '../../fixtures/fake-claude-kit.js';
import { hashTree } from '../git/git-fixture.js';
import { tempDir } from '../../helpers/temp.js';
import { commands } from '../../../electron/cli/commands/index.js';
import type { Api, RequestOutput } from '../../../shared/contract.js';
import { setupScheduler, type SchedulerSetup } from '../scheduler/setup.js';

const lines = (n: number): string => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
const LONG = lines(40);
/** `write` takes one line: its \n escapes become newlines in the file. */
const writeDirective = (path: string, content: string): string => `write ${path} ${content.replace(/\n/g, '\\n')}`;

/** Three agents, all the fake claude, each answering with its own script before the common prompt. */
function groupSetup(scripts: Record<string, string>): SchedulerSetup {
  const home = tempDir();
  const pidDir = join(home, 'pids');
  const agents = Object.fromEntries(
    Object.entries(scripts).map(([name, script]) => [name, { ...BUILTIN_AGENTS.claude, command: FAKE_CLAUDE, env: { FAKE_CLAUDE_PIDDIR: pidDir, FAKE_CLAUDE_SCRIPT: script } }]),
  );
  const s = setupScheduler({ home, config: { maxConcurrent: 3, agents } });
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
  writeFileSync(join(s.project, 'answer.txt'), 'no answer yet\n');
  writeFileSync(join(s.project, 'long.txt'), LONG);
  execFileSync('git', ['add', '-A'], { cwd: s.project, env });
  execFileSync('git', ['commit', '-q', '-m', 'files to answer in'], { cwd: s.project, env });
  return s;
}

async function dispatchGroup(s: SchedulerSetup, agents: string[]) {
  const first = await s.submit('say working on it', { agents });
  const siblings = s.core.store.tasks.inGroup(first.groupId!);
  return siblings;
}

/** A CLI command against this core, in process. */
async function runCli(s: SchedulerSetup, argv: string[]): Promise<string> {
  const api = new Proxy({}, { get: (_t, name: string) => (name === 'then' ? undefined : (input: unknown) => s.core.call(name as never, input as never)) }) as Api;
  const out: string[] = [];
  const cmd = commands.find((c) => c.name === argv[0])!;
  await cmd.run({ argv: argv.slice(1), io: { out: (t) => out.push(t), err: () => {}, isTTY: false }, env: {}, home: s.home, connect: async () => api });
  return out.join('\n');
}

describe('best-of-N groups', () => {
  it('three agents answer one file; approving one leaves only its answer and supersedes the other two, with no agent left', async () => {
    const s = groupSetup({ alpha: writeDirective('answer.txt', 'alpha says 1\n'), beta: writeDirective('answer.txt', 'beta says 2\n'), gamma: writeDirective('answer.txt', 'gamma says 3\n') });
    const siblings = await dispatchGroup(s, ['alpha', 'beta', 'gamma']);
    expect(siblings.map((t) => t.agent)).toEqual(['alpha', 'beta', 'gamma']);
    for (const t of siblings) await s.waitState(t.id, 'awaiting_review', 60_000);
    // One base commit for the whole group, and a worktree each.
    const tasks = siblings.map((t) => s.task(t.id));
    expect(new Set(tasks.map((t) => t.baseCommit)).size).toBe(1);
    expect(new Set(tasks.map((t) => t.worktreePath)).size).toBe(3);

    const compare = await s.core.call('groups.compare', { id: siblings[1].id });
    expect(compare.members.map((m) => [m.task.agent, m.task.state, m.change?.filesCount])).toEqual([
      ['alpha', 'awaiting_review', 1],
      ['beta', 'awaiting_review', 1],
      ['gamma', 'awaiting_review', 1],
    ]);
    expect(compare.files).toEqual([{ path: 'answer.txt', taskIds: siblings.map((t) => t.id) }]);
    expect(compare.members.every((m) => m.runStatus === 'exit 0' && m.durationMs != null)).toBe(true);
    // Usage is what each sibling's agent reported (the fake claude's stream-json result), summed over its runs.
    for (const m of compare.members) {
      const reported = s.core.store.usage.forTask(m.task.id);
      expect(reported.length).toBeGreaterThan(0);
      expect(m.usage).toEqual({
        inputTokens: reported.reduce((n, r) => n + r.inputTokens, 0),
        outputTokens: reported.reduce((n, r) => n + r.outputTokens, 0),
        costUsd: expect.any(Number),
      });
      expect(m.usage!.inputTokens).toBeGreaterThan(0);
    }

    const cli = await runCli(s, ['compare', siblings[2].id]);
    expect(cli.split('\n')[0]).toBe(`group ${siblings[0].id}`);
    for (const t of siblings) expect(cli).toMatch(new RegExp(`${t.id.replace(/\./g, '\\.')}\\s+${t.agent}\\s+awaiting_review .*1 \\+1 -1\\s+exit 0\\s+\\d+\\/\\d+\\s+\\$\\d`));
    expect(cli).toMatch(/answer\.txt\s+alpha, beta, gamma/);

    const [alpha, beta, gamma] = siblings;
    await s.core.call('changes.approve', { taskId: beta.id });
    expect(readFileSync(join(s.project, 'answer.txt'), 'utf8')).toBe('beta says 2\n');
    expect(s.task(beta.id).state).toBe('applied');
    for (const loser of [alpha, gamma]) {
      const t = s.task(loser.id);
      expect(t.state).toBe('rejected');
      expect(t.meta.supersededBy).toBe(beta.id);
      expect(s.core.store.changes.latest(loser.id)).toMatchObject({ state: 'rejected', review: { rejectReason: `superseded by ${beta.id}` } });
      expect(s.core.store.audit.forTask(loser.id).filter((e) => e.kind === 'task.state').at(-1)).toMatchObject({ data: { to: 'rejected', event: 'supersede', reason: `superseded by ${beta.id}` } });
      // Its branch is kept like any rejected task's.
      expect(execFileSync('git', ['branch', '--list', t.branch!], { cwd: s.project, encoding: 'utf8' })).toContain(t.branch!);
    }
    expect(livePids(s.pidDir)).toEqual([]);
  }, 120_000);

  it('a sibling still running when another is approved is stopped and superseded', async () => {
    const s = groupSetup({ alpha: writeDirective('answer.txt', 'alpha\n'), beta: `${writeDirective('answer.txt', 'beta\n')}\nhang` });
    const [alpha, beta] = await dispatchGroup(s, ['alpha', 'beta']);
    await s.waitState(alpha.id, 'awaiting_review', 60_000);
    await s.waitState(beta.id, 'running', 60_000);
    await waitFor(() => livePids(s.pidDir).length === 1, 30_000, 'beta to be running');
    const out = await s.core.call('groups.approve', { picks: [{ taskId: alpha.id }] });
    expect(out.superseded).toEqual([beta.id]);
    expect(s.task(beta.id)).toMatchObject({ state: 'rejected', meta: { supersededBy: alpha.id } });
    expect(livePids(s.pidDir)).toEqual([]);
    expect(readFileSync(join(s.project, 'answer.txt'), 'utf8')).toBe('alpha\n');
  }, 120_000);

  it('picks non-overlapping hunks from two siblings in one approval, and refuses an overlapping pick leaving the project byte-identical', async () => {
    const change = (at: number, text: string) => LONG.replace(`line ${at}\n`, `${text}\n`);
    const s = groupSetup({
      alpha: writeDirective('long.txt', change(3, 'line 3 by alpha')),
      beta: writeDirective('long.txt', change(35, 'line 35 by beta')),
      gamma: writeDirective('long.txt', change(4, 'line 4 by gamma')),
    });
    const [alpha, beta, gamma] = await dispatchGroup(s, ['alpha', 'beta', 'gamma']);
    for (const t of [alpha, beta, gamma]) await s.waitState(t.id, 'awaiting_review', 60_000);
    const hunk0 = [{ path: 'long.txt', index: 0 }];

    const before = hashTree(s.project);
    const refused = s.core.call('groups.approve', { picks: [{ taskId: alpha.id, hunks: hunk0 }, { taskId: gamma.id, hunks: hunk0 }] });
    await expect(refused).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/long\.txt: lines 1-6 \(from .*alpha\)\) overlap lines 1-7 \(from .*gamma\)\)/) });
    expect(hashTree(s.project)).toEqual(before);
    for (const t of [alpha, beta, gamma]) expect(s.task(t.id).state).toBe('awaiting_review');

    // The same pick from the CLI: alpha wins with its hunk, and beta's hunk comes along (--pick SIBLING:PATH:N).
    await expect(runCli(s, ['approve', alpha.id, '--pick', `${alpha.id}:long.txt:0`])).rejects.toThrow(/--pick names .* the task being approved/);
    const out = JSON.parse(await runCli(s, ['approve', alpha.id, '--hunk', 'long.txt:0', '--pick', `${beta.id}:long.txt:0`, '--json'])) as RequestOutput<'groups.approve'>;
    expect(readFileSync(join(s.project, 'long.txt'), 'utf8')).toBe(change(35, 'line 35 by beta').replace('line 3\n', 'line 3 by alpha\n'));
    expect(out.approved.map((a) => a.task.state)).toEqual(['applied', 'applied']);
    expect(out.superseded).toEqual([gamma.id]);
    expect(s.task(gamma.id)).toMatchObject({ state: 'rejected', meta: { supersededBy: alpha.id } });
  }, 120_000);
});
