import { CompareScreen } from '../features/compare/CompareScreen.js';
import { AgentsScreen } from '../features/agents/AgentsScreen.js';
import { NewTaskDialog } from '../features/new-task/NewTaskDialog.js';
import { useBrowserNotifications } from '../features/notifications/use-browser-notifications.js';
import { preloadDiffViewer } from '../features/review/ReviewPanel.js';
import { ReviewScreen } from '../features/review/ReviewScreen.js';
import { SettingsScreen } from '../features/settings/SettingsScreen.js';
import { TasksScreen } from '../features/tasks/TasksScreen.js';
import { UsageScreen } from '../features/usage/UsageScreen.js';
import { useEffect } from 'react';
import { useApp } from '../store/store-context.js';
import { Sidebar } from './Sidebar.js';
import { useGlobalShortcuts } from './use-global-shortcuts.js';
import { useHashRoute } from './use-hash-route.js';
import { CommandPalette } from '../features/palette/CommandPalette.js';
import { ShortcutHelp } from '../features/palette/ShortcutHelp.js';
import { InboxScreen } from '../features/inbox/InboxScreen.js';
import { ProjectScreen } from '../features/projects/ProjectScreen.js';
import { useInboxTitle } from '../features/inbox/use-inbox-title.js';
import { Toasts } from '../features/inbox/Toasts.js';

export function App() {
  useHashRoute();
  useGlobalShortcuts();
  useBrowserNotifications();
  useInboxTitle();
  const screen = useApp((s) => s.screen);
  useEffect(() => {
    const id = setTimeout(preloadDiffViewer, 1500);
    return () => clearTimeout(id);
  }, []);
  return (
    <div className="app">
      <Sidebar />
      <main className="main" data-screen={screen}>
        {screen === 'inbox' ? <InboxScreen /> : null}
        {screen === 'tasks' ? <TasksScreen /> : null}
        {screen === 'review' ? <ReviewScreen /> : null}
        {screen === 'compare' ? <CompareScreen /> : null}
        {screen === 'project' ? <ProjectScreen /> : null}
        {screen === 'agents' ? <AgentsScreen /> : null}
        {screen === 'usage' ? <UsageScreen /> : null}
        {screen === 'settings' ? <SettingsScreen /> : null}
      </main>
      <NewTaskDialog />
      <CommandPalette />
      <ShortcutHelp />
      <Toasts />
    </div>
  );
}
