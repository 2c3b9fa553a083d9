/**
 * A newer app attached to an older daemon (one left running across an update) offers to restart it,
 * once, and only when no task is active: restarting never interrupts an agent without the user asking.
 * While tasks run, it waits for them to settle (task.changed) before asking.
 */
import type { DaemonLink } from './daemon-link.js';
import { activeTaskCount, isOlderVersion } from './daemon-policy.js';
import type { ShellElectron } from './electron-api.js';

export interface UpgradeOfferDeps {
  electron: Pick<ShellElectron, 'dialog'>;
  link: Pick<DaemonLink, 'call' | 'bus' | 'info' | 'restart'>;
  appVersion: string;
  log(msg: string): void;
  /** Called after the daemon was restarted (the shell reloads its window and tray). */
  onRestarted(): void;
}

export interface UpgradeOffer {
  dispose(): void;
}

export function createUpgradeOffer(deps: UpgradeOfferDeps): UpgradeOffer {
  const daemonVersion = deps.link.info()?.version;
  if (!daemonVersion || !isOlderVersion(daemonVersion, deps.appVersion)) return { dispose() {} };
  deps.log(`the background Switchboard is version ${daemonVersion}, older than this app (${deps.appVersion}); offering a restart once it is idle`);
  let done = false;
  let asking = false;

  const consider = async (): Promise<void> => {
    if (done || asking) return;
    asking = true;
    try {
      const active = activeTaskCount((await deps.link.call('app.status', {})).counts);
      if (active > 0 || done) return;
      done = true;
      unsubscribe();
      const { response } = await deps.electron.dialog.showMessageBox({
        type: 'question',
        buttons: ['Restart it now', 'Not now'],
        defaultId: 0,
        cancelId: 1,
        message: `Switchboard's background service is version ${daemonVersion}; this app is ${deps.appVersion}.`,
        detail: 'No task is running, so restarting it now interrupts nothing. Until it restarts, features of the new version may be missing.',
      });
      if (response !== 0) return deps.log('restart of the older background Switchboard declined');
      await deps.link.restart();
      deps.log(`restarted the background Switchboard at version ${deps.link.info()?.version ?? '?'}`);
      deps.onRestarted();
    } catch (err) {
      deps.log(`could not restart the older background Switchboard: ${(err as Error).message}`);
    } finally {
      asking = false;
    }
  };

  const unsubscribe = deps.link.bus.on('task.changed', () => void consider());
  void consider();
  return {
    dispose() {
      done = true;
      unsubscribe();
    },
  };
}
