/**
 * Feeding a long prompt to a PTY agent on stdin. A terminal cannot carry it (its line discipline
 * caps a line at 4 KiB, and the agent sees a TTY, not a pipe), so the prompt is written to a private
 * temp file (0600 in a 0700 folder), and the session keeper (pty-keeper.ts) starts the agent with
 * stdin from that file; stdout and stderr are still the terminal. The file is removed once the
 * agent has exited.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PromptFile {
  path: string;
  /** Removes the prompt file; safe to call more than once. */
  cleanup(): void;
}

export function writePromptFile(prompt: string): PromptFile {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-prompt-'));
  const path = join(dir, 'prompt.txt');
  try {
    writeFileSync(path, prompt, { mode: 0o600 });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
