import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { Config } from '../../../shared/models/config.js';

export interface ConfigService {
  get(): Config;
  /** The problem with config.json, if the last load failed (the previous valid config stays in force). */
  error(): string | null;
  /** Re-reads the file now. */
  reload(): void;
  onChange(listener: (config: Config) => void): () => void;
  dispose(): void;
}

/** Parses config.json text. Returns the config or a message naming each bad field. */
export function parseConfig(text: string, file = 'config.json'): { ok: true; config: Config } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = text.trim() ? JSON.parse(text) : {};
  } catch (err) {
    // JSON.parse quotes the text around some errors, and that text may be a secret: keep only the reason.
    const reason = (err as Error).message.replace(/^(Unexpected token '.'), .*$/su, '$1');
    return { ok: false, error: `${file} is not valid JSON: ${reason}` };
  }
  const parsed = Config.safeParse(raw);
  if (parsed.success) return { ok: true, config: parsed.data };
  const fields = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
  return { ok: false, error: `${file} has invalid settings (${fields}); the previous settings stay in force` };
}

/**
 * `<home>/config.json`, validated at load and watched: an edit is picked up without a restart, and an
 * invalid edit is reported while the last valid config stays in force.
 */
export function createConfigService(file: string, opts: { watch?: boolean } = {}): ConfigService {
  let current = Config.parse({});
  let lastError: string | null = null;
  const listeners = new Set<(c: Config) => void>();

  const load = (): void => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') text = '';
      else {
        lastError = `cannot read ${file}: ${(err as Error).message}`;
        return;
      }
    }
    const result = parseConfig(text, file);
    if (!result.ok) {
      lastError = result.error;
      return;
    }
    lastError = null;
    const changed = JSON.stringify(result.config) !== JSON.stringify(current);
    current = result.config;
    if (changed) for (const l of listeners) l(current);
  };
  load();

  let watcher: FSWatcher | null = null;
  let timer: NodeJS.Timeout | null = null;
  if (opts.watch) {
    try {
      watcher = watch(dirname(file), (_event, name) => {
        if (name && name !== basename(file)) return;
        if (timer) clearTimeout(timer);
        timer = setTimeout(load, 50);
      });
    } catch {
      watcher = null;
    }
  }

  return {
    get: () => current,
    error: () => lastError,
    reload: load,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      if (timer) clearTimeout(timer);
      watcher?.close();
      listeners.clear();
    },
  };
}
