import { DEFAULT_MAX_ATTEMPTS } from '../../../extension/retry.ts';
import { displayOrigin, formatTime, serviceLabel } from '../../format.ts';
import { laneDrawing, overlapping } from '../../timeline/derived.ts';
import { countdown, inRange, nextAttemptAt, thinMarkers, type Lane } from '../../timeline/lanes.ts';
import { timeToX, xToTime, type Scale } from '../../timeline/scale.ts';
import { Marker, outcomeClass } from './Marker.tsx';

export const LANE_HEIGHT = 30;
const MID = 17;
/** Markers closer than this share one (the most telling), so a crowded lane stays cheap to draw. */
const BUCKET_PX = 4;

interface Props {
  lane: Lane;
  index: number;
  scale: Scale;
  width: number;
  now: number;
  selectedId: string | null;
  active: boolean;
  cellId: string;
}

/** One lane: its label (origin, kind, tag, countdown) and what happened in view, drawn as SVG. */
export function LaneRow({ lane, index, scale, width, now, selectedId, active, cellId }: Props) {
  const from = xToTime(scale, -12);
  const to = xToTime(scale, width + 12);
  const x = (t: number) => timeToX(scale, t);
  const drawing = laneDrawing(lane);
  const markers = thinMarkers(inRange(lane.records, from, to), x, BUCKET_PX);
  const spans = overlapping(drawing.spans, from, to, (s) => [s.start, s.end ?? now]);
  const projections = overlapping(drawing.projections, from, to, (p) => [p.from.time, p.at]);
  const next = lane.service === 'backgroundSync' || lane.records.some((r) => r.nextAttemptDelayMs !== undefined) ? nextAttemptAt(lane.records, now) : undefined;
  const last = lane.records[lane.records.length - 1];
  const summary =
    `${lane.records.length} ${lane.records.length === 1 ? 'event' : 'events'}` +
    (last ? `; last ${last.eventName} at ${formatTime(last.time)}` : '') +
    (next !== undefined ? `; next attempt in ${countdown(next - now)}` : '');
  return (
    <div role="row" aria-rowindex={index + 1} class={`lane${active ? ' active' : ''}`} style={{ top: `${index * LANE_HEIGHT}px` }} data-lane-key={lane.key}>
      <div role="rowheader" class="lane-label" title={`${lane.origin} · ${serviceLabel(lane.service)} · ${lane.tag}`}>
        <span class="lane-kind">{serviceLabel(lane.service)}</span>
        <span class="lane-tag" data-testid="lane-tag">
          {lane.tag}
        </span>
        <span class="lane-origin muted">{displayOrigin(lane.origin)}</span>
        {next !== undefined && (
          <span class="countdown" data-testid="countdown">
            next in {countdown(next - now)}
          </span>
        )}
      </div>
      <div role="gridcell" id={cellId} class="lane-plot" aria-label={summary}>
        <svg width={width} height={LANE_HEIGHT} aria-hidden="true">
          {spans.map((s) => (
            <rect
              key={s.dispatch.id}
              class={`span ${s.outcome ? outcomeClass(s.outcome) : 'running'}`}
              x={x(s.start)}
              y={MID - 3}
              width={Math.max(1, x(s.end ?? now) - x(s.start))}
              height={6}
            />
          ))}
          {projections.map((p) => (
            <g key={p.from.id} class={`projection ${p.kind}`} data-testid="projection">
              <line x1={x(p.from.time)} x2={x(p.at)} y1={MID + 8} y2={MID + 8} />
              <circle cx={x(p.at)} cy={MID} r={4}>
                <title>{`${p.kind === 'retry' ? 'Next attempt' : 'Next periodic event'} at ${formatTime(p.at)}`}</title>
              </circle>
            </g>
          ))}
          {markers.map(({ record, count }) => {
            const attempt = drawing.attempts.get(record.id);
            return (
              <g key={record.id}>
                {attempt && count === 1 && (
                  <text class="attempt" x={x(record.time)} y={7} text-anchor="middle">
                    {`${attempt.n}/${attempt.max || DEFAULT_MAX_ATTEMPTS}`}
                  </text>
                )}
                <Marker record={record} x={x(record.time)} y={MID} count={count} selected={record.id === selectedId} />
              </g>
            );
          })}
        </svg>
      </div>
    </div>
  );
}
