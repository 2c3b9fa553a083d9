/**
 * Process identity and process-group signalling (Linux /proc). An agent runs as the leader of its own
 * process group and session, so one signal to `-pid` reaches it and every child it started.
 */
import { readdirSync, readFileSync } from 'node:fs';

interface ProcStat {
  pid: number;
  state: string;
  pgrp: number;
  session: number;
  /** Field 22: start time in clock ticks since boot. With the pid, it names one process for good. */
  startTime: string;
}

/** Parses /proc/<pid>/stat; the command name (field 2) may hold spaces and parentheses. */
export function readProcStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const f = text.slice(close + 2).split(' ');
  // f[0] is field 3 (state), so field N is f[N - 3].
  return { pid, state: f[0], pgrp: Number(f[2]), session: Number(f[3]), startTime: f[19] };
}

/** The start time recorded with a run's pid, or null when the process is already gone. */
export const processStartTime = (pid: number): string | null => readProcStat(pid)?.startTime ?? null;

/** Whether `pid` is still the very process that had `startTime` (a recycled pid is not). Zombies count as gone. */
export function isSameProcess(pid: number, startTime: string | null): boolean {
  const stat = readProcStat(pid);
  if (!stat || stat.state === 'Z') return false;
  return startTime == null || stat.startTime === startTime;
}

/** Live (non-zombie) members of process group `pgid`. */
export function groupMembers(pgid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const stat = readProcStat(pid);
    if (stat && stat.pgrp === pgid && stat.state !== 'Z') out.push(pid);
  }
  return out;
}

/** Sends `signal` to the whole group; false when nobody was there to receive it. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  if (!Number.isInteger(pgid) || pgid <= 1) return false;
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Kills what is left of an agent from an instance that is gone, identified by pid + start time.
 * When the leader itself has died, its group id cannot have been reused while members remain, so
 * members of a group and session both numbered `pid` are still that agent's children.
 * Returns the pids that were signalled.
 */
export function killOrphanGroup(pid: number, startTime: string | null): number[] {
  const leader = readProcStat(pid);
  if (leader && leader.state !== 'Z') {
    if (startTime != null && leader.startTime !== startTime) return []; // a recycled pid: not ours
    const members = groupMembers(pid);
    signalGroup(pid, 'SIGKILL');
    return members;
  }
  const members = groupMembers(pid).filter((m) => readProcStat(m)?.session === pid);
  if (members.length) signalGroup(pid, 'SIGKILL');
  return members;
}
