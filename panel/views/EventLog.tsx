import { usePanel } from './context.ts';
import { describeRecord, displayOrigin, formatTime, serviceLabel } from '../format.ts';
import { VirtualRows } from './VirtualRows.tsx';

const COLUMNS = ['Time', 'Origin', 'Event', 'Tag', 'Details'] as const;

/** The live log of sync events, newest at the bottom; renders only the rows in view. */
export function EventLog() {
  const { store } = usePanel();
  const records = store.visibleRecords.value;
  const scope = store.originScope.value;
  return (
    <div class="log">
      <div class="log-toolbar">
        <h3>Sync events</h3>
        <div role="radiogroup" aria-label="Origins shown" class="segmented">
          {(['this', 'all'] as const).map((value) => (
            <label key={value} class="check">
              <input
                type="radio"
                name="origin-scope"
                checked={scope === value}
                onChange={() => (store.originScope.value = value)}
              />
              {value === 'this' ? 'This origin' : 'All origins'}
            </label>
          ))}
        </div>
        <span class="muted" data-testid="event-count">
          {records.length} {records.length === 1 ? 'event' : 'events'}
        </span>
      </div>
      <div role="grid" aria-label="Sync events" aria-rowcount={records.length + 1} class="grid">
        <div role="row" class="grid-row grid-head" aria-rowindex={1}>
          {COLUMNS.map((c) => (
            <span role="columnheader" key={c}>
              {c}
            </span>
          ))}
        </div>
        {records.length === 0 ? (
          <p class="muted empty">No sync events yet. Register a sync in the page, or fire a tag.</p>
        ) : (
          <VirtualRows
            count={records.length}
            rowHeight={22}
            stickToBottom
            renderRow={(index) => {
              const r = records[index];
              return (
                <div role="row" class={`grid-row kind-${r.kind}`} aria-rowindex={index + 2} key={r.id} data-record-id={r.id}>
                  <span role="gridcell">{formatTime(r.time)}</span>
                  <span role="gridcell" title={r.origin}>
                    {displayOrigin(r.origin)}
                  </span>
                  <span role="gridcell" title={`${serviceLabel(r.service)} · ${r.source}`}>
                    {r.eventName}
                  </span>
                  <span role="gridcell" class="tag-cell">
                    {r.tag}
                  </span>
                  <span role="gridcell">{describeRecord(r)}</span>
                </div>
              );
            }}
          />
        )}
      </div>
    </div>
  );
}
