import { memo } from '../../memo.ts';
import { RequestSpans } from './RequestSpans.tsx';
import { formatTime } from '../../format.ts';
import { laneDrawing, overlapping } from '../../timeline/derived.ts';
import { placeLabels } from '../../timeline/labels.ts';
import { attemptLabel, inRange, thinMarkers, type Lane } from '../../timeline/lanes.ts';
import { timeToX, xToTime, type Scale } from '../../timeline/scale.ts';
import { Marker, outcomeClass } from './Marker.tsx';

export const LANE_HEIGHT = 30;
const MID = 17;
/** Markers closer than this share one (the most telling), so a crowded lane stays cheap to draw. */
const BUCKET_PX = 6;
const LABEL_PX = 16;

interface Props {
  lane: Lane;
  scale: Scale;
  width: number;
  selectedId: string | null;
  /** The time a run still going is drawn up to; 0 when the lane has none (then ticking never redraws it). */
  liveNow: number;
}

/**
 * What happened in one lane, in view, as SVG: spans from dispatch to outcome, announced next attempts,
 * markers with attempt numbers. Memoised: the clock ticking redraws only lanes with a run in progress.
 */
export const LanePlot = memo(function LanePlot({ lane, scale, width, selectedId, liveNow }: Props) {
  const from = xToTime(scale, -12);
  const to = xToTime(scale, width + 12);
  const x = (t: number) => timeToX(scale, t);
  const drawing = laneDrawing(lane);
  const markers = thinMarkers(inRange(lane.records, from, to), x, BUCKET_PX);
  /** Labels and tooltips only where markers have room: a crowded lane draws shapes alone. */
  const roomy = markers.length * LABEL_PX < width;
  const spans = overlapping(drawing.spans, from, to, (s) => [s.start, s.end ?? liveNow]);
  const projections = overlapping(drawing.projections, from, to, (p) => [p.from.time, p.at]);
  // Attempt labels that would run into each other are thinned: Chrome's own attempts keep theirs first.
  const labels = roomy
    ? placeLabels(
        markers.flatMap(({ record, count }) => {
          const attempt = drawing.attempts.get(record.id);
          if (!attempt || count !== 1) return [];
          return [{ id: record.id, x: x(record.time), text: attemptLabel(attempt), priority: attempt.byPanel ? 1 : 2 }];
        }),
      )
    : [];
  return (
    <svg width={width} height={LANE_HEIGHT} aria-hidden="true">
      {spans.map((s) => (
        <rect
          key={s.dispatch.id}
          class={`span ${s.outcome ? outcomeClass(s.outcome) : 'running'}`}
          x={x(s.start)}
          y={MID - 3}
          width={Math.max(1, x(s.end ?? liveNow) - x(s.start))}
          height={6}
        />
      ))}
      {spans.map(
        (s) =>
          s.outcome?.activity && (
            <RequestSpans key={`r:${s.dispatch.id}`} activity={s.outcome.activity} x={x} mid={MID} roomy={roomy} />
          ),
      )}
      {projections.map((p) => (
        <g key={p.from.id} class={`projection ${p.kind}`} data-testid="projection">
          <line x1={x(p.from.time)} x2={x(p.at)} y1={MID + 8} y2={MID + 8} />
          <circle cx={x(p.at)} cy={MID} r={4}>
            {roomy && (
              <title>{`${p.kind === 'retry' ? 'Next attempt' : 'Next periodic event'} at ${formatTime(p.at)}`}</title>
            )}
          </circle>
        </g>
      ))}
      {labels.map((label) => (
        <text
          key={`label:${label.id}`}
          class={`attempt${label.priority === 1 ? ' by-panel' : ''}`}
          x={label.x}
          y={9}
          text-anchor="middle"
          data-testid="attempt-label"
        >
          {label.text}
        </text>
      ))}
      {markers.map(({ record, count }) => {
        return (
          <g key={record.id}>
            <Marker
              record={record}
              x={x(record.time)}
              y={MID}
              count={count}
              selected={record.id === selectedId}
              withTitle={roomy}
            />
          </g>
        );
      })}
    </svg>
  );
});
