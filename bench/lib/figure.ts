/** One line of the report: a figure (median of runs, with min and max) next to its goal. */
import { spread, type Spread } from './stats.ts';

export interface Figure {
  /** The measure number, 1..6. */
  measure: number;
  name: string;
  unit: string;
  value: Spread;
  /** The goal as the issue states it, e.g. "<= 16 ms". */
  goal: string;
  /** Whether the median meets the goal; undefined when the figure is information only. */
  holds?: boolean;
  note?: string;
}

export function figure(
  measure: number,
  name: string,
  unit: string,
  perRun: readonly number[],
  goal?: { text: string; max: number },
  note?: string,
): Figure {
  const value = spread(perRun);
  return {
    measure,
    name,
    unit,
    value,
    goal: goal?.text ?? '—',
    ...(goal ? { holds: value.runs > 0 && value.median <= goal.max } : {}),
    ...(note ? { note } : {}),
  };
}

/** A measure that could not run, with the reason (shown in the table instead of figures). */
export function notRun(measure: number, name: string, goal: string, reason: string): Figure {
  return { measure, name, unit: '', value: spread([]), goal, note: `not run: ${reason}` };
}
