/**
 * The Workspace (git/workspace.ts) of tasks on a host (issue 14): the same worktree, capture and
 * tree helpers as this machine's, given the host's GitRunner, whose git and files are on the host.
 * The worktree goes under the host's worktreeRoot, marked as this Switchboard's (OWNER_FILE in its
 * git dir), and the sweep (git/sweep.ts) runs there too. switchboard.json is the host's: read
 * there, its copyFiles copied from the project on the host, its setup and teardown run there over ssh
 * (remote-shell-place.ts) through the same provisioning code as this machine's. In-place tasks are
 * refused on hosts (see prepare).
 */
import { join } from 'node:path';
import type { Task } from '../../../shared/models/task.js';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import { captureChange } from '../git/capture.js';
import { branchFor, findRepo, resolveBase, type RepoInfo } from '../git/repo-info.js';
import type { SweepReport, Workspace, TaskLocation } from '../git/workspace.js';
import { sweepWorkspaces } from '../git/sweep.js';
import type { ConfigService } from '../config/config-service.js';
import { worktreeTree } from '../git/worktree-tree.js';
import { addWorktree, copyIgnoredFiles, isWorktree, removeWorktree, worktreePathFor } from '../git/worktrees.js';
import type { Store } from '../store/index.js';
import type { Hosts } from './hosts.js';
import { IN_PLACE_REFUSED, resolveRemoteProject } from './remote-project.js';
import { remoteDiffInOne } from './remote-capture.js';
import { capturedTree } from '../git/captured-tree.js';
import { HostError, type SshHost } from './ssh-host.js';
import { shq } from './ssh-command.js';
import { remoteShellPlace } from './remote-shell-place.js';
import { ProjectSettings } from '../../../shared/models/project.js';
import { copiedExcludes } from '../provision/copy-excludes.js';
import { filesToCopy, readSwitchboardFileOn } from '../provision/switchboard-file.js';
import { readyToRemove } from '../provision/teardown.js';

export interface RemoteWorkspaceDeps {
  hosts: Hosts;
  store: Store;
  clock: Clock;
  config: ConfigService;
  /**
   * Who this Switchboard is (its machine and home), written into the worktrees it makes on a host: a
   * host's worktree root may be shared with other machines' Switchboards, whose worktrees the sweep
   * must never remove as orphans.
   */
  owner: string;
  /** This home's key (homeKeyOf): the run marker of teardowns run on a host. */
  homeKey: string;
}

/** In a worktree's own git dir (which goes with the worktree): the Switchboard that made it. */
const OWNER_FILE = 'switchboard-owner';
const onHost = (host: SshHost): string => ` on host ${host.name}`;

const ownerDir = (path: string): string => `cd -- ${shq(path)} && d=$(git rev-parse --absolute-git-dir)`;

export function createRemoteWorkspace(deps: RemoteWorkspaceDeps): Workspace {
  const { hosts, store, clock, config, owner, homeKey } = deps;
  const fresh = (task: Task): Task => store.tasks.get(task.id) ?? task;
  const hostOf = (task: Task): SshHost => {
    if (!task.host) throw new AppError('internal', `task ${task.id} has no host`);
    return hosts.get(task.host);
  };
  const tmpDir = async (host: SshHost): Promise<string> => join(await host.stateDir(), 'tmp');

  // A project's repository root does not move: asked once per host and path (each ask is ssh round trips).
  const repos = new Map<string, RepoInfo>();
  const repoOf = async (task: Task, host: SshHost): Promise<RepoInfo> => {
    const key = `${host.name}\0${task.projectDir}`;
    const known = repos.get(key);
    if (known) return known;
    const repo = await findRepo(host.git, await host.expand(task.projectDir));
    if (repo) repos.set(key, repo);
    if (!repo) throw new AppError('conflict', `task ${task.id}: its project ${task.projectDir} on host ${host.name} is not a git repository with a commit; tasks on a host need one`);
    return repo;
  };

  const locate = async (input: Task): Promise<TaskLocation> => {
    const task = fresh(input);
    const host = hostOf(task);
    if (!task.worktreePath) throw new AppError('conflict', `task ${task.id} has no worktree on host ${host.name}: it was never prepared, or was already cleaned up`);
    const repo = await repoOf(task, host);
    return { mode: 'worktree', repo: repo.root, cwd: task.worktreePath, prefix: repo.prefix, globalArgs: [], snapshotDir: null };
  };

  const sourceIndex = async (host: SshHost, loc: TaskLocation): Promise<string> => {
    const p = await host.git.text({ cwd: loc.cwd, repo: loc.repo, args: ['rev-parse', '--path-format=absolute', '--git-path', 'index'] });
    return p.startsWith('/') ? p : join(loc.cwd, p);
  };

  /** copyFiles the base does not track: not the agent's work (provision/copy-excludes.ts). */
  const excludesOf = (task: Task, host: SshHost, loc: TaskLocation, base: string): Promise<string[]> =>
    copiedExcludes(host.git, join(loc.repo, loc.prefix), { ...loc, cwd: join(loc.cwd, loc.prefix) }, base, store.projects.get(task.projectId)?.settings);

  const uncapturedWork = async (taskId: string): Promise<boolean> => {
    const task = store.tasks.get(taskId);
    if (!task?.worktreePath || !task.baseCommit || !task.host) return false;
    const host = hostOf(task);
    if (!(await host.fs.exists(task.worktreePath))) return false;
    const loc = await locate(task);
    const tmp = await tmpDir(host);
    const excludes = await excludesOf(task, host, loc, task.baseCommit);
    const now = await worktreeTree(host.git, { cwd: task.worktreePath, repo: loc.repo, sourceIndex: await sourceIndex(host, loc), excludes, tmpDir: tmp });
    return now !== (await capturedTree(host.git, store.changes, { ...task, baseCommit: task.baseCommit }, loc.repo, tmp));
  };

  return {
    async prepare(input) {
      const task = fresh(input);
      const host = hostOf(task);
      if (task.inPlace) throw new AppError('invalid_input', IN_PLACE_REFUSED(host.name));
      const real = await resolveRemoteProject(host, task.projectDir);
      const repo = await findRepo(host.git, real);
      if (repo) repos.set(`${host.name}\0${task.projectDir}`, repo);
      if (!repo) throw new AppError('invalid_input', `project ${real} on host ${host.name} is not a git repository with a commit; tasks on a host need one (in place is not supported there)`);
      const shell = remoteShellPlace(host);
      const branch = task.branch ?? branchFor(task.id);
      if (task.worktreePath && task.baseCommit && (await isWorktree(host.git, repo.root, task.worktreePath))) {
        return { cwd: join(task.worktreePath, repo.prefix), baseCommit: task.baseCommit, branch, worktreePath: task.worktreePath, created: false, shell };
      }
      // The dispatch's base branch, else switchboard.json's as the project on the host has it, else HEAD.
      const baseBranch = task.baseBranch ?? (await readSwitchboardFileOn(host.fs, real, onHost(host))).baseBranch ?? null;
      let base = task.baseCommit ?? (await resolveBase(host.git, repo, task.id, baseBranch));
      if (task.groupId && !task.baseCommit) {
        store.tasks.setGroupBase(task.groupId, base); // siblings share the base the first of them resolved (issue 17)
        base = store.tasks.get(task.id)?.baseCommit ?? base;
      }
      const project = store.projects.get(task.projectId);
      const path = task.worktreePath ?? worktreePathFor(await hosts.worktreeRoot(host), project?.name ?? 'project', task.id);
      await addWorktree(host.git, repo.root, path, branch, base);
      const marked = await host.exec(`${ownerDir(path)} && printf '%s\\n' ${shq(owner)} > "$d/${OWNER_FILE}"`);
      if (marked.code !== 0) throw new AppError('unavailable', `task ${task.id}: could not mark its worktree ${path} on host ${host.name} as this Switchboard's (${marked.stderr.trim()})`);
      store.tasks.patch(task.id, { base_commit: base, branch, worktree_path: path }, clock.now());
      const cwd = join(path, repo.prefix);
      // switchboard.json as committed at the base (the worktree's copy); an invalid one fails the task.
      const file = await readSwitchboardFileOn(host.fs, cwd, onHost(host));
      const settings = store.projects.get(task.projectId)?.settings ?? ProjectSettings.parse({});
      await copyIgnoredFiles(host.fs, real, cwd, await filesToCopy(host.git, real, file, settings));
      return { cwd, baseCommit: base, branch, worktreePath: path, created: true, shell };
    },

    async capture(input, runId) {
      const task = fresh(input);
      if (!task.baseCommit) throw new AppError('conflict', `task ${task.id} has no base commit: prepare() was not called for it`);
      const host = hostOf(task);
      const loc = await locate(task);
      const excludes = await excludesOf(task, host, loc, task.baseCommit);
      const result = await captureChange(
        { git: host.git, changes: store.changes, now: () => clock.now(), tmpDir: await tmpDir(host), diffInOne: remoteDiffInOne(host) },
        { taskId: task.id, runId: store.runs.get(runId) ? runId : null, cwd: loc.cwd, repo: loc.repo, globalArgs: [], sourceIndex: null, baseCommit: task.baseCommit, excludes },
      );
      return result;
    },

    uncapturedWork,

    async cleanup(taskId, opts = {}) {
      const task = store.tasks.get(taskId);
      if (!task?.worktreePath || !task.host) return;
      const host = hostOf(task);
      const repo = await repoOf(task, host);
      const retire = { store, clock, config, homeKey, uncapturedWork: opts.nothingUncaptured ? async () => false : uncapturedWork, place: remoteShellPlace(host) };
      if (!(await readyToRemove(retire, task, task.worktreePath, repo.prefix))) return;
      await removeWorktree(host.git, repo.root, task.worktreePath, task.branch, !opts.keepBranch);
      store.tasks.patch(taskId, opts.keepBranch ? { worktree_path: null } : { worktree_path: null, branch: null }, clock.now());
    },

    locate,
    async sweep() {
      const report: SweepReport = { removed: [], branchesDeleted: [], kept: [], failed: [] };
      for (const name of hosts.names()) {
        let root = '(worktree root)';
        try {
          const host = hosts.get(name);
          root = await hosts.worktreeRoot(host);
          const ours = async (path: string) => (await host.exec(`${ownerDir(path)} && [ "$(cat -- "$d/${OWNER_FILE}" 2>/dev/null)" = ${shq(owner)} ]`)).code === 0;
          const retire = { store, clock, config, homeKey, uncapturedWork, place: remoteShellPlace(host) };
          const ready = async (task: Task, path: string) => readyToRemove(retire, task, path, (await repoOf(task, host).catch(() => null))?.prefix ?? '');
          // A project that is no longer a repository has no branch to delete; an unreachable host is tried next time.
          const repoOfTask = (task: Task) => repoOf(task, host).catch((err) => (err instanceof HostError ? Promise.reject(err) : null));
          const r = await sweepWorkspaces({ git: host.git, store, config, paths: null, clock, worktreeRoot: root, host: name, ours, readyToRemove: ready, repoOf: repoOfTask });
          const on = (p: string) => `${name}:${p}`;
          report.removed.push(...r.removed.map(on));
          report.branchesDeleted.push(...r.branchesDeleted.map(on));
          report.kept.push(...r.kept.map(on));
          report.failed.push(...r.failed.map((f) => ({ ...f, path: on(f.path) })));
        } catch (err) {
          report.failed.push({ path: `${name}:${root}`, error: (err as Error).message }); // unreachable: swept next time
        }
      }
      return report;
    },
    async dispose() {},
  };
}

/** One Workspace for the scheduler and review: a task on a host goes to `remote`, the rest to `local`. */
export function routeByHost<L extends Workspace>(local: L, remote: Workspace, store: Store): L {
  const pick = (task: Task): Workspace => (fresh(task).host ? remote : local);
  const fresh = (task: Task): Task => store.tasks.get(task.id) ?? task;
  const byId = (id: string): Workspace => (store.tasks.get(id)?.host ? remote : local);
  return {
    ...local,
    prepare: (t) => pick(t).prepare(t),
    capture: (t, runId) => pick(t).capture(t, runId),
    uncapturedWork: (id) => byId(id).uncapturedWork(id),
    cleanup: (id, opts) => byId(id).cleanup(id, opts),
    locate: (t) => pick(t).locate(t),
    async sweep() {
      const [here, there] = [await local.sweep(), await remote.sweep()];
      return { removed: [...here.removed, ...there.removed], branchesDeleted: [...here.branchesDeleted, ...there.branchesDeleted], kept: [...here.kept, ...there.kept], failed: [...here.failed, ...there.failed] };
    },
    dispose: async () => {
      await local.dispose();
      await remote.dispose();
    },
  };
}
