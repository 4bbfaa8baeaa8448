import type { ComponentChild } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

/** Rows outside the viewport that are still rendered, so fast scrolling shows no gaps. */
const OVERSCAN = 8;

interface Props {
  count: number;
  rowHeight: number;
  renderRow(index: number): ComponentChild;
  /** Follow new rows while the user is at the bottom, like a console. */
  stickToBottom?: boolean;
  /** Scroll this row into view when it changes (keyboard selection). */
  revealIndex?: number;
}

/** A fixed-row-height window over many rows: 100,000 rows cost what a screenful costs. */
export function VirtualRows({ count, rowHeight, renderRow, stickToBottom, revealIndex }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const atBottom = useRef(true);

  useLayoutEffect(() => {
    const el = ref.current!;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = ref.current!;
    if (stickToBottom && atBottom.current) {
      el.scrollTop = el.scrollHeight;
      setScrollTop(el.scrollTop);
    }
  }, [count, stickToBottom]);

  useLayoutEffect(() => {
    if (revealIndex === undefined) return;
    const el = ref.current!;
    const top = revealIndex * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    setScrollTop(el.scrollTop);
  }, [revealIndex, rowHeight]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const rows: ComponentChild[] = [];
  for (let i = first; i < last; i++) rows.push(renderRow(i));

  return (
    <div
      ref={ref}
      class="virtual"
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight;
        setScrollTop(el.scrollTop);
      }}
    >
      <div role="rowgroup" style={{ height: `${count * rowHeight}px`, position: 'relative' }}>
        <div style={{ transform: `translateY(${first * rowHeight}px)` }}>{rows}</div>
      </div>
    </div>
  );
}
