/**
 * The tabs the user asked to keep recording while DevTools is closed, in chrome.storage: the
 * extension's service worker may restart meanwhile and must attach to them again.
 */
const KEY = 'keepRecordingTabs';

export async function keptTabs(): Promise<number[]> {
  const stored = (await chrome.storage.local.get(KEY))[KEY];
  return Array.isArray(stored) ? stored.filter((id): id is number => Number.isInteger(id)) : [];
}

export async function setKeepRecording(tabId: number, on: boolean): Promise<void> {
  const tabs = new Set(await keptTabs());
  if (on) tabs.add(tabId);
  else tabs.delete(tabId);
  await chrome.storage.local.set({ [KEY]: [...tabs] });
}
