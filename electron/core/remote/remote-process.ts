/**
 * The agent's process tree on a host (issue 14). The agent runs under a small sh wrapper that first
 * records its pid, process group and start time in `<~/.switchboard/runs>/<task>.<run>.pid`, then
 * starts the agent in the worktree with the explicit environment. Closing the ssh connection alone
 * would leave orphans, so cancel, TTL, the end of a run and start-up recovery all run killScript():
 * it signals the recorded group (only while its leader is still the process of that start time) and
 * every process that carries the run's SWITCHBOARD_RUN_MARKER (home key + task id), like the local process control.
 */
import { posix } from 'node:path';
import { MARKER } from '../runners/process-control/process-control.js';
import { shq } from './ssh-command.js';

/** Where a run's pid file (and prompt file) lives on the host; `runId` may name a step outside a run ('teardown'). */
export const runFileBase = (stateDir: string, taskId: string, runId: number | string): string => posix.join(stateDir, 'runs', `${taskId}.${runId}`);

/** Variables that describe this machine, not the host: the host's own login environment supplies them. */
const MACHINE_VARS = /^(PATH|HOME|USER|LOGNAME|SHELL|PWD|OLDPWD|TMPDIR|TEMP|TMP|XDG_\w+|SSL_CERT_FILE|SSL_CERT_DIR|NODE_EXTRA_CA_CERTS|SSH_\w+|DISPLAY|MAIL)$/;

/** The agent's clean environment (clean-env.ts) without this machine's paths: what the host gets, explicitly. */
export function remoteEnv(env: Record<string, string>, definitionEnv: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (!MACHINE_VARS.test(k) || k in definitionEnv) out[k] = v;
  return out;
}

export interface WrapperInput {
  base: string;
  cwd: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  host: string;
  agent: string;
  /** A prompt file already on the host, fed on stdin and then deleted. */
  promptFile?: string | null;
}

/**
 * The wrapper. The agent runs as its child (not exec'd), so an agent's own exit 255 can be told
 * from ssh's (255 means ssh failed; the wrapper turns the agent's 255 into 254).
 */
export function wrapperScript(w: WrapperInput): string {
  const f = shq(`${w.base}.pid`);
  const missing = `switchboard: agent ${w.agent}'s command \`${w.command}\` was not found on host ${w.host}'s PATH; install it there, or set agents.${w.agent}.command to its full path`;
  return [
    'if [ -r /proc/$$/stat ]; then set -- $(cut -d" " -f5,22 /proc/$$/stat); else set -- "$(ps -o pgid= -p $$ | tr -d " ")" "$(ps -o lstart= -p $$ | tr -d " ")"; fi',
    `printf '%s %s %s\\n' "$$" "$1" "$2" > ${f}.tmp && mv -f ${f}.tmp ${f}`,
    `cd -- ${shq(w.cwd)} || { echo ${shq(`switchboard: cannot enter the worktree ${w.cwd} on host ${w.host}`)} >&2; exit 126; }`,
    `command -v ${shq(w.command)} >/dev/null 2>&1 || { echo ${shq(missing)} >&2; exit 127; }`,
    ...(w.promptFile ? [`exec 0< ${shq(w.promptFile)} && rm -f -- ${shq(w.promptFile)}`] : []),
    `env ${Object.entries(w.env).map(([k, v]) => shq(`${k}=${v}`)).join(' ')} ${[w.command, ...w.args].map(shq).join(' ')}`,
    'rc=$?; [ "$rc" = 255 ] && rc=254; exit "$rc"',
  ].join('\n');
}

/**
 * Signals the run's tree on the host: the recorded group while its leader is the same process (pid
 * and start time), and (with a run marker, runMarker()) everything carrying it. With KILL the pid
 * and prompt files go too. Prints "left <n>": how many marked processes were still there before the
 * signal. Without a marker only the group is signalled (one ACP terminal of a run).
 */
export function killScript(base: string, marker: string | null, signal: 'TERM' | 'KILL'): string {
  const f = shq(`${base}.pid`);
  return [
    `if [ -f ${f} ]; then read pid pgid start < ${f}`,
    '  now=""; [ -r "/proc/$pid/stat" ] && now=$(cut -d" " -f22 "/proc/$pid/stat")',
    // No `--` before the group: dash's kill (Debian's /bin/sh) takes it for a pid and signals nothing.
    `  if [ -z "$now" ] || [ "$now" = "$start" ]; then kill -${signal} "-$pgid" 2>/dev/null; fi`,
    'fi',
    'n=0',
    ...(marker == null ? [] : [
    'for p in /proc/[0-9]*; do',
    '  [ -r "$p/environ" ] || continue',
    `  if tr '\\0' '\\n' < "$p/environ" 2>/dev/null | grep -qx ${shq(`${MARKER}=${marker}`)}; then n=$((n+1)); kill -${signal} "\${p#/proc/}" 2>/dev/null; fi`,
    'done']),
    // A whole run's KILL also drops its steps' and terminals' pid files (<base>.setup.pid, <base>.term-N.pid), which a crash leaves.
    ...(signal === 'KILL' ? [`rm -f -- ${f} ${shq(`${base}.prompt`)}${marker == null ? '' : ` ${shq(base)}.*.pid`}`] : []),
    'echo "left $n"',
  ].join('\n');
}
