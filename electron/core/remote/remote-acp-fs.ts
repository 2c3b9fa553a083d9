/**
 * The ACP file backend (runners/acp/fs-backend.ts) on a host (issue 14): each operation is one small
 * sh script over the host's shared ssh connection, so the confinement rules of worktree-fs.ts decide
 * on the host's real paths exactly as they do locally. A look at a path is one round trip; a write is
 * one more (a temp file created exclusively under `set -C`, the folder checked again, then renamed
 * over the target with `mv -T` where mv has it, so a directory or a link there is never written into).
 */
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type { FsBackend, PathFacts } from '../runners/acp/fs-backend.js';
import { shq } from './ssh-command.js';
import type { SshHost } from './ssh-host.js';

/** realpath where it exists (GNU, BusyBox, macOS 13+), else readlink -f. */
const RP = 'rp() { realpath -- "$1" 2>/dev/null || readlink -f -- "$1"; }';

const factsScript = (abs: string): string =>
  [
    RP,
    `p=${shq(abs)}; e=0; r=; k=; s=0; m=0; nd=; nr=`,
    '{ [ -e "$p" ] || [ -L "$p" ]; } && e=1',
    'if [ -e "$p" ]; then',
    '  r=$(rp "$p")',
    '  if [ -d "$r" ]; then k=dir; elif [ -f "$r" ]; then k=file; s=$(wc -c < "$r" | tr -d " "); else k=other; fi',
    '  m=$(stat -c %a -- "$r" 2>/dev/null || stat -f %Lp -- "$r" 2>/dev/null || echo 0)',
    'else',
    '  d=$(dirname -- "$p"); while ! { [ -e "$d" ] || [ -L "$d" ]; }; do d=$(dirname -- "$d"); done',
    '  nd=$d; [ -e "$d" ] && nr=$(rp "$d")',
    'fi',
    `printf '%s\\0' "$e" "$r" "$k" "$s" "$m" "$nd" "$nr"`,
  ].join('\n');

const writeScript = (target: string, tmpName: string, mode: number | null): string => {
  const d = posix.dirname(target);
  return [
    `t=${shq(target)}; d=${shq(d)}; tmp=${shq(posix.join(d, tmpName))}`,
    'mkdir -p -- "$d" || exit 1',
    '(set -C; cat > "$tmp") || exit 1',
    ...(mode == null ? [] : [`chmod ${mode.toString(8)} "$tmp" || { rm -f -- "$tmp"; exit 1; }`]),
    'now=$(cd -P -- "$d" && pwd -P)',
    'if [ "$now" != "$d" ]; then rm -f -- "$tmp"; printf "moved %s" "$now"; exit 0; fi',
    'case "$(mv --version 2>&1)" in *coreutils*|*BusyBox*) T=-T;; *) T=; [ -d "$t" ] && { rm -f -- "$tmp"; echo "$t is a directory" >&2; exit 1; };; esac',
    'mv -f $T -- "$tmp" "$t" || { rm -f -- "$tmp"; exit 1; }',
  ].join('\n');
};

export function createRemoteAcpFs(host: Pick<SshHost, 'name' | 'exec'>): FsBackend {
  const run = async (script: string, what: string, input?: string) => {
    const r = await host.exec(script, { input });
    if (r.code !== 0) throw new Error(`${what} failed on host ${host.name}: ${r.stderr.trim() || `exit ${r.code}`}`);
    return r;
  };
  return {
    async realpath(p) {
      const r = await run(`${RP}\nrp ${shq(p)}`, `resolving ${p}`);
      const real = r.stdout.replace(/\n$/, '');
      if (!real.startsWith('/')) throw new Error(`${p} does not resolve on host ${host.name}`);
      return real;
    },
    async facts(abs): Promise<PathFacts> {
      const r = await run(factsScript(abs), `looking at ${abs}`);
      const [e, real, kind, size, mode, nd, nr] = r.stdout.split('\0');
      return {
        exists: e === '1',
        real: real || null,
        kind: kind === 'file' || kind === 'dir' || kind === 'other' ? kind : null,
        size: Number(size) || 0,
        mode: parseInt(mode, 8) || 0,
        nearest: real ? null : { dir: nd || '/', realDir: nr || null },
      };
    },
    async readText(real) {
      return (await run(`cat -- ${shq(real)}`, `reading ${real}`)).stdout;
    },
    async writeAtomic(target, content, mode) {
      const tmp = `.switchboard-write-${randomBytes(6).toString('hex')}.tmp`;
      const r = await run(writeScript(target, tmp, mode), `writing ${target}`, content);
      return r.stdout.startsWith('moved ') ? r.stdout.slice(6) : null;
    },
  };
}
