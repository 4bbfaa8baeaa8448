/**
 * The user cancelled Chrome's '"Sync Inspector" started debugging this browser' bar: chrome.debugger
 * then stays off that tab until the user clicks Reconnect, even when our own worker restarts and the
 * panel reconnects by itself (a new session would otherwise attach again, and the bar come back,
 * against the user's will). Kept in chrome.storage.session: it outlives the worker, not the browser.
 */
export interface CanceledDebugging {
  read(): Promise<boolean>;
  write(canceled: boolean): Promise<void>;
}

export function canceledDebuggingIn(storage: chrome.storage.StorageArea, tabId: number): CanceledDebugging {
  const key = `debuggingCanceled:${tabId}`;
  return {
    read: async () => (await storage.get(key))[key] === true,
    write: (canceled) => (canceled ? storage.set({ [key]: true }) : storage.remove(key)),
  };
}

/** Remembers the cancel in memory only (the unit tests' sessions, and a storage that failed). */
export function canceledDebuggingInMemory(): CanceledDebugging {
  let canceled = false;
  return {
    read: async () => canceled,
    write: async (on) => void (canceled = on),
  };
}
