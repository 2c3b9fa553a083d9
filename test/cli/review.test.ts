import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { approveCommand } from '../../electron/cli/commands/approve.js';
import { diffCommand } from '../../electron/cli/commands/diff.js';
import { followupCommand } from '../../electron/cli/commands/followup.js';
import { rejectCommand } from '../../electron/cli/commands/reject.js';
import { commands } from '../../electron/cli/commands/index.js';
import type { Command } from '../../electron/cli/command.js';
import type { Core } from '../../electron/core/create-core.js';
import type { Api } from '../../shared/contract.js';
import { harness, makeRepo, read, write, type Harness } from '../core/git/git-fixture.js';

const inProcessApi = (core: Core): Api =>
  new Proxy({}, { get: (_t, name: string) => (name === 'then' ? undefined : (input: unknown) => core.call(name, input)) }) as Api;

async function run(core: Core, cmd: Command, argv: string[], isTTY = false) {
  const out: string[] = [];
  const code = await cmd.run({ argv, io: { out: (t) => out.push(t), err: () => {}, isTTY }, env: {}, home: core.paths.root, connect: async () => inProcessApi(core) });
  return { code, out: out.join('\n') };
}

async function reviewed(h: Harness) {
  const project = makeRepo(join(h.tmp, 'proj'), { 'a.txt': 'a\n', 'b.txt': Array.from({ length: 30 }, (_, i) => `b${i}`).join('\n') + '\n', 'pic.bin': Buffer.from([0, 1]) });
  const { task, cwd } = await h.start(project);
  write(cwd, { 'a.txt': 'a changed\n', 'b.txt': Array.from({ length: 30 }, (_, i) => (i === 2 || i === 25 ? `b${i} changed` : `b${i}`)).join('\n') + '\n', 'pic.bin': Buffer.from([0, 2, 0, 3]) });
  await h.finish(task);
  return { project, task };
}

describe('switchboard diff / approve / reject / followup', () => {
  it('are listed in the CLI', () => {
    expect(commands.map((c) => c.name)).toEqual(expect.arrayContaining(['diff', 'approve', 'reject', 'followup']));
  });

  it('diff prints the unified diff, coloured on a terminal, and --stat', async () => {
    const h = harness();
    const { task } = await reviewed(h);
    const plain = await run(h.core, diffCommand, [task.id]);
    expect(plain.code).toBe(0);
    expect(plain.out).toContain('diff --git a/a.txt b/a.txt');
    expect(plain.out).toContain('-a\n+a changed');
    expect(plain.out).toContain('Binary file, 4 bytes');
    expect(plain.out).not.toContain('\x1b[');
    const tty = await run(h.core, diffCommand, [task.id, '--file', 'a.txt'], true);
    expect(tty.out).toContain('\x1b[32m+a changed\x1b[0m');
    expect(tty.out).toContain('\x1b[31m-a\x1b[0m');
    expect(tty.out).not.toContain('b.txt');
    const stat = await run(h.core, diffCommand, [task.id, '--stat']);
    expect(stat.out.split('\n')).toEqual([' a.txt   |    2 +-', ' b.txt   |    4 ++--', ' pic.bin | Bin 4 bytes', ' 3 files changed, 3 insertions(+), 3 deletions(-)']);
    const json = JSON.parse((await run(h.core, diffCommand, [task.id, '--json'])).out);
    expect(json.files.map((f: { path: string }) => f.path)).toEqual(['a.txt', 'b.txt', 'pic.bin']);
    expect(json.files[0].patch).toContain('+a changed');
  });

  it('approve --file and --hunk apply exactly that', async () => {
    const h = harness();
    const { task, project } = await reviewed(h);
    await expect(run(h.core, approveCommand, [task.id, '--hunk', 'b.txt'])).rejects.toMatchObject({ exitCode: 2 });
    const out = await run(h.core, approveCommand, [task.id, '--file', 'a.txt', '--hunk', 'b.txt:1']);
    expect(out.out).toBe(`${task.id} is applied: 2 files left as uncommitted edits in ${task.projectDir}\n  a.txt\n  b.txt`);
    expect(read(project, 'a.txt')).toBe('a changed\n');
    expect(read(project, 'b.txt')).toContain('b2\n');
    expect(read(project, 'b.txt')).toContain('b25 changed\n');
  });

  it('reject and followup move the task', async () => {
    const h = harness();
    const { task, project } = await reviewed(h);
    await expect(run(h.core, followupCommand, [task.id])).rejects.toMatchObject({ exitCode: 2 });
    expect((await run(h.core, followupCommand, [task.id, 'also', 'fix', 'c'])).out).toBe(`${task.id} is queued: its agent will pick up the follow-up`);
    expect(h.core.store.tasks.get(task.id)!.meta.followUp).toMatchObject({ message: 'also fix c' });
    await expect(run(h.core, rejectCommand, [task.id])).rejects.toThrow(/queued, not awaiting review/);

    const other = makeRepo(join(h.tmp, 'other'), { 'x.txt': 'x\n' });
    const { task: t2, cwd } = await h.start(other);
    write(cwd, { 'x.txt': 'y\n' });
    await h.finish(t2);
    const rejected = await run(h.core, rejectCommand, [t2.id, '--reason', 'wrong approach']);
    expect(rejected.out).toBe(`${t2.id} is rejected (branch switchboard/${t2.id} kept)`);
    expect(read(other, 'x.txt')).toBe('x\n');
    expect(read(project, 'a.txt')).toBe('a\n');
  });
});
