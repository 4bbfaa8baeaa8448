import type { SyncActivity } from '../../../extension/activity-model.ts';

/**
 * The requests of one dispatch as thin bars inside its span: where in the run each was sent and how
 * long it took; an error or a faked answer is coloured. Drawn in the lane's SVG.
 */
export function RequestSpans({
  activity,
  x,
  mid,
  roomy,
}: {
  activity: SyncActivity;
  x: (t: number) => number;
  mid: number;
  roomy: boolean;
}) {
  return (
    <g class="request-spans" data-testid="request-spans">
      {activity.requests.map((r) => {
        const failed = r.error !== undefined || (r.status ?? 0) >= 400;
        return (
          <rect
            key={r.key}
            class={`request-span${failed ? ' failed' : ''}${r.faked ? ' faked' : ''}`}
            x={x(r.startedAt)}
            y={mid - 1.5}
            width={Math.max(1, x(r.startedAt + (r.durationMs ?? 0)) - x(r.startedAt))}
            height={3}
          >
            {roomy && (
              <title>{`${r.method} ${r.url}: ${r.error ?? r.status ?? 'no answer'}${r.faked ? ` (${r.faked})` : ''}`}</title>
            )}
          </rect>
        );
      })}
    </g>
  );
}
