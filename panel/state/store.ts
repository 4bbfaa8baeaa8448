/**
 * The panel's state, in signals. `applyMessage` is the one place a background message changes it
 * (borrowed habit: preact-devtools' applyEvent), bursts applied inside batch().
 */
import { batch, computed, signal } from '@preact/signals';
import type { BackgroundToPanel, SessionState } from '../../extension/messages.ts';
import { normalizeOrigin, type OriginRegistrations, type SyncRecord } from '../../extension/model.ts';
import type { ConnectionStatus } from './connection.ts';
import { DEFAULT_FILTERS, recordFilter, type Filters } from './filters.ts';
import { incrementalFilter, tagIndex, upsertRecords, withOlder, type TagIndex } from './record-index.ts';

export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  text: string;
}

/** The last import: its progress, or each reason it was refused (import-files.ts). */
export interface ImportReport {
  fileName: string;
  state: 'reading' | 'sending' | 'done' | 'refused';
  problems: string[];
  warnings: string[];
  added?: number;
  duplicates?: number;
  total?: number;
}

/** While the welcome's older records arrive: how many of the log's records the panel holds so far. */
export interface OlderLoading {
  held: number;
  total: number;
}

/** Which view of the log the right column shows. */
export type LogView = 'table' | 'timeline';

export function createStore() {
  const session = signal<SessionState | null>(null);
  const connection = signal<ConnectionStatus>('connecting');
  const registrations = signal<OriginRegistrations | null>(null);
  /** Sorted by time, unique by id. */
  const records = signal<SyncRecord[]>([]);
  const notices = signal<Notice[]>([]);
  /** Applies to the table, the timeline and the export alike; kept across reopen (filter-storage.ts). */
  const filters = signal<Filters>(DEFAULT_FILTERS);
  const logView = signal<LogView>('table');
  /** The record whose details are shown, by id. */
  const selectedId = signal<string | null>(null);
  /** The last import: its progress, or each reason it was refused. */
  const importReport = signal<ImportReport | null>(null);
  const refused = signal<string | null>(null);
  /**
   * Set from a welcome until its older records are all here: the panel paints the newest at once,
   * and says that filters and export do not cover the whole log yet (export waits for it).
   */
  const loading = signal<OlderLoading | null>(null);
  // The older records as they come, applied in one go once complete: prepending them chunk by chunk
  // would make every incremental view (filter, tag index, lanes) run a full pass per chunk.
  let olderChunks: SyncRecord[][] = [];
  // Removals that came while older records were on their way (older-queue.ts may hand them over later).
  let removedWhileLoading = new Set<string>();
  let noticeId = 1;

  const inspectedOrigin = computed(() => {
    const origin = registrations.value?.origin;
    return origin ? normalizeOrigin(origin) : null;
  });

  // A live batch filters only what it appended; a filter change or anything else, everything.
  const filterVisible = incrementalFilter();
  const visibleRecords = computed(() => {
    const clearedBefore = session.value?.clearedBefore ?? 0;
    const f = filters.value;
    const origin = inspectedOrigin.value;
    return filterVisible(records.value, [f, origin, clearedBefore], () =>
      recordFilter(f, { inspectedOrigin: origin, clearedBefore }),
    );
  });

  /** Records by origin + tag, and each origin's tags: kept up to date per batch, not rebuilt. */
  let lastTagIndex: { records: readonly SyncRecord[]; index: TagIndex } | undefined;
  const tags = computed(() => {
    const all = records.value;
    const index = tagIndex(all, lastTagIndex);
    lastTagIndex = { records: all, index };
    return index;
  });

  const selectedRecord = computed(() => {
    const id = selectedId.value;
    return id === null ? undefined : records.value.find((r) => r.id === id);
  });

  const addRecords = (incoming: readonly SyncRecord[]): void => {
    records.value = upsertRecords(records.value, incoming);
  };

  function notify(level: Notice['level'], text: string): void {
    notices.value = [...notices.value.slice(-4), { id: noticeId++, level, text }];
  }

  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id);
  }

  function applyMessage(message: BackgroundToPanel): void {
    batch(() => {
      switch (message.type) {
        case 'welcome':
          session.value = message.state;
          // The background keeps the timeline (IndexedDB): its welcome is the whole truth, in chunks
          // (the newest here, the older ones as 'older' messages), so start over from it.
          records.value = [];
          addRecords(message.records);
          olderChunks = [];
          removedWhileLoading = new Set();
          loading.value =
            message.total > message.records.length ? { held: message.records.length, total: message.total } : null;
          if (message.registrations) registrations.value = message.registrations;
          break;
        case 'older':
          if (!loading.value) break;
          olderChunks.push(message.records);
          if (message.remaining > 0) {
            loading.value = { ...loading.value, held: loading.value.held + message.records.length };
          } else {
            const older = olderChunks.flat();
            const kept = removedWhileLoading.size ? older.filter((r) => !removedWhileLoading.has(r.id)) : older;
            records.value = withOlder(kept, records.value);
            olderChunks = [];
            removedWhileLoading = new Set();
            loading.value = null;
          }
          break;
        case 'refused':
          refused.value = message.reason;
          break;
        case 'state':
          session.value = message.state;
          break;
        case 'records':
          addRecords(message.records);
          break;
        case 'cleared':
          if (session.value) session.value = { ...session.value, clearedBefore: message.clearedBefore };
          break;
        case 'removed': {
          const gone = new Set(message.ids);
          records.value = records.value.filter((r) => !gone.has(r.id));
          if (loading.value) for (const id of gone) removedWhileLoading.add(id);
          break;
        }
        case 'registrations':
          registrations.value = message.registrations;
          break;
        case 'notice':
          notify(message.level, message.text);
          break;
      }
    });
  }

  return {
    session,
    connection,
    registrations,
    records,
    notices,
    filters,
    logView,
    selectedId,
    selectedRecord,
    importReport,
    refused,
    loading,
    inspectedOrigin,
    visibleRecords,
    tags,
    applyMessage,
    notify,
    dismiss,
  };
}

export type Store = ReturnType<typeof createStore>;
