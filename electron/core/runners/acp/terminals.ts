/**
 * ACP terminals (`terminal/create|output|wait_for_exit|kill|release`) backed by real processes. Each
 * runs in its own process group inside the worktree; its output is kept up to `outputByteLimit`
 * (cut from the front at a character boundary) and also copied to the run's terminal view.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { RequestError } from '@agentclientprotocol/sdk';
import { groupMembers, signalGroup } from '../process-group.js';
import { createTailBuffer, type TailBuffer } from './tail-buffer.js';

export interface TerminalExit {
  exitCode: number | null;
  signal: string | null;
}

export interface CreateTerminalParams {
  command: string;
  args?: string[];
  env?: { name: string; value: string }[];
  cwd?: string | null;
  outputByteLimit?: number | null;
}

/** A terminal's command as it runs: its output pipes, and its process group to signal. */
export interface TermProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Signals the command's whole process group. */
  signal(sig: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** After the command exited: ends whatever it left running in its group. */
  reap(): Promise<void>;
}

/** Where terminal commands run: here (the default), or on a host (remote/remote-acp-place.ts). */
export interface TerminalSpawner {
  /** Starts `cmd args` in `cwd` in a new process group; throws (with the OS's reason) when it cannot. */
  spawn(cmd: string, args: string[], opts: { cwd: string; env: Record<string, string>; id: string }): Promise<TermProcess>;
}

/** This machine: a child in its own process group. */
export const localTerminalSpawner: TerminalSpawner = {
  async spawn(cmd, args, { cwd, env }) {
    const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid == null) throw await new Promise<Error>((r) => child.once('error', r));
    const pid = child.pid;
    return {
      child,
      signal: async (sig) => void signalGroup(pid, sig),
      reap: async () => void (groupMembers(pid).length && signalGroup(pid, 'SIGKILL')),
    };
  },
};

export interface TerminalsDeps {
  /** Where the commands run (default: this machine). */
  spawner?: TerminalSpawner;
  /** Checks an agent-given cwd (must be inside the worktree); returns the directory to use. */
  resolveCwd(cwd: string | null | undefined): Promise<string>;
  env: Record<string, string>;
  /** Where terminal output is shown live (the run's terminal stream). */
  output(data: string): void;
  /** A terminal started or ended: for the transcript. */
  event(data: Record<string, unknown>): void;
  /** Cap when the agent sets no outputByteLimit (streams are bounded). */
  defaultByteLimit?: number;
  killGraceMs?: number;
}

interface Term {
  id: string;
  proc: TermProcess;
  out: TailBuffer;
  exit: TerminalExit | null;
  exited: Promise<TerminalExit>;
}

export interface Terminals {
  create(p: CreateTerminalParams): Promise<{ terminalId: string }>;
  output(id: string): { output: string; truncated: boolean; exitStatus: TerminalExit | null };
  waitForExit(id: string): Promise<TerminalExit>;
  kill(id: string): Promise<void>;
  release(id: string): Promise<void>;
  /** Kills and forgets every terminal (run end). */
  releaseAll(): Promise<void>;
}

const toView = (s: string): string => s.replace(/\r?\n/g, '\r\n');
const quote = (a: string): string => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`);

export function createTerminals(deps: TerminalsDeps): Terminals {
  const terms = new Map<string, Term>();
  let seq = 0;
  const grace = deps.killGraceMs ?? 2000;

  const get = (id: string): Term => {
    const t = terms.get(id);
    if (!t) throw RequestError.resourceNotFound(`terminal ${id}`);
    return t;
  };
  const stop = async (t: Term): Promise<void> => {
    if (t.exit) {
      // The command is gone; anything it left running in its group goes with it.
      await t.proc.reap();
      return;
    }
    await t.proc.signal('SIGTERM');
    const done = await Promise.race([t.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), grace))]);
    if (!done) await t.proc.signal('SIGKILL');
    await t.exited;
    await t.proc.reap();
  };

  return {
    async create(p) {
      const cwd = await deps.resolveCwd(p.cwd);
      // A bare command line with no args ("npm test") is what several agents send: run it with sh.
      const viaShell = !p.args?.length && /\s/.test(p.command.trim());
      const [cmd, args] = viaShell ? ['/bin/sh', ['-c', p.command]] : [p.command, p.args ?? []];
      const env = { ...deps.env, ...Object.fromEntries((p.env ?? []).map((e) => [e.name, e.value])) };
      const id = `term-${++seq}`;
      let proc: TermProcess;
      try {
        proc = await (deps.spawner ?? localTerminalSpawner).spawn(cmd, args, { cwd, env, id });
      } catch (err) {
        throw RequestError.internalError({ command: p.command }, `cannot start ${p.command}: ${(err as Error).message}`);
      }
      const { child } = proc;
      const limit = Math.max(1, p.outputByteLimit ?? deps.defaultByteLimit ?? 1024 * 1024);
      const line = [p.command, ...(p.args ?? [])].map((a, i) => (i === 0 ? a : quote(a))).join(' ');
      deps.output(`\r\n\x1b[2m$ ${line}\x1b[0m\r\n`);
      const t: Term = { id, proc, out: createTailBuffer(limit), exit: null, exited: null as unknown as Promise<TerminalExit> };
      const onData = (d: Buffer): void => {
        t.out.push(d);
        deps.output(toView(d.toString('utf8')));
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('error', () => {});
      const closed = new Promise<void>((r) => child.once('close', () => r()));
      t.exited = new Promise((resolve) =>
        child.once('exit', async (exitCode, signal) => {
          // Let the pipes drain, unless something the command left behind holds them open.
          await Promise.race([closed, new Promise((r) => setTimeout(r, 200))]);
          t.exit = { exitCode, signal };
          deps.output(`\x1b[2m[exit ${signal ?? exitCode}]\x1b[0m\r\n`);
          deps.event({ terminalId: id, state: 'exited', exitCode, signal });
          resolve(t.exit);
        }),
      );
      terms.set(id, t);
      deps.event({ terminalId: id, state: 'started', command: p.command, args: p.args ?? [], cwd, outputByteLimit: p.outputByteLimit ?? null });
      return { terminalId: id };
    },
    output(id) {
      const t = get(id);
      return { output: t.out.text(), truncated: t.out.truncated, exitStatus: t.exit };
    },
    waitForExit: (id) => get(id).exited,
    async kill(id) {
      await stop(get(id));
    },
    async release(id) {
      const t = get(id);
      terms.delete(id);
      await stop(t);
    },
    async releaseAll() {
      const all = [...terms.values()];
      terms.clear();
      await Promise.all(all.map(stop));
    },
  };
}
