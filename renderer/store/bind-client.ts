import { onReopen } from '../api/on-reopen.js';
import type { Client } from '../api/types.js';
import type { AppStore } from './create-app-store.js';

/**
 * Feeds the store from the client: every pushed event goes to the slice that owns it, and each
 * time the event stream (re)opens the store reloads, so nothing missed while offline stays stale.
 * Returns the function that unbinds.
 */
export function bindClient(store: AppStore, client: Client): () => void {
  const s = () => store.getState();
  const resync = () => {
    void s().loadStatus();
    void s().loadTasks();
    void s().loadProjects();
    void s().loadPermissions();
    void s().loadRejected();
    void s().loadWaiting();
    const open = s().openTaskId;
    if (open) void s().loadDetail(open);
  };

  // A burst of task changes asks once for the queue's wait reasons.
  let waitingTimer: ReturnType<typeof setTimeout> | null = null;
  const waitingSoon = () => {
    waitingTimer ??= setTimeout(() => {
      waitingTimer = null;
      void s().loadWaiting();
    }, 300);
  };

  const offEvent = client.onEvent((event) => {
    switch (event.name) {
      case 'task.changed': {
        const { task, previousState } = event.payload;
        s().applyTaskChanged(task, previousState);
        s().applyDetailTask(task);
        // A task in a folder the app has not seen yet registered a new project.
        if (!s().projects.some((p) => p.id === task.projectId)) void s().loadProjects();
        // Any change can start, free or block a queued task: re-read why each one waits.
        waitingSoon();
        break;
      }
      case 'appRun.changed':
        s().applyAppChanged(event.payload.taskId, event.payload.app);
        break;
      case 'app.status':
        s().applyStatus(event.payload);
        break;
      case 'project.changed':
        s().applyProject(event.payload.project);
        break;
      case 'permission.changed':
        s().applyPermission(event.payload.request);
        break;
      case 'dispatch.rejected':
        s().applyRejected(event.payload);
        break;
      case 'ui.open-task':
        s().navigate('tasks', event.payload.taskId);
        break;
      default:
        break;
    }
  });

  const offState = client.onConnection((state) => s().setConnection(state));
  const offReopen = onReopen(client, resync);
  s().setConnection(client.connection());
  if (client.connection().status === 'open') resync();

  return () => {
    if (waitingTimer) clearTimeout(waitingTimer);
    offEvent();
    offState();
    offReopen();
  };
}
