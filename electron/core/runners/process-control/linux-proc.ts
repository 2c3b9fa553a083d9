/** Process control on Linux through /proc (see process-control.ts). */
import { readdirSync, readFileSync } from 'node:fs';
import { MARKER, signalPosixGroup, type ProcInfo, type ProcessControl } from './process-control.js';

/** Parses /proc/<pid>/stat; the command name (field 2) may hold spaces and parentheses. */
function readStat(pid: number): ProcInfo | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const f = text.slice(close + 2).split(' ');
  // f[0] is field 3 (state), so field N is f[N - 3]; field 22 is the start time in ticks since boot.
  return { pid, zombie: f[0] === 'Z', pgid: Number(f[2]), session: Number(f[3]), startTime: f[19] };
}

const pids = (): number[] => {
  try {
    return readdirSync('/proc').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  } catch {
    return []; // no /proc: nothing to see (the ps implementation is the one to use there)
  }
};

export function createLinuxProcControl(): ProcessControl {
  return {
    name: 'linux-proc',
    info: readStat,
    list: () => pids().map(readStat).filter((p): p is ProcInfo => p != null),
    withMarker(marker) {
      const needle = `\0${MARKER}=${marker}\0`;
      return pids().filter((pid) => {
        if (pid === process.pid) return false;
        try {
          return `\0${readFileSync(`/proc/${pid}/environ`, 'latin1')}`.includes(needle);
        } catch {
          return false; // gone, or not ours to read
        }
      });
    },
    signalGroup: signalPosixGroup,
  };
}
