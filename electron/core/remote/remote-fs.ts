/** HostFs (git/host-fs.ts) on a remote host: each operation one small sh script over the shared ssh connection. */
import type { HostFs } from '../git/host-fs.js';
import { shq } from './ssh-command.js';
import type { ExecResult } from './ssh-host.js';

/** Runs a sh script on the host; `args` become its positional parameters. */
type Exec = (script: string, args?: string[]) => Promise<ExecResult>;

export function createRemoteFs(exec: Exec): HostFs {
  const run = async (script: string, what: string): Promise<ExecResult> => {
    const r = await exec(script);
    if (r.code !== 0) throw new Error(`${what} failed on the host: ${r.stderr.trim() || `exit ${r.code}`}`);
    return r;
  };
  return {
    exists: async (p) => (await exec(`[ -e ${shq(p)} ] || [ -L ${shq(p)} ]`)).code === 0,
    rm: async (p) => void (await run(`rm -rf -- ${shq(p)}`, `removing ${p}`)),
    mkdirp: async (p) => void (await run(`mkdir -p -- ${shq(p)}`, `creating ${p}`)),
    realpath: async (p) => (await run(`cd -P -- ${shq(p)} 2>/dev/null && pwd -P || realpath -- ${shq(p)}`, `resolving ${p}`)).stdout.trim(),
    // cp -p keeps the index's timestamp; touch -r then makes sure of it where -p could not.
    copyIndex: async (from, to) => (await exec(`[ -f ${shq(from)} ] && cp -p -- ${shq(from)} ${shq(to)} && touch -r ${shq(from)} -- ${shq(to)}`)).code === 0,
    async sizes(paths) {
      const out: (number | null)[] = [];
      for (let i = 0; i < paths.length; i += 500) {
        // One line per path: its size, or "-" when nothing is there.
        const r = await exec(`for f; do wc -c < "$f" 2>/dev/null || echo -; done`, paths.slice(i, i + 500));
        const lines = r.stdout.split('\n');
        for (let j = 0; j < Math.min(500, paths.length - i); j++) out.push(/^\s*\d+\s*$/.test(lines[j] ?? '') ? Number(lines[j]) : null);
      }
      return out;
    },
    async dirs(p) {
      // One name a line; a name with a newline in it is no task's folder anyway.
      const r = await exec(`cd -- "$1" 2>/dev/null || exit 0; for d in * .[!.]*; do [ -d "$d" ] && [ ! -L "$d" ] && printf '%s\\n' "$d"; done; true`, [p]);
      return r.code === 0 ? r.stdout.split('\n').filter(Boolean) : [];
    },
    rmdirIfEmpty: async (p) => void (await exec(`rmdir -- "$1" 2>/dev/null; true`, [p])),
    async removeFile(p, stopAt) {
      const script = [
        `[ -e ${shq(p)} ] || [ -L ${shq(p)} ] || exit 0`,
        `rm -f -- ${shq(p)} || exit 1`,
        `d=$(dirname -- ${shq(p)})`,
        `while :; do case "$d" in ${shq(stopAt)}/*) rmdir -- "$d" 2>/dev/null || break; d=$(dirname -- "$d");; *) break;; esac; done`,
      ].join('\n');
      await run(script, `deleting ${p}`);
    },
    async readText(p) {
      // Exit 3: nothing there (a read error is an error, not "no file").
      const r = await exec(`[ -e "$1" ] || exit 3; cat -- "$1"`, [p]);
      if (r.code === 3) return null;
      if (r.code !== 0) throw new Error(`reading ${p} failed on the host: ${r.stderr.trim() || `exit ${r.code}`}`);
      return r.stdout;
    },
    copy: async (from, to) => void (await run(`cp -pR -- ${shq(from)} ${shq(to)}`, `copying ${from} to ${to}`)),
  };
}
