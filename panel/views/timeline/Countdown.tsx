import { countdown } from '../../timeline/lanes.ts';
import { useSecondTicks } from '../../use-now.ts';

/** "next in 4 min 59 s" (the format of `countdown`) until `at`, the only part of a lane that changes each second; gone once `at` has passed. */
export function Countdown({ at }: { at: number }) {
  const left = at - Date.now();
  useSecondTicks(left > 0);
  if (left <= 0) return null;
  return (
    <span class="countdown" data-testid="countdown">
      next {countdown(left)}
    </span>
  );
}
