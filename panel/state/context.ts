import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { createActions, type Actions, type Request } from './actions.ts';
import type { Store } from './store.ts';

/** What every view reads (the store) and may do (the actions), handed down so each test builds its own. */
export interface PanelContextValue {
  store: Store;
  actions: Actions;
}

export function panelContext(store: Store, request: Request): PanelContextValue {
  return { store, actions: createActions(store, request) };
}

export const PanelContext = createContext<PanelContextValue | null>(null);

export function usePanel(): PanelContextValue {
  const value = useContext(PanelContext);
  if (!value) throw new Error('usePanel outside PanelContext');
  return value;
}
