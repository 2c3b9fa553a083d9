import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient, type ClientWindow } from './api/create-client.js';
import { reloadOnNewToken } from './api/token.js';
import { App } from './app/App.js';
import { FatalScreen } from './app/FatalScreen.js';
import { bindClient } from './store/bind-client.js';
import { createAppStore } from './store/create-app-store.js';
import { StoreProvider } from './store/store-context.js';
import './styles/theme.css';
import './styles/controls.css';
import './styles/layout.css';
import './styles/board.css';
import './styles/list.css';
import './styles/detail.css';
import './styles/dialog.css';
import './styles/run-views.css';
import './styles/review.css';
import './styles/diff.css';
import './styles/settings.css';
import './styles/compare.css';
import './styles/inbox.css';
import './styles/palette.css';
import './styles/projects.css';

const root = createRoot(document.getElementById('root')!);
const win = window as ClientWindow;
if (!win.switchboard) reloadOnNewToken(window);

void createClient(win).then((created) => {
  if (!created.ok) {
    root.render(<FatalScreen message={created.reason} desktop={!!win.switchboard} />);
    return;
  }
  const client = created.client;
  const store = createAppStore({ api: client.api, now: Date.now });
  bindClient(store, client);
  root.render(
    <StrictMode>
      <StoreProvider store={store} client={client}>
        <App />
      </StoreProvider>
    </StrictMode>,
  );
});
