/**
 * What a lane draws besides its markers, computed once per lane's records (not per frame while
 * the user pans): the arrays of a lane are rebuilt only when the records change.
 */
import { attemptNumbers, projections, spans, type Attempt, type Lane, type Projection, type Span } from './lanes.ts';

export interface LaneDrawing {
  spans: Span[];
  attempts: Map<string, Attempt>;
  projections: Projection[];
}

const cache = new WeakMap<readonly unknown[], LaneDrawing>();

export function laneDrawing(lane: Lane): LaneDrawing {
  let drawing = cache.get(lane.records);
  if (!drawing) {
    drawing = {
      spans: spans(lane.records),
      attempts: attemptNumbers(lane.records),
      projections: projections(lane.records),
    };
    cache.set(lane.records, drawing);
  }
  return drawing;
}

/** Items whose [from, to] overlaps the view. */
export function overlapping<T>(
  items: readonly T[],
  from: number,
  to: number,
  range: (item: T) => [number, number],
): T[] {
  return items.filter((item) => {
    const [a, b] = range(item);
    return b >= from && a <= to;
  });
}
