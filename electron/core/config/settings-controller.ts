/**
 * settings.*: the effective config with secrets redacted, and edits to config.json that are
 * validated whole, written atomically with mode 0600, applied at once and audited by key name.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SettingsView } from '../../../shared/models/settings.js';
import type { Bus } from '../bus.js';
import type { Clock } from '../clock.js';
import { writeFileAtomicSync } from '../dispatch/atomic-write.js';
import { AppError } from '../errors.js';
import type { UpdateSettings } from '../projects/projects-controller.js';
import type { Handlers } from '../router.js';
import type { Store } from '../store/index.js';
import { applyConfigPatch } from './apply-config-patch.js';
import type { ConfigService } from './config-service.js';
import { redactConfig } from './redact-config.js';
import { validateSettings } from './validate-settings.js';

export interface SettingsControllerDeps {
  file: string;
  config: ConfigService;
  store: Store;
  bus: Bus;
  clock: Clock;
  /** Writes a project's own settings (projects-controller.ts createUpdateSettings). */
  updateProjectSettings: UpdateSettings;
  /** `serve --local-only` was given. */
  localOnlyForced?: boolean;
}

type SettingsHandlers = Pick<Handlers, 'settings.get' | 'settings.update' | 'settings.projectLimit'>;

export function createSettingsController(deps: SettingsControllerDeps): SettingsHandlers {
  const { file, config, store, clock } = deps;
  // Revisions are salted per instance so they say nothing about the file's content (it may hold a secret).
  const salt = randomBytes(16);
  const revisionOf = (text: string): string => createHash('sha256').update(salt).update(text).digest('hex').slice(0, 16);

  const readText = (): string => {
    try {
      return readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw new AppError('unavailable', `cannot read ${file}: ${(err as Error).message}; check its permissions`);
    }
  };

  const rawObject = (text: string): Record<string, unknown> => {
    let raw: unknown;
    try {
      raw = text.trim() ? JSON.parse(text) : {};
    } catch {
      raw = null;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new AppError('conflict', `${file} is not a JSON object, so it cannot be edited from here; fix it in an editor (Settings shows the error) or move it aside to start from the defaults`);
    }
    return raw as Record<string, unknown>;
  };

  const view = (text = readText()): SettingsView => ({
    config: redactConfig(config.get()),
    error: config.error(),
    file,
    revision: revisionOf(text),
    localOnlyForced: deps.localOnlyForced === true,
  });

  return {
    'settings.get': () => view(),

    'settings.update'({ patch, revision }) {
      const text = readText();
      if (revision !== undefined && revision !== revisionOf(text)) {
        throw new AppError('conflict', `${file} changed since these settings were loaded (edited elsewhere); reload them and make your change again`);
      }
      const { next, changed } = applyConfigPatch(rawObject(text), patch);
      if (!changed.length) return view(text);
      const checked = validateSettings(next, changed);
      if (!checked.ok) {
        const summary = checked.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
        throw new AppError('invalid_input', `the settings were not saved (${summary}); ${file} is unchanged`, checked.problems);
      }
      const written = `${JSON.stringify(next, null, 2)}\n`;
      writeFileAtomicSync(file, written, { mode: 0o600 });
      config.reload();
      store.audit.append(clock.now(), 'settings.changed', null, 'user', { changed });
      return view(written);
    },

    // The project's own settings have one writer (projects-controller.ts), shared with projects.update.
    'settings.projectLimit': ({ projectId, maxConcurrent }) => deps.updateProjectSettings(projectId, { maxConcurrent }),
  };
}
