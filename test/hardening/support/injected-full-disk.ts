/**
 * The full-disk scenario where no tmpfs can be mounted: a real core in this process, its store capped
 * with `PRAGMA max_page_count` (SQLite answers SQLITE_FULL, as on a full disk) and ENOSPC injected into
 * every file write under the home. Intake and report writing must fail clearly and catch up once the
 * "space" is back. (Output storage needs a running agent; the tmpfs suite covers it.)
 */
import fs, { mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { createCore } from '../../../electron/core/create-core.js';
import { waitFor } from '../../fixtures/fake-claude-kit.js';
import { census, waiting } from './inbox-census.js';

const enospc = (path: string): NodeJS.ErrnoException => Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: 'ENOSPC' });

/** Makes file writes under `dir` fail with ENOSPC until the returned function is called. */
function injectEnospc(dir: string): () => void {
  const { openSync, appendFileSync } = fs;
  const inside = (p: unknown) => typeof p === 'string' && p.startsWith(dir);
  fs.openSync = ((p: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) => {
    if (inside(p) && flags !== undefined && flags !== 'r' && flags !== fs.constants.O_RDONLY && typeof flags === 'string') throw enospc(String(p));
    return openSync(p, flags as fs.OpenMode, mode);
  }) as typeof fs.openSync;
  fs.appendFileSync = ((p: fs.PathOrFileDescriptor, data: string | Uint8Array, o?: fs.WriteFileOptions) => {
    if (inside(p)) throw enospc(String(p));
    return appendFileSync(p, data, o);
  }) as typeof fs.appendFileSync;
  syncBuiltinESMExports();
  return () => {
    Object.assign(fs, { openSync, appendFileSync });
    syncBuiltinESMExports();
  };
}

export async function injectedFullDisk(root: string): Promise<{ problems: string[]; lost: number }> {
  root = realpathSync(root);
  const home = join(root, 'home');
  const project = join(root, 'projects', 'app');
  mkdirSync(project, { recursive: true });
  mkdirSync(home, { recursive: true });
  writeFileSync(join(home, 'config.json'), JSON.stringify({ trustedRoots: [join(root, 'projects')] }));
  const logged: string[] = [];
  const warn = console.warn;
  console.warn = (...a: unknown[]) => void logged.push(a.join(' '));
  const core = createCore({ home, userHome: root });
  const problems: string[] = [];
  const inbox = core.paths.dispatch;
  let restoreFiles = () => {};
  try {
    const queued = await core.call('tasks.create', { projectDir: project, prompt: 'waits' });
    const pages = core.store.db.pragma('page_count', { simple: true }) as number;
    core.store.db.pragma(`max_page_count = ${pages}`);
    // Use up the free room of the pages the audit and the tasks already have, from big rows down to tiny ones.
    const filler = core.store.db.prepare(
      "INSERT INTO tasks (id, project_id, prompt, agent, state, ttl_seconds, source, created_at, updated_at) VALUES (?, ?, ?, 'claude', 'cancelled', 60, 'api', 0, 0)",
    );
    let n = 0;
    for (const size of [4000, 400, 40, 1]) {
      try {
        for (;;) {
          core.store.audit.append(Date.now(), 'test.filler', null, 'test', { pad: 'x'.repeat(size) });
          filler.run(`dispatch-filler-${n++}`, queued.projectId, 'x'.repeat(size));
        }
      } catch {}
    }
    restoreFiles = injectEnospc(home);
    const names = ['full-1.json', 'full-2.json'];
    for (const [i, name] of names.entries()) {
      const doc = { id: `dispatch-full-${i}`, dispatched_by: 'full-disk', task: 'say hi', project: 'app', project_dir: project };
      fs.writeFileSync(join(inbox, `.${name}.tmp`), JSON.stringify(doc)); // the writer's disk is not the full one
      renameSync(join(inbox, `.${name}.tmp`), join(inbox, name));
    }
    await core.call('tasks.create', { projectDir: project, prompt: 'while full' }).then(
      () => problems.push('tasks.create succeeded on a full store'),
      (err: Error) => !/full/i.test(err.message) && problems.push(`tasks.create while full: ${err.message}`),
    );
    await new Promise((r) => setTimeout(r, 600));
    if (!logged.some((l) => /disk is full/.test(l))) problems.push(`intake said nothing clear about the full store: ${logged.join(' | ')}`);

    core.store.db.pragma(`max_page_count = ${2 ** 30}`); // the store has room again; files do not yet
    await waitFor(() => waiting(inbox).length === 0, 30_000, 'intake').catch(() => problems.push(`still waiting: ${waiting(inbox).join(', ')}`));
    await core.call('tasks.cancel', { id: queued.id });
    await waitFor(() => logged.some((l) => /completion report .*ENOSPC/.test(l)), 5000, 'a report to fail').catch(() => problems.push('report writing said nothing clear'));
    restoreFiles();
    const report = join(inbox, 'completed', `${queued.id}.json`);
    await waitFor(() => { try { return JSON.parse(readFileSync(report, 'utf8')).status === 'cancelled'; } catch { return false; } }, 30_000, 'the report')
      .catch(() => problems.push('the report was not written once space was back'));
    const seen = census(inbox, names);
    const integrity = core.store.db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const lost = seen.missing.length + seen.doubled.length + names.filter((_, i) => !core.store.tasks.get(`dispatch-full-${i}`)).length + (integrity === 'ok' ? 0 : 1);
    return { problems, lost };
  } finally {
    restoreFiles();
    console.warn = warn;
    await core.dispose();
  }
}
