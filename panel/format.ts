/** Formatting for display. Pure, so it is unit-tested without a browser. */
import { formatDuration } from '../extension/duration.ts';
import type { SyncRecord } from '../extension/model.ts';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Local wall-clock time with milliseconds: sync events come in bursts a few ms apart. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** A short text of what a record says beyond its event name, for the log's last column. */
export function describeRecord(r: SyncRecord): string {
  const parts: string[] = [];
  if (r.lastChance !== undefined) parts.push(`lastChance ${r.lastChance ? 'yes' : 'no'}`);
  if (r.status !== undefined) parts.push(`status ${r.status}`);
  if (r.nextAttemptDelayMs !== undefined) parts.push(`next attempt in ${formatDuration(r.nextAttemptDelayMs)}`);
  if (r.reason) parts.push(`reason ${r.reason}`);
  // The handler's own rejection (instrumentation), when Chrome's reason says less.
  if (r.error && r.error !== r.reason) parts.push(`error ${r.error}`);
  if (r.durationMs !== undefined) parts.push(`took ${formatDuration(r.durationMs)}`);
  if (r.activity) parts.push(activityCount(r.activity));
  const shown = new Set(['last chance', 'status', 'next attempt delay (ms)', 'failure reason']);
  for (const m of r.metadata) if (!shown.has(m.key.toLowerCase())) parts.push(`${m.key}: ${m.value}`);
  return parts.join(' · ');
}

/** Origins without the trailing slash Chrome adds, for display. */
export function displayOrigin(origin: string): string {
  return origin.endsWith('/') ? origin.slice(0, -1) : origin;
}

export function serviceLabel(service: SyncRecord['service']): string {
  return service === 'periodicBackgroundSync' ? 'periodic' : 'one-shot';
}

/** "2 requests, 1 console line": what the handler did, counted for the log's row. */
export function activityCount(a: NonNullable<SyncRecord['activity']>): string {
  const requests = a.requests.length + (a.droppedRequests ?? 0);
  const lines = a.console.length + (a.droppedConsole ?? 0);
  const faked = a.requests.filter((r) => r.faked).length;
  return [
    `${requests} ${requests === 1 ? 'request' : 'requests'}${faked ? ` (${faked} faked)` : ''}`,
    `${lines} console ${lines === 1 ? 'line' : 'lines'}`,
  ].join(', ');
}

/**
 * Each event kind under the name Chrome's log gives it (what the table, the timeline and the details
 * show as the event), so the filter speaks the same words.
 */
export const KIND_NAMES: Record<SyncRecord['kind'], string> = {
  registered: 'Registered sync',
  dispatched: 'Dispatched sync event',
  failed: 'sync event failed',
  completed: 'Sync completed',
  reregistered: 'Sync event reregistered',
  nextDelay: 'Got next event delay',
  unregistered: 'Unregistered periodicsync',
  registerError: 'sync.register() failed',
  other: 'Other events',
};
