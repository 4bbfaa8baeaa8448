/**
 * What the user chose to see: one set of filters for the table, the timeline and the export.
 * Pure, and kept as plain JSON so it can be stored and read back (validated: storage is input too).
 */
import { SYNC_KINDS, type SyncKind, type SyncRecord, type SyncService } from '../../extension/model.ts';
import { MAX_TAG_LENGTH } from '../../extension/record-facts.ts';

export type OriginScope = 'this' | 'all';

export interface Filters {
  originScope: OriginScope;
  /** '' for both services. */
  service: '' | SyncService;
  /** Part of the tag ('' for any). */
  tag: string;
  /** '' for every kind. */
  kind: '' | SyncKind;
  /** A completion status ('' for any). */
  status: string;
  /** Matched against every text of a record ('' for none). */
  text: string;
}

export const DEFAULT_FILTERS: Filters = { originScope: 'this', service: '', tag: '', kind: '', status: '', text: '' };

export const KIND_CHOICES = SYNC_KINDS;

/** Chrome's `Sync completed` statuses (content/browser/background_sync). */
export const STATUS_CHOICES: readonly string[] = [
  'succeeded',
  'waitUntil rejected',
  'failed',
  'aborted',
  'timeout',
  'unknown error',
];

export interface FilterContext {
  /** The inspected page's origin with a trailing slash, or null when unknown. */
  inspectedOrigin: string | null;
  /** The user's Clear: records at or before this time are hidden. */
  clearedBefore: number;
}

/** One predicate built once per filter change, then run over (up to) 100,000 records. */
export function recordFilter(filters: Filters, context: FilterContext): (r: SyncRecord) => boolean {
  const origin = filters.originScope === 'this' ? context.inspectedOrigin : null;
  const tag = filters.tag.toLowerCase();
  const text = filters.text.trim().toLowerCase();
  const { service, kind, status } = filters;
  const { clearedBefore } = context;
  return (r) =>
    r.time > clearedBefore &&
    (origin === null || r.origin === origin) &&
    (service === '' || r.service === service) &&
    (kind === '' || r.kind === kind) &&
    (status === '' || (r.status ?? '').toLowerCase() === status.toLowerCase()) &&
    (tag === '' || r.tag.toLowerCase().includes(tag)) &&
    (text === '' || searchableText(r).includes(text));
}

export function applyFilters(records: readonly SyncRecord[], filters: Filters, context: FilterContext): SyncRecord[] {
  return records.filter(recordFilter(filters, context));
}

/** Everything a user might search for, lower-cased. */
function searchableText(r: SyncRecord): string {
  const parts = [r.eventName, r.tag, r.origin, r.kind, r.source, r.status, r.reason, r.error, r.sourceFile, r.scope];
  for (const m of r.metadata) parts.push(m.key, m.value);
  return parts
    .filter((p) => p !== undefined && p !== '')
    .join('\n')
    .toLowerCase();
}

/** True when any filter besides the origin scope narrows the view. */
export function isNarrowed(filters: Filters): boolean {
  return (
    filters.service !== '' ||
    filters.tag !== '' ||
    filters.kind !== '' ||
    filters.status !== '' ||
    filters.text.trim() !== ''
  );
}

/** Reads stored filters back; anything malformed falls back to the default, field by field. */
export function parseFilters(value: unknown): Filters {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const text = (x: unknown) => (typeof x === 'string' && x.length <= MAX_TAG_LENGTH ? x : '');
  return {
    originScope: v.originScope === 'all' ? 'all' : 'this',
    service: v.service === 'backgroundSync' || v.service === 'periodicBackgroundSync' ? v.service : '',
    tag: text(v.tag),
    kind:
      typeof v.kind === 'string' && (KIND_CHOICES as readonly string[]).includes(v.kind) ? (v.kind as SyncKind) : '',
    status: typeof v.status === 'string' && STATUS_CHOICES.includes(v.status) ? v.status : '',
    text: text(v.text),
  };
}
