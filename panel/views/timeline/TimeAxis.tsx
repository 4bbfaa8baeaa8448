import { tickLabelsBesideNow } from '../../timeline/labels.ts';
import { tickStep, ticks, timeToX, type Scale } from '../../timeline/scale.ts';
import { useSecondTicks } from '../../use-now.ts';

const pad = (n: number) => String(n).padStart(2, '0');

function tickLabel(t: number, step: number): string {
  const d = new Date(t);
  if (step >= 86_400_000) return `${d.getMonth() + 1}/${d.getDate()}`;
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (step >= 60_000) return hm;
  if (step >= 1000) return `${hm}:${pad(d.getSeconds())}`;
  return `${pad(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** Round time ticks over the plot, and where "now" is (moving with the clock only while in view or ahead). */
export function TimeAxis({ scale, width }: { scale: Scale; width: number }) {
  const step = tickStep(scale);
  const nowX = timeToX(scale, Date.now());
  useSecondTicks(nowX <= width);
  const nowShown = nowX >= 0 && nowX <= width;
  const all = ticks(scale, width).map((t) => ({ x: timeToX(scale, t), text: tickLabel(t, step) }));
  // "now" wins: a tick label it would cover is left out (its tick line stays).
  const labelled = new Set(tickLabelsBesideNow(all, nowShown ? nowX : undefined).map((t) => t.x));
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
