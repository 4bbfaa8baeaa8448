import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { CommandName, Commands } from '../../extension/messages.ts';
import type { Connection } from '../connection.ts';
import type { Store } from '../store.ts';

export interface PanelContextValue {
  store: Store;
  /** Sends a command; a failure becomes an error notice, never an unhandled rejection. */
  command<K extends CommandName>(name: K, params: Commands[K]['params']): Promise<Commands[K]['result'] | undefined>;
}

export const PanelContext = createContext<PanelContextValue | null>(null);

export function usePanel(): PanelContextValue {
  const value = useContext(PanelContext);
  if (!value) throw new Error('usePanel outside PanelContext');
  return value;
}

export function panelContext(store: Store, connection: Connection): PanelContextValue {
  return {
    store,
    async command(name, params) {
      try {
        return await connection.request(name, params);
      } catch (error) {
        store.notify('error', error instanceof Error ? error.message : String(error));
        return undefined;
      }
    },
  };
}
