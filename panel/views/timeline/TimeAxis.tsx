import { tickLabelsBesideNow } from '../../timeline/labels.ts';
import { tickStep, ticks, timeToX, type Scale } from '../../timeline/scale.ts';
import { useTicking } from '../../use-now.ts';
import { useNowX } from './NowLine.tsx';

const pad = (n: number) => String(n).padStart(2, '0');

function tickLabel(t: number, step: number): string {
  const d = new Date(t);
  if (step >= 86_400_000) return `${d.getMonth() + 1}/${d.getDate()}`;
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (step >= 60_000) return hm;
  if (step >= 1000) return `${hm}:${pad(d.getSeconds())}`;
  return `${pad(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/**
 * Round time ticks over the plot, and where "now" is. The "now" label's x follows the clock as an
 * attribute bound to it; the axis renders again only when the tick labels that "now" hides change
 * or now enters or leaves the view.
 */
export function TimeAxis({ scale, width }: { scale: Scale; width: number }) {
  const step = tickStep(scale);
  const { x: nowX, shown } = useNowX(scale, width);
  const all = ticks(scale, width).map((t) => ({ x: timeToX(scale, t), text: tickLabel(t, step) }));
  const nowShown = shown === 'in';
  // "now" wins: a tick label it would cover is left out (its tick line stays).
  const labelledNearNow = useTicking(
    () =>
      tickLabelsBesideNow(all, nowX.value)
        .map((t) => t.x)
        .join(' '),
    [scale, width],
  );
  const labelled = new Set(
    nowShown
      ? labelledNearNow.value.split(' ').filter(Boolean).map(Number)
      : tickLabelsBesideNow(all, undefined).map((t) => t.x),
  );
  return (
    <svg class="axis" width={width} height={20} aria-hidden="true">
      {all.map(({ x, text }) => (
        <g key={x}>
          <line x1={x} x2={x} y1={14} y2={20} />
          {labelled.has(x) && (
            <text x={x + 3} y={12}>
              {text}
            </text>
          )}
        </g>
      ))}
      {nowShown && (
        <text class="now-label" x={nowX} y={12} text-anchor="middle">
          now
        </text>
      )}
    </svg>
  );
}
