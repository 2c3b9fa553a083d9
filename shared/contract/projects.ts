import { z } from 'zod';
import { Project, ProjectSettings } from '../models/project.js';
import { request } from './define.js';

export const projectRequests = {
  'projects.list': request(z.object({}).default({}), z.array(Project)),
  'projects.add': request(
    z.object({ dir: z.string().min(1), name: z.string().min(1).optional(), settings: ProjectSettings.partial().optional() }),
    Project,
  ),
};
