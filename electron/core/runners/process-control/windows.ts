/**
 * Process control on Windows: there are no process groups or signals, so ending a run kills the
 * process tree under its pid with tree-kill (taskkill /T /F). Listing groups and markers is not
 * available; detached grandchildren outside the tree are not found.
 */
import treeKill from 'tree-kill';
import { signalPid, type ProcessControl } from './process-control.js';

export function createWindowsControl(): ProcessControl {
  return {
    name: 'windows',
    info: (pid) => (signalPid(pid, 0) ? { pid, pgid: pid, session: pid, zombie: false, startTime: '' } : null),
    list: () => [],
    withMarker: () => [],
    signalGroup(pgid, signal) {
      if (!signalPid(pgid, 0)) return false;
      treeKill(pgid, signal, () => {});
      return true;
    },
  };
}
