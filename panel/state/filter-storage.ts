/**
 * Keeps the panel's filters and chosen view across reopen, in chrome.storage.local (shared by the
 * panel inside DevTools and the panel opened as a page, unlike the frame's partitioned localStorage).
 */
import { effect } from '@preact/signals';
import { parseFilters } from './filters.ts';
import type { Store } from './store.ts';

const KEY = 'panelView';
const SAVE_DELAY_MS = 250;

interface StoredView {
  filters?: unknown;
  logView?: unknown;
}

/** Restores what was stored, then saves every change (debounced: typing in the search box). */
export async function persistViewState(store: Store): Promise<void> {
  try {
    const stored = ((await chrome.storage.local.get(KEY)) as Record<string, StoredView | undefined>)[KEY];
    if (stored) {
      store.filters.value = parseFilters(stored.filters);
      if (stored.logView === 'table' || stored.logView === 'timeline') store.logView.value = stored.logView;
    }
  } catch {
    // Storage unavailable: the defaults stand, and changes below still try to save.
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsaved: StoredView | undefined;
  const save = () => {
    clearTimeout(timer);
    if (unsaved) void chrome.storage.local.set({ [KEY]: unsaved }).catch(() => {});
    unsaved = undefined;
  };
  effect(() => {
    unsaved = { filters: store.filters.value, logView: store.logView.value };
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  });
  // A change made just before DevTools closes the panel is saved now, not lost with the timer.
  addEventListener('pagehide', save);
}
