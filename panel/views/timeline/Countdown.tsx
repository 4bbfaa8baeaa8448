import { countdown } from '../../timeline/lanes.ts';
import { useAhead, useTicking } from '../../use-now.ts';

/**
 * "in 4 min 59 s" (the format of `countdown`) until `at`, as a text node that the clock rewrites
 * each second with no render of what holds it. Empty once `at` has passed.
 */
export function CountdownText({ at }: { at: number }) {
  const text = useTicking((now) => (at > now ? countdown(at - now) : ''), [at]);
  return <>{text}</>;
}

/** "next in 4 min 59 s" until `at`, the only part of a lane that changes each second; gone once `at` has passed. */
export function Countdown({ at }: { at: number }) {
  if (!useAhead(at)) return null;
  return (
    <span class="countdown" data-testid="countdown">
      next <CountdownText at={at} />
    </span>
  );
}
