/**
 * Chrome's Trace Event format (JSON object form), so a run opens in Perfetto or chrome://tracing:
 * a process per origin, a thread per tag (one-shot and periodic apart), an instant event per record,
 * and a complete ('X') event spanning each dispatch to its outcome. Times in microseconds since the
 * epoch, as the records hold them.
 */
import type { SyncRecord } from '../model.ts';
import { activityEvents } from './trace-activity.ts';

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

const us = (ms: number) => Math.round(ms * 1000);

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

function buildTrace(
  records: readonly SyncRecord[],
  context: { origin?: string; now: number; filtered: boolean },
): TraceFile {
  const events: TraceEvent[] = [];
  const pids = new Map<string, number>();
  const tids = new Map<string, number>();
  const sorted = [...records].sort((a, b) => a.time - b.time);
  /** The dispatch of each lane still waiting for its outcome. */
  const open = new Map<string, SyncRecord>();

  for (const r of sorted) {
    let pid = pids.get(r.origin);
    if (pid === undefined) {
      pid = pids.size + 1;
      pids.set(r.origin, pid);
      events.push({ name: 'process_name', ph: 'M', ts: 0, pid, tid: 0, args: { name: r.origin } });
    }
    const lane = JSON.stringify([r.origin, r.service, r.registrationId, r.tag]);
    let tid = tids.get(lane);
    if (tid === undefined) {
      tid = tids.size + 1;
      tids.set(lane, tid);
      const label = r.service === 'periodicBackgroundSync' ? `periodic: ${r.tag}` : r.tag;
      events.push({ name: 'thread_name', ph: 'M', ts: 0, pid, tid, args: { name: label } });
    }
    events.push({ name: r.eventName, cat: r.service, ph: 'i', s: 't', ts: us(r.time), pid, tid, args: argsOf(r) });
    if (r.activity) events.push(...activityEvents(r.activity, pid, tid));

    if (r.kind === 'dispatched' && r.source !== 'simulated') {
      open.set(lane, r);
      if (r.durationMs !== undefined) {
        // Instrumentation measured the handler itself: that is the span, no outcome needed.
        events.push(span(r, r.durationMs, pid, tid, r.status ?? r.reason));
        open.delete(lane);
      }
    } else if ((r.kind === 'completed' || r.kind === 'failed') && open.has(lane)) {
      const dispatch = open.get(lane)!;
      open.delete(lane);
      events.push(span(dispatch, Math.max(0, r.time - dispatch.time), pid, tid, r.status ?? r.kind));
    }
  }
  return {
    traceEvents: events,
    displayTimeUnit: 'ms',
    metadata: {
      'sync-inspector-format': 1,
      exportedAt: new Date(context.now).toISOString(),
      ...(context.origin !== undefined ? { origin: context.origin } : {}),
      filtered: context.filtered,
    },
  };
}

function span(
  dispatch: SyncRecord,
  durationMs: number,
  pid: number,
  tid: number,
  outcome: string | undefined,
): TraceEvent {
  return {
    name: dispatch.service === 'periodicBackgroundSync' ? `periodicsync ${dispatch.tag}` : `sync ${dispatch.tag}`,
    cat: dispatch.service,
    ph: 'X',
    ts: us(dispatch.time),
    dur: Math.max(0, us(durationMs)),
    pid,
    tid,
    args: {
      outcome: outcome ?? 'unknown',
      ...(dispatch.lastChance !== undefined ? { lastChance: dispatch.lastChance } : {}),
    },
  };
}

/** Events per part of the file (see exportTrace). */
const EVENTS_PER_PART = 5000;

/**
 * The file as parts of its text, for a Blob: the same text as `JSON.stringify(trace)`, written a few
 * thousand events at a time instead of as one string of the whole file.
 */
export function exportTrace(
  records: readonly SyncRecord[],
  context: { origin?: string; now: number; filtered: boolean },
): string[] {
  const { traceEvents, ...rest } = buildTrace(records, context);
  const parts = ['{"traceEvents":['];
  for (let i = 0; i < traceEvents.length; i += EVENTS_PER_PART) {
    const text = JSON.stringify(traceEvents.slice(i, i + EVENTS_PER_PART)).slice(1, -1);
    parts.push(i ? `,${text}` : text);
  }
  parts.push(`],${JSON.stringify(rest).slice(1)}\n`);
  return parts;
}
