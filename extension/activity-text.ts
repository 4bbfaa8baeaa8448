/** What the handler did, as one line of text (a CSV cell): each request and its answer, and the console count. */
import type { SyncActivity } from './activity-model.ts';

export function activityCell(a: SyncActivity): string {
  const requests = a.requests.map(
    (r) => `${r.method} ${r.url} ${r.error ?? r.status ?? 'no answer'}${r.faked ? ` (faked: ${r.faked})` : ''}`,
  );
  const lines = a.console.length + (a.droppedConsole ?? 0);
  return [...requests, `${lines} console ${lines === 1 ? 'line' : 'lines'}`].join('; ');
}
