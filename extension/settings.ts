/** Settings kept in chrome.storage.local: they outlive the extension's service worker and the browser. */
export interface Settings {
  /** Chrome's remote debugging port for the protocol engine. */
  port: number;
  /** Whether Chrome's BackgroundService recording should be on. */
  recording: boolean;
  /** Records older than this (ms) are hidden: the user's "Clear". */
  clearedBefore: number;
  /** How much of the timeline the extension keeps (IndexedDB): oldest dropped first. */
  retention: Retention;
}

export interface Retention {
  /** Observed records older than this are dropped (imported ones stay until their file is removed). */
  maxAgeMs: number;
  /** At most this many records of any source; the oldest go first. */
  maxRecords: number;
}

/** Chrome itself keeps its BackgroundService log for 3 days; 100,000 events is a busy day's worth. */
export const DEFAULT_RETENTION: Retention = { maxAgeMs: 3 * 24 * 60 * 60 * 1000, maxRecords: 100_000 };

const DEFAULT_SETTINGS: Settings = {
  port: 9222,
  recording: true,
  clearedBefore: 0,
  retention: DEFAULT_RETENTION,
};

export async function readSettings(): Promise<Settings> {
  const stored = (await chrome.storage.local.get(Object.keys(DEFAULT_SETTINGS))) as Partial<Settings>;
  return { ...DEFAULT_SETTINGS, ...stored };
}

export async function writeSettings(patch: Partial<Settings>): Promise<void> {
  await chrome.storage.local.set(patch);
}

export function isValidPort(port: unknown): port is number {
  return typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536;
}

/** A retention the user (or a test) may set: at least one record and one second, at most a year. */
export function isValidRetention(value: unknown): value is Retention {
  if (typeof value !== 'object' || value === null) return false;
  const { maxAgeMs, maxRecords } = value as Partial<Retention>;
  return (
    typeof maxAgeMs === 'number' &&
    Number.isInteger(maxAgeMs) &&
    maxAgeMs >= 1000 &&
    maxAgeMs <= 366 * 24 * 60 * 60 * 1000 &&
    typeof maxRecords === 'number' &&
    Number.isInteger(maxRecords) &&
    maxRecords >= 1 &&
    maxRecords <= 1_000_000
  );
}
