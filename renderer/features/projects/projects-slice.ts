import type { Project, ProjectSettingsPatch } from '../../../shared/models/project.js';
import type { RepoStatus, SwitchboardFileView } from '../../../shared/models/project-status.js';
import { describeError } from '../../api/api-error.js';
import type { SliceCreator } from '../../store/types.js';

/** What the app last heard of a project's repository (projects.repoStatus), or why it could not. */
export interface RepoStatusEntry {
  status: RepoStatus | null;
  error: string | null;
  loading: boolean;
}

export interface ProjectsSlice {
  projects: Project[];
  projectsError: string | null;
  /** Per project id; asked when a project is opened or the window regains focus, never on a timer. */
  repoStatus: Record<number, RepoStatusEntry>;
  /** False until the first projects.list answered (or failed): the New Task dialog waits for it. */
  projectsLoaded: boolean;
  loadProjects(): Promise<void>;
  /** Registers a directory as a project; throws ApiError so the form can show it by the field. */
  addProject(dir: string): Promise<Project>;
  /** A project's settings changed (project.changed, or a save here). */
  applyProject(project: Project): void;
  /** Saves a project's own settings; throws ApiError (with field details) for the form. */
  updateProject(projectId: number, settings: ProjectSettingsPatch, name?: string): Promise<Project>;
  loadRepoStatus(projectId: number): Promise<void>;
  /** The project's switchboard.json; throws ApiError. */
  readSwitchboardFile(projectId: number): Promise<SwitchboardFileView>;
}

export const createProjectsSlice: SliceCreator<ProjectsSlice> = (set, get, { api }) => ({
  projects: [],
  projectsError: null,
  repoStatus: {},
  projectsLoaded: false,
  async loadProjects() {
    try {
      set({ projects: await api['projects.list']({}), projectsError: null, projectsLoaded: true });
    } catch (err) {
      set({ projectsError: describeError(err), projectsLoaded: true });
    }
  },
  async addProject(dir) {
    const project = await api['projects.add']({ dir });
    get().applyProject(project);
    return project;
  },
  applyProject(project) {
    const list = get().projects;
    const at = list.findIndex((p) => p.id === project.id);
    const next = at < 0 ? [...list, project].sort((a, b) => a.name.localeCompare(b.name)) : list.map((p) => (p.id === project.id ? project : p));
    set({ projects: next });
  },
  async updateProject(projectId, settings, name) {
    const project = await api['projects.update']({ projectId, settings, ...(name ? { name } : {}) });
    get().applyProject(project);
    return project;
  },
  async loadRepoStatus(projectId) {
    const put = (entry: Partial<RepoStatusEntry>) => {
      const prev = get().repoStatus[projectId] ?? { status: null, error: null, loading: false };
      set({ repoStatus: { ...get().repoStatus, [projectId]: { ...prev, ...entry } } });
    };
    put({ loading: true });
    try {
      put({ status: await api['projects.repoStatus']({ projectId }), error: null, loading: false });
    } catch (err) {
      put({ status: null, error: describeError(err), loading: false });
    }
  },
  readSwitchboardFile: (projectId) => api['projects.switchboardFile']({ projectId }),
});
