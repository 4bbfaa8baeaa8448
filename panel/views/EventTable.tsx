import type { SyncRecord } from '../../extension/model.ts';
import { describeRecord, displayOrigin, formatTime, serviceLabel } from '../format.ts';
import { memo } from '../memo.ts';
import type { Store } from '../state/store.ts';
import { usePanel } from '../state/context.ts';
import { VirtualRows } from './VirtualRows.tsx';

/** Origin and details fold away first when the table is narrow (panel.css); time, event and tag always show. */
const COLUMNS = ['Time', 'Origin', 'Event', 'Tag', 'Details'] as const;
const ROW_HEIGHT = 22;

/** The log as a grid, newest at the bottom; renders only the rows in view. Click or arrow keys select. */
export function EventTable({ records }: { records: SyncRecord[] }) {
  const { store } = usePanel();
  const selectedId = store.selectedId.value;
  const selectedIndex = selectedId === null ? -1 : records.findIndex((r) => r.id === selectedId);
  const move = (delta: number) => {
    if (!records.length) return;
    const next = Math.min(
      records.length - 1,
      Math.max(0, (selectedIndex < 0 ? records.length : selectedIndex) + delta),
    );
    store.selectedId.value = records[next]!.id;
  };
  return (
    <div
      role="grid"
      aria-label="Sync events"
      aria-rowcount={records.length + 1}
      class="grid"
      tabIndex={0}
      onKeyDown={(e) => {
        const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 20, PageUp: -20, End: Infinity, Home: -Infinity }[e.key];
        if (step === undefined) return;
        e.preventDefault();
        move(step === Infinity ? records.length : step === -Infinity ? -records.length : step);
      }}
    >
      <div role="row" class="grid-row grid-head" aria-rowindex={1}>
        {COLUMNS.map((c) => (
          <span role="columnheader" key={c} class={`col-${c.toLowerCase()}`}>
            {c}
          </span>
        ))}
      </div>
      {records.length === 0 ? (
        <p class="muted empty">No sync events match. Register a sync in the page, fire a tag, or change the filters.</p>
      ) : (
        <VirtualRows
          count={records.length}
          rowHeight={ROW_HEIGHT}
          stickToBottom
          {...(selectedIndex >= 0 ? { revealIndex: selectedIndex } : {})}
          rowKey={(index) => records[index]!.id}
          renderRow={(index, key) => {
            const r = records[index]!;
            return <Row key={key} r={r} index={index} selected={r.id === selectedId} store={store} />;
          }}
        />
      )}
    </div>
  );
}

/** One row; memoised, so a batch that adds rows does not diff the rows already shown. */
const Row = memo(({ r, index, selected, store }: { r: SyncRecord; index: number; selected: boolean; store: Store }) => (
  <div
    role="row"
    class={`grid-row kind-${r.kind}${selected ? ' selected' : ''}`}
    aria-rowindex={index + 2}
    aria-selected={selected}
    data-record-id={r.id}
    onClick={() => (store.selectedId.value = r.id)}
  >
    <span role="gridcell" class="col-time">
      {formatTime(r.time)}
    </span>
    <span role="gridcell" class="col-origin" title={r.origin}>
      {displayOrigin(r.origin)}
    </span>
    <span role="gridcell" class="col-event" title={`${serviceLabel(r.service)} · ${r.source}`}>
      {r.eventName}
    </span>
    <span role="gridcell" class="col-tag tag-cell">
      {r.tag}
    </span>
    <span role="gridcell" class="col-details">
      {r.sourceFile ? `[${r.sourceFile}] ` : ''}
      {describeRecord(r)}
    </span>
  </div>
));
