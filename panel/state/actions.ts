/**
 * Everything the user can ask of the background, each with the notices that say what came of it.
 * Views call these and render; they never send a command themselves. A failed command becomes an
 * error notice and resolves to undefined, never an unhandled rejection.
 */
import { exportRecords, type ExportFormat } from '../../extension/codecs/index.ts';
import { exportSnapshot } from '../../extension/codecs/snapshot.ts';
import type { CommandName, Commands, FireResult } from '../../extension/messages.ts';
import { formatDuration } from '../../extension/duration.ts';
import { errorMessage } from '../../extension/error-message.ts';
import type { OriginRegistrations, ScopeRegistration, SyncRecord } from '../../extension/model.ts';
import { downloadParts } from '../download.ts';
import { createActivityActions } from './activity-actions.ts';
import { indexedDbImportInbox, type ImportInbox } from '../../extension/import-inbox.ts';
import { importFile, inboxHandOver } from './import-files.ts';
import type { Store } from './store.ts';

/** Sends one command and answers its result (the panel's Connection.request, or a test's fake). */
export type Request = <K extends CommandName>(name: K, params: Commands[K]['params']) => Promise<Commands[K]['result']>;

/** `inbox`: where an imported file is handed over (the extension's IndexedDB unless a test gives one). */
export function createActions(store: Store, request: Request, inbox?: ImportInbox) {
  // The panel's one connection to the inbox (opened on the first import).
  const handOver = inboxHandOver((params) => request('importStoredFile', params), inbox ?? indexedDbImportInbox());
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
    /**
     * Fires a tag and answers how, plus anything the user should know (e.g. back-off): the view shows that
     * once, beside the tag it fired, rather than as notices that stay. A failure is an error notice.
     */
    async fire(
      origin: string,
      scope: ScopeRegistration,
      tag: string,
      how: { lastChance: boolean; periodic: boolean },
    ): Promise<FireResult | undefined> {
      const { registrationId } = scope;
      return command('fire', {
        origin,
        scope: scope.scope,
        ...(registrationId ? { registrationId } : {}),
        tag,
        ...how,
      });
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

    /**
     * Saves the records as a download, named after the inspected origin when only its events are shown.
     * Sync Inspector JSON also carries a snapshot of what the panel shows, when a page is known.
     */
    exportRecords(records: SyncRecord[], format: ExportFormat, filtered: boolean): void {
      const origin =
        store.filters.value.originScope === 'this' ? (store.inspectedOrigin.value ?? undefined) : undefined;
      const registrations = store.registrations.value;
      const snapshot =
        format === 'json' && canSnapshot(registrations)
          ? exportSnapshot(registrations, store.records.value, store.session.value?.engine ?? 'none')
          : undefined;
      const file = exportRecords(records, format, {
        ...(origin ? { origin } : {}),
        now: Date.now(),
        filtered,
        ...(snapshot ? { snapshot } : {}),
      });
      downloadParts(file.fileName, file.mimeType, file.parts);
      const pending = snapshot?.scopes.reduce((n, s) => n + s.syncTags.length + s.periodicTags.length, 0) ?? 0;
      store.notify(
        'info',
        `Exported ${records.length} ${records.length === 1 ? 'event' : 'events'}` +
          (snapshot ? ` and a snapshot (${pending} pending ${pending === 1 ? 'tag' : 'tags'})` : '') +
          ` as ${file.fileName}.`,
      );
    },

    async importFile(file: File): Promise<void> {
      await importFile(file, store, handOver);
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

    /** Starts or stops recording, or says why this engine cannot. */
    async toggleRecording(): Promise<void> {
      const session = store.session.value;
      if (!session) return;
      const { recording } = session.capabilities;
      if (!recording.available)
        return store.notify('warning', `Recording: ${recording.reason ?? 'not available here'}`);
      await command('setRecording', { on: !session.recording });
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

/** A snapshot is worth writing for a web page the panel has read (not about:blank or a chrome:// page). */
export function canSnapshot(registrations: OriginRegistrations | null): registrations is OriginRegistrations {
  return registrations !== null && /^https?:/.test(registrations.origin);
}
