/**
 * Before a task's worktree is removed (issue 16): work no change record holds keeps it (named in
 * the audit trail and the sweep report), else switchboard.json's `teardown` runs in it (on a host:
 * there, over ssh). A failing teardown is recorded and removal goes on: the worktree is
 * Switchboard's to clean.
 */
import { join } from 'node:path';
import type { Task } from '../../../shared/models/task.js';
import type { Clock } from '../clock.js';
import type { ConfigService } from '../config/config-service.js';
import { cleanEnv } from '../runners/clean-env.js';
import { runMarker } from '../runners/process-control/process-control.js';
import type { Store } from '../store/index.js';
import { localShellPlace, runShellStep, type ShellPlace } from './shell-step.js';
import { readSwitchboardFileOn } from './switchboard-file.js';

export interface RetireDeps {
  store: Store;
  clock: Clock;
  config: ConfigService;
  /** This home's key (homeKeyOf), for the teardown's run marker. */
  homeKey: string;
  uncapturedWork(taskId: string): Promise<boolean>;
  /** Stops the task's app (switchboard.json `run`) first: nothing may run in a worktree that goes. */
  stopApp?: (taskId: string) => Promise<void>;
  /** Where the worktree is (default: this machine); on a host, teardown runs there over ssh. */
  place?: ShellPlace;
}

const TEARDOWN_MS = 5 * 60_000;

/** True when the worktree may go now; false when it is kept (its path is then named in the audit trail). */
export async function readyToRemove(deps: RetireDeps, task: Task, path: string, prefix: string): Promise<boolean> {
  const place = deps.place ?? localShellPlace;
  const on = place.host ? ` on host ${place.host}` : '';
  await deps.stopApp?.(task.id);
  if (await deps.uncapturedWork(task.id)) {
    deps.store.audit.append(deps.clock.now(), 'workspace.kept', task.id, 'switchboard', {
      path,
      ...(place.host ? { host: place.host } : {}),
      reason: `the worktree of task ${task.id} at ${path}${on} holds work no captured change has; it was kept. Look at it, then delete it by hand (git worktree remove) or retry the task`,
    });
    return false;
  }
  const cwd = join(path, prefix);
  let teardown: string | undefined;
  try {
    teardown = (await readSwitchboardFileOn(place.fs, cwd)).teardown;
  } catch {
    teardown = undefined;
  }
  if (!teardown) return true;
  const cfg = deps.config.get();
  const env = cleanEnv({ agent: { env: {}, passEnv: [] }, dispatchId: task.id, marker: runMarker(deps.homeKey, `${task.id}.teardown`), parent: process.env, secrets: [cfg.dispatchSecret, cfg.githubToken] });
  const step = await runShellStep({ command: teardown, cwd, env, timeoutMs: TEARDOWN_MS, spawner: await place.spawner(task.id, null), id: 'teardown' });
  const result = await step.done;
  if (result.code !== 0) {
    deps.store.audit.append(deps.clock.now(), 'workspace.teardown_failed', task.id, 'switchboard', {
      path,
      ...(place.host ? { host: place.host } : {}),
      error: `teardown (${teardown})${on} ${result.timedOut ? 'ran past 5 minutes' : `exited with ${result.code ?? result.signal}`}; the worktree was removed anyway`,
      output: result.tail,
    });
  }
  return true;
}
