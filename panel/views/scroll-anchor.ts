/**
 * Keeping the rows in view when rows are added above them (the older records of a progressive open,
 * an import): the row at the top of the viewport is the anchor, and after the change the scroll
 * position is wherever that row now is, plus the same part of it already scrolled past.
 */
export interface ScrollAnchor {
  key: string;
  /** The row's index when the anchor was taken: the first place to look for it again. */
  index: number;
  /** How far into that row the viewport's top is, in pixels. */
  offset: number;
}

/** The anchor for a scroll position, or null when there are no rows. */
export function anchorAt(
  scrollTop: number,
  rowHeight: number,
  count: number,
  rowKey: (index: number) => string,
): ScrollAnchor | null {
  if (count === 0) return null;
  const index = Math.min(count - 1, Math.max(0, Math.floor(scrollTop / rowHeight)));
  return { key: rowKey(index), index, offset: scrollTop - index * rowHeight };
}

/**
 * The scroll position that puts the anchor's row where it was, or undefined when the row is gone.
 * Rows added above shift it by `count - previousCount` (tried first), rows added below leave it
 * where it was; anything else is found by a search over the keys.
 */
export function scrollTopFor(
  anchor: ScrollAnchor,
  previousCount: number,
  count: number,
  rowHeight: number,
  rowKey: (index: number) => string,
): number | undefined {
  const guesses = [anchor.index + (count - previousCount), anchor.index];
  let index = guesses.find((i) => i >= 0 && i < count && rowKey(i) === anchor.key);
  if (index === undefined) {
    for (let i = 0; i < count; i++) {
      if (rowKey(i) === anchor.key) {
        index = i;
        break;
      }
    }
  }
  return index === undefined ? undefined : index * rowHeight + anchor.offset;
}
