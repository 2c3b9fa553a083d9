import type { Project } from '../../../shared/models/project.js';
import { describeError } from '../../api/api-error.js';
import type { SliceCreator } from '../../store/types.js';

export interface ProjectsSlice {
  projects: Project[];
  projectsError: string | null;
  loadProjects(): Promise<void>;
  /** Registers a directory as a project; throws ApiError so the form can show it by the field. */
  addProject(dir: string): Promise<Project>;
}

export const createProjectsSlice: SliceCreator<ProjectsSlice> = (set, get, { api }) => ({
  projects: [],
  projectsError: null,
  async loadProjects() {
    try {
      set({ projects: await api['projects.list']({}), projectsError: null });
    } catch (err) {
      set({ projectsError: describeError(err) });
    }
  },
  async addProject(dir) {
    const project = await api['projects.add']({ dir });
    const others = get().projects.filter((p) => p.id !== project.id);
    set({ projects: [...others, project] });
    return project;
  },
});
