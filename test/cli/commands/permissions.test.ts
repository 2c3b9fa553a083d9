import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowCommand } from '../../../electron/cli/commands/allow.js';
import { permissionsCommand } from '../../../electron/cli/commands/permissions.js';
import { CliError, type Command } from '../../../electron/cli/command.js';
import { createCore, type Core } from '../../../electron/core/create-core.js';
import type { Api } from '../../../shared/contract.js';
import { tempDir } from '../../helpers/temp.js';

const inProcessApi = (core: Core): Api =>
  new Proxy({}, { get: (_t, name: string) => (name === 'then' ? undefined : (input: unknown) => core.call(name, input)) }) as Api;

async function run(core: Core, cmd: Command, argv: string[]) {
  const out: string[] = [];
  const code = await cmd.run({ argv, io: { out: (t) => out.push(t), err: () => {}, isTTY: false }, env: {}, home: core.paths.root, connect: async () => inProcessApi(core) });
  return { code, out: out.join('\n') };
}

describe('switchboard permissions / allow', () => {
  it('lists pending requests and answers one by kind', async () => {
    const home = tempDir();
    mkdirSync(join(home, 'p'));
    const core = createCore({ home, userHome: home });
    const task = core.submit({ projectDir: join(home, 'p'), prompt: 'x', source: 'api', agent: 'fake' });
    const run1 = core.store.runs.create(task.id, 'fake', 'acp', core.instanceId, 0);
    const options = [
      { optionId: 'a1', name: 'Allow', kind: 'allow_once' as const },
      { optionId: 'r9', name: 'Reject always', kind: 'reject_always' as const },
    ];
    const asked = core.permissions.request({ taskId: task.id, runId: run1.id, sessionId: 's', toolCall: { toolCallId: 't', title: 'Run make test', kind: 'execute' }, options });
    const [pending] = core.permissions.list();

    const listed = await run(core, permissionsCommand, []);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/^ID\s+TASK\s+KIND\s+TITLE\s+AGE\s+OPTIONS/);
    expect(listed.out).toContain(`${pending.id}   ${task.id}  execute  Run make test`);
    expect(listed.out).toContain('allow_once, reject_always');
    expect(JSON.parse((await run(core, permissionsCommand, ['--json', '--task', task.id])).out)).toHaveLength(1);

    await expect(run(core, allowCommand, [String(pending.id), 'once-more'])).rejects.toThrow(/offers no option matching "once-more"; it offers: allow_once \(a1\), reject_always \(r9\)/);
    await expect(run(core, allowCommand, ['x1'])).rejects.toMatchObject({ exitCode: 2 });
    await expect(run(core, allowCommand, ['999'])).rejects.toThrow(/there is no permission request 999/);

    const denied = await run(core, allowCommand, [String(pending.id), 'deny']);
    expect(denied).toEqual({ code: 0, out: `${task.id}: reject_always (Reject always) for "Run make test"` });
    expect((await asked).outcome).toMatchObject({ outcome: 'selected', optionId: 'r9' });
    const again = await run(core, allowCommand, [String(pending.id)]).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(CliError);
    expect((again as Error).message).toMatch(/already answered \(by user\)/);
    expect((await run(core, permissionsCommand, [])).out).toBe('No agent is waiting for permission.');
    expect((await run(core, permissionsCommand, ['--all'])).out).toContain('answered (user: r9)');
    await core.dispose();
  });

  it('answers by task id, as its help says, and asks for the number when the task has several pending', async () => {
    const home = tempDir();
    mkdirSync(join(home, 'p'));
    const core = createCore({ home, userHome: home });
    const task = core.submit({ projectDir: join(home, 'p'), prompt: 'x', source: 'api', agent: 'fake' });
    const run1 = core.store.runs.create(task.id, 'fake', 'acp', core.instanceId, 0);
    const options = [{ optionId: 'a1', name: 'Allow', kind: 'allow_once' as const }];
    const ask = (title: string) => core.permissions.request({ taskId: task.id, runId: run1.id, sessionId: 's', toolCall: { toolCallId: title, title, kind: 'edit' }, options });
    await expect(run(core, allowCommand, [task.id])).rejects.toThrow(`task ${task.id} has no pending permission request`);
    const first = ask('Edit a.txt');
    expect(await run(core, allowCommand, [task.id])).toEqual({ code: 0, out: `${task.id}: allow_once (Allow) for "Edit a.txt"` });
    expect((await first).outcome).toMatchObject({ outcome: 'selected', optionId: 'a1' });
    void ask('Edit b.txt');
    void ask('Edit c.txt');
    await expect(run(core, allowCommand, [task.id])).rejects.toThrow(/has 2 pending permission requests \(\d+, \d+\): name one by its number/);
    await core.dispose();
  });
});
