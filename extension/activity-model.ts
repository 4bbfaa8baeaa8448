/**
 * What Sync Inspector sees inside a sync, shared by the background and the panel: the requests a
 * handler sent and what it logged during one dispatch (kept on the dispatch's outcome record), and
 * the Workbox queues waiting behind `workbox-background-sync:<queue>` tags. Every string here comes
 * from the page or its server (URLs, headers, console text): data, rendered as text only.
 */

/** Workbox's tag prefix (workbox-background-sync Queue.ts). */
export const WORKBOX_TAG_PREFIX = 'workbox-background-sync:';
/** Workbox's default maxRetentionTime: entries older than this are dropped at replay (7 days). */
export const WORKBOX_DEFAULT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/** The longest URL kept from a queue entry or a request; longer ones are cut and marked. */
export const MAX_URL = 2048;
/** At most this many requests and console lines are kept per dispatch; the rest are counted. */
export const MAX_REQUESTS_PER_DISPATCH = 100;
export const MAX_CONSOLE_PER_DISPATCH = 100;
/** The longest console line kept. */
export const MAX_CONSOLE_TEXT = 2000;

export function workboxQueueName(tag: string): string | undefined {
  return tag.startsWith(WORKBOX_TAG_PREFIX) ? tag.slice(WORKBOX_TAG_PREFIX.length) : undefined;
}

/** One request the worker sent during a dispatch (Network domain on the worker's session). */
export interface RequestActivity {
  /** Key for headers and body on demand (requestDetail). */
  key: string;
  method: string;
  url: string;
  /** When it was sent (ms since the epoch). */
  startedAt: number;
  durationMs?: number;
  status?: number;
  statusText?: string;
  /** The network error (net::ERR_...) when it failed. */
  error?: string;
  /** Bytes of the request body, when it had one. */
  requestSize?: number;
  /** Bytes received (encoded), when it finished. */
  responseSize?: number;
  /** Set when Sync Inspector answered it ("Make this sync fail"): what it answered. */
  faked?: string;
}

/** A console message or an uncaught exception of the worker during a dispatch. */
export interface ConsoleActivity {
  at: number;
  /** log, info, warn, error, debug, ... or 'exception'. */
  level: string;
  text: string;
  /** 1-based, as the user sees it. */
  location?: { url: string; line: number; column: number };
}

/** What the handler did during one dispatch (dispatch to outcome). */
export interface SyncActivity {
  requests: RequestActivity[];
  console: ConsoleActivity[];
  /** Requests or lines beyond the caps, counted only. */
  droppedRequests?: number;
  droppedConsole?: number;
}

/** Headers and body of one recorded request, sent on demand. */
export interface RequestDetail {
  requestHeaders: Array<{ name: string; value: string }>;
  responseHeaders: Array<{ name: string; value: string }>;
  /** The request body as text (when it decodes as UTF-8) or hex, capped. */
  body?: { encoding: 'text' | 'hex'; data: string; size: number; truncated: boolean };
}

/** One request waiting in a Workbox queue (IndexedDB workbox-background-sync, store requests). */
export interface QueueEntry {
  /** The store's primary key (Workbox: an auto-increment number). */
  id: number;
  queueName: string;
  queuedAt: number;
  method: string;
  url: string;
  urlTruncated?: boolean;
  /** Bytes of the stored body; 0 without one. */
  bodySize: number;
  headerCount: number;
}

/** The Workbox queues of the inspected origin, as last read from its IndexedDB. */
export interface WorkboxQueues {
  /** none: no database of Workbox's name; read: read; unreadable: present but not read (reason says why). */
  state: 'none' | 'read' | 'unreadable';
  reason?: string;
  entries: QueueEntry[];
  /** Entries that are not Workbox's shape, with why (the first few reasons). */
  skipped: number;
  skippedReasons: string[];
  /** Entries beyond what is listed. */
  notListed: number;
}

/** "Make this sync fail": what the worker's matching requests get instead of the server's answer. */
export interface FailurePlan {
  /** A Fetch-domain URL pattern: `*` any run of characters, `?` one (e.g. `*\/api/*`). */
  urlPattern: string;
  /** A network error, or an HTTP status (100 to 599). */
  answer: { kind: 'network' } | { kind: 'status'; status: number };
  /** For this many attempts (dispatches with a faked answer), or until turned off (null). */
  attempts: number | null;
}

/** A failure plan in force, and how far it got. */
export interface ArmedFailure {
  plan: FailurePlan;
  /** Attempts still to fail (null: until turned off). */
  remaining: number | null;
  /** Answers faked so far. */
  faked: number;
}

/** The plan checked field by field (it comes over the port); throws with what is wrong. */
export function checkFailurePlan(value: unknown): FailurePlan {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const answer = (v.answer && typeof v.answer === 'object' ? v.answer : {}) as Record<string, unknown>;
  if (typeof v.urlPattern !== 'string' || v.urlPattern.length === 0 || v.urlPattern.length > 2000)
    throw new Error('A URL pattern is 1 to 2,000 characters (* matches anything).');
  const attempts = v.attempts === null ? null : Number(v.attempts);
  if (attempts !== null && (!Number.isInteger(attempts) || attempts < 1 || attempts > 1000))
    throw new Error('Attempts are a whole number from 1 to 1,000, or until turned off.');
  if (answer.kind === 'network') return { urlPattern: v.urlPattern, answer: { kind: 'network' }, attempts };
  const status = Number(answer.status);
  if (answer.kind !== 'status' || !Number.isInteger(status) || status < 100 || status > 599)
    throw new Error('The answer is a network error or an HTTP status from 100 to 599.');
  return { urlPattern: v.urlPattern, answer: { kind: 'status', status }, attempts };
}

export function describeFakedAnswer(plan: FailurePlan): string {
  return plan.answer.kind === 'network' ? 'network error (net::ERR_FAILED)' : `HTTP ${plan.answer.status}`;
}

/** A service worker's sync event handlers, as last counted in it. */
export interface WorkerHandlers {
  /** `sync` / `periodicsync` listeners (addEventListener), ours not counted. */
  sync: number;
  periodicsync: number;
  onsync: boolean;
  onperiodicsync: boolean;
  /** Of those, added after the worker's first evaluation (seen when we were attached then). */
  lateSync: number;
  latePeriodicsync: number;
  readAt: number;
}
