/**
 * What the instrumentation in a page or service worker reports, checked field by field (the page
 * controls that environment), and turned into SyncRecords of the shared model.
 */
import { normalizeOrigin, type MetadataEntry, type SourceLocation, type SyncRecord } from '../../extension/model.ts';
import { MAX_TAG_LENGTH } from '../../extension/record-facts.ts';

export interface DispatchReport {
  type: 'dispatch';
  id: string;
  origin: string;
  scope: string;
  service: 'sync' | 'periodicsync';
  tag: string;
  lastChance?: boolean;
  time: number;
  simulated: boolean;
}

export interface OutcomeReport {
  type: 'outcome';
  id: string;
  dispatchId: string;
  origin: string;
  scope: string;
  service: 'sync' | 'periodicsync';
  tag: string;
  lastChance?: boolean;
  time: number;
  durationMs: number;
  outcome: 'resolved' | 'rejected';
  reason?: string;
  simulated: boolean;
}

export interface CallReport {
  type: 'call';
  id: string;
  origin: string;
  scope?: string;
  api: 'sync' | 'periodicSync';
  method: 'register' | 'unregister';
  where: 'page' | 'worker' | 'inspector';
  tag: string;
  time: number;
  ok: boolean;
  error?: string;
  stack?: string;
  minInterval?: number;
}

export type Report = DispatchReport | OutcomeReport | CallReport;

/** Longest string we keep from a report: a tag at Chrome's own limit, with room for a little more elsewhere. */
const MAX_TEXT = MAX_TAG_LENGTH + 1_760;

const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_TEXT;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** Parses one binding payload; anything malformed is dropped (undefined), never thrown. */
export function parseReport(payload: string): Report | undefined {
  if (typeof payload !== 'string' || payload.length > 64_000) return undefined;
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(payload) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null || v.v !== 1) return undefined;
  if (!isText(v.id) || !v.id || !isText(v.origin) || !isText(v.tag) || !isTime(v.time)) return undefined;
  const base = { id: v.id, origin: v.origin, tag: v.tag, time: v.time };
  const scope = isText(v.scope) ? v.scope : '';
  if (v.type === 'dispatch' || v.type === 'outcome') {
    if (v.service !== 'sync' && v.service !== 'periodicsync') return undefined;
    const lastChance = typeof v.lastChance === 'boolean' ? { lastChance: v.lastChance } : {};
    const simulated = v.simulated === true;
    if (v.type === 'dispatch')
      return { type: 'dispatch', ...base, scope, service: v.service, ...lastChance, simulated };
    if (!isText(v.dispatchId) || (v.outcome !== 'resolved' && v.outcome !== 'rejected')) return undefined;
    if (typeof v.durationMs !== 'number' || !Number.isFinite(v.durationMs) || v.durationMs < 0) return undefined;
    return {
      type: 'outcome',
      ...base,
      scope,
      dispatchId: v.dispatchId,
      service: v.service,
      ...lastChance,
      durationMs: v.durationMs,
      outcome: v.outcome,
      ...(isText(v.reason) ? { reason: v.reason } : {}),
      simulated,
    };
  }
  if (v.type === 'call') {
    if (v.api !== 'sync' && v.api !== 'periodicSync') return undefined;
    if (v.method !== 'register' && v.method !== 'unregister') return undefined;
    if (v.where !== 'page' && v.where !== 'worker' && v.where !== 'inspector') return undefined;
    if (typeof v.ok !== 'boolean') return undefined;
    return {
      type: 'call',
      ...base,
      ...(scope ? { scope } : {}),
      api: v.api,
      method: v.method,
      where: v.where,
      ok: v.ok,
      ...(isText(v.error) ? { error: v.error } : {}),
      ...(isText(v.stack) ? { stack: v.stack } : {}),
      ...(typeof v.minInterval === 'number' && Number.isFinite(v.minInterval) ? { minInterval: v.minInterval } : {}),
    };
  }
  return undefined;
}

/** Instrumented records' ids: stable for one report, so a report heard twice (binding and channel) is one record. */
export function instrumentedRecordId(report: Report): string {
  return `i|${report.origin}|${report.id}`;
}

const WHERE_LABEL = {
  page: 'the page',
  worker: 'the service worker',
  inspector: 'Sync Inspector (Re-register)',
} as const;

/** The first stack frame that is the caller's code: "at fn (url:line:col)" or "at url:line:col". */
export function callerLocation(stack: string | undefined): { frame: string; location?: SourceLocation } | undefined {
  if (!stack) return undefined;
  let first: string | undefined;
  for (const raw of stack.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('at ')) continue;
    first ??= line.slice(3);
    // Frames without a URL are our own wrapper or evaluated code: the caller is the first with one.
    const match = /\(?((?:[a-z][a-z0-9+.-]*:\/\/|blob:)[^\s()]*?):(\d+):(\d+)\)?$/i.exec(line);
    if (match)
      return { frame: line.slice(3), location: { url: match[1]!, line: Number(match[2]), column: Number(match[3]) } };
  }
  return first === undefined ? undefined : { frame: first };
}

/** Turns one report into the records it stands for. */
export function recordsFromReport(report: Report): SyncRecord[] {
  const origin = normalizeOrigin(report.origin);
  const common = { id: instrumentedRecordId(report), time: report.time, origin, registrationId: '', tag: report.tag };
  if (report.type === 'call') {
    const periodic = report.api === 'periodicSync';
    const metadata: MetadataEntry[] = [{ key: 'Called from', value: WHERE_LABEL[report.where] }];
    const caller = report.where === 'inspector' ? undefined : callerLocation(report.stack);
    if (caller) metadata.push({ key: 'Caller', value: caller.frame });
    if (report.minInterval !== undefined) metadata.push({ key: 'minInterval', value: String(report.minInterval) });
    const call = `${periodic ? 'periodicSync' : 'sync'}.${report.method}()`;
    return [
      {
        ...common,
        ...(report.scope ? { scope: report.scope } : {}),
        service: periodic ? 'periodicBackgroundSync' : 'backgroundSync',
        kind: report.ok ? (report.method === 'register' ? 'registered' : 'unregistered') : 'registerError',
        eventName: report.ok ? `${call} called` : `${call} failed`,
        metadata,
        source: 'instrumented',
        ...(report.ok ? {} : { reason: report.error ?? 'unknown error', error: report.error ?? 'unknown error' }),
        ...(caller?.location ? { sourceLocation: caller.location } : {}),
      },
    ];
  }
  const periodic = report.service === 'periodicsync';
  const service = periodic ? 'periodicBackgroundSync' : 'backgroundSync';
  const source = report.simulated ? 'simulated' : 'instrumented';
  const scope = report.scope ? { scope: report.scope } : {};
  const lastChance = report.lastChance === undefined || periodic ? {} : { lastChance: report.lastChance };
  const simulatedNote: MetadataEntry[] = report.simulated
    ? [{ key: 'Simulated', value: "a synthetic event (isTrusted false): Chrome's registration is untouched" }]
    : [];
  if (report.type === 'dispatch') {
    return [
      {
        ...common,
        ...scope,
        service,
        kind: 'dispatched',
        eventName: report.simulated
          ? 'Simulated sync event'
          : periodic
            ? 'Dispatched periodicsync event'
            : 'Dispatched sync event',
        ...lastChance,
        metadata: simulatedNote,
        source,
      },
    ];
  }
  const rejected = report.outcome === 'rejected';
  const outcome = outcomeShape(periodic, rejected, report.lastChance === true, report.simulated);
  return [
    {
      ...common,
      ...scope,
      service,
      ...outcome,
      ...lastChance,
      durationMs: report.durationMs,
      ...(rejected ? { reason: report.reason ?? 'rejected', error: report.reason ?? 'rejected' } : {}),
      metadata: simulatedNote,
      source,
    },
  ];
}

/**
 * Names an outcome the way Chrome's log does, so the two logs read alike: a rejection before the
 * last chance is "sync event failed" (Chrome retries), on the last chance "Sync completed" with
 * status "waitUntil rejected" (Chrome gives up).
 */
function outcomeShape(
  periodic: boolean,
  rejected: boolean,
  lastChance: boolean,
  simulated: boolean,
): Pick<SyncRecord, 'kind' | 'eventName' | 'status'> {
  if (simulated) {
    return rejected
      ? { kind: 'failed', eventName: 'Simulated sync failed', status: 'waitUntil rejected' }
      : { kind: 'completed', eventName: 'Simulated sync completed', status: 'succeeded' };
  }
  if (periodic)
    return rejected
      ? { kind: 'failed', eventName: 'periodicsync event failed' }
      : { kind: 'completed', eventName: 'periodicsync event completed' };
  if (!rejected) return { kind: 'completed', eventName: 'Sync completed', status: 'succeeded' };
  return lastChance
    ? { kind: 'completed', eventName: 'Sync completed', status: 'waitUntil rejected' }
    : { kind: 'failed', eventName: 'sync event failed' };
}
