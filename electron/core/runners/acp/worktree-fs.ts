/**
 * `fs/read_text_file` and `fs/write_text_file`, confined to the task's worktree (invariant 6). A path
 * is resolved (realpath, so symlinks count) and refused when it leaves the worktree: through `..`, as
 * an absolute path elsewhere, or through a symlink pointing out. Writes into `.git` are refused too
 * (hooks there would run on the user's next commit). Every refusal is reported through `onRefused`.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readFile, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { RequestError } from '@agentclientprotocol/sdk';

export interface FsRefusal {
  op: 'read' | 'write' | 'terminal';
  path: string;
  reason: string;
}

export interface WorktreeFs {
  read(params: { path: string; line?: number | null; limit?: number | null }): Promise<{ content: string }>;
  write(params: { path: string; content: string }): Promise<{ path: string; bytes: number; created: boolean }>;
  /** A working directory for a terminal: the worktree itself, or a folder inside it. */
  dir(path: string | null | undefined): Promise<string>;
}

/** Larger files are refused: the agent gets an error instead of Switchboard holding them in memory. */
export const MAX_READ_BYTES = 16 * 1024 * 1024;

const inside = (root: string, p: string): boolean => {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

const isGitPath = (root: string, p: string): boolean => {
  const first = relative(root, p).split(sep)[0];
  return first === '.git';
};

const code = (err: unknown): string | undefined => (err as NodeJS.ErrnoException)?.code;

/** The nearest existing ancestor of `abs` and its real path: it decides where a new file really lands. */
async function nearestExisting(abs: string): Promise<{ dir: string; realDir: string | null }> {
  let dir = dirname(abs);
  while (!(await lstat(dir).catch(() => null))) dir = dirname(dir);
  return { dir, realDir: await realpath(dir).catch(() => null) };
}

export function createWorktreeFs(root: string, onRefused: (r: FsRefusal) => void): WorktreeFs {
  const realRoot = realpathSync(root);
  const refuse = (op: FsRefusal['op'], path: string, reason: string, hint = `only files inside the task worktree ${root} may be used`): RequestError => {
    onRefused({ op, path, reason });
    const what = op === 'terminal' ? `run a terminal in ${path}` : `${op} ${path}`;
    return RequestError.invalidParams({ path }, `refused to ${what}: ${reason}; ${hint}`);
  };

  /** The absolute path the agent means, checked lexically against the worktree (given or real). */
  const lexical = (op: FsRefusal['op'], path: unknown): string => {
    if (typeof path !== 'string' || !path || path.includes('\0')) throw refuse(op, String(path), 'the path is not valid');
    const abs = resolve(realRoot, path);
    if (!inside(realRoot, abs) && !inside(resolve(root), abs)) throw refuse(op, path, 'it is outside the task worktree');
    return abs;
  };

  return {
    async dir(path) {
      if (path == null || path === '') return realRoot;
      const abs = lexical('terminal', path);
      const real = await realpath(abs).catch(() => null);
      if (!real) throw RequestError.invalidParams({ cwd: path }, `the terminal folder ${path} does not exist`);
      if (!inside(realRoot, real)) throw refuse('terminal', path, `it resolves (through a symlink) to ${real}, outside the task worktree`);
      if (!(await stat(real)).isDirectory()) throw RequestError.invalidParams({ cwd: path }, `${path} is not a folder`);
      return real;
    },

    async read({ path, line, limit }) {
      const abs = lexical('read', path);
      let real: string;
      try {
        real = await realpath(abs);
      } catch (err) {
        if (code(err) !== 'ENOENT' && code(err) !== 'ENOTDIR') throw err;
        // Not found, but only say so about places inside the worktree.
        const { realDir } = await nearestExisting(abs);
        if (!realDir || !inside(realRoot, realDir)) throw refuse('read', path, `its folder resolves to ${realDir ?? 'nothing'}, outside the task worktree`);
        throw RequestError.resourceNotFound(path);
      }
      if (!inside(realRoot, real)) throw refuse('read', path, `it resolves (through a symlink) to ${real}, outside the task worktree`);
      const st = await stat(real);
      if (!st.isFile()) throw RequestError.invalidParams({ path }, `${path} is not a file`);
      if (st.size > MAX_READ_BYTES) throw RequestError.invalidParams({ path }, `${path} is ${st.size} bytes; files over ${MAX_READ_BYTES} bytes are not read`);
      const text = await readFile(real, 'utf8');
      if (line == null && limit == null) return { content: text };
      const lines = text.split('\n');
      const start = Math.max(0, (line ?? 1) - 1);
      return { content: lines.slice(start, limit == null ? undefined : start + Math.max(0, limit)).join('\n') };
    },

    async write({ path, content }) {
      const abs = lexical('write', path);
      let target: string;
      let created = false;
      const existing = await lstat(abs).catch((err) => (code(err) === 'ENOENT' ? null : Promise.reject(err)));
      if (existing) {
        const real = await realpath(abs).catch(() => null);
        if (!real) throw refuse('write', path, 'it is a symlink to nothing');
        if (!inside(realRoot, real)) throw refuse('write', path, `it resolves (through a symlink) to ${real}, outside the task worktree`);
        if ((await stat(real)).isDirectory()) throw RequestError.invalidParams({ path }, `${path} is a directory`);
        target = real;
      } else {
        const { dir, realDir } = await nearestExisting(abs);
        if (!realDir || !inside(realRoot, realDir)) throw refuse('write', path, `its folder resolves to ${realDir ?? 'nothing'}, outside the task worktree`);
        target = resolve(realDir, relative(dir, abs));
        created = true;
      }
      if (isGitPath(realRoot, target)) throw refuse('write', path, 'it is inside .git', 'agents may not change git metadata or hooks');
      await mkdir(dirname(target), { recursive: true });
      // A symlink planted after the checks above must not be followed (issue 12): the content goes to
      // a new temp file beside the target (created exclusively, so never through a link), the folder
      // is checked again, and a rename replaces the target's directory entry itself.
      const tmp = join(dirname(target), `.switchboard-write-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
      await writeFile(tmp, content, { flag: 'wx', mode: existing ? (await stat(target)).mode & 0o7777 : 0o666 });
      try {
        const folder = await realpath(dirname(target));
        if (!inside(realRoot, folder) || folder !== dirname(target)) throw refuse('write', path, `its folder now resolves to ${folder}, outside the task worktree (a symlink appeared)`);
        await rename(tmp, target);
      } catch (err) {
        await unlink(tmp).catch(() => {});
        throw err;
      }
      return { path: target, bytes: Buffer.byteLength(content), created };
    },
  };
}
