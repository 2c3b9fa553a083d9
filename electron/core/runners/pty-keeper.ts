/**
 * The PTY's session keeper: why an agent never leads its own terminal session.
 *
 * node-pty makes the spawned process a session leader with the PTY as its controlling terminal. When
 * a session leader exits, Linux hangs the terminal up, and the hangup flushes whatever the agent
 * wrote that Switchboard has not read yet (the master's input buffers, up to ~64 KiB). A busy event
 * loop at the moment an agent prints its last lines and exits therefore lost the run's tail, Claude's
 * `result` line with it: the run looked crashed. (Reproduce: a reader that stalls 1.5 s while `sh -c`
 * writes 300 KB and exits loses the last ~8 KB, every time.)
 *
 * So the session leader is a small `/bin/sh` script that outlives the agent:
 *   1. it runs the agent (stdin from the prompt file when the prompt goes on stdin, see prompt-stdin.ts);
 *   2. when the agent has exited, it prints an end marker `ESC ] 7717 ; NONCE ; STATUS BEL`;
 *   3. it waits for Switchboard to write the nonce back, which Switchboard does only once it has read
 *      the marker, so everything before the marker has been read too;
 *   4. it exits with the agent's status, re-raising the agent's signal when the agent died of one, so
 *      node-pty reports the same exit code or signal the agent had.
 * The script traps INT/QUIT/TERM with a no-op handler (not an ignore: handlers reset on exec, so
 * the agent still gets default signal handling); a group-wide SIGTERM ends the agent and the keeper
 * then reports it. SIGKILL ends both: the output may then lose its tail, as any killed run may.
 * HUP is not trapped: when Switchboard dies, its end of the terminal closes, the kernel sends SIGHUP
 * to the session leader only, and the keeper must die of it so that the kernel then hangs up the
 * agent's process group too (with HUP trapped, agents outlived a killed host).
 * The agent shares the keeper's process group (a non-interactive shell does no job control), so
 * signalling the group, resizing and Ctrl+C reach it as before. Not used on Windows (ConPTY).
 */
import { randomBytes } from 'node:crypto';

export const KEEPER_SHELL = '/bin/sh';

// $1 nonce, $2 stdin file or '', then the agent's command and arguments.
const SCRIPT = [
  'trap : INT QUIT TERM',
  'n=$1; f=$2; shift 2',
  'if [ -n "$f" ]; then "$@" <"$f"; else "$@"; fi',
  's=$?',
  "printf '\\033]7717;%s;%s\\007' \"$n\" \"$s\"",
  'while IFS= read -r l; do [ "$l" = "$n" ] && break; done',
  'trap - INT QUIT TERM',
  'if [ "$s" -gt 128 ] && [ "$s" -lt 160 ]; then kill -$((s - 128)) $$; fi',
  'exit "$s"',
].join('\n');

export interface KeptLaunch {
  file: string;
  args: string[];
  nonce: string;
}

/** The keeper's command line around `file args`; `stdinFile` feeds the agent's stdin when set. */
export function keeperLaunch(file: string, args: string[], stdinFile: string | null): KeptLaunch {
  const nonce = randomBytes(12).toString('hex');
  return { file: KEEPER_SHELL, args: ['-c', SCRIPT, 'switchboard-run', nonce, stdinFile ?? '', file, ...args], nonce };
}

export interface EndMarkerFilter {
  /** The agent's output in this chunk (the marker and anything after it removed). */
  push(chunk: string): string;
  /** Whatever was held back as a possible start of the marker (call at exit when no marker came). */
  flush(): string;
  /** The agent's exit status from the marker, once seen. */
  readonly status: number | null;
}

/**
 * Removes the keeper's end marker from the output stream. A chunk may end with the start of the
 * marker, so a tail that could still become one is held back until the next chunk decides.
 * `onMarker` runs once, when the whole marker has been read.
 */
export function createEndMarkerFilter(nonce: string, onMarker: (status: number) => void): EndMarkerFilter {
  const prefix = `\x1b]7717;${nonce};`;
  const whole = new RegExp(`\\x1b\\]7717;${nonce};(\\d+)\\x07`);
  let held = '';
  let status: number | null = null;

  /** Where a suffix of `s` that could still grow into the marker starts (s.length when none). */
  const possibleStart = (s: string): number => {
    const at = s.lastIndexOf('\x1b');
    if (at < 0) return s.length;
    const rest = s.slice(at);
    if (rest.length <= prefix.length) return prefix.startsWith(rest) ? at : s.length;
    return rest.startsWith(prefix) && /^\d*$/.test(rest.slice(prefix.length)) ? at : s.length;
  };

  return {
    get status() {
      return status;
    },
    push(chunk) {
      if (status !== null) return ''; // after the marker: only the keeper's own echo of the nonce
      const s = held + chunk;
      const m = whole.exec(s);
      if (m) {
        held = '';
        status = Number(m[1]);
        onMarker(status);
        return s.slice(0, m.index);
      }
      const cut = possibleStart(s);
      held = s.slice(cut);
      return s.slice(0, cut);
    },
    flush() {
      const s = held;
      held = '';
      return s;
    },
  };
}
