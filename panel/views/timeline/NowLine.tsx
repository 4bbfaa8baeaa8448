import { timeToX, type Scale } from '../../timeline/scale.ts';
import { useSecondTicks } from '../../use-now.ts';

/**
 * The "now" line over the lanes. It follows the clock while it is in view or still ahead of the
 * view; once now has passed the view's end it stays away until the view changes.
 */
export function NowLine({ scale, width, left }: { scale: Scale; width: number; left: number }) {
  const x = timeToX(scale, Date.now());
  useSecondTicks(x <= width);
  if (x < 0 || x > width) return null;
  return <div class="now-line" data-testid="now-line" style={{ left: `${left + x}px` }} />;
}
