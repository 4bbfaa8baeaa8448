/**
 * Everything the user can ask of the background, each with the notices that say what came of it.
 * Views call these and render; they never send a command themselves. A failed command becomes an
 * error notice and resolves to undefined, never an unhandled rejection.
 */
import type { CommandName, Commands, FireParams } from '../../extension/messages.ts';
import { formatDuration } from '../../extension/duration.ts';
import { errorMessage } from '../../extension/error-message.ts';
import { createActivityActions } from './activity-actions.ts';
import { importFile } from './import-files.ts';
import type { Store } from './store.ts';

/** Sends one command and answers its result (the panel's Connection.request, or a test's fake). */
export type Request = <K extends CommandName>(name: K, params: Commands[K]['params']) => Promise<Commands[K]['result']>;

export function createActions(store: Store, request: Request) {
  async function command<K extends CommandName>(
    name: K,
    params: Commands[K]['params'],
  ): Promise<Commands[K]['result'] | undefined> {
    try {
      return await request(name, params);
    } catch (error) {
      store.notify('error', errorMessage(error));
      return undefined;
    }
  }

  return {
    /** Fires a tag and reports how, plus anything the user should know (e.g. back-off). */
    async fire(params: FireParams): Promise<void> {
      const result = await command('fire', params);
      if (!result) return;
      store.notify('info', `${params.tag}: ${result.how}`);
      if (result.note) store.notify('warning', result.note);
    },

    /** Runs a synthetic sync event in the worker and says what the handlers did. */
    async simulate(scope: string, tag: string, lastChance: boolean): Promise<void> {
      const result = await command('simulate', { scope, tag, lastChance });
      if (!result) return;
      const how = `Simulated sync "${tag}" (lastChance ${lastChance}, a synthetic event: Chrome's registration is untouched)`;
      if (result.outcome === 'resolved')
        store.notify('info', `${how}: the handlers resolved in ${formatDuration(result.durationMs)}.`);
      else
        store.notify(
          'warning',
          `${how}: the handlers rejected after ${formatDuration(result.durationMs)}: ${result.reason ?? 'no reason given'}.`,
        );
    },

    async reregister(scope: string, tag: string): Promise<void> {
      const result = await command('reregister', { scope, tag });
      if (result) store.notify('info', `${tag}: ${result.how}`);
    },

    async hold(scope: string, offline: boolean): Promise<void> {
      await command('hold', { scope, offline });
    },

    async allowPeriodic(origin: string): Promise<void> {
      await command('allowPeriodic', { origin });
    },

    async unregisterPeriodic(scope: string, tag: string): Promise<void> {
      await command('unregisterPeriodic', { scope, tag });
    },

    async importFile(file: File): Promise<void> {
      await importFile(file, store, (params) => command('importRecords', params));
    },

    async removeImport(fileName: string): Promise<void> {
      await command('removeImport', { fileName });
    },

    async setRetention(maxAgeMs: number, maxRecords: number): Promise<void> {
      await command('setRetention', { maxAgeMs, maxRecords });
    },

    async setRecording(on: boolean): Promise<void> {
      await command('setRecording', { on });
    },

    async setKeepRecording(on: boolean): Promise<void> {
      await command('setKeepRecording', { on });
    },

    async clearView(): Promise<void> {
      await command('clearView', {});
    },

    async eraseChromeLog(): Promise<void> {
      await command('eraseChromeLog', {});
    },

    async reconnect(): Promise<void> {
      await command('reconnect', {});
    },

    async setPort(port: number): Promise<void> {
      await command('setPort', { port });
    },

    ...createActivityActions(store, command),
  };
}

export type Actions = ReturnType<typeof createActions>;
