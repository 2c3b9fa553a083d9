/**
 * Portable process control through `ps` (macOS, BSDs; on Linux when forced). It never reads /proc
 * itself. `ps e` appends each process's environment to its command line (for our own processes),
 * which is where the dispatch marker is found.
 */
import { execFileSync } from 'node:child_process';
import { MARKER, signalPosixGroup, type ProcInfo, type ProcessControl } from './process-control.js';

const ps = (args: string[]): string => {
  try {
    return execFileSync('ps', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (err) {
    // ps exits 1 when a -p pid matches nothing; its output is still what we want.
    return String((err as { stdout?: string }).stdout ?? '');
  }
};

/** `pid ppid pgid sess stat lstart...` lines; lstart ("Sat Dec  5 17:22:17 2026") is the start time. */
function parse(text: string): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S+)\s+(.+?)\s*$/.exec(line);
    if (!m) continue;
    out.push({ pid: Number(m[1]), pgid: Number(m[3]), session: Number.parseInt(m[4], 10) || 0, zombie: m[5].startsWith('Z'), startTime: m[6].replace(/\s+/g, ' ') });
  }
  return out;
}

const FIELDS = ['-o', 'pid=,ppid=,pgid=,sess=,stat=,lstart='];

export function createPsControl(): ProcessControl {
  return {
    name: 'ps',
    info: (pid) => (Number.isInteger(pid) && pid > 0 ? (parse(ps(['-p', String(pid), ...FIELDS])).find((p) => p.pid === pid) ?? null) : null),
    list: () => parse(ps(['-A', ...FIELDS])),
    withMarker(marker) {
      const token = new RegExp(`(^|\\s)${MARKER}=${marker.replace(/[^A-Za-z0-9_-]/g, '\\$&')}(\\s|$)`);
      const out: number[] = [];
      for (const line of ps(['-A', 'eww', '-o', 'pid=,command=']).split('\n')) {
        const m = /^\s*(\d+)\s(.*)$/.exec(line);
        if (m && Number(m[1]) !== process.pid && token.test(m[2])) out.push(Number(m[1]));
      }
      return out;
    },
    signalGroup: signalPosixGroup,
  };
}
