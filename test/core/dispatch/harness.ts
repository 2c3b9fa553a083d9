/** Builds the dispatch service from real parts (SQLite file, folders, fs.watch) around a temp home. */
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { ConfigInput } from '../../../shared/models/config.js';
import { createBus } from '../../../electron/core/bus.js';
import { systemClock } from '../../../electron/core/clock.js';
import { createConfigService } from '../../../electron/core/config/config-service.js';
import { ensureHome, homePaths } from '../../../electron/core/home.js';
import { createStore } from '../../../electron/core/store/index.js';
import { checkPromptFor, createSubmitTask } from '../../../electron/core/tasks/submit-task.js';
import { createAgentRegistry } from '../../../electron/core/runners/agent-registry.js';
import { createTransition } from '../../../electron/core/tasks/transition.js';
import { createTrustPolicy } from '../../../electron/core/dispatch/trust.js';
import { createDispatchService, type DispatchOptions, type DispatchService } from '../../../electron/core/dispatch/dispatch-service.js';

/** A temp folder removed when the current test ends (after the harness is disposed). */
export function scratchDir(prefix = 'sb-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface HarnessOptions {
  config?: ConfigInput;
  options?: Partial<DispatchOptions>;
  localOnly?: boolean;
  /** Reuse a home (a restart). */
  root?: string;
  /** Do not start the service. */
  noStart?: boolean;
}

export type Harness = ReturnType<typeof dispatchHarness>;

/** A temp home whose trustedRoots is a temp "projects" folder holding one project. */
export function dispatchHarness(h: HarnessOptions = {}) {
  const root = h.root ?? mkdtempSync(join(tmpdir(), 'sb-home-'));
  const projects = join(root, 'projects');
  const project = join(projects, 'app');
  mkdirSync(project, { recursive: true });
  const paths = homePaths(root);
  ensureHome(paths);
  writeFileSync(paths.config, JSON.stringify({ trustedRoots: [projects], ...h.config }));
  const config = createConfigService(paths.config);
  const store = createStore(paths.db);
  const bus = createBus();
  const clock = systemClock;
  const transition = createTransition({ store, bus, clock });
  const trust = createTrustPolicy({ config, userHome: root });
  const agents = createAgentRegistry({ config, clock });
  const submit = createSubmitTask({ store, bus, clock, config, checkProjectDir: trust.checkProjectDir, checkPrompt: checkPromptFor(agents) });
  const logs: string[] = [];
  let service: DispatchService | null = null;
  let disposed = false;

  const build = (): DispatchService =>
    createDispatchService({
      store,
      bus,
      clock,
      config,
      submit,
      trust,
      paths,
      version: '0.0.0-test',
      localOnly: h.localOnly,
      userHome: root,
      log: (m) => logs.push(m),
      options: { staleMs: 300, rescanMs: 150, ...h.options },
    });

  const harness = {
    root,
    paths,
    project,
    projects,
    inbox: paths.dispatch,
    store,
    bus,
    config,
    transition,
    submit,
    logs,
    get service(): DispatchService {
      if (!service) throw new Error('service not started');
      return service;
    },
    start(): DispatchService {
      service = build();
      service.start();
      return service;
    },
    async stopService(): Promise<void> {
      await service?.dispose();
      service = null;
    },
    async dispose(): Promise<void> {
      if (disposed) return;
      disposed = true;
      await service?.dispose();
      agents.dispose();
      config.dispose();
      bus.dispose();
      store.dispose();
    },
    /** Writes a dispatch file the right way: temp name, then rename into the inbox. */
    drop(name: string, doc: unknown, dir = paths.dispatch): string {
      const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
      const tmp = join(dir, `.${name}.tmp`);
      writeFileSync(tmp, text);
      renameSync(tmp, join(dir, name));
      return join(dir, name);
    },
    doc(id: string, extra: Record<string, unknown> = {}) {
      return { id, dispatched_by: 'test', task: `do ${id}`, project: 'app', project_dir: project, ...extra };
    },
    ls: (sub: string, dir = paths.dispatch): string[] => readdirSync(join(dir, sub)).filter((n) => !n.startsWith('.')).sort(),
    /** Dispatch files still waiting in the inbox. */
    waiting: (dir = paths.dispatch): string[] => readdirSync(dir).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort(),
    taskCount: (): number => (store.db.prepare('SELECT COUNT(*) AS n FROM tasks').get() as { n: number }).n,
    audits: (kind: string): { task_id: string | null; data: string }[] =>
      store.db.prepare('SELECT task_id, data FROM audit WHERE kind = ? ORDER BY seq').all(kind) as { task_id: string | null; data: string }[],
  };
  onTestFinished(async () => {
    await harness.dispose();
    if (!h.root) rmSync(root, { recursive: true, force: true });
  });
  if (!h.noStart) harness.start();
  return harness;
}

/** Polls until `check` returns true, or fails after `ms`. */
export async function until(check: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
