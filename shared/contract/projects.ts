import { z } from 'zod';
import { Project, ProjectSettings, ProjectSettingsPatch } from '../models/project.js';
import { RepoStatus, SwitchboardFileView } from '../models/project-status.js';
import { request } from './define.js';

const ProjectRef = z.object({ projectId: z.number().int() });

export const projectRequests = {
  'projects.list': request(z.object({}).default({}), z.array(Project)),
  'projects.add': request(
    z.object({ dir: z.string().min(1), name: z.string().min(1).optional(), settings: ProjectSettings.partial().optional() }),
    Project,
  ),
  /**
   * Changes a project's own settings (applyMode, copyFiles, defaultAgent, maxConcurrent; null goes
   * back to the default) and its name. Checked whole: an unknown agent or a copied path outside the
   * project is refused by field. Emits project.changed.
   */
  'projects.update': request(z.object({ projectId: z.number().int(), name: z.string().trim().min(1).max(100).optional(), settings: ProjectSettingsPatch.default({}) }), Project),
  /**
   * The project's repository now: branch, dirty file count, ahead/behind its upstream. Asked of git
   * on the project's machine (over ssh for a host). A missing folder or one outside a git repository
   * is an error saying so.
   */
  'projects.repoStatus': request(ProjectRef, RepoStatus),
  /** The project's switchboard.json (read-only) and which app settings replace its values. */
  'projects.switchboardFile': request(ProjectRef, SwitchboardFileView),
};
