/**
 * What a handler did, in the trace: each request as a complete event inside its dispatch's span
 * (same process and thread), each console line as an instant. Page-controlled text stays in args.
 */
import type { SyncActivity } from '../activity-model.ts';

interface ActivityTraceEvent {
  name: string;
  cat: string;
  ph: 'i' | 'X';
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  s?: 't';
  args: Record<string, unknown>;
}

const us = (ms: number) => Math.round(ms * 1000);

export function activityEvents(activity: SyncActivity, pid: number, tid: number): ActivityTraceEvent[] {
  const events: ActivityTraceEvent[] = activity.requests.map((r) => ({
    name: `${r.method} ${r.url}`,
    cat: 'request',
    ph: 'X',
    ts: us(r.startedAt),
    dur: us(r.durationMs ?? 0),
    pid,
    tid,
    args: {
      ...(r.status !== undefined ? { status: r.status } : {}),
      ...(r.error !== undefined ? { error: r.error } : {}),
      ...(r.faked !== undefined ? { faked: r.faked } : {}),
      ...(r.requestSize !== undefined ? { requestSize: r.requestSize } : {}),
      ...(r.responseSize !== undefined ? { responseSize: r.responseSize } : {}),
    },
  }));
  for (const line of activity.console)
    events.push({
      name: `console.${line.level}`,
      cat: 'console',
      ph: 'i',
      s: 't',
      ts: us(line.at),
      pid,
      tid,
      args: {
        text: line.text,
        ...(line.location ? { location: `${line.location.url}:${line.location.line}:${line.location.column}` } : {}),
      },
    });
  return events;
}
