/**
 * What the user can ask about the inside of a sync: a request's headers and body, removing or
 * exporting a Workbox queue entry, arming a failure. Part of the panel's actions (actions.ts).
 */
import type { FailurePlan } from '../../extension/activity-model.ts';
import type { Commands } from '../../extension/messages.ts';
import { downloadText } from '../download.ts';
import type { Store } from './store.ts';

type Command = <K extends 'requestDetail' | 'removeQueueEntry' | 'exportQueue' | 'setFailure'>(
  name: K,
  params: Commands[K]['params'],
) => Promise<Commands[K]['result'] | undefined>;

export function createActivityActions(store: Store, command: Command) {
  return {
    requestDetail(key: string) {
      return command('requestDetail', { key });
    },

    async setFailure(plan: FailurePlan | null): Promise<void> {
      await command('setFailure', { plan });
    },

    async removeQueueEntry(entry: Commands['removeQueueEntry']['params']): Promise<void> {
      const result = await command('removeQueueEntry', entry);
      if (result && !result.removed) store.notify('warning', `Not removed: ${result.reason ?? 'unknown reason'}`);
    },

    async exportQueue(queueName: string, tag: string): Promise<void> {
      const result = await command('exportQueue', { queueName });
      if (!result) return;
      const file = { format: 'sync-inspector-workbox-queue', version: 1, queueName, tag, ...result };
      const safeName = queueName.replace(/[^\w.-]+/g, '_').slice(0, 80);
      downloadText(`workbox-queue-${safeName}.json`, 'application/json', JSON.stringify(file, null, 2));
    },
  };
}
