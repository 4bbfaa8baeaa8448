import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SyncRecord } from '../../../extension/model.ts';
import { formatTime } from '../../format.ts';
import { appendedTo } from '../../state/record-index.ts';
import { buildLanes, extendLanes, lowerBound, type Lane } from '../../timeline/lanes.ts';
import { centreOn, fitScale, panBy, timeToX, zoomAt, type Scale } from '../../timeline/scale.ts';
import { usePanel } from '../../state/context.ts';
import { LANE_HEIGHT, LaneRow } from './LaneRow.tsx';
import { NowLine } from './NowLine.tsx';
import { TimeAxis } from './TimeAxis.tsx';
import { TimelineToolbar } from './TimelineToolbar.tsx';

/** The lane labels' column: narrower when the panel is (docked right), so the plot keeps its room. */
const labelWidthFor = (width: number) => (width < 560 ? 120 : 200);
const OVERSCAN_LANES = 3;

/**
 * The records as lanes over time. Renders only the lanes in view and, in each, only the events in
 * view (thinned when crowded): 100,000 events cost what a screenful costs.
 */
export function Timeline({ records }: { records: SyncRecord[] }) {
  const { store } = usePanel();
  // A live batch appends to the records shown: extend the lanes by it instead of building them all again.
  const built = useRef<{ records: readonly SyncRecord[]; lanes: Lane[] } | null>(null);
  const lanes = useMemo(() => {
    const previous = built.current;
    const tail = previous ? appendedTo(previous.records, records) : undefined;
    const next = tail && previous ? extendLanes(previous.lanes, tail) : buildLanes(records);
    built.current = { records, lanes: next };
    return next;
  }, [records]);
  const bodyRef = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 600, height: 300 });
  const [scrollTop, setScrollTop] = useState(0);
  const [scale, setScale] = useState<Scale | null>(null);
  /** Until the user zooms or pans, the view follows the records. */
  const userMoved = useRef(false);
  const [activeLane, setActiveLane] = useState(0);
  const labelWidth = labelWidthFor(size.width);
  const plotWidth = Math.max(100, size.width - labelWidth);
  const selectedId = store.selectedId.value;
  const selected = store.selectedRecord.value;

  const fit = () => {
    const now = Date.now();
    if (!records.length) return setScale(fitScale(now - 60_000, now, plotWidth));
    const last = records[records.length - 1]!.time;
    // Show "now" when it is near, and the next attempts Chrome announced, so the countdown has a place.
    let end = Math.max(last, Math.min(now, last + 3_600_000));
    for (const r of records) {
      const delay = r.nextAttemptDelayMs;
      if (delay !== undefined && Number.isFinite(delay) && r.time + delay > end && r.time + delay - last < 86_400_000)
        end = r.time + delay;
    }
    setScale(fitScale(records[0]!.time, end, plotWidth));
  };
  useLayoutEffect(() => {
    if (!userMoved.current) fit();
  }, [records, plotWidth]);

  useLayoutEffect(() => {
    const el = bodyRef.current!;
    const observer = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    observer.observe(el);
    setSize({ width: el.clientWidth, height: el.clientHeight });
    return () => observer.disconnect();
  }, []);

  /** Buttons and keys zoom about the selected event when it is in view, else about the middle. */
  const anchorX = (s: Scale) => {
    const x = selected ? timeToX(s, selected.time) : -1;
    return x >= 0 && x <= plotWidth ? x : plotWidth / 2;
  };

  const move = (next: Scale) => {
    userMoved.current = true;
    setScale(next);
  };

  // Ctrl/⌘+wheel zooms at the pointer, Shift+wheel or a sideways wheel pans; a plain wheel scrolls lanes.
  // Registered by hand: a passive listener (Preact's default) may not preventDefault.
  const scaleRef = useRef(scale);
  scaleRef.current = scale;
  useEffect(() => {
    const el = bodyRef.current!;
    const onWheel = (e: WheelEvent) => {
      const s = scaleRef.current;
      if (!s) return;
      const x = e.clientX - el.getBoundingClientRect().left - labelWidthFor(el.clientWidth);
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        move(zoomAt(s, Math.exp(-e.deltaY / 300), Math.max(0, x)));
      } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        e.preventDefault();
        move(panBy(s, e.shiftKey ? e.deltaY : e.deltaX));
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  // Keep the selected event's lane active (a selection made in the table shows up here).
  useEffect(() => {
    if (!selected) return;
    const i = lanes.findIndex(
      (l) => l.origin === selected.origin && l.service === selected.service && l.tag === selected.tag,
    );
    if (i >= 0) {
      setActiveLane(i);
      revealLane(i);
      if (scale && (timeToX(scale, selected.time) < 0 || timeToX(scale, selected.time) > plotWidth))
        move(centreOn(scale, selected.time, plotWidth / 2));
    }
  }, [selectedId, lanes]);

  const revealLane = (i: number) => {
    const el = bodyRef.current!;
    const top = i * LANE_HEIGHT;
    const viewport = el.clientHeight - 20;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + LANE_HEIGHT > el.scrollTop + viewport) el.scrollTop = top + LANE_HEIGHT - viewport;
  };

  const select = (record: SyncRecord | undefined) => {
    if (record) store.selectedId.value = record.id;
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!scale) return;
    const lane: Lane | undefined = lanes[activeLane];
    const at = selected && lane?.records.includes(selected) ? lane.records.indexOf(selected) : -1;
    const centre = selected?.time ?? scale.start + (plotWidth / 2) * scale.msPerPx;
    const nearest = (l: Lane) => l.records[Math.min(l.records.length - 1, lowerBound(l.records, centre))];
    const handled = (() => {
      if (e.shiftKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight'))
        return (move(panBy(scale, (e.key === 'ArrowLeft' ? -0.25 : 0.25) * plotWidth)), true);
      switch (e.key) {
        case 'ArrowRight':
          return (
            lane &&
              select(
                lane.records[at < 0 ? lowerBound(lane.records, centre) : Math.min(lane.records.length - 1, at + 1)],
              ),
            true
          );
        case 'ArrowLeft':
          return (
            lane &&
              select(lane.records[at < 0 ? Math.max(0, lowerBound(lane.records, centre) - 1) : Math.max(0, at - 1)]),
            true
          );
        case 'ArrowDown':
        case 'ArrowUp': {
          const i = Math.min(lanes.length - 1, Math.max(0, activeLane + (e.key === 'ArrowDown' ? 1 : -1)));
          setActiveLane(i);
          revealLane(i);
          if (lanes[i]) select(nearest(lanes[i]!));
          return true;
        }
        case 'Home':
          return (lane && select(lane.records[0]), true);
        case 'End':
          return (lane && select(lane.records[lane.records.length - 1]), true);
        case '+':
        case '=':
          return (move(zoomAt(scale, 2, anchorX(scale))), true);
        case '-':
        case '_':
          return (move(zoomAt(scale, 0.5, anchorX(scale))), true);
        case '0':
          return ((userMoved.current = false), fit(), true);
        case 'n':
        case 'N':
          return (move(centreOn(scale, Date.now(), plotWidth / 2)), true);
      }
      return false;
    })();
    if (handled) e.preventDefault();
  };

  // Drag to pan; a press that does not move is a click (on a marker: select it).
  const drag = useRef<{ x: number; scale: Scale; moved: boolean } | null>(null);
  const onPointerDown = (e: PointerEvent) => {
    if (!scale || e.button !== 0 || (e.target as Element).closest('.lane-label')) return;
    drag.current = { x: e.clientX, scale, moved: false };
    (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x;
    if (Math.abs(dx) > 3) d.moved = true;
    if (d.moved) move(panBy(d.scale, -dx));
  };
  const onPointerUp = (e: PointerEvent) => {
    const d = drag.current;
    drag.current = null;
    if (d?.moved) return;
    const marker = document.elementFromPoint(e.clientX, e.clientY)?.closest('[data-record-id]');
    const id = marker?.getAttribute('data-record-id');
    if (id) store.selectedId.value = id;
  };

  const firstLane = Math.max(0, Math.floor(scrollTop / LANE_HEIGHT) - OVERSCAN_LANES);
  const lastLane = Math.min(lanes.length, Math.ceil((scrollTop + size.height) / LANE_HEIGHT) + OVERSCAN_LANES);
  const cellId = (i: number) => `timeline-lane-${i}`;

  return (
    <div class="timeline">
      <TimelineToolbar
        zoom={(factor) => scale && move(zoomAt(scale, factor, anchorX(scale)))}
        pan={(fraction) => scale && move(panBy(scale, fraction * plotWidth))}
        fit={() => {
          userMoved.current = false;
          fit();
        }}
        toNow={() => scale && move(centreOn(scale, Date.now(), plotWidth / 2))}
      />
      <div
        ref={bodyRef}
        class="timeline-body"
        role="grid"
        aria-label="Timeline"
        aria-rowcount={lanes.length}
        aria-colcount={2}
        aria-activedescendant={lanes.length ? cellId(activeLane) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => (drag.current = null)}
      >
        <div class="timeline-axis" style={{ paddingLeft: `${labelWidth}px` }}>
          {scale && <TimeAxis scale={scale} width={plotWidth} />}
        </div>
        {lanes.length === 0 && <p class="muted empty">No sync events match: nothing to draw.</p>}
        <div
          class="lanes"
          style={{ height: `${lanes.length * LANE_HEIGHT}px`, '--lane-label-width': `${labelWidth}px` }}
        >
          {scale &&
            lanes
              .slice(firstLane, lastLane)
              .map((lane, k) => (
                <LaneRow
                  key={lane.key}
                  lane={lane}
                  index={firstLane + k}
                  scale={scale}
                  width={plotWidth}
                  selectedId={selectedId}
                  active={firstLane + k === activeLane}
                  cellId={cellId(firstLane + k)}
                />
              ))}
          {scale && <NowLine scale={scale} width={plotWidth} left={labelWidth} />}
        </div>
      </div>
      <p class="timeline-status" role="status" data-testid="timeline-status">
        {lanes.length} {lanes.length === 1 ? 'lane' : 'lanes'}
        {selected ? ` · selected: ${selected.eventName} · ${selected.tag} · ${formatTime(selected.time)}` : ''}
      </p>
    </div>
  );
}
