/**
 * Checks the `activity` of a record from a file or over a boundary: each request and console line is
 * rebuilt from known fields of the right types and sizes; anything else is dropped, never thrown.
 */
import {
  MAX_CONSOLE_PER_DISPATCH,
  MAX_CONSOLE_TEXT,
  MAX_REQUESTS_PER_DISPATCH,
  MAX_URL,
  type ConsoleActivity,
  type RequestActivity,
  type SyncActivity,
} from './activity-model.ts';

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : undefined;
const str = (v: unknown, max: number) => (typeof v === 'string' && v.length <= max ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

function cleanRequest(value: unknown): RequestActivity | undefined {
  const v = obj(value);
  const key = str(v?.key, 200);
  const method = str(v?.method, 20);
  const url = str(v?.url, MAX_URL);
  const startedAt = num(v?.startedAt);
  if (!v || key === undefined || method === undefined || url === undefined || startedAt === undefined) return undefined;
  const r: RequestActivity = { key, method, url, startedAt };
  const durationMs = num(v.durationMs);
  if (durationMs !== undefined) r.durationMs = durationMs;
  if (Number.isInteger(v.status) && (v.status as number) >= 0 && (v.status as number) < 1000)
    r.status = v.status as number;
  const statusText = str(v.statusText, 200);
  if (statusText !== undefined) r.statusText = statusText;
  const error = str(v.error, 200);
  if (error !== undefined) r.error = error;
  const requestSize = num(v.requestSize);
  if (requestSize !== undefined) r.requestSize = requestSize;
  const responseSize = num(v.responseSize);
  if (responseSize !== undefined) r.responseSize = responseSize;
  const faked = str(v.faked, 200);
  if (faked !== undefined) r.faked = faked;
  return r;
}

function cleanLine(value: unknown): ConsoleActivity | undefined {
  const v = obj(value);
  const at = num(v?.at);
  const level = str(v?.level, 40);
  const text = str(v?.text, MAX_CONSOLE_TEXT);
  if (!v || at === undefined || level === undefined || text === undefined) return undefined;
  const line: ConsoleActivity = { at, level, text };
  const loc = obj(v.location);
  const url = str(loc?.url, MAX_URL);
  if (loc && url !== undefined && Number.isInteger(loc.line) && Number.isInteger(loc.column))
    line.location = { url, line: loc.line as number, column: loc.column as number };
  return line;
}

/** The activity, cleaned; undefined when there is none worth keeping. */
export function cleanActivity(value: unknown): SyncActivity | undefined {
  const v = obj(value);
  if (!v) return undefined;
  const requests = (Array.isArray(v.requests) ? v.requests.slice(0, MAX_REQUESTS_PER_DISPATCH) : [])
    .map(cleanRequest)
    .filter((r): r is RequestActivity => r !== undefined);
  const lines = (Array.isArray(v.console) ? v.console.slice(0, MAX_CONSOLE_PER_DISPATCH) : [])
    .map(cleanLine)
    .filter((l): l is ConsoleActivity => l !== undefined);
  if (!requests.length && !lines.length) return undefined;
  const out: SyncActivity = { requests, console: lines };
  const droppedRequests = num(v.droppedRequests);
  if (droppedRequests) out.droppedRequests = droppedRequests;
  const droppedConsole = num(v.droppedConsole);
  if (droppedConsole) out.droppedConsole = droppedConsole;
  return out;
}
