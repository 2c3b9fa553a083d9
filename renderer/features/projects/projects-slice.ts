import type { Project } from '../../../shared/models/project.js';
import { describeError } from '../../api/api-error.js';
import type { SliceCreator } from '../../store/types.js';

export interface ProjectsSlice {
  projects: Project[];
  projectsError: string | null;
  /** False until the first projects.list answered (or failed): the New Task dialog waits for it. */
  projectsLoaded: boolean;
  loadProjects(): Promise<void>;
  /** Registers a directory as a project; throws ApiError so the form can show it by the field. */
  addProject(dir: string): Promise<Project>;
}

export const createProjectsSlice: SliceCreator<ProjectsSlice> = (set, get, { api }) => ({
  projects: [],
  projectsError: null,
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
    const others = get().projects.filter((p) => p.id !== project.id);
    set({ projects: [...others, project] });
    return project;
  },
});
