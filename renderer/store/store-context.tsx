import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppStore } from './create-app-store.js';
import type { AppState } from './types.js';
import type { Client } from '../api/types.js';

const StoreContext = createContext<AppStore | null>(null);
const ClientContext = createContext<Client | null>(null);

export function StoreProvider({ store, client, children }: { store: AppStore; client: Client; children: ReactNode }) {
  return (
    <ClientContext.Provider value={client}>
      <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
    </ClientContext.Provider>
  );
}

/** Reads a slice of the app state; re-renders only when the selected value changes. */
export function useApp<T>(selector: (s: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useApp() used outside <StoreProvider>');
  return useStore(store, selector);
}

export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore() used outside <StoreProvider>');
  return store;
}

export function useClient(): Client {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient() used outside <StoreProvider>');
  return client;
}
