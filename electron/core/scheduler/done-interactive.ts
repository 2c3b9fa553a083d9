/**
 * Done on an interactive run (issue 11): the person is finished with the agent's TUI. Its quit
 * command is typed into the terminal (`quitInput`, e.g. "/exit\r") so it can save and leave by
 * itself; if it is still there after its grace, the PTY handle stops it (SIGTERM, then SIGKILL).
 * runTask then treats the end as a clean exit and captures the diff, whatever the exit status.
 */
import { AppError, notFound } from '../errors.js';
import type { ActiveTask } from './types.js';

export function requestDone(entry: ActiveTask | undefined, taskId: string): Promise<void> {
  if (!entry) throw notFound(`a running agent for task ${taskId} (it is not running in this Switchboard)`);
  if (!entry.handle) throw new AppError('conflict', `task ${taskId} is still starting its agent; press Done once its terminal shows the agent`);
  if (!entry.interactive) {
    throw new AppError('conflict', `task ${taskId} does not run an interactive agent; its agent ends by itself when its work is done (cancel it to stop it now)`);
  }
  if (!entry.doneRequested && !entry.stopReason) {
    entry.doneRequested = true;
    const handle = entry.handle;
    if (entry.interactive.quitInput) handle.write(entry.interactive.quitInput);
    // A PTY run ignores the stop reason; it only decides the ACP runner's cancel. The task's end is decided by doneRequested.
    const timer = setTimeout(() => void handle.stop('cancel', entry.graceMs), entry.interactive.quitInput ? entry.graceMs : 0);
    void handle.done.then(() => clearTimeout(timer));
  }
  return entry.finished;
}
