/**
 * projects.*: the projects Switchboard knows, their own settings, their repository's state and their
 * switchboard.json (issue 18, Projects in the UI). A host project is read on its host, over ssh.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize, posix } from 'node:path';
import type { Project, ProjectSettingsPatch } from '../../../shared/models/project.js';
import { settingOverrides, type SwitchboardFileView } from '../../../shared/models/project-status.js';
import { SWITCHBOARD_FILE_NAME, type SwitchboardFile } from '../../../shared/models/switchboard-file.js';
import type { Bus } from '../bus.js';
import { iso, type Clock } from '../clock.js';
import { AppError, notFound } from '../errors.js';
import type { GitRunner } from '../git/git-runner.js';
import { readRepoState } from '../git/repo-status.js';
import { parseSwitchboardFile } from '../provision/switchboard-file.js';
import type { Handlers } from '../router.js';
import type { Store } from '../store/index.js';
import { resolveProjectDir } from '../tasks/resolve-project-dir.js';

export interface ProjectMachine {
  git: GitRunner;
  /** A file's text, or null when there is none. */
  readText(path: string): Promise<string | null>;
}

export interface ProjectsControllerDeps {
  store: Pick<Store, 'projects' | 'audit'>;
  bus: Bus;
  clock: Clock;
  /** The machine a project lives on: this one (host null) or a host of config.json. */
  machine(host: string | null): ProjectMachine;
  /** The agents a project may name as its default. */
  agentNames(): string[];
}

type ProjectHandlers = Pick<Handlers, 'projects.list' | 'projects.add' | 'projects.update' | 'projects.repoStatus' | 'projects.switchboardFile'>;

/** Reads a local file; null when it does not exist. */
export const readLocalText = (path: string): Promise<string | null> =>
  readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });

export function createProjectsController(deps: ProjectsControllerDeps): ProjectHandlers & { updateSettings: UpdateSettings } {
  const { store, clock } = deps;
  const project = (id: number): Project => {
    const p = store.projects.get(id);
    if (!p) throw notFound(`project ${id}`);
    return p;
  };
  const label = (p: Project): string => `project ${p.name}${p.host ? ` on host ${p.host}` : ''}`;
  const updateSettings = createUpdateSettings(deps);

  return {
    updateSettings,
    'projects.list': () => store.projects.list(),
    'projects.add': ({ dir, name, settings }) => store.projects.ensure(resolveProjectDir(dir), clock.now(), name, settings),
    'projects.update': ({ projectId, name, settings }) => updateSettings(projectId, settings, name),

    async 'projects.repoStatus'({ projectId }) {
      const p = project(projectId);
      const state = await readRepoState(deps.machine(p.host ?? null).git, p.dir, label(p));
      return { projectId, ...state, checkedAt: iso(clock.now()) };
    },

    async 'projects.switchboardFile'({ projectId }) {
      const p = project(projectId);
      const path = p.host ? posix.join(p.dir, SWITCHBOARD_FILE_NAME) : join(p.dir, SWITCHBOARD_FILE_NAME);
      const view = (found: boolean, file: SwitchboardFile | null, error: string | null): SwitchboardFileView => ({
        projectId, path, found, file, error, overrides: settingOverrides(p.settings, file),
      });
      let text: string | null;
      try {
        text = await deps.machine(p.host ?? null).readText(path);
      } catch (err) {
        return view(false, null, `${label(p)}: could not read ${path}: ${(err as Error).message}`);
      }
      if (text === null) return view(false, null, null);
      try {
        return view(true, parseSwitchboardFile(text, path), null);
      } catch (err) {
        return view(true, null, (err as Error).message);
      }
    },
  };
}

export type UpdateSettings = (projectId: number, patch: ProjectSettingsPatch, name?: string) => Project;

/**
 * The one writer of a project's own settings (projects.update and settings.projectLimit): checks
 * the patch as a whole, stores it, audits it by key and emits project.changed (the scheduler takes a
 * new limit at once; the UI updates the project).
 */
export function createUpdateSettings(deps: Pick<ProjectsControllerDeps, 'store' | 'bus' | 'clock' | 'agentNames'>): UpdateSettings {
  return (projectId, patch, name) => {
    const p = deps.store.projects.get(projectId);
    if (!p) throw notFound(`project ${projectId}`);
    const problems: { path: string; message: string }[] = [];
    if (patch.defaultAgent != null && !deps.agentNames().includes(patch.defaultAgent)) {
      problems.push({ path: 'defaultAgent', message: `no agent is named "${patch.defaultAgent}" (known: ${deps.agentNames().join(', ')})` });
    }
    for (const [i, f] of (patch.copyFiles ?? []).entries()) {
      const bad = copyPathProblem(f);
      if (bad) problems.push({ path: `copyFiles.${i}`, message: `"${f}" ${bad}` });
    }
    if (problems.length) {
      throw new AppError('invalid_input', `the settings of project ${p.name} were not saved (${problems.map((x) => `${x.path}: ${x.message}`).join('; ')})`, problems);
    }
    // undefined drops a key from the stored JSON, so its default applies again.
    const next = Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v ?? undefined]));
    const changed = Object.keys(patch);
    if (!changed.length && (!name || name === p.name)) return p;
    const updated = deps.store.projects.ensure(p.dir, deps.clock.now(), name, next, p.host ?? null);
    deps.store.audit.append(deps.clock.now(), 'project.settings_changed', null, 'user', { projectId, changed, ...(name && name !== p.name ? { name } : {}) });
    deps.bus.emit('project.changed', { project: updated });
    return updated;
  };
}

/** Why a copyFiles entry cannot be used, or null: it must be a relative path inside the project. */
function copyPathProblem(f: string): string | null {
  if (isAbsolute(f) || f.startsWith('~')) return 'must be a path relative to the project folder';
  const n = normalize(f);
  if (n === '..' || n.startsWith('../')) return 'must stay inside the project folder';
  if (n === '.git' || n.startsWith('.git/')) return 'is git\'s own folder, which every worktree already has';
  return null;
}
