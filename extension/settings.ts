/** Settings kept in chrome.storage.local: they outlive the extension's service worker and the browser. */
export interface Settings {
  /** Chrome's remote debugging port for the protocol engine. */
  port: number;
  /** Whether Chrome's BackgroundService recording should be on. */
  recording: boolean;
  /** Records older than this (ms) are hidden: the user's "Clear". */
  clearedBefore: number;
}

export const DEFAULT_SETTINGS: Settings = { port: 9222, recording: true, clearedBefore: 0 };

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
