import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';

const TICK_MS = 1000;
let timer: ReturnType<typeof setInterval> | undefined;

/**
 * The panel's one clock, a signal that changes once a second, but only while something on screen
 * reads it: its watched/unwatched hooks start and stop the single timer. A panel with no countdown
 * (or "now" line) in view has no timer at all; several countdowns in view turn in the same tick,
 * so in the same frame.
 */
export const secondTicks = signal(0, {
  watched() {
    timer = setInterval(() => secondTicks.value++, TICK_MS);
  },
  unwatched() {
    clearInterval(timer);
    timer = undefined;
  },
});

/**
 * Call while rendering: the component renders again on the next tick if, in this render, `active`
 * was true (it shows something that moves with time). A render with `active` false lets go of the
 * clock. The time itself is always Date.now(), so a component that starts ticking is never stale.
 */
export function useSecondTicks(active: boolean): void {
  if (active) void secondTicks.value;
}

/**
 * `read(now)` again on each tick, as a signal. Bound into JSX (`{text}`, `style={css}`) it writes
 * its text node or attribute only when the value changes, with no render of the component; it
 * holds the clock only while something bound to it is on screen.
 */
export function ticking<T>(read: (now: number) => T): ReadonlySignal<T> {
  return computed(() => {
    void secondTicks.value;
    return read(Date.now());
  });
}

/** `ticking` for a component: one signal per value of `deps`. */
export function useTicking<T>(read: (now: number) => T, deps: readonly unknown[]): ReadonlySignal<T> {
  return useMemo(() => ticking(read), deps);
}

/**
 * Call while rendering: whether `at` is still ahead. The component renders again only at the tick
 * when it passes (not each second); once it has passed, or with no `at`, it holds no clock.
 */
export function useAhead(at: number | undefined): boolean {
  const ahead = useMemo(() => (at === undefined ? undefined : ticking((now) => at > now)), [at]);
  if (ahead === undefined || at! <= Date.now()) return false;
  return ahead.value;
}

/** Whether the panel's clock runs (for tests: it must not while nothing shows a countdown). */
export const clockRunning = (): boolean => timer !== undefined;
