/**
 * One timeline from two sources. Chrome's own log (source 'protocol') is authoritative; a record
 * from our instrumentation of the same fact (the same dispatch, the same outcome, the same register
 * call) does not become a second row: it lends the protocol record what only instrumentation sees
 * (the handler's rejection reason, the duration, the caller) and disappears.
 *
 * Pure: a function of the records held and the records arriving, so it is unit-tested alone.
 */
import { normalizeOrigin, type SyncRecord } from './model.ts';
import { isFailure } from './record-facts.ts';

/**
 * Two records further apart than this are different facts. Measured: the two logs agree within
 * ~1 ms; Chrome's fastest retry (test policy) comes 1 s after a failure.
 */
export const MATCH_WINDOW_MS = 500;

export interface MergeResult {
  /** Records to store (new, or replacing the record of the same id). */
  upsert: SyncRecord[];
  /** Ids of held records absorbed into a protocol record. */
  remove: string[];
}

type Slot = 'dispatched' | 'outcome' | 'registered' | 'unregistered';

function slotOf(r: SyncRecord): Slot | undefined {
  switch (r.kind) {
    case 'dispatched':
      return 'dispatched';
    case 'failed':
    case 'completed':
      return 'outcome';
    case 'registered':
      return 'registered';
    case 'unregistered':
      return 'unregistered';
    default:
      return undefined;
  }
}

function keyOf(r: SyncRecord): string | undefined {
  const slot = slotOf(r);
  return slot && `${normalizeOrigin(r.origin)}\n${r.service}\n${slot}\n${r.tag}`;
}

/** Could this instrumented record be the same fact as this protocol record? */
function sameFact(protocol: SyncRecord, instrumented: SyncRecord): boolean {
  if (Math.abs(protocol.time - instrumented.time) > MATCH_WINDOW_MS) return false;
  if (
    protocol.lastChance !== undefined &&
    instrumented.lastChance !== undefined &&
    protocol.lastChance !== instrumented.lastChance
  ) {
    return false;
  }
  if (slotOf(protocol) === 'outcome' && isFailure(protocol) !== isFailure(instrumented)) return false;
  return true;
}

/** The protocol record, with what the instrumented one adds. */
function absorb(protocol: SyncRecord, instrumented: SyncRecord): SyncRecord {
  const keys = new Set(protocol.metadata.map((m) => m.key.toLowerCase()));
  const merged: SyncRecord = {
    ...protocol,
    instrumentedId: instrumented.id,
    metadata: [...protocol.metadata, ...instrumented.metadata.filter((m) => !keys.has(m.key.toLowerCase()))],
  };
  // Only what Chrome's record lacks: a page-made report never overwrites what Chrome observed.
  if (merged.durationMs === undefined && instrumented.durationMs !== undefined)
    merged.durationMs = instrumented.durationMs;
  if (instrumented.activity !== undefined) merged.activity = instrumented.activity;
  if (merged.error === undefined && instrumented.error !== undefined) merged.error = instrumented.error;
  if (merged.reason === undefined && instrumented.reason !== undefined) merged.reason = instrumented.reason;
  if (merged.sourceLocation === undefined && instrumented.sourceLocation !== undefined)
    merged.sourceLocation = instrumented.sourceLocation;
  if (merged.scope === undefined && instrumented.scope !== undefined) merged.scope = instrumented.scope;
  return merged;
}

/**
 * Merges `incoming` into `held` (looked up by id). Protocol records absorb matching instrumented
 * ones whichever arrives first; the nearest in time wins; each record absorbs or is absorbed once.
 * Simulated and imported records are never merged (a simulation is not Chrome's event).
 */
export function mergeRecords(held: ReadonlyMap<string, SyncRecord>, incoming: readonly SyncRecord[]): MergeResult {
  const current = new Map<string, SyncRecord>();
  const removed = new Set<string>();
  const get = (id: string) => (removed.has(id) ? undefined : (current.get(id) ?? held.get(id)));

  // Candidates by key, built only for the keys that arrive (a replay of thousands stays linear), and
  // only for records that can merge: a 5,000-record import chunk indexed every held record otherwise.
  const mergeable = incoming.filter((r) => r.source === 'protocol' || r.source === 'instrumented');
  const wanted = new Set(mergeable.map(keyOf).filter((k): k is string => k !== undefined));
  const protocolByKey = new Map<string, string[]>();
  const instrumentedByKey = new Map<string, string[]>();
  const absorbedIds = new Set<string>();
  const push = (table: Map<string, string[]>, key: string, id: string) => {
    const list = table.get(key);
    if (list) list.push(id);
    else table.set(key, [id]);
  };
  const index = (r: SyncRecord) => {
    const key = keyOf(r);
    if (r.instrumentedId) absorbedIds.add(r.instrumentedId);
    if (!key || !wanted.has(key)) return;
    const table = r.source === 'protocol' ? protocolByKey : r.source === 'instrumented' ? instrumentedByKey : undefined;
    if (table) push(table, key, r.id);
  };
  // Nothing mergeable arriving (imports, simulations): no need to look at what is held.
  if (wanted.size > 0) for (const r of held.values()) index(r);

  const nearest = (ids: string[] | undefined, to: SyncRecord, fits: (candidate: SyncRecord) => boolean) => {
    let best: SyncRecord | undefined;
    for (const id of ids ?? []) {
      const candidate = get(id);
      if (!candidate || !fits(candidate)) continue;
      if (!best || Math.abs(candidate.time - to.time) < Math.abs(best.time - to.time)) best = candidate;
    }
    return best;
  };

  for (const record of incoming) {
    const key = keyOf(record);
    if (record.source === 'instrumented') {
      if (absorbedIds.has(record.id) || get(record.id)) continue; // heard twice, or already merged
      const protocol = key
        ? nearest(protocolByKey.get(key), record, (p) => p.instrumentedId === undefined && sameFact(p, record))
        : undefined;
      if (protocol) {
        current.set(protocol.id, absorb(protocol, record));
        absorbedIds.add(record.id);
        continue;
      }
      current.set(record.id, record);
      if (key) push(instrumentedByKey, key, record.id);
      continue;
    }
    const same = get(record.id);
    if (same) {
      // A replay of what we hold; or the protocol engine sending a failure again with the worker's
      // error that explains it (reported after the outcome was sent): add what the held one lacks.
      if (addsError(same, record)) current.set(record.id, withError(same, record));
      continue;
    }
    if (record.source === 'protocol' && key) {
      const instrumented = nearest(
        instrumentedByKey.get(key),
        record,
        (i) => i.source === 'instrumented' && sameFact(record, i),
      );
      if (instrumented) {
        current.delete(instrumented.id);
        if (held.has(instrumented.id)) removed.add(instrumented.id);
        current.set(record.id, absorb(record, instrumented));
        absorbedIds.add(instrumented.id);
        push(protocolByKey, key, record.id);
        continue;
      }
      push(protocolByKey, key, record.id);
    }
    current.set(record.id, record);
  }
  return { upsert: [...current.values()], remove: [...removed] };
}

const addsError = (held: SyncRecord, later: SyncRecord) =>
  (later.error !== undefined && held.error === undefined) ||
  (later.sourceLocation !== undefined && held.sourceLocation === undefined);

/**
 * The held record with the error and where it was thrown, from a later copy of it. An error the held
 * record has (instrumentation's rejection reason, absorbed) stays: it is the handler's own.
 */
function withError(held: SyncRecord, later: SyncRecord): SyncRecord {
  const out: SyncRecord = { ...held };
  if (out.error === undefined && later.error !== undefined) out.error = later.error;
  if (out.sourceLocation === undefined && later.sourceLocation !== undefined) out.sourceLocation = later.sourceLocation;
  return out;
}
