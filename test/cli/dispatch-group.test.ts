import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/index.js';
import { Dispatch } from '../../shared/models/dispatch.js';
import { dispatchHarness, until } from '../core/dispatch/harness.js';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false }, { PATH: process.env.PATH });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('switchboard dispatch --agent A --agent B', () => {
  it('writes one version-2 dispatch with agents, prints every sibling id (and the group id with --json), and intake creates the group', async () => {
    const h = dispatchHarness({ noStart: true });
    const r = await run(['--home', h.root, 'dispatch', '--project', h.project, '--id', 'dispatch-bo3', '--agent', 'claude', '--agent', 'codex', '--agent', 'gemini', 'answer', 'it']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out.split('\n')).toEqual(['dispatch-bo3', 'dispatch-bo3.codex', 'dispatch-bo3.gemini']);
    const d = Dispatch.parse(JSON.parse(readFileSync(join(h.inbox, 'dispatch-bo3.json'), 'utf8')));
    expect(d).toMatchObject({ schema_version: 2, agents: ['claude', 'codex', 'gemini'] });

    const j = await run(['--home', h.root, 'dispatch', '--project', h.project, '--id', 'dispatch-bo2', '--agent', 'claude', '--agent', 'codex', '--json', 'x']);
    expect(JSON.parse(j.out)).toMatchObject({ dispatch_id: 'dispatch-bo2', group_id: 'dispatch-bo2', task_ids: ['dispatch-bo2', 'dispatch-bo2.codex'] });

    h.start();
    await until(() => h.store.tasks.get('dispatch-bo3.gemini') != null, 5000, 'the group');
    expect(h.store.tasks.inGroup('dispatch-bo3').map((t) => [t.id, t.agent, t.prompt, t.state])).toEqual([
      ['dispatch-bo3', 'claude', 'answer it', 'queued'],
      ['dispatch-bo3.codex', 'codex', 'answer it', 'queued'],
      ['dispatch-bo3.gemini', 'gemini', 'answer it', 'queued'],
    ]);
  });

  it('refuses the same agent twice, and --wait with several agents', async () => {
    const h = dispatchHarness({ noStart: true });
    const w = await run(['--home', h.root, 'dispatch', '--project', h.project, '--agent', 'a', '--agent', 'b', '--wait', 'x']);
    expect(w.code).not.toBe(0);
    expect(w.err).toMatch(/--wait waits for one task/);
    expect(() => h.submit({ projectDir: h.project, prompt: 'x', agents: ['a', 'a'], source: 'cli' })).toThrow(/agents lists a more than once/);
    expect(() => h.submit({ projectDir: h.project, prompt: 'x', agents: ['a', 'b'], inPlace: true, source: 'cli' })).toThrow(/cannot run in place/);
  });
});
