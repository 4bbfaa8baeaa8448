/**
 * Chrome's Trace Event format (JSON object form), so a run opens in Perfetto or chrome://tracing:
 * a process per origin, a thread per tag (one-shot and periodic apart), an instant event per record,
 * and a complete ('X') event spanning each dispatch to its outcome. Times in microseconds since the
 * epoch, as the records hold them.
 */
import type { SyncRecord } from '../model.ts';
import { ByteSink } from './byte-sink.ts';
import { activityEvents } from './trace-activity.ts';
import { TraceEventWriter } from './trace-bytes.ts';

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: 'M' | 'i' | 'X';
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  s?: 't';
  args?: Record<string, unknown>;
}

export interface TraceFile {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms';
  metadata: Record<string, unknown>;
}

function argsOf(r: SyncRecord): Record<string, unknown> {
  const args: Record<string, unknown> = { kind: r.kind, source: r.source, registrationId: r.registrationId };
  if (r.lastChance !== undefined) args.lastChance = r.lastChance;
  if (r.status !== undefined) args.status = r.status;
  if (r.nextAttemptDelayMs !== undefined)
    args.nextAttemptDelayMs = r.nextAttemptDelayMs === Infinity ? 'infinite' : r.nextAttemptDelayMs;
  if (r.reason !== undefined) args.reason = r.reason;
  if (r.durationMs !== undefined) args.durationMs = r.durationMs;
  if (r.sourceFile !== undefined) args.sourceFile = r.sourceFile;
  if (r.error !== undefined) args.error = r.error;
  if (r.sourceLocation !== undefined)
    args.sourceLocation = `${r.sourceLocation.url}:${r.sourceLocation.line}:${r.sourceLocation.column}`;
  for (const m of r.metadata) args[`metadata: ${m.key}`] = m.value;
  return args;
}

/** The records in time order: a copy is sorted only when they are not in order already (they nearly always are). */
function inTimeOrder(records: readonly SyncRecord[]): readonly SyncRecord[] {
  for (let i = 1; i < records.length; i++)
    if (records[i]!.time < records[i - 1]!.time) return [...records].sort((a, b) => a.time - b.time);
  return records;
}

/** Thread ids per lane (origin, service, registration, tag), without a key string per record. */
class Lanes {
  private readonly tids = new Map<string, Map<string, Map<string, Map<string, number>>>>();
  private last: SyncRecord | undefined;
  private lastTid = 0;
  size = 0;

  /** The lane's thread id, or 0 when the lane is new (then `add` gives it one). */
  tidOf(r: SyncRecord): number {
    const l = this.last;
    if (
      l &&
      l.origin === r.origin &&
      l.service === r.service &&
      l.registrationId === r.registrationId &&
      l.tag === r.tag
    )
      return this.lastTid;
    const tid = this.tids.get(r.origin)?.get(r.service)?.get(r.registrationId)?.get(r.tag) ?? 0;
    if (tid) {
      this.last = r;
      this.lastTid = tid;
    }
    return tid;
  }

  add(r: SyncRecord): number {
    const tid = ++this.size;
    const level = <V>(map: Map<string, V>, key: string, make: () => V): V => {
      let next = map.get(key);
      if (next === undefined) map.set(key, (next = make()));
      return next;
    };
    const byTag = level(
      level(
        level(this.tids, r.origin, () => new Map()),
        r.service,
        () => new Map(),
      ),
      r.registrationId,
      () => new Map<string, number>(),
    );
    byTag.set(r.tag, tid);
    this.last = r;
    this.lastTid = tid;
    return tid;
  }
}

/**
 * The file as UTF-8 chunks for a Blob: the same text as `JSON.stringify` of a TraceFile, written
 * event by event (trace-bytes.ts) with no event object made per record.
 */
export function exportTrace(
  records: readonly SyncRecord[],
  context: { origin?: string; now: number; filtered: boolean },
): Uint8Array<ArrayBuffer>[] {
  const sink = new ByteSink();
  const w = new TraceEventWriter(sink);
  const pids = new Map<string, number>();
  const lanes = new Lanes();
  /** The dispatch of each lane (by thread id) still waiting for its outcome. */
  const open = new Map<number, SyncRecord>();
  sink.text('{"traceEvents":[');
  for (const r of inTimeOrder(records)) {
    let pid = pids.get(r.origin);
    if (pid === undefined) {
      pid = pids.size + 1;
      pids.set(r.origin, pid);
      w.object({ name: 'process_name', ph: 'M', ts: 0, pid, tid: 0, args: { name: r.origin } });
    }
    let tid = lanes.tidOf(r);
    if (!tid) {
      tid = lanes.add(r);
      w.thread(tid, pid);
      const label = r.service === 'periodicBackgroundSync' ? `periodic: ${r.tag}` : r.tag;
      w.object({ name: 'thread_name', ph: 'M', ts: 0, pid, tid, args: { name: label } });
    }
    w.instant(r, tid, () => argsOf(r));
    if (r.activity) for (const e of activityEvents(r.activity, pid, tid)) w.object(e);

    if (r.kind === 'dispatched' && r.source !== 'simulated') {
      open.set(tid, r);
      if (r.durationMs !== undefined) {
        // Instrumentation measured the handler itself: that is the span, no outcome needed.
        w.span(r, r.durationMs, tid, r.status ?? r.reason);
        open.delete(tid);
      }
    } else if ((r.kind === 'completed' || r.kind === 'failed') && open.has(tid)) {
      const dispatch = open.get(tid)!;
      open.delete(tid);
      w.span(dispatch, Math.max(0, r.time - dispatch.time), tid, r.status ?? r.kind);
    }
  }
  w.finish();
  const rest: Omit<TraceFile, 'traceEvents'> = {
    displayTimeUnit: 'ms',
    metadata: {
      'sync-inspector-format': 1,
      exportedAt: new Date(context.now).toISOString(),
      ...(context.origin !== undefined ? { origin: context.origin } : {}),
      filtered: context.filtered,
    },
  };
  sink.text(`],${JSON.stringify(rest).slice(1)}\n`);
  return sink.finish();
}
