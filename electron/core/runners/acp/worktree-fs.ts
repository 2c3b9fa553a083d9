/**
 * `fs/read_text_file` and `fs/write_text_file`, confined to the task's worktree (invariant 6). A path
 * is resolved (realpath, so symlinks count) and refused when it leaves the worktree: through `..`, as
 * an absolute path elsewhere, or through a symlink pointing out. Writes into `.git` are refused too
 * (hooks there would run on the user's next commit). Every refusal is reported through `onRefused`.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { RequestError } from '@agentclientprotocol/sdk';
import { localFsBackend, type FsBackend } from './fs-backend.js';

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

/**
 * The rules, over a backend: this machine's files by default, or a host's (the paths are then paths
 * on the host; `root` is the worktree there).
 */
export function createWorktreeFs(root: string, onRefused: (r: FsRefusal) => void, backend: FsBackend = localFsBackend): WorktreeFs {
  const rootReal = backend.realpath(root);
  rootReal.catch(() => {}); // reported by the first request that needs it
  const refuse = (op: FsRefusal['op'], path: string, reason: string, hint = `only files inside the task worktree ${root} may be used`): RequestError => {
    onRefused({ op, path, reason });
    const what = op === 'terminal' ? `run a terminal in ${path}` : `${op} ${path}`;
    return RequestError.invalidParams({ path }, `refused to ${what}: ${reason}; ${hint}`);
  };

  /** The absolute path the agent means, checked lexically against the worktree (given or real). */
  const lexical = async (op: FsRefusal['op'], path: unknown): Promise<{ abs: string; realRoot: string }> => {
    if (typeof path !== 'string' || !path || path.includes('\0')) throw refuse(op, String(path), 'the path is not valid');
    const realRoot = await rootReal;
    const abs = resolve(realRoot, path);
    if (!inside(realRoot, abs) && !inside(resolve(root), abs)) throw refuse(op, path, 'it is outside the task worktree');
    return { abs, realRoot };
  };

  return {
    async dir(path) {
      if (path == null || path === '') return rootReal;
      const { abs, realRoot } = await lexical('terminal', path);
      const f = await backend.facts(abs);
      if (!f.real) throw RequestError.invalidParams({ cwd: path }, `the terminal folder ${path} does not exist`);
      if (!inside(realRoot, f.real)) throw refuse('terminal', path, `it resolves (through a symlink) to ${f.real}, outside the task worktree`);
      if (f.kind !== 'dir') throw RequestError.invalidParams({ cwd: path }, `${path} is not a folder`);
      return f.real;
    },

    async read({ path, line, limit }) {
      const { abs, realRoot } = await lexical('read', path);
      const f = await backend.facts(abs);
      if (!f.real) {
        // Not found, but only say so about places inside the worktree.
        const realDir = f.nearest?.realDir ?? null;
        if (!realDir || !inside(realRoot, realDir)) throw refuse('read', path, `its folder resolves to ${realDir ?? 'nothing'}, outside the task worktree`);
        throw RequestError.resourceNotFound(path);
      }
      if (!inside(realRoot, f.real)) throw refuse('read', path, `it resolves (through a symlink) to ${f.real}, outside the task worktree`);
      if (f.kind !== 'file') throw RequestError.invalidParams({ path }, `${path} is not a file`);
      if (f.size > MAX_READ_BYTES) throw RequestError.invalidParams({ path }, `${path} is ${f.size} bytes; files over ${MAX_READ_BYTES} bytes are not read`);
      const text = await backend.readText(f.real);
      if (line == null && limit == null) return { content: text };
      const lines = text.split('\n');
      const start = Math.max(0, (line ?? 1) - 1);
      return { content: lines.slice(start, limit == null ? undefined : start + Math.max(0, limit)).join('\n') };
    },

    async write({ path, content }) {
      const { abs, realRoot } = await lexical('write', path);
      const f = await backend.facts(abs);
      let target: string;
      if (f.exists) {
        if (!f.real) throw refuse('write', path, 'it is a symlink to nothing');
        if (!inside(realRoot, f.real)) throw refuse('write', path, `it resolves (through a symlink) to ${f.real}, outside the task worktree`);
        if (f.kind === 'dir') throw RequestError.invalidParams({ path }, `${path} is a directory`);
        target = f.real;
      } else {
        const { dir, realDir } = f.nearest ?? { dir: abs, realDir: null };
        if (!realDir || !inside(realRoot, realDir)) throw refuse('write', path, `its folder resolves to ${realDir ?? 'nothing'}, outside the task worktree`);
        target = resolve(realDir, relative(dir, abs));
      }
      if (isGitPath(realRoot, target)) throw refuse('write', path, 'it is inside .git', 'agents may not change git metadata or hooks');
      // A symlink planted after the checks above must not be followed (issue 12): the backend writes a
      // new temp file beside the target (created exclusively, so never through a link), checks the
      // folder again, and renames over the target's directory entry itself.
      const moved = await backend.writeAtomic(target, content, f.exists ? f.mode : null);
      if (moved != null) throw refuse('write', path, `its folder now resolves to ${moved}, outside the task worktree (a symlink appeared)`);
      return { path: target, bytes: Buffer.byteLength(content), created: !f.exists };
    },
  };
}
