/**
 * Lanes of the timeline (one per origin + service + tag), and what is drawn in a lane: attempt
 * numbers, dispatch-to-outcome spans, next-attempt times and periodic intervals. Pure functions of
 * the records, so they are unit-tested; the view only maps them to pixels.
 */
import type { SyncRecord, SyncService } from '../../extension/model.ts';
import { isFailure } from '../../extension/record-facts.ts';
import { formatDuration } from '../../extension/duration.ts';
import { DEFAULT_MAX_ATTEMPTS, firesFromOutside } from '../../extension/retry.ts';

export interface Lane {
  key: string;
  origin: string;
  service: SyncService;
  tag: string;
  /** Sorted by time. */
  records: SyncRecord[];
}

const laneKey = (r: Pick<SyncRecord, 'origin' | 'service' | 'tag'>): string =>
  `${r.origin}\u0000${r.service}\u0000${r.tag}`;

/** Groups time-sorted records into lanes, ordered by origin, then one-shot before periodic, then tag. */
export function buildLanes(sorted: readonly SyncRecord[]): Lane[] {
  const byKey = new Map<string, Lane>();
  for (const r of sorted) {
    const key = laneKey(r);
    let lane = byKey.get(key);
    if (!lane) {
      lane = { key, origin: r.origin, service: r.service, tag: r.tag, records: [] };
      byKey.set(key, lane);
    }
    lane.records.push(r);
  }
  return [...byKey.values()].sort(laneOrder);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `lanes` with time-sorted records appended (each at or after every record already in `lanes`): the
 * same as buildLanes over all of them, but a lane that did not grow keeps its object, so what is
 * drawn from it (laneDrawing, a memoised plot) is not recomputed. A live batch costs its own size.
 */
export function extendLanes(lanes: readonly Lane[], appended: readonly SyncRecord[]): Lane[] {
  if (!appended.length) return lanes as Lane[];
  const byKey = new Map(lanes.map((lane) => [lane.key, lane]));
  const grown = new Map<string, SyncRecord[]>();
  for (const r of appended) {
    const key = laneKey(r);
    const list = grown.get(key);
    if (list) list.push(r);
    else grown.set(key, [r]);
  }
  let added = false;
  for (const [key, records] of grown) {
    const lane = byKey.get(key);
    if (lane) {
      byKey.set(key, { ...lane, records: lane.records.concat(records) });
    } else {
      const r = records[0]!;
      byKey.set(key, { key, origin: r.origin, service: r.service, tag: r.tag, records });
      added = true;
    }
  }
  // Lanes keep their order; only a new lane needs a place found.
  return added ? [...byKey.values()].sort(laneOrder) : lanes.map((lane) => byKey.get(lane.key)!);
}

const laneOrder = (a: Lane, b: Lane) => cmp(a.origin, b.origin) || cmp(a.service, b.service) || cmp(a.tag, b.tag);

export type Attempt =
  /** Chrome's own attempt: 1-based since the tag was last registered, of `max`. */
  | { byPanel: false; n: number; max: number }
  /** A fire from the panel (Fire now): not one of Chrome's attempts, which keep their count. */
  | { byPanel: true };

/**
 * Numbers each of Chrome's own one-shot attempts: "n of max". A registration starts the count again;
 * a fire from the panel is marked as such and not counted; simulated dispatches and periodic runs
 * (not retried attempts) get nothing.
 */
export function attemptNumbers(lane: readonly SyncRecord[], max = DEFAULT_MAX_ATTEMPTS): Map<string, Attempt> {
  const out = new Map<string, Attempt>();
  const outside = firesFromOutside(lane);
  let n = 0;
  for (const r of lane) {
    if (r.service !== 'backgroundSync' || r.source === 'simulated') continue;
    if (r.kind === 'registered' || r.kind === 'reregistered') n = 0;
    else if (r.kind === 'dispatched')
      out.set(r.id, outside.has(r.id) ? { byPanel: true } : { byPanel: false, n: ++n, max });
  }
  return out;
}

/** The words above a dispatch marker: "2/3" for Chrome's attempts, "panel" for a fire from the panel. */
export function attemptLabel(attempt: Attempt): string {
  return attempt.byPanel ? 'panel' : `${attempt.n}/${attempt.max || DEFAULT_MAX_ATTEMPTS}`;
}

export interface Span {
  start: number;
  /** The outcome's time; absent while the run is still going. */
  end?: number;
  dispatch: SyncRecord;
  outcome?: SyncRecord;
}

/** Pairs each dispatch with the next outcome (failed or completed) in the lane. */
export function spans(lane: readonly SyncRecord[]): Span[] {
  const out: Span[] = [];
  let open: Span | undefined;
  for (const r of lane) {
    if (r.kind === 'dispatched') {
      if (open) out.push(open);
      open = { start: r.time, dispatch: r };
    } else if ((r.kind === 'failed' || r.kind === 'completed') && open) {
      open.end = r.time;
      open.outcome = r;
      out.push(open);
      open = undefined;
    }
  }
  if (open) out.push(open);
  return out;
}

export interface Projection {
  /** The record that announced it. */
  from: SyncRecord;
  at: number;
  /** 'retry': a failed one-shot attempt's next try; 'periodic': the next periodic event. */
  kind: 'retry' | 'periodic';
}

/**
 * Next-attempt times Chrome announced ("Next Attempt Delay (ms)"): retries of one-shot failures and
 * the intervals of periodic sync. An infinite delay announces nothing.
 */
export function projections(lane: readonly SyncRecord[]): Projection[] {
  const out: Projection[] = [];
  for (const r of lane) {
    const delay = r.nextAttemptDelayMs;
    if (delay === undefined || !Number.isFinite(delay)) continue;
    if (r.service === 'periodicBackgroundSync') out.push({ from: r, at: r.time + delay, kind: 'periodic' });
    else if (r.kind === 'failed') out.push({ from: r, at: r.time + delay, kind: 'retry' });
  }
  return out;
}

/** When the lane's tag will next be tried, if Chrome said and it is still ahead of `now`. */
export function nextAttemptAt(lane: readonly SyncRecord[], now: number): number | undefined {
  let last: Projection | undefined;
  const all = projections(lane);
  for (const p of all) if (!last || p.from.time >= last.from.time) last = p;
  if (!last) return undefined;
  // A later dispatch or registration supersedes the announcement.
  const superseded = lane.some((r) => r.time > last!.from.time && (r.kind === 'dispatched' || r.kind === 'registered'));
  return !superseded && last.at > now ? last.at : undefined;
}

/** Index of the first record at or after `time` (records sorted by time). */
export function lowerBound(sorted: readonly SyncRecord[], time: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.time < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The records of a lane between two times, found by binary search (lanes may hold 100,000). */
export function inRange(sorted: readonly SyncRecord[], from: number, to: number): SyncRecord[] {
  return sorted.slice(lowerBound(sorted, from), lowerBound(sorted, to + 1e-9));
}

/**
 * When more than `maxEach` records are in view, at most one marker per `bucketPx` pixels: the most
 * telling record of each bucket (a failure before a completion before a dispatch before the rest),
 * with how many it stands for. Fewer are all drawn, even on top of each other.
 */
export function thinMarkers(
  visible: readonly SyncRecord[],
  toX: (t: number) => number,
  bucketPx: number,
  maxEach = 100,
): Array<{ record: SyncRecord; count: number }> {
  if (visible.length <= maxEach) return visible.map((record) => ({ record, count: 1 }));
  const out: Array<{ record: SyncRecord; count: number }> = [];
  let bucket = Number.NaN;
  for (const record of visible) {
    const b = Math.floor(toX(record.time) / bucketPx);
    const current = out[out.length - 1];
    if (b !== bucket || !current) {
      out.push({ record, count: 1 });
      bucket = b;
    } else {
      current.count++;
      if (weight(record) > weight(current.record)) current.record = record;
    }
  }
  return out;
}

function weight(r: SyncRecord): number {
  if (isFailure(r)) return 4;
  if (r.kind === 'completed') return 3;
  if (r.kind === 'dispatched') return 2;
  return 1;
}

/**
 * What is ahead, in the one format the panel uses for it: whole seconds in the last minute ("in
 * 12 s"), whole minutes before it, rounded up ("in 2 min", "in 1 h 3 min"). A countdown on screen
 * then changes once a minute, and each second only in its last minute.
 */
export function countdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 60) return `in ${formatDuration(seconds * 1000 || 0)}`;
  return `in ${formatDuration(Math.ceil(seconds / 60) * 60_000)}`;
}
