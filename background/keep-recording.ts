/**
 * The tabs the user asked to keep recording while DevTools is closed, in chrome.storage: the
 * extension's service worker may restart meanwhile and must attach to them again. Each is kept with
 * the origin it showed: after a browser restart Chrome hands the same tab ids to other tabs, and a
 * kept id is attached again only if that tab still shows the same origin.
 */
import { webOrigin } from './web-origin.ts';

const KEY = 'keepRecordingTabs';

export interface KeptTab {
  tabId: number;
  origin: string;
}

/** The kept tabs as stored; entries without an origin (or of another shape) are not trusted. */
export function parseKept(stored: unknown): KeptTab[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (t): t is KeptTab =>
      typeof t === 'object' && t !== null && Number.isInteger(t.tabId) && typeof t.origin === 'string' && !!t.origin,
  );
}

/** Which kept tabs to attach to again: those whose tab shows the origin it showed when kept. */
export function stillKept(kept: readonly KeptTab[], tabURL: (tabId: number) => string | undefined): KeptTab[] {
  return kept.filter((t) => webOrigin(tabURL(t.tabId)) === t.origin);
}

async function stored(): Promise<KeptTab[]> {
  return parseKept((await chrome.storage.local.get(KEY))[KEY]);
}

async function tabURLs(): Promise<Map<number, string>> {
  const targets = await chrome.debugger.getTargets();
  return new Map(targets.filter((t) => t.type === 'page' && t.tabId !== undefined).map((t) => [t.tabId!, t.url]));
}

/**
 * The tabs to attach to again after a restart of the extension's worker. What is forgotten here (a
 * tab gone, or showing another origin now: a reused id) is removed from storage too.
 */
export async function keptTabs(): Promise<number[]> {
  const kept = await stored();
  const urls = await tabURLs();
  const keep = stillKept(kept, (tabId) => urls.get(tabId));
  if (keep.length !== kept.length) await chrome.storage.local.set({ [KEY]: keep });
  return keep.map((t) => t.tabId);
}

export async function setKeepRecording(tabId: number, on: boolean): Promise<void> {
  const tabs = (await stored()).filter((t) => t.tabId !== tabId);
  if (on) {
    const origin = webOrigin((await tabURLs()).get(tabId));
    if (!origin) throw new Error('Only a tab showing an http(s) page can be kept recording.');
    tabs.push({ tabId, origin });
  }
  await chrome.storage.local.set({ [KEY]: tabs });
}
