/**
 * Process identity and the end of an agent's process tree, through the ProcessControl selected for
 * this platform (process-control/process-control.ts). An agent runs as the leader of its own process
 * group and session, so one signal to the group reaches every child that stayed in it; children that
 * left it (setsid, daemons) are found by the run marker in their environment (runMarker).
 */
import { createProcessControl, defaultProcessControlKind, signalPid, type ProcessControl } from './process-control/process-control.js';

let selected: ProcessControl | null = null;
/** The implementation in use (chosen once per process: platform, or SWITCHBOARD_PROCESS_CONTROL). */
export const processControl = (): ProcessControl => (selected ??= createProcessControl(defaultProcessControlKind()));

export const readProcStat = (pid: number) => processControl().info(pid);

/** The start time recorded with a run's pid, or null when the process is already gone. */
export const processStartTime = (pid: number): string | null => processControl().info(pid)?.startTime ?? null;

/** Whether `pid` is still the very process that had `startTime` (a recycled pid is not). Zombies count as gone. */
export function isSameProcess(pid: number, startTime: string | null): boolean {
  const info = processControl().info(pid);
  if (!info || info.zombie) return false;
  return startTime == null || info.startTime === startTime;
}

/** Live (non-zombie) members of process group `pgid`. */
export const groupMembers = (pgid: number): number[] =>
  processControl()
    .list()
    .filter((p) => p.pgid === pgid && !p.zombie)
    .map((p) => p.pid);

/** Sends `signal` to the whole group; false when nobody was there to receive it. */
export const signalGroup = (pgid: number, signal: NodeJS.Signals): boolean => processControl().signalGroup(pgid, signal);

/**
 * Kills every process that still carries the run's dispatch marker, wherever it went (its own
 * session, a daemon). Returns the pids signalled.
 */
export function killMarked(marker: string | null | undefined, signal: NodeJS.Signals = 'SIGKILL'): number[] {
  if (!marker) return [];
  return processControl()
    .withMarker(marker)
    .filter((pid) => signalPid(pid, signal));
}

/** Ends a run's whole tree: its group, and whatever carries its marker outside it. */
export function killRunTree(pgid: number, marker: string | null | undefined): void {
  if (groupMembers(pgid).length) signalGroup(pgid, 'SIGKILL');
  killMarked(marker);
}

/**
 * Kills what is left of an agent from an instance that is gone, identified by pid + start time, plus
 * anything carrying its run marker. When the leader itself has died, its group id cannot have
 * been reused while members remain, so members of a group and session both numbered `pid` are still
 * that agent's children. Returns the pids that were signalled.
 */
export function killOrphanGroup(pid: number, startTime: string | null, marker?: string | null): number[] {
  const pc = processControl();
  const leader = pc.info(pid);
  let members: number[] = [];
  if (leader && !leader.zombie) {
    if (startTime != null && leader.startTime !== startTime) return killMarked(marker); // a recycled pid: not ours
    members = groupMembers(pid);
    pc.signalGroup(pid, 'SIGKILL');
  } else {
    members = pc
      .list()
      .filter((p) => p.pgid === pid && p.session === pid && !p.zombie)
      .map((p) => p.pid);
    if (members.length) pc.signalGroup(pid, 'SIGKILL');
  }
  const marked = killMarked(marker).filter((p) => !members.includes(p));
  return [...members, ...marked];
}
