/**
 * Feeding a long prompt to a PTY agent on stdin. A terminal cannot carry it (its line discipline
 * caps a line at 4 KiB, and the agent sees a TTY, not a pipe), so the prompt is written to a private
 * temp file (0600 in a 0700 folder) and the agent is started as `sh -c 'exec "$@" <"$0"' FILE CMD ARGS`:
 * the shell replaces itself with the agent, same pid and process group, stdin from the file, stdout
 * and stderr still the terminal. The file is removed once the agent has exited.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface StdinLaunch {
  file: string;
  args: string[];
  /** Removes the prompt file; safe to call more than once. */
  cleanup(): void;
}

const SHELL = '/bin/sh';
const SCRIPT = 'exec "$@" <"$0"';

export function launchWithStdin(file: string, args: string[], prompt: string): StdinLaunch {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-prompt-'));
  const promptFile = join(dir, 'prompt.txt');
  try {
    writeFileSync(promptFile, prompt, { mode: 0o600 });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { file: SHELL, args: ['-c', SCRIPT, promptFile, file, ...args], cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
