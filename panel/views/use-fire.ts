import type { FireParams } from '../../extension/messages.ts';
import { usePanel } from './context.ts';

/** Fires a tag and reports how, plus anything the user should know (e.g. back-off). */
export function useFire() {
  const { store, command } = usePanel();
  return async (params: FireParams) => {
    const result = await command('fire', params);
    if (!result) return;
    store.notify('info', `${params.tag}: ${result.how}`);
    if (result.note) store.notify('warning', result.note);
  };
}
