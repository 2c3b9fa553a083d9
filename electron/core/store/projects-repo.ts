import { basename } from 'node:path';
import { ProjectSettings, type Project } from '../../../shared/models/project.js';
import { iso } from '../clock.js';
import type { Db } from './db.js';
import { parseJson } from './rows.js';

interface ProjectRow {
  id: number;
  /** '' for this machine, else a name from config.json's `hosts` (issue 14). */
  host: string;
  dir: string;
  name: string;
  settings: string;
  created_at: number;
}

const toProject = (r: ProjectRow): Project => ({
  id: r.id,
  host: r.host || null,
  dir: r.dir,
  name: r.name,
  settings: ProjectSettings.parse(parseJson(r.settings, {})),
  createdAt: iso(r.created_at),
});

export function createProjectsRepo(db: Db) {
  const byDir = db.prepare<[string, string], ProjectRow>('SELECT * FROM projects WHERE host = ? AND dir = ?');
  const byId = db.prepare<[number], ProjectRow>('SELECT * FROM projects WHERE id = ?');
  const all = db.prepare<[], ProjectRow>('SELECT * FROM projects ORDER BY name');
  const insert = db.prepare('INSERT INTO projects (host, dir, name, settings, created_at) VALUES (?, ?, ?, ?, ?)');
  const updateSettings = db.prepare('UPDATE projects SET settings = ?, name = ? WHERE id = ?');

  return {
    get: (id: number): Project | null => {
      const r = byId.get(id);
      return r ? toProject(r) : null;
    },
    /** Projects are keyed by host plus path; `host` null is this machine. */
    findByDir: (dir: string, host: string | null = null): Project | null => {
      const r = byDir.get(host ?? '', dir);
      return r ? toProject(r) : null;
    },
    list: (): Project[] => all.all().map(toProject),
    /** Returns the project for `dir` (a resolved absolute path, on `host` when given), creating it on first use. */
    ensure(dir: string, now: number, name?: string, settings?: Partial<ProjectSettings>, host: string | null = null): Project {
      const existing = byDir.get(host ?? '', dir);
      if (existing) {
        if (name || settings) {
          const merged = ProjectSettings.parse({ ...parseJson(existing.settings, {}), ...settings });
          updateSettings.run(JSON.stringify(merged), name ?? existing.name, existing.id);
          return toProject(byId.get(existing.id)!);
        }
        return toProject(existing);
      }
      const s = ProjectSettings.parse(settings ?? {});
      const info = insert.run(host ?? '', dir, name ?? basename(dir), JSON.stringify(s), now);
      return toProject(byId.get(Number(info.lastInsertRowid))!);
    },
  };
}
export type ProjectsRepo = ReturnType<typeof createProjectsRepo>;
