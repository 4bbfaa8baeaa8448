import { useComputed } from '@preact/signals';
import type { SyncActivity } from '../../extension/activity-model.ts';
import type { SyncRecord } from '../../extension/model.ts';
import { originTagKey } from '../state/record-index.ts';
import { usePanel } from '../state/context.ts';
import { SyncConsole } from './SyncConsole.tsx';
import { SyncRequests } from './SyncRequests.tsx';

/**
 * Inside the sync: the requests and console of the dispatch. They are kept on the outcome record;
 * a dispatch shows those of the outcome that followed it.
 */
export function SyncActivityDetails({ record }: { record: SyncRecord }) {
  const { store } = usePanel();
  const group = useComputed(() => store.tags.value.byOriginTag.get(originTagKey(record.origin, record.tag))).value;
  const activity =
    record.activity ?? (record.kind === 'dispatched' ? outcomeAfter(record, group)?.activity : undefined);
  if (!activity) return null;
  return <ActivityView activity={activity} />;
}

function ActivityView({ activity }: { activity: SyncActivity }) {
  return (
    <section class="sync-activity" aria-label="Inside this sync">
      <SyncRequests activity={activity} />
      <SyncConsole activity={activity} />
    </section>
  );
}

/** The first outcome of the same service after this dispatch, before the next dispatch. */
export function outcomeAfter(dispatch: SyncRecord, group: readonly SyncRecord[] | undefined): SyncRecord | undefined {
  for (const r of group ?? []) {
    if (r.time < dispatch.time || r.id === dispatch.id || r.service !== dispatch.service) continue;
    if (r.kind === 'dispatched' && r.time > dispatch.time) return undefined;
    if (r.kind === 'failed' || r.kind === 'completed') return r;
  }
  return undefined;
}
