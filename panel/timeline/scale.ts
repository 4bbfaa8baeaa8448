/**
 * The timeline's horizontal scale: time <-> x, zoom about a point, pan, fit, and tick marks.
 * Pure values, so zoom and pan are unit-tested without a browser.
 */

export interface Scale {
  /** Time (ms since epoch) at x = 0. */
  start: number;
  /** Milliseconds per CSS pixel. */
  msPerPx: number;
}

/** From 1 ms per 10 px up to 30 days across 1 px: enough for a burst and for Chrome's 3-day log. */
export const MIN_MS_PER_PX = 0.1;
const MAX_MS_PER_PX = 30 * 24 * 3600 * 1000;

export const timeToX = (s: Scale, time: number): number => (time - s.start) / s.msPerPx;
export const xToTime = (s: Scale, x: number): number => s.start + x * s.msPerPx;

const clampMsPerPx = (v: number) => Math.min(MAX_MS_PER_PX, Math.max(MIN_MS_PER_PX, v));

/** Zooms by `factor` (> 1 zooms in) keeping the time under `anchorX` where it is. */
export function zoomAt(s: Scale, factor: number, anchorX: number): Scale {
  const anchorTime = xToTime(s, anchorX);
  const msPerPx = clampMsPerPx(s.msPerPx / factor);
  return { start: anchorTime - anchorX * msPerPx, msPerPx };
}

/** Moves the view by `dx` pixels (positive: later times come into view). */
export function panBy(s: Scale, dx: number): Scale {
  return { start: s.start + dx * s.msPerPx, msPerPx: s.msPerPx };
}

/** Puts `time` at `x`. */
export function centreOn(s: Scale, time: number, x: number): Scale {
  return { start: time - x * s.msPerPx, msPerPx: s.msPerPx };
}

/** A scale showing [from, to] across `width` px with a margin each side; a single instant gets 1 min. */
export function fitScale(from: number, to: number, width: number, marginPx = 24): Scale {
  const usable = Math.max(1, width - 2 * marginPx);
  const span = Math.max(to - from, 60_000);
  const mid = (from + to) / 2;
  const msPerPx = clampMsPerPx(span / usable);
  return { start: mid - (width / 2) * msPerPx, msPerPx };
}

const STEPS_MS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000,
  900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 172_800_000, 604_800_000,
];

/** The smallest "round" step that leaves at least `minGapPx` between ticks. */
export function tickStep(s: Scale, minGapPx = 80): number {
  const wanted = s.msPerPx * minGapPx;
  return STEPS_MS.find((step) => step >= wanted) ?? Math.ceil(wanted / 604_800_000) * 604_800_000;
}

/** Tick times in view, on multiples of the step (in local time for steps of a day or less). */
export function ticks(s: Scale, width: number, minGapPx = 80): number[] {
  const step = tickStep(s, minGapPx);
  const offset = step <= 86_400_000 ? new Date(s.start).getTimezoneOffset() * 60_000 : 0;
  const end = xToTime(s, width);
  const out: number[] = [];
  for (let t = Math.ceil((s.start - offset) / step) * step + offset; t <= end && out.length < 1000; t += step)
    out.push(t);
  return out;
}
