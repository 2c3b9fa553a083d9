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
    const open = s().openTaskId;
    if (open) void s().loadDetail(open);
  };

  const offEvent = client.onEvent((event) => {
    switch (event.name) {
      case 'task.changed':
        s().applyTaskChanged(event.payload.task, event.payload.previousState);
        s().applyDetailTask(event.payload.task);
        break;
      case 'app.status':
        s().applyStatus(event.payload);
        break;
      default:
        break;
    }
  });

  let wasOpen = false;
  const onState = (state: ReturnType<Client['connection']>) => {
    s().setConnection(state);
    const isOpen = state.status === 'open';
    if (isOpen && !wasOpen) resync();
    wasOpen = isOpen;
  };
  const offState = client.onConnection(onState);
  onState(client.connection());

  return () => {
    offEvent();
    offState();
  };
}
