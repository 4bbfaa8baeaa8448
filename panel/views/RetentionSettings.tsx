import { useEffect, useState } from 'preact/hooks';
import { formatTime } from '../format.ts';
import { usePanel } from '../state/context.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long the extension keeps what it observed, and how many events at most: the oldest go first.
 * Says when retention last dropped something, also if that happened while no panel was open.
 */
export function RetentionSettings() {
  const { store, actions } = usePanel();
  const retention = store.session.value?.retention;
  // The fields show the retention in force from their first render (an effect alone left them empty for a frame).
  const [days, setDays] = useState(() => (retention ? String(+(retention.maxAgeMs / DAY_MS).toFixed(3)) : ''));
  const [maxRecords, setMaxRecords] = useState(() => (retention ? String(retention.maxRecords) : ''));
  useEffect(() => {
    if (!retention) return;
    setDays(String(+(retention.maxAgeMs / DAY_MS).toFixed(3)));
    setMaxRecords(String(retention.maxRecords));
  }, [retention?.maxAgeMs, retention?.maxRecords]);
  if (!retention) return null;
  const lastDrop = retention.lastDrop;
  return (
    <form
      class="retention"
      aria-label="Retention"
      onSubmit={(e) => {
        e.preventDefault();
        void actions.setRetention(Math.round(Number(days) * DAY_MS), Math.round(Number(maxRecords)));
      }}
    >
      <h3>Keep events</h3>
      <div class="row">
        <label>
          for{' '}
          <input
            type="number"
            min={0.001}
            max={366}
            step="any"
            value={days}
            aria-label="Days to keep events"
            onInput={(e) => setDays(e.currentTarget.value)}
          />{' '}
          days,
        </label>
        <label>
          at most{' '}
          <input
            type="number"
            min={1}
            max={1000000}
            value={maxRecords}
            aria-label="Most events to keep"
            onInput={(e) => setMaxRecords(e.currentTarget.value)}
          />{' '}
          events
        </label>
        <button type="submit">Save</button>
      </div>
      <p class="muted" data-testid="retention-status">
        {lastDrop
          ? `Oldest first: ${retention.droppedTotal} dropped so far; the last ${lastDrop.count} at ${formatTime(lastDrop.at)} (events up to ${formatTime(lastDrop.newestDroppedTime)}).`
          : 'Oldest first. Nothing dropped so far.'}{' '}
        Imported files stay until you remove them, but count towards the limit.
      </p>
    </form>
  );
}
