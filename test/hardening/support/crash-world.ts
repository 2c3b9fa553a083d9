/**
 * The world a crash loop works in: a Switchboard home whose `claude` is the fake agent, git projects
 * the dispatches edit, and the book of every dispatch written so far with the exact files its agent
 * writes, so a check can say what each project must look like.
 */
import { mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { FAKE_CLAUDE, gitProject } from '../../fixtures/fake-claude-kit.js';

export interface DispatchRecord {
  id: string;
  /** The file's name in the inbox. */
  name: string;
  project: string;
  /** Project-relative path → the exact content the agent writes. */
  files: Record<string, string>;
}

export interface World {
  root: string;
  home: string;
  userHome: string;
  inbox: string;
  pidDir: string;
  projects: string[];
  /** Each project's files before any task ran (path → content). */
  base: Map<string, Map<string, string>>;
  dispatched: Map<string, DispatchRecord>;
  /** Tasks whose approval was cut short and then rejected: their change may or may not be in the project (whole). */
  maybeApplied: Set<string>;
  /** Writes a dispatch file whose agent (optionally ignoring SIGHUP) sleeps, then writes two files. */
  dispatch(id: string, project: string, opts: { sleepMs: number; ignoreSignals: boolean }): DispatchRecord;
  /** Opens the store read-only (the host keeps writing it); close it after use. */
  db(): Database.Database;
}

/** Every file of a checkout but .git, with its content. */
export function treeOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === '.git') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

export function createWorld(root: string, opts: { projects: number; maxConcurrent: number }): World {
  root = realpathSync(root);
  const home = join(root, 'home');
  const userHome = join(root, 'user');
  const pidDir = join(root, 'pids');
  const projectsDir = join(root, 'projects');
  const projects = Array.from({ length: opts.projects }, (_, i) => gitProject(join(projectsDir, `p${i}`)));
  const inbox = join(home, 'dispatch');
  for (const d of [inbox, userHome]) mkdirSync(d, { recursive: true });
  writeFileSync(join(home, 'config.json'), worldConfig(root, pidDir, opts.maxConcurrent));
  const base = new Map(projects.map((p) => [p, treeOf(p)]));
  const world: World = {
    root,
    home,
    userHome,
    inbox,
    pidDir,
    projects,
    base,
    dispatched: new Map(),
    maybeApplied: new Set(),
    dispatch(id, project, o) {
      const files = { [`t/${id}/a.txt`]: `alpha ${id}`, [`t/${id}/b.txt`]: `beta ${id}` };
      const script = [
        ...(o.ignoreSignals ? ['ignore-signals'] : []),
        `sleep ${o.sleepMs}`,
        ...Object.entries(files).map(([path, text]) => `write ${path} ${text}`),
        'say done',
      ].join('\n');
      const name = `${id}.json`;
      const tmp = join(inbox, `.${name}.tmp`);
      writeFileSync(tmp, JSON.stringify({ id, dispatched_by: 'crash-loop', task: script, project: 'p', project_dir: project }));
      renameSync(tmp, join(inbox, name));
      const rec = { id, name, project, files };
      world.dispatched.set(id, rec);
      return rec;
    },
    db: () => new Database(join(home, 'switchboard.db'), { readonly: true, fileMustExist: true }),
  };
  return world;
}

/** config.json for the world's home: the fake agent with its pid folder, trusted projects, a short shutdown. */
export function worldConfig(root: string, pidDir: string, maxConcurrent: number): string {
  return JSON.stringify({
    trustedRoots: [join(root, 'projects')],
    maxConcurrent,
    shutdownGraceSeconds: 2,
    agents: { claude: { command: FAKE_CLAUDE, env: { FAKE_CLAUDE_PIDDIR: pidDir }, killGraceSeconds: 1 } },
  });
}
