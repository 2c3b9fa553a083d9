/**
 * switchboard.json's `setup` (issue 16): runs in a task's new worktree before its agent, with the
 * agent's clean environment and a time limit. Its output goes into the run's terminal under a
 * "setup" heading; a failure returns the last lines of output for the task's error.
 */
import type { SwitchboardFile } from '../../../shared/models/switchboard-file.js';
import type { RunHandle } from '../runners/runner.js';
import type { TerminalSpawner } from '../runners/acp/terminals.js';
import { runShellStep } from './shell-step.js';

export interface SetupInput {
  file: SwitchboardFile;
  cwd: string;
  env: Record<string, string>;
  /** The run's terminal output. */
  write(data: string): void;
  /** Called with a handle while setup runs, so a cancel or shutdown stops it like an agent. */
  running(handle: RunHandle | null): void;
  /**
   * Called with the setup shell's pid as soon as it runs, to record it on the run (invariant 2): after
   * a crash, start-up recovery kills its process group like an agent's.
   */
  spawned(pid: number): void;
  taskId: string;
  /** Where it runs (default: this machine); on a host, `host` names it in the error. */
  spawner?: TerminalSpawner;
  host?: string | null;
}

export type SetupResult = { ok: true; ran: boolean } | { ok: false; error: string; exitCode: number | null; signal: string | null };

const BOLD = (s: string): string => `\x1b[1m${s}\x1b[0m`;
const toTerminal = (s: string): string => s.replace(/\r?\n/g, '\r\n');

export async function runSetup(input: SetupInput): Promise<SetupResult> {
  const { file } = input;
  if (!file.setup) return { ok: true, ran: false };
  input.write(BOLD(`── setup: ${file.setup} ──`) + '\r\n');
  const step = await runShellStep({ command: file.setup, cwd: input.cwd, env: input.env, timeoutMs: file.setupTimeoutSeconds * 1000, onOutput: (d) => input.write(toTerminal(d)), spawner: input.spawner, id: 'setup' });
  if (step.pid != null) input.spawned(step.pid);
  input.running({
    pid: step.pid ?? 0,
    done: step.done.then((r) => ({ exitCode: r.code, signal: r.signal, errorType: null, error: null, flags: [] })),
    write: () => {},
    resize: () => {},
    stop: async () => step.stop(),
  });
  const result = await step.done;
  input.running(null);
  if (result.code === 0) {
    input.write(BOLD('── setup done; starting the agent ──') + '\r\n');
    return { ok: true, ran: true };
  }
  const why = result.timedOut
    ? `ran past its time limit of ${file.setupTimeoutSeconds} s (setupTimeoutSeconds in switchboard.json)`
    : result.code == null
      ? `was stopped${result.signal ? ` by ${result.signal}` : ''}`
      : `exited with code ${result.code}`;
  input.write(BOLD(`── setup ${why}; the agent was not started ──`) + '\r\n');
  const error =
    `setup of task ${input.taskId}${input.host ? ` on host ${input.host}` : ''} (switchboard.json "setup": ${file.setup}) ${why}, so no agent was started. ` +
    `Fix the command or the project, then retry the task.${result.tail ? `\nLast lines of its output:\n${result.tail}` : ''}`;
  return { ok: false, error, exitCode: result.code, signal: result.signal };
}
