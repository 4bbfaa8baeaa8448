/**
 * Incremental views of the panel's records, so a live batch costs what the batch costs, not what
 * the whole log costs (at 1,000 events/s with 100,000 held, anything that walks every record per
 * batch is the panel's limit). Pure: unit-tested alone.
 *
 * `extendsOf` remembers which records array a new one merely appended to; the derived views use it
 * to take only the tail, and fall back to a full pass for anything else (a sort, a removal, a replace).
 */
import type { SyncRecord } from '../../extension/model.ts';

// By number, not by reference: an array holding on to the one it extends would keep every earlier
// copy of the log alive (one per batch).
const arrayIds = new WeakMap<readonly SyncRecord[], number>();
let nextArrayId = 1;
const idOf = (records: readonly SyncRecord[]): number => {
  let id = arrayIds.get(records);
  if (id === undefined) arrayIds.set(records, (id = nextArrayId++));
  return id;
};
const appended = new WeakMap<readonly SyncRecord[], number>();

/** Notes that `next` is `base` with records appended at its end (same order, nothing replaced). */
export function noteAppend(base: readonly SyncRecord[], next: readonly SyncRecord[]): void {
  if (next.length >= base.length) appended.set(next, idOf(base));
}

/** The records `next` appended to `base`, or undefined when `next` is not known as an append to it. */
export function appendedTo(
  base: readonly SyncRecord[],
  next: readonly SyncRecord[],
): readonly SyncRecord[] | undefined {
  if (base === next) return [];
  const from = appended.get(next);
  return from !== undefined && from === arrayIds.get(base) ? next.slice(base.length) : undefined;
}

/** A filter over the records that, on an append, filters the appended records only. */
export function incrementalFilter(): (
  records: readonly SyncRecord[],
  key: readonly unknown[],
  keep: () => (r: SyncRecord) => boolean,
) => SyncRecord[] {
  let last: { records: readonly SyncRecord[]; key: readonly unknown[]; result: SyncRecord[] } | undefined;
  return (records, key, keep) => {
    const sameKey = last !== undefined && last.key.length === key.length && last.key.every((k, i) => k === key[i]);
    const tail = sameKey ? appendedTo(last!.records, records) : undefined;
    let result: SyncRecord[];
    if (tail) {
      const more = tail.filter(keep());
      result = more.length ? last!.result.concat(more) : last!.result;
      if (more.length) noteAppend(last!.result, result);
    } else {
      result = records.filter(keep());
    }
    last = { records, key, result };
    return result;
  };
}

export const originTagKey = (origin: string, tag: string): string => `${origin}\n${tag}`;

/**
 * Records by origin + tag (time-sorted; a group's array is replaced, never changed, when it grows, so
 * a view can memoise on it) and each origin's tags in the order first seen.
 */
export interface TagIndex {
  byOriginTag: ReadonlyMap<string, readonly SyncRecord[]>;
  tagsByOrigin: ReadonlyMap<string, readonly string[]>;
}

const EMPTY: TagIndex = { byOriginTag: new Map(), tagsByOrigin: new Map() };

/** The index for `records`, built from `previous` (made for `previousRecords`) when `records` appended to them. */
export function tagIndex(
  records: readonly SyncRecord[],
  previous?: { records: readonly SyncRecord[]; index: TagIndex },
): TagIndex {
  const tail = previous ? appendedTo(previous.records, records) : undefined;
  if (tail && tail.length === 0) return previous!.index;
  const base = tail ? previous!.index : EMPTY;
  const byOriginTag = new Map(base.byOriginTag);
  const tagsByOrigin = new Map(base.tagsByOrigin);
  const grown = new Map<string, SyncRecord[]>();
  const newTags = new Map<string, string[]>();
  for (const r of tail ?? records) {
    const key = originTagKey(r.origin, r.tag);
    let group = grown.get(key);
    if (!group) {
      const held = byOriginTag.get(key);
      if (!held) {
        let tags = newTags.get(r.origin);
        if (!tags) newTags.set(r.origin, (tags = [...(tagsByOrigin.get(r.origin) ?? [])]));
        tags.push(r.tag);
      }
      group = held ? [...held] : [];
      grown.set(key, group);
    }
    group.push(r);
  }
  for (const [key, group] of grown) byOriginTag.set(key, group);
  for (const [origin, tags] of newTags) tagsByOrigin.set(origin, tags);
  return { byOriginTag, tagsByOrigin };
}

// The ids of one records array, moved on to the array made from it, so a live batch does not walk the log.
const idSets = new WeakMap<readonly SyncRecord[], Set<string>>();
const idsIn = (records: readonly SyncRecord[]): Set<string> => {
  let ids = idSets.get(records);
  if (!ids) idSets.set(records, (ids = new Set(records.map((r) => r.id))));
  return ids;
};
const byTime = (a: SyncRecord, b: SyncRecord): number => a.time - b.time;

/**
 * `held` (sorted by time, unique by id) with `incoming` added: a record already held is replaced (a
 * merge adds instrumentation's details to it), a new one is placed by time. Returns `held` itself when
 * nothing came. The common live case, new records later than all held, costs O(batch), not O(log), and
 * is noted as an append (noteAppend) for the incremental views.
 */
export function upsertRecords(held: SyncRecord[], incoming: readonly SyncRecord[]): SyncRecord[] {
  if (!incoming.length) return held;
  const updates = new Map(incoming.map((r) => [r.id, r]));
  const ids = idsIn(held);
  let next: SyncRecord[];
  if (![...updates.keys()].some((id) => ids.has(id))) {
    const fresh = [...updates.values()].sort(byTime);
    const last = held[held.length - 1];
    const appends = !last || fresh[0]!.time >= last.time;
    next = appends ? held.concat(fresh) : held.concat(fresh).sort(byTime);
    if (appends) noteAppend(held, next);
  } else {
    const current = held.map((r) => {
      const update = updates.get(r.id);
      if (!update) return r;
      updates.delete(r.id);
      return update;
    });
    next = current.concat([...updates.values()]).sort(byTime);
  }
  // The set now describes `next`; `held`, if asked again, rebuilds its own.
  idSets.delete(held);
  for (const r of incoming) ids.add(r.id);
  idSets.set(next, ids);
  return next;
}

/**
 * The welcome's older records (time-sorted, all before the newest it carried) put in front of the
 * records held meanwhile; a record held is the later word on its id. Done once, when they are complete.
 */
export function withOlder(older: readonly SyncRecord[], held: SyncRecord[]): SyncRecord[] {
  if (!older.length) return held;
  const heldIds = new Set(held.map((r) => r.id));
  const kept = heldIds.size ? older.filter((r) => !heldIds.has(r.id)) : [...older];
  const next = kept.concat(held);
  const inOrder = !held.length || !kept.length || kept[kept.length - 1]!.time <= held[0]!.time;
  return inOrder ? next : next.sort(byTime);
}
