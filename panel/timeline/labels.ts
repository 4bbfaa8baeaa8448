/**
 * Where the timeline's text labels go without covering each other: attempt labels above the markers
 * of a lane, and the time axis' tick labels beside the "now" label. Pure, so it is unit-tested.
 */

/** About the width of a character of the 9-10 px labels (digits and lower case), with room to spare. */
export const LABEL_CHAR_PX = 6;
const GAP_PX = 3;

export interface LabelRequest {
  id: string;
  /** The centre of the label (the marker's x). */
  x: number;
  text: string;
  /** Higher keeps its place first when labels would collide. */
  priority: number;
}

const halfWidth = (text: string) => (text.length * LABEL_CHAR_PX) / 2;

/**
 * The labels that fit, each in the first of `rows` rows where it covers no other: higher priority
 * first, then left to right. What does not fit in any row is left out (the marker still shows it on hover).
 */
export function placeLabels(requests: readonly LabelRequest[], rows = 1): Array<LabelRequest & { row: number }> {
  const order = [...requests].sort((a, b) => b.priority - a.priority || a.x - b.x);
  const taken: Array<Array<[number, number]>> = Array.from({ length: rows }, () => []);
  const placed: Array<LabelRequest & { row: number }> = [];
  for (const label of order) {
    const from = label.x - halfWidth(label.text) - GAP_PX;
    const to = label.x + halfWidth(label.text) + GAP_PX;
    const row = taken.findIndex((spans) => spans.every(([a, b]) => to <= a || from >= b));
    if (row < 0) continue;
    taken[row]!.push([from, to]);
    placed.push({ ...label, row });
  }
  return placed.sort((a, b) => a.x - b.x);
}

/**
 * The tick labels to draw: each starts 3 px right of its tick, and one that would run under the
 * "now" label (centred on `nowX`) or into the next tick label is left out.
 */
export function tickLabelsBesideNow(
  ticks: ReadonlyArray<{ x: number; text: string }>,
  nowX: number | undefined,
  nowText = 'now',
): Array<{ x: number; text: string }> {
  const nowFrom = nowX === undefined ? Infinity : nowX - halfWidth(nowText) - GAP_PX;
  const nowTo = nowX === undefined ? -Infinity : nowX + halfWidth(nowText) + GAP_PX;
  const out: Array<{ x: number; text: string }> = [];
  let lastEnd = -Infinity;
  for (const tick of ticks) {
    const from = tick.x + 3;
    const to = from + tick.text.length * LABEL_CHAR_PX;
    if (to > nowFrom && from < nowTo) continue;
    if (from < lastEnd + GAP_PX) continue;
    out.push(tick);
    lastEnd = to;
  }
  return out;
}
