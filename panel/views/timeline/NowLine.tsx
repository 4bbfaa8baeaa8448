import { timeToX, type Scale } from '../../timeline/scale.ts';
import { useTicking } from '../../use-now.ts';

/** Where now is against the plot: ahead of it (the view shows the future), in it, or past its end. */
export type NowPlace = 'ahead' | 'in' | 'past';
export const nowPlace = (x: number, width: number): NowPlace => (x < 0 ? 'ahead' : x <= width ? 'in' : 'past');

/**
 * The now line moves in steps of this many pixels: it lags at most that much, and at a zoom of
 * minutes (about a pixel a second) the panel draws a frame for it every few seconds, not each one.
 */
export const NOW_STEP_PX = 3;

/**
 * Now's x, in NOW_STEP_PX steps, and where it is, as signals on the clock: a tick writes the
 * line's position only when it moves a step, and the holder renders again only when now enters or
 * leaves the view.
 */
export function useNowX(scale: Scale, width: number) {
  const x = useTicking((now) => Math.floor(timeToX(scale, now) / NOW_STEP_PX) * NOW_STEP_PX, [scale]);
  const place = useTicking((now) => nowPlace(timeToX(scale, now), width), [scale, width]);
  // Past the view's end, now stays away until the view changes: no clock is held for it.
  const shown = nowPlace(timeToX(scale, Date.now()), width) === 'past' ? 'past' : place.value;
  return { x, shown };
}

/**
 * The "now" line over the lanes. It follows the clock while it is in view or still ahead of the
 * view, moved by a transform (no layout); once now has passed the view's end it stays away until
 * the view changes.
 */
export function NowLine({ scale, width, left }: { scale: Scale; width: number; left: number }) {
  const { x, shown } = useNowX(scale, width);
  const css = useTicking(() => `left:0;will-change:transform;transform:translateX(${left + x.value}px)`, [x, left]);
  if (shown !== 'in') return null;
  return <div class="now-line" data-testid="now-line" style={css} />;
}
