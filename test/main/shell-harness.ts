/** Starts the real shell against the fake electron module, a real core and a temp home. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { createCore, type CoreOptions } from '../../electron/core/create-core.js';
import { createShell, type Shell } from '../../electron/main/shell.js';
import { createFakeElectron, FakeBrowserWindow } from './fake-electron.js';

/** A temp dir removed when the current test ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-main-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function startShell(opts: { gotLock?: boolean; home?: string; hidden?: boolean } = {}) {
  const root = tempDir();
  const home = opts.home ?? join(root, 'home');
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("hi")');
  const project = join(root, 'project');
  mkdirSync(project);
  if (!opts.home) {
    // Let the core accept the temp project (it refuses dirs outside trusted roots).
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, 'config.json'), JSON.stringify({ trustedRoots: [root] }));
  }
  const fake = createFakeElectron({ gotLock: opts.gotLock });
  const logs: string[] = [];
  const coreOptions: CoreOptions[] = [];
  const shell: Shell = createShell(fake.electron, {
    home,
    rendererDir,
    preload: join(root, 'preload.cjs'),
    // Tasks stay where the tests put them: no scheduler picking them up.
    createCore: (o) => {
      coreOptions.push(o);
      return createCore({ ...o, runTasks: false });
    },
    hidden: opts.hidden,
    log: (m) => logs.push(m),
    trayDebounceMs: 5,
  });
  onTestFinished(() => shell.dispose());
  await shell.ready;
  await new Promise((r) => setImmediate(r)); // did-finish-load / ready-to-show
  const win = FakeBrowserWindow.instances[0] as FakeBrowserWindow | undefined;
  return { ...fake, shell, win, home, project, rendererDir, logs, coreOptions, core: shell.core() };
}

export const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
