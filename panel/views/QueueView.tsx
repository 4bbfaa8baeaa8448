import { useComputed } from '@preact/signals';
import { useState } from 'preact/hooks';
import {
  WORKBOX_DEFAULT_RETENTION_MS,
  WORKBOX_TAG_PREFIX,
  workboxQueueName,
  type QueueEntry,
} from '../../extension/activity-model.ts';
import type { OriginRegistrations } from '../../extension/model.ts';
import { formatDuration } from '../../extension/duration.ts';
import { formatBytes } from '../activity-format.ts';
import { formatTime } from '../format.ts';
import { usePanel } from '../state/context.ts';

/**
 * The Workbox queues of the inspected origin: each queue named by a pending tag, an event of this
 * origin or an entry in its database, with the requests waiting in it. Re-read with the
 * registrations (so when the tag's events arrive).
 */
export function QueueView({ regs }: { regs: OriginRegistrations }) {
  const { store } = usePanel();
  const queues = regs.queues;
  const seenTags = useComputed(() => store.tags.value.tagsByOrigin.get(regs.origin) ?? []).value;
  const names = new Set<string>();
  for (const scope of regs.scopes) for (const tag of scope.syncTags) addName(names, tag);
  for (const tag of seenTags) addName(names, tag);
  for (const entry of queues?.entries ?? []) names.add(entry.queueName);
  if (!queues || (names.size === 0 && queues.state === 'none')) return null;
  const pending = new Set(regs.scopes.flatMap((s) => s.syncTags));
  return (
    <section class="queues" aria-label="Workbox queues">
      <h3>Workbox queues</h3>
      {queues.state === 'unreadable' && (
        <p class="problem" data-testid="queue-problem">
          {queues.reason}
        </p>
      )}
      {queues.skipped > 0 && (
        <p class="problem" data-testid="queue-skipped">
          {queues.skipped} {queues.skipped === 1 ? 'entry' : 'entries'} of workbox-background-sync skipped (not
          Workbox's shape): {queues.skippedReasons.join('; ')}.
        </p>
      )}
      {[...names].sort().map((name) => (
        <QueueOf
          key={name}
          name={name}
          pending={pending.has(WORKBOX_TAG_PREFIX + name)}
          entries={(queues.entries ?? []).filter((e) => e.queueName === name)}
          readable={queues.state !== 'unreadable'}
        />
      ))}
      {queues.notListed > 0 && <p class="muted">{queues.notListed} more entries not listed.</p>}
    </section>
  );
}

function addName(names: Set<string>, tag: string) {
  const name = workboxQueueName(tag);
  if (name !== undefined) names.add(name);
}

function QueueOf({
  name,
  pending,
  entries,
  readable,
}: {
  name: string;
  pending: boolean;
  entries: QueueEntry[];
  readable: boolean;
}) {
  const { actions } = usePanel();
  const tag = WORKBOX_TAG_PREFIX + name;
  const exportIt = () => actions.exportQueue(name, tag);
  return (
    <div class="queue" role="group" aria-label={`Queue ${name}`} data-testid="queue">
      <div class="queue-head">
        <span class="queue-name" data-testid="queue-name">
          {name}
        </span>
        <span class="muted">
          tag {tag}
          {pending ? ' (pending)' : ''}
        </span>
        <span class="spacer" />
        <button type="button" disabled={!readable} aria-label={`Export queue ${name}`} onClick={exportIt}>
          Export
        </button>
      </div>
      {entries.length === 0 ? (
        <p class="muted" data-testid="queue-empty">
          {readable ? 'Empty: no request is waiting in this queue.' : 'Not read.'}
        </p>
      ) : (
        <table class="queue-entries" aria-label={`Requests waiting in ${name}`}>
          <thead>
            <tr>
              <th>Method</th>
              <th>URL</th>
              <th>Queued at</th>
              <th>Age (of 7 days)</th>
              <th>Body</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <EntryRow key={entry.id} entry={entry} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function EntryRow({ entry }: { entry: QueueEntry }) {
  const { actions } = usePanel();
  const [confirming, setConfirming] = useState(false);
  const age = Date.now() - entry.queuedAt;
  const expired = age > WORKBOX_DEFAULT_RETENTION_MS;
  return (
    <tr data-testid="queue-entry">
      <td data-testid="queue-method">{entry.method}</td>
      <td class="queue-url" title={entry.url} data-testid="queue-url">
        {entry.url}
        {entry.urlTruncated ? '…' : ''}
      </td>
      <td>{formatTime(entry.queuedAt)}</td>
      <td class={expired ? 'problem' : ''}>
        {formatDuration(age)}
        {expired ? ' (past the default retention: Workbox drops it at its next replay)' : ''}
      </td>
      <td data-testid="queue-body-size">{entry.bodySize < 0 ? 'unknown type' : formatBytes(entry.bodySize)}</td>
      <td>
        {confirming ? (
          <span role="group" aria-label="Confirm removal">
            Remove from the app's queue?{' '}
            <button
              type="button"
              class="danger"
              onClick={() =>
                void actions.removeQueueEntry({ id: entry.id, queueName: entry.queueName, queuedAt: entry.queuedAt })
              }
            >
              Remove for good
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button
            type="button"
            aria-label={`Remove ${entry.method} ${entry.url}`}
            title="Delete this entry from the app's IndexedDB (asks first)"
            onClick={() => setConfirming(true)}
          >
            Remove
          </button>
        )}
      </td>
    </tr>
  );
}
