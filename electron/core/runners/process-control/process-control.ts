/**
 * Process control behind one interface (issue 12), so agents' process trees end on every platform:
 * - `linux-proc`: process groups plus /proc (the default on Linux);
 * - `ps`: process groups plus `ps` (the default on macOS and other Unixes; forced on Linux with
 *   SWITCHBOARD_PROCESS_CONTROL=ps so CI keeps it tested);
 * - `windows`: tree-kill (taskkill /T) for signalling; no group or marker listing.
 * Agents run as the leaders of their own process group and session. Children that leave the group
 * (setsid, daemons) are found by the marker every agent carries in its environment:
 * SWITCHBOARD_RUN_MARKER=<home key>.<task id> (see clean-env.ts and runMarker below).
 */
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { createLinuxProcControl } from './linux-proc.js';
import { createPsControl } from './ps.js';
import { createWindowsControl } from './windows.js';

export interface ProcInfo {
  pid: number;
  pgid: number;
  session: number;
  zombie: boolean;
  /** With the pid, names one process for good (a recycled pid gets another). */
  startTime: string;
}

export interface ProcessControl {
  readonly name: 'linux-proc' | 'ps' | 'windows';
  /** One process, or null when it is gone. */
  info(pid: number): ProcInfo | null;
  /** Every process this implementation can see. */
  list(): ProcInfo[];
  /** Live pids whose environment carries SWITCHBOARD_RUN_MARKER=<marker> (see runMarker). */
  withMarker(marker: string): number[];
  /** Sends `signal` to group `pgid` (Windows: the tree under `pgid`); false when nobody received it. */
  signalGroup(pgid: number, signal: NodeJS.Signals): boolean;
}

export const MARKER = 'SWITCHBOARD_RUN_MARKER';

/**
 * A key for one Switchboard home, stable across restarts (it is derived from the home's path): the
 * marker of a dead instance's agents is found again by the next one.
 */
export const homeKeyOf = (homeRoot: string): string => createHash('sha256').update(canonical(homeRoot)).digest('hex').slice(0, 16);

const canonical = (path: string): string => {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
};

/**
 * The marker value for one task's processes in one home. It is not the bare dispatch id: a dispatch
 * file may name its own id, and two homes on one machine (or two test runs) running the same id must
 * never end each other's agents.
 */
export const runMarker = (homeKey: string, id: string): string => `${homeKey}.${id}`;

export type ProcessControlKind = ProcessControl['name'];

export function createProcessControl(kind: ProcessControlKind): ProcessControl {
  if (kind === 'windows') return createWindowsControl();
  if (kind === 'ps') return createPsControl();
  return createLinuxProcControl();
}

/** The implementation for this platform, or the one SWITCHBOARD_PROCESS_CONTROL names. */
export function defaultProcessControlKind(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): ProcessControlKind {
  const forced = env.SWITCHBOARD_PROCESS_CONTROL;
  if (forced === 'ps' || forced === 'linux-proc' || forced === 'windows') return forced;
  return platform === 'win32' ? 'windows' : platform === 'linux' ? 'linux-proc' : 'ps';
}

/** Sends a signal to one pid; false when it is gone. */
export function signalPid(pid: number, signal: NodeJS.Signals | 0): boolean {
  if (!Number.isInteger(pid) || pid <= 1 || pid === process.pid) return false;
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Sends `signal` to `-pgid` (POSIX). */
export function signalPosixGroup(pgid: number, signal: NodeJS.Signals): boolean {
  if (!Number.isInteger(pgid) || pgid <= 1) return false;
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}
