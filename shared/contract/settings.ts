import { z } from 'zod';
import { Project } from '../models/project.js';
import { ConfigPatch, SettingsView } from '../models/settings.js';
import { request } from './define.js';

export const settingsRequests = {
  /** The effective settings with every secret shown only as `{ set }`, plus config.json's error if any. */
  'settings.get': request(z.object({}).default({}), SettingsView),
  /**
   * Changes config.json: the patch is merged over the file, validated as a whole (errors name the
   * field), written atomically (mode 0600) and applied at once. With `revision`, refuses if the file
   * changed since that view. Returns the new view (secrets redacted).
   */
  'settings.update': request(z.object({ patch: ConfigPatch, revision: z.string().optional() }), SettingsView),
  /** One project's own concurrency limit (over `maxConcurrentPerProject`); null removes it. */
  'settings.projectLimit': request(z.object({ projectId: z.number().int(), maxConcurrent: z.number().int().min(1).max(64).nullable() }), Project),
};
