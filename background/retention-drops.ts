/**
 * Which records retention drops. Observed records older than the age limit go; imported ones stay
 * until their file is removed (an import is usually old on purpose). Then, over the count limit, the
 * oldest go, counted apart for observed and imported records: an import never evicts observed
 * history, nor the reverse. Pure: the record log applies it.
 */
import type { SyncRecord } from '../extension/model.ts';
import type { Retention } from '../extension/settings.ts';

/** `held`: the log's records by id (walked twice). */
export function retentionDrops(held: ReadonlyMap<string, SyncRecord>, retention: Retention, now: number): SyncRecord[] {
  const cutoff = now - retention.maxAgeMs;
  const dropped: SyncRecord[] = [];
  const count = { observed: 0, imported: 0 };
  for (const r of held.values()) {
    if (r.source === 'imported') count.imported++;
    else if (r.time < cutoff) dropped.push(r);
    else count.observed++;
  }
  for (const part of ['observed', 'imported'] as const) {
    const over = count[part] - retention.maxRecords;
    if (over <= 0) continue;
    const inPart = (r: SyncRecord) => (r.source === 'imported') === (part === 'imported');
    const rest = [...held.values()].filter((r) => inPart(r) && (part === 'imported' || r.time >= cutoff));
    dropped.push(...rest.sort((a, b) => a.time - b.time).slice(0, over));
  }
  return dropped;
}
