import { signal } from '@preact/signals';

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

/** Whether the panel's clock runs (for tests: it must not while nothing shows a countdown). */
export const clockRunning = (): boolean => timer !== undefined;
