import { displayOrigin, formatTime, serviceLabel } from '../../format.ts';
import { laneDrawing } from '../../timeline/derived.ts';
import { nextAttemptAt, type Lane } from '../../timeline/lanes.ts';
import type { Scale } from '../../timeline/scale.ts';
import { useSecondTicks } from '../../use-now.ts';
import { Countdown } from './Countdown.tsx';
import { LANE_HEIGHT, LanePlot } from './LanePlot.tsx';

export { LANE_HEIGHT };

interface Props {
  lane: Lane;
  index: number;
  scale: Scale;
  width: number;
  selectedId: string | null;
  active: boolean;
  cellId: string;
}

/** One lane: its label (kind, tag, origin, countdown to the next attempt) and its plot. */
export function LaneRow({ lane, index, scale, width, selectedId, active, cellId }: Props) {
  const now = Date.now();
  const next = nextAttemptAt(lane.records, now);
  const running = laneDrawing(lane).spans.some((s) => s.end === undefined);
  // Only a run in progress grows with the clock here; the countdown keeps its own.
  useSecondTicks(running);
  const last = lane.records[lane.records.length - 1];
  const summary =
    `${lane.records.length} ${lane.records.length === 1 ? 'event' : 'events'}` +
    (last ? `; last ${last.eventName} at ${formatTime(last.time)}` : '') +
    (next !== undefined ? `; next attempt at ${formatTime(next)}` : '');
  return (
    <div
      role="row"
      aria-rowindex={index + 1}
      class={`lane${active ? ' active' : ''}`}
      style={{ top: `${index * LANE_HEIGHT}px` }}
      data-lane-key={lane.key}
    >
      <div role="rowheader" class="lane-label" title={`${lane.origin} · ${serviceLabel(lane.service)} · ${lane.tag}`}>
        <span class="lane-kind">{serviceLabel(lane.service)}</span>
        <span class="lane-tag" data-testid="lane-tag">
          {lane.tag}
        </span>
        <span class="lane-origin muted">{displayOrigin(lane.origin)}</span>
        {next !== undefined && <Countdown at={next} />}
      </div>
      <div role="gridcell" id={cellId} class="lane-plot" aria-label={summary}>
        <LanePlot lane={lane} scale={scale} width={width} selectedId={selectedId} liveNow={running ? now : 0} />
      </div>
    </div>
  );
}
