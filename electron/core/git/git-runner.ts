/**
 * Every git process Switchboard starts goes through here (issue #6): `git -C <cwd> ...`, at most
 * `poolSize` at a time per repository (no storms of parallel git), each with a time limit.
 */
import { AppError } from '../errors.js';
import { createPool, type Pool } from './pool.js';
import { localFs, type HostFs } from './host-fs.js';
import { createWorkerSpawner, type ChildSpawner, type GitChild } from './child-spawner.js';

export interface GitCall {
  /** Working directory (`git -C`). */
  cwd: string;
  args: string[];
  /** Pool key: the repository this call belongs to. Defaults to cwd. */
  repo?: string;
  /** Extra environment, e.g. GIT_INDEX_FILE for a temporary index. */
  env?: Record<string, string>;
  input?: string | Buffer;
  /** Exit codes that are not failures (e.g. [0, 1] for `git diff --quiet`). */
  okCodes?: number[];
  timeoutMs?: number;
}

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export interface GitRunner {
  /** The files of the machine this runner's git runs on (temporary indexes, worktree folders). */
  readonly fs: HostFs;
  /** Runs git and buffers its output. Throws a GitError on an exit code outside okCodes, or on timeout. */
  run(call: GitCall): Promise<GitResult>;
  /** stdout as trimmed text. */
  text(call: GitCall): Promise<string>;
  /** Runs git and hands stdout to `onData` chunk by chunk (never buffered whole); resolves on exit. */
  stream(call: GitCall, onData: (chunk: Buffer) => void): Promise<GitResult>;
  /**
   * Runs `fn` while no other exclusive section of the same repository runs. Worktree administration
   * (add, remove, prune) goes through here: a prune racing an add deletes the new worktree's records.
   */
  exclusive<T>(repo: string, fn: () => Promise<T>): Promise<T>;
  dispose(): void;
}

/** The process that runs one git call: `git -C <cwd> ...` here, or `ssh <host> ... git -C <cwd> ...` for a remote host. */
export interface GitSpawn {
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

export interface GitRunnerOptions {
  poolSize?: number;
  timeoutMs?: number;
  /** Runs git elsewhere (a remote host, issue 14): builds the process for a call. Default: local git. */
  spawn?: (call: GitCall, gitVars: Record<string, string>) => GitSpawn;
  /** The machine's files, for the runner's `fs` (default: this machine's). */
  fs?: HostFs;
  /** Appended to the names of calls in errors, e.g. "on host box". */
  where?: string;
  /** Starts the processes (default: from a worker thread, child-spawner.ts). */
  spawner?: ChildSpawner;
  /** Turns a failed call's stderr into a better message (ssh's connection errors); null keeps git's. */
  explain?: (stderr: string, code: number | null) => string | null;
}

export class GitError extends AppError {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super('internal', message);
    this.name = 'GitError';
  }
}

/** Variables a parent git (a hook, a test runner) may have set that would redirect our calls. */
const INHERITED_GIT_VARS = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_COMMON_DIR', 'GIT_PREFIX', 'GIT_NAMESPACE'];

/** What every git call gets, plus the call's own variables. */
const gitVars = (extra?: Record<string, string>): Record<string, string> => ({ GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', ...extra });

function gitEnv(extra?: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of INHERITED_GIT_VARS) delete env[k];
  return { ...env, ...gitVars(extra) };
}

const localSpawn = (call: GitCall): GitSpawn => ({ file: 'git', args: ['-C', call.cwd, ...call.args], env: gitEnv(call.env) });

export function createGitRunner(opts: GitRunnerOptions = {}): GitRunner {
  const poolSize = opts.poolSize ?? 4;
  const defaultTimeout = opts.timeoutMs ?? 120_000;
  const spawnFor = (call: GitCall): GitSpawn => (opts.spawn ? opts.spawn(call, gitVars(call.env)) : localSpawn(call));
  const where = opts.where ? ` ${opts.where}` : '';
  const pools = new Map<string, Pool>();
  const locks = new Map<string, Pool>();
  const children = new Set<GitChild>();
  const spawner = opts.spawner ?? createWorkerSpawner();
  let disposed = false;

  const poolFor = (key: string): Pool => {
    let p = pools.get(key);
    if (!p) pools.set(key, (p = createPool(poolSize)));
    return p;
  };

  const exec = (call: GitCall, onData?: (chunk: Buffer) => void): Promise<GitResult> =>
    poolFor(call.repo ?? call.cwd).use(
      () =>
        new Promise<GitResult>((resolve, reject) => {
          if (disposed) return reject(new GitError('git was not run: Switchboard is shutting down', null, ''));
          const what = `git ${call.args.slice(0, 3).join(' ')} in ${call.cwd}${where}`;
          const target = spawnFor(call);
          const out: Buffer[] = [];
          const err: Buffer[] = [];
          let errBytes = 0;
          let timedOut = false;
          let failed: Error | null = null;
          const timeoutMs = call.timeoutMs ?? defaultTimeout;
          const timer = setTimeout(() => {
            timedOut = true;
            child.kill();
          }, timeoutMs);
          // Its own process group, so a time-out also stops what git started (hooks, filters, helpers).
          const child: GitChild = spawner.spawn(target.file, target.args, target.env, call.input ?? undefined, {
            stdout(chunk) {
              if (failed) return;
              if (!onData) return void out.push(chunk);
              try {
                onData(chunk);
              } catch (e) {
                failed = e as Error;
                child.kill();
              }
            },
            stderr(chunk) {
              if (errBytes < 64 * 1024) err.push(chunk);
              errBytes += chunk.length;
            },
            error(e) {
              clearTimeout(timer);
              children.delete(child);
              reject(new GitError(`cannot run ${target.file} (${e.message}); is it installed and on PATH?`, null, ''));
            },
            close(code) {
              clearTimeout(timer);
              children.delete(child);
              const stderr = Buffer.concat(err).toString('utf8').trim();
              if (failed) return reject(failed);
              if (timedOut) return reject(new GitError(`${what} took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`, null, stderr));
              const result = { code: code ?? -1, stdout: Buffer.concat(out), stderr };
              if (!(call.okCodes ?? [0]).includes(result.code) || (opts.explain && result.code === 255)) {
                const explained = opts.explain?.(stderr, result.code);
                if (explained) return reject(new GitError(`${what} failed: ${explained}`, result.code, stderr));
                if ((call.okCodes ?? [0]).includes(result.code)) return resolve(result);
                return reject(new GitError(`${what} failed (exit ${result.code}): ${stderr.split('\n').slice(0, 4).join(' ') || 'no message'}`, result.code, stderr));
              }
              resolve(result);
            },
          });
          children.add(child);
        }),
    );

  return {
    fs: opts.fs ?? localFs,
    exclusive(repo, fn) {
      let lock = locks.get(repo);
      if (!lock) locks.set(repo, (lock = createPool(1)));
      return lock.use(fn);
    },
    run: (call) => exec(call),
    text: async (call) => (await exec(call)).stdout.toString('utf8').trim(),
    stream: (call, onData) => exec(call, onData),
    dispose() {
      disposed = true;
      for (const c of children) c.kill();
      children.clear();
      spawner.dispose();
      pools.clear();
    },
  };
}
