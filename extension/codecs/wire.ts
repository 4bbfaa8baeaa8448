/**
 * A compact form of many records for the runtime port between panel and background. The port
 * copies each string of each record on its own (origin, event name, file name... the same few
 * strings 100,000 times); here every string is written once in a table and records become rows of
 * numbers, sent as one JSON string. Pure and lossless (Infinity included, which JSON cannot hold).
 */
import type { MetadataEntry, SyncRecord } from '../model.ts';
import { fieldsHolding } from '../record-facts.ts';

export interface PackedRecords {
  /** Marks the form, so a receiver can tell it from a list of records. */
  packed: 1;
  /** JSON of { s: string table, r: rows }. */
  json: string;
}

/** Strings that repeat across records go through the table; ids are unique, so they are written inline. */
const STRING_FIELDS = fieldsHolding('text');

type Row = Array<number | string | null>;
const ABSENT = -1;
const INFINITE = 'i';

export function packRecords(records: readonly SyncRecord[]): PackedRecords {
  const strings: string[] = [];
  const index = new Map<string, number>();
  // Neighbouring records mostly repeat a field's value: compare with the field's last one before hashing.
  const lastString: Array<string | undefined> = [];
  const lastIndex: number[] = [];
  const ref = (s: string | undefined, slot: number): number => {
    if (s === undefined) return ABSENT;
    if (s === lastString[slot]) return lastIndex[slot]!;
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    lastString[slot] = s;
    lastIndex[slot] = i;
    return i;
  };
  const rows: Row[] = new Array(records.length);
  for (let n = 0; n < records.length; n++) {
    const r = records[n]!;
    const row: Row = [r.id, r.instrumentedId ?? null];
    for (let f = 0; f < STRING_FIELDS.length; f++) row.push(ref(r[STRING_FIELDS[f]!], f));
    row.push(
      r.time,
      r.lastChance === undefined ? ABSENT : r.lastChance ? 1 : 0,
      r.nextAttemptDelayMs === undefined ? null : r.nextAttemptDelayMs === Infinity ? INFINITE : r.nextAttemptDelayMs,
      r.durationMs === undefined ? null : r.durationMs,
      r.sourceLocation ? ref(r.sourceLocation.url, STRING_FIELDS.length) : ABSENT,
      r.sourceLocation ? r.sourceLocation.line : null,
      r.sourceLocation ? r.sourceLocation.column : null,
      r.metadata.length,
    );
    for (let m = 0; m < r.metadata.length; m++) {
      const slot = STRING_FIELDS.length + 1 + 2 * Math.min(m, 15);
      row.push(ref(r.metadata[m]!.key, slot), ref(r.metadata[m]!.value, slot + 1));
    }
    // What the handler did (requests, console) rides after the metadata, as it is: rare and varied.
    if (r.activity) row.push(r.activity as unknown as string);
    rows[n] = row;
  }
  return { packed: 1, json: JSON.stringify({ s: strings, r: rows }) };
}

export function isPacked(value: unknown): value is PackedRecords {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as PackedRecords).packed === 1 &&
    typeof (value as PackedRecords).json === 'string'
  );
}

/**
 * The records back. What arrives over the port is untrusted in shape: a malformed form throws;
 * the values are checked afterwards by whoever checks records (import-boundary.ts in the background).
 */
export function unpackRecords(packed: PackedRecords): SyncRecord[] {
  const { s: strings, r: rows } = JSON.parse(packed.json) as { s: unknown; r: unknown };
  if (!Array.isArray(strings) || !Array.isArray(rows)) throw new Error('Packed records: not a string table and rows.');
  const str = (i: unknown): string | undefined => {
    if (i === ABSENT) return undefined;
    const s = typeof i === 'number' ? strings[i] : undefined;
    if (typeof s !== 'string') throw new Error('Packed records: a string reference is out of range.');
    return s;
  };
  const fields = STRING_FIELDS.length + 2;
  return rows.map((row: unknown) => {
    if (!Array.isArray(row) || row.length < fields + 8) throw new Error('Packed records: a row is too short.');
    const record: Record<string, unknown> = { id: row[0] };
    if (row[1] !== null) record.instrumentedId = row[1];
    for (let f = 2; f < fields; f++) {
      const value = str(row[f]);
      if (value !== undefined) record[STRING_FIELDS[f - 2]!] = value;
    }
    const [time, lastChance, delay, duration, url, line, column, metadataCount] = row.slice(fields, fields + 8);
    record.time = time;
    if (lastChance !== ABSENT) record.lastChance = lastChance === 1;
    if (delay !== null) record.nextAttemptDelayMs = delay === INFINITE ? Infinity : delay;
    if (duration !== null) record.durationMs = duration;
    if (url !== ABSENT) record.sourceLocation = { url: str(url), line, column };
    const metadata: MetadataEntry[] = [];
    const count = typeof metadataCount === 'number' ? metadataCount : 0;
    for (let m = 0; m < count; m++)
      metadata.push({ key: str(row[fields + 8 + 2 * m])!, value: str(row[fields + 9 + 2 * m])! });
    record.metadata = metadata;
    const activity = row[fields + 8 + 2 * count];
    if (activity && typeof activity === 'object') record.activity = activity;
    return record as unknown as SyncRecord;
  });
}
