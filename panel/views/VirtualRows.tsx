import type { ComponentChild } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { anchorAt, scrollTopFor, type ScrollAnchor } from './scroll-anchor.ts';

/** Rows outside the viewport that are still rendered, so fast scrolling shows no gaps. */
const OVERSCAN = 8;

interface Props {
  count: number;
  rowHeight: number;
  /**
   * One row, with `key` as its key. While following the bottom, the key is `rowKey(index)` (the
   * record's identity): new rows are added and the others left alone. Scrolled away, it is the row's
   * place in the window: a jump reuses the window's elements and changes only their text, instead
   * of building ~90 rows afresh.
   */
  renderRow(index: number, key: string | number): ComponentChild;
  rowKey(index: number): string;
  /** Follow new rows while the user is at the bottom, like a console. */
  stickToBottom?: boolean;
  /** Scroll this row into view when it changes (keyboard selection). */
  revealIndex?: number;
}

/** A fixed-row-height window over many rows: 100,000 rows cost what a screenful costs. */
export function VirtualRows({ count, rowHeight, renderRow, rowKey, stickToBottom, revealIndex }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const atBottom = useRef(true);
  /** The scrollTop this component last set to follow the bottom: its own scroll event needs no render. */
  const written = useRef(-1);
  /** The row at the top while scrolled away, and the row count it was taken at. */
  const anchor = useRef<ScrollAnchor | null>(null);
  const counted = useRef(count);

  // The height from the observer only, its first callback included (after Chrome's layout, before
  // the paint): a read here would force the panel's layout inside script (8-36 ms at open).
  useLayoutEffect(() => {
    const el = ref.current!;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Following the bottom, the window comes from the row count: no layout read and no second render per batch.
  const following = !!stickToBottom && atBottom.current;
  // Scrolled away, rows added above (older records landing) must not move the rows in view: follow the top row.
  const shifted =
    !following && count !== counted.current && anchor.current
      ? scrollTopFor(anchor.current, counted.current, count, rowHeight, rowKey)
      : undefined;
  const top = following ? Math.max(0, count * rowHeight - height) : (shifted ?? scrollTop);

  useLayoutEffect(() => {
    counted.current = count;
    anchor.current = following ? null : anchorAt(top, rowHeight, count, rowKey);
    if (shifted === undefined || shifted === scrollTop) return;
    ref.current!.scrollTop = shifted;
    setScrollTop(shifted);
  });

  useLayoutEffect(() => {
    if (!following) return;
    ref.current!.scrollTop = top;
    written.current = top;
  }, [count, following, top]);

  useLayoutEffect(() => {
    if (revealIndex === undefined) return;
    const el = ref.current!;
    const rowTop = revealIndex * rowHeight;
    if (rowTop < el.scrollTop) el.scrollTop = rowTop;
    else if (rowTop + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = rowTop + rowHeight - el.clientHeight;
    atBottom.current = el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight;
    setScrollTop(el.scrollTop);
  }, [revealIndex, rowHeight]);

  const first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((top + height) / rowHeight) + OVERSCAN);
  const rows: ComponentChild[] = [];
  for (let i = first; i < last; i++) rows.push(renderRow(i, following ? rowKey(i) : i - first));

  return (
    <div
      ref={ref}
      class="virtual"
      // The anchor above does what the browser's scroll anchoring would try to; two would fight.
      style={{ overflowAnchor: 'none' }}
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight;
        // Our own follow-the-bottom scroll: the window already follows the count, a state change would only render it again.
        if (stickToBottom && atBottom.current && el.scrollTop === written.current) return;
        setScrollTop(el.scrollTop);
      }}
    >
      <div role="rowgroup" style={{ height: `${count * rowHeight}px`, position: 'relative' }}>
        <div style={{ transform: `translateY(${first * rowHeight}px)` }}>{rows}</div>
      </div>
    </div>
  );
}
