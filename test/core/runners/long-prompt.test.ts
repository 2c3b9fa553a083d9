import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPtyRunner } from '../../../electron/core/runners/pty-runner.js';
import { cleanEnv } from '../../../electron/core/runners/clean-env.js';
import { runMarker, TEST_HOME_KEY } from '../../helpers/run-marker.js';
import { buildArgs } from '../../../electron/core/runners/agent-args.js';
import type { RunRequest } from '../../../electron/core/runners/runner.js';
import { createCore } from '../../../electron/core/create-core.js';
import type { Run } from '../../../shared/models/run.js';
import type { Task } from '../../../shared/models/task.js';
import { fakeClaudeAgent, recordingSink, waitFor } from '../../fixtures/fake-claude-kit.js';
import { tempDir } from '../../helpers/temp.js';

/** 300 KiB of varied text: numbered lines, so a lost or reordered piece shows. */
const bigText = (): string => Array.from({ length: 6000 }, (_, i) => `line ${String(i).padStart(5, '0')} ${'xyz'.repeat(17)}`).join('\n').slice(0, 300 * 1024);

describe('long prompts', () => {
  it('a 300 KiB prompt reaches an agent that reads stdin intact, and never appears in its argv', async () => {
    const dir = tempDir();
    const pidDir = tempDir();
    const body = bigText();
    const prompt = `write big.txt <<END\n${body}\nEND\nsay done`;
    expect(Buffer.byteLength(prompt)).toBeGreaterThan(300 * 1024);
    const agent = fakeClaudeAgent();
    const sink = recordingSink();
    const req: RunRequest = {
      task: { id: 'dispatch-long' } as Task,
      run: { id: 1 } as Run,
      agent,
      cwd: dir,
      prompt,
      env: { ...cleanEnv({ agent, dispatchId: `dispatch-long-${process.pid}`, marker: runMarker(TEST_HOME_KEY, `dispatch-long-${process.pid}`), parent: process.env }), FAKE_CLAUDE_PIDDIR: pidDir },
      sink,
    };
    const handle = await runner().start(req);
    // While it runs, its command line (what every local user can read) holds no prompt.
    const recorded = await waitFor(() => readdirSync(pidDir).find((n) => /^\d+$/.test(n)), 20_000, 'the agent to start');
    const argv = (JSON.parse(readFileSync(join(pidDir, recorded), 'utf8')) as { argv: string[] }).argv;
    expect(argv.join(' ')).not.toContain('line 00000');
    const outcome = await handle.done;
    expect(outcome).toMatchObject({ exitCode: 0, errorType: null });
    expect(readFileSync(join(dir, 'big.txt'), 'utf8')).toBe(`${body}\n`);
    expect(sink.events.at(-1)!.data).toMatchObject({ subtype: 'success', text: 'done' });
  });

  it('short prompts still go in argv; long ones leave only the definition\'s stdin marker there', () => {
    const codexLike = { transport: 'pty' as const, args: ['exec', '--json'], resumeArgs: ['resume', '{sessionId}'], promptStdin: { arg: '-' } };
    expect(buildArgs(codexLike, 'short')).toEqual(['exec', '--json', 'short']);
    expect(buildArgs(codexLike, 'x'.repeat(10_000), 'S1')).toEqual(['exec', '--json', 'resume', 'S1', '-']);
    expect(buildArgs(fakeClaudeAgent(), 'x'.repeat(10_000))).toEqual(fakeClaudeAgent().args);
  });

  it('refuses at dispatch a prompt too long for an agent that only takes it in argv, saying why', async () => {
    const home = tempDir();
    const project = join(home, 'p');
    mkdirSync(project);
    const core = createCore({ home, userHome: home });
    try {
      const huge = 'y'.repeat(200 * 1024);
      expect(() => core.submit({ projectDir: project, prompt: huge, source: 'api', agent: 'cursor' })).toThrow(
        /task refused: the prompt is 200 KiB, and agent cursor takes its prompt on the command line, which holds at most 128 KiB/,
      );
      expect(core.submit({ projectDir: project, prompt: huge, source: 'api', agent: 'claude' }).state).toBe('queued');
      expect(core.submit({ projectDir: project, prompt: huge, source: 'api', agent: 'gemini' }).state).toBe('queued');
    } finally {
      await core.dispose();
    }
  });
});

const runner = () => createPtyRunner();
