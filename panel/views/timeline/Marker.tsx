import type { SyncRecord } from '../../../extension/model.ts';
import { isFailure } from '../../../extension/record-facts.ts';
import { describeRecord, formatTime } from '../../format.ts';

/** Status colour of an outcome: success green, everything else red. */
export function outcomeClass(r: SyncRecord): string {
  if (r.kind !== 'failed' && r.kind !== 'completed') return '';
  return isFailure(r) ? 'bad' : 'ok';
}

/** One event in a lane: a shape per kind; lastChance dispatches and failed outcomes stand out. Text is data. */
export function Marker({
  record,
  x,
  y,
  count,
  selected,
  withTitle,
}: {
  record: SyncRecord;
  x: number;
  y: number;
  count: number;
  selected: boolean;
  withTitle: boolean;
}) {
  const r = record;
  const classes = [
    'marker',
    `marker-${r.kind}`,
    outcomeClass(r),
    r.lastChance ? 'last-chance' : '',
    selected ? 'selected' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <g
      class={classes}
      transform={`translate(${x.toFixed(1)},${y})`}
      data-record-id={r.id}
      data-kind={r.kind}
      data-count={count}
    >
      {/* A tooltip per marker only where they are few: thousands of <title>s cost more than the shapes. */}
      {withTitle && (
        <title>{`${formatTime(r.time)} ${r.eventName} — ${r.tag}${describeRecord(r) ? ` (${describeRecord(r)})` : ''}${count > 1 ? ` — and ${count - 1} more here` : ''}`}</title>
      )}
      {selected && <circle class="ring" r={8} />}
      {shape(r)}
    </g>
  );
}

function shape(r: SyncRecord) {
  switch (r.kind) {
    case 'registered':
    case 'reregistered':
      return <circle class="shape" r={4} />;
    case 'dispatched':
      return r.lastChance ? (
        <path class="shape" d="M-5,-6 L6,0 L-5,6 Z" />
      ) : (
        <path class="shape" d="M-4,-5 L5,0 L-4,5 Z" />
      );
    case 'failed':
      return <path class="shape" d="M-4,-4 L4,4 M4,-4 L-4,4" />;
    case 'completed':
      return <circle class="shape" r={4.5} />;
    default:
      return <path class="shape" d="M0,-4 L4,0 L0,4 L-4,0 Z" />;
  }
}
