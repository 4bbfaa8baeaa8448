/**
 * Every sync record the extension knows, across origins, keyed by id (a replay never duplicates).
 *
 * Held in memory for the panels and written behind, in batches, to a RecordStore (IndexedDB), from
 * which it is loaded when the extension's service worker starts: the timeline outlives the panel,
 * the worker and the browser. It is stored in pages of records (record-pages.ts): a change rewrites
 * its page. Retention drops the oldest records first and remembers that it did.
 */
import type { ImportedFile, RetentionState } from '../extension/messages.ts';
import type { DropHistory, RecordStore } from './record-store.ts';
import { mergeRecords } from '../extension/merge.ts';
import type { SyncRecord } from '../extension/model.ts';
import { DEFAULT_RETENTION, type Retention } from '../extension/settings.ts';
import { ImportCounts } from './import-counts.ts';
import { RecordPages } from './record-pages.ts';
import { retentionDrops } from './retention-drops.ts';
import type { ImportAnswer } from './stored-imports.ts';
import { errorMessage } from '../extension/error-message.ts';
import { texts } from './session-texts.ts';

export type { DropHistory, RecordStore, StoredPage } from './record-store.ts';

export type RemovalReason = 'retention' | 'import-removed' | 'merged';
type Listener = (added: SyncRecord[]) => void;
type RemovedListener = (ids: string[], reason: RemovalReason) => void;

/** Writes wait this long for company: a replay burst of thousands becomes a few transactions. */
const WRITE_BEHIND_MS = 100;

export class RecordLog {
  private readonly byId = new Map<string, SyncRecord>();
  private readonly listeners = new Set<Listener>();
  private readonly removedListeners = new Set<RemovedListener>();
  private readonly stateListeners = new Set<() => void>();
  private readonly importCounts = new ImportCounts();
  private retention: Retention = DEFAULT_RETENTION;
  private drops: DropHistory = { droppedTotal: 0 };
  private readonly pages = new RecordPages();
  /** Ids changed before the stored pages were read: placed once they are (pages must not collide). */
  private touchedBeforeLoad: string[] | undefined = [];
  private dropsUnsaved = false;
  private writeTimer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private loading: Promise<void> | undefined;
  /** Why the timeline cannot be stored or loaded, if it cannot: the panel says so. */
  storageProblem: string | undefined;

  constructor(
    private readonly store?: RecordStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Loads what the store holds (once). Panels are answered only after this, so a welcome is complete. */
  load(retention?: Retention | Promise<Retention>): Promise<void> {
    this.loading ??= (async () => {
      try {
        if (retention) this.retention = await retention;
      } catch {
        // Settings unreadable: the default retention stands.
      }
      if (this.store) {
        try {
          const { pages, drops, setAside = [] } = await this.store.load();
          this.drops = drops;
          for (const key of setAside) this.pages.reserve(key);
          for (const page of pages) {
            this.pages.loaded(page.key, page.records.map((r) => r.id)); // prettier-ignore
            for (const record of page.records) if (!this.byId.has(record.id)) this.remember(record, false);
          }
          this.storageProblem = setAside.length ? texts.storageSetAside(setAside.length) : undefined;
        } catch (error) {
          // Nothing is written until a load succeeds: a write now could overwrite pages that survive.
          // What arrives meanwhile is held in memory; the next load() (a panel's hello) tries again.
          this.storageProblem = texts.storageUnloaded(error);
          this.loading = undefined;
          this.stateChanged();
          return;
        }
      }
      const touched = this.touchedBeforeLoad ?? [];
      this.touchedBeforeLoad = undefined;
      for (const id of touched) this.touchPage(id);
      this.applyRetention();
      if (this.dropsUnsaved || this.pages.dirtyCount) this.scheduleWrite();
    })();
    return this.loading;
  }

  /** Adds what is new or changed by a merge (upsert by id); tells listeners only about those. */
  add(records: readonly SyncRecord[]): SyncRecord[] {
    // Dedupes by id, and makes a protocol record and the instrumented record of the same fact one.
    const { upsert: added, remove } = mergeRecords(this.byId, records);
    this.forget(remove, 'merged');
    for (const record of added) this.remember(record, true);
    this.told(added);
    return added;
  }

  private told(added: SyncRecord[]): void {
    if (!added.length) return;
    this.scheduleWrite();
    for (const listener of this.listeners) listener(added);
    if (added.some((r) => r.sourceFile !== undefined)) this.stateChanged();
  }

  /**
   * Adds a file's records as imported; resolves once stored (an answered chunk outlives the worker),
   * rejects when the write failed. Chunks arriving while a write runs go into the next write together.
   */
  async importFile(fileName: string, records: readonly SyncRecord[], listNotAdded = false): Promise<ImportAnswer> {
    const marked = records.map((r): SyncRecord => ({ ...r, source: 'imported', sourceFile: fileName }));
    const { added, duplicates } = this.importHeld(marked, false);
    await this.flush();
    // Checked once stored: what retention dropped meanwhile is not added by the panel either.
    return listNotAdded ? { added, duplicates, notAdded: this.notHeld(marked, marked.keys()) } : { added, duplicates };
  }

  /** Adds records already marked as imported, now; written behind (the caller flushes when it must). */
  importHeld(records: readonly SyncRecord[], listNotAdded: boolean): ImportAnswer {
    // Imported records never merge (merge.ts): an id the log lacks is added as it is, without the
    // merge's own map of the whole file; only ids it holds (or that come twice) go through the merge.
    const fresh: SyncRecord[] = [];
    const knownAt: number[] = [];
    records.forEach((r, i) => {
      if (this.byId.has(r.id)) return knownAt.push(i);
      this.remember(r, true);
      fresh.push(r);
    });
    const { upsert, remove } = mergeRecords(this.byId, knownAt.map((i) => records[i]!)); // prettier-ignore
    this.forget(remove, 'merged');
    for (const record of upsert) this.remember(record, true);
    const added = upsert.length ? fresh.concat(upsert) : fresh;
    this.told(added);
    const dropped = this.drops.droppedTotal;
    this.applyRetention();
    const answer = { added: added.length, duplicates: records.length - added.length };
    if (!listNotAdded) return answer;
    // What retention did not drop was added as given, unless its id was held already.
    const notAdded =
      this.drops.droppedTotal === dropped ? this.notHeld(records, knownAt) : this.notHeld(records, records.keys());
    return { ...answer, notAdded };
  }

  /** Indexes of the records the log does not hold as given (duplicates, dropped by retention). */
  private notHeld(records: readonly SyncRecord[], among: Iterable<number>): number[] {
    const notAdded: number[] = [];
    for (const i of among) if (this.byId.get(records[i]!.id) !== records[i]) notAdded.push(i);
    return notAdded;
  }

  /** Removes every record imported from this file; resolves once that is stored. */
  async removeImport(fileName: string): Promise<{ removed: number }> {
    const ids = [...this.byId.values()].filter((r) => r.sourceFile === fileName).map((r) => r.id);
    this.forget(ids, 'import-removed');
    await this.flush();
    return { removed: ids.length };
  }

  setRetention(retention: Retention): void {
    this.retention = retention;
    this.applyRetention();
    this.scheduleWrite();
    this.stateChanged();
  }

  /** Applies the age limit now (it is otherwise applied as records arrive and when the log loads). */
  expireOld(): void {
    this.applyRetention();
    this.scheduleWrite();
  }

  retentionState(): RetentionState {
    return { ...this.retention, ...this.drops };
  }

  imports(): ImportedFile[] {
    return this.importCounts.list();
  }

  all(): SyncRecord[] {
    return [...this.byId.values()];
  }

  visible(clearedBefore: number): SyncRecord[] {
    return this.all().filter((r) => r.time > clearedBefore);
  }

  get size(): number {
    return this.byId.size;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onRemoved(listener: RemovedListener): () => void {
    this.removedListeners.add(listener);
    return () => this.removedListeners.delete(listener);
  }

  /** Imports or retention changed (not records: subscribe for those). */
  onStateChanged(listener: () => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Applies retention and writes everything pending now; resolves when stored, rejects when the write failed. */
  flush(): Promise<void> {
    clearTimeout(this.writeTimer);
    this.writeTimer = undefined;
    this.applyRetention();
    const write = this.writing.then(() => this.writePending());
    // The next write waits for this one, whatever became of it.
    this.writing = write.catch(() => {});
    return write;
  }

  /** Every record change goes through here, so what is stored follows what is held. */
  private remember(record: SyncRecord, unsaved: boolean): void {
    const previous = this.byId.get(record.id);
    this.importCounts.change(previous?.sourceFile, -1);
    this.byId.set(record.id, record);
    this.importCounts.change(record.sourceFile, 1);
    if (unsaved) this.touchPage(record.id);
  }

  private forget(ids: readonly string[], reason: RemovalReason): void {
    const gone: string[] = [];
    for (const id of ids) {
      const record = this.byId.get(id);
      if (!record) continue;
      this.byId.delete(id);
      this.importCounts.change(record.sourceFile, -1);
      this.touchPage(id);
      gone.push(id);
    }
    if (!gone.length) return;
    for (const listener of this.removedListeners) listener(gone, reason);
    this.stateChanged();
  }

  /** The record's page must be written again (after the load, which says where stored records are). */
  private touchPage(id: string): void {
    if (this.touchedBeforeLoad) this.touchedBeforeLoad.push(id);
    else if (this.byId.has(id)) this.pages.touch(id);
    else this.pages.remove(id);
  }

  /** Drops what retention says (retention-drops.ts), and remembers that it did. */
  private applyRetention(): void {
    const dropped = retentionDrops(this.byId, this.retention, this.now());
    if (!dropped.length) return;
    const newestDroppedTime = dropped.reduce((t, r) => Math.max(t, r.time), -Infinity);
    const lastDrop = { at: this.now(), count: dropped.length, newestDroppedTime };
    this.drops = { droppedTotal: this.drops.droppedTotal + dropped.length, lastDrop };
    this.dropsUnsaved = true;
    this.forget(
      dropped.map((r) => r.id),
      'retention',
    );
  }

  private scheduleWrite(): void {
    if (!this.store || this.writeTimer !== undefined) return;
    // A failed write behind is told through storageProblem; nobody awaits it.
    this.writeTimer = setTimeout(() => void this.flush().catch(() => {}), WRITE_BEHIND_MS);
  }

  private async writePending(): Promise<void> {
    if (!this.store) return;
    // Before the load, the stored pages are unknown: writing one could overwrite it. load() writes after.
    if (this.touchedBeforeLoad) {
      if (this.loading === undefined && this.storageProblem) throw new Error(this.storageProblem);
      return;
    }
    const drops = this.dropsUnsaved ? this.drops : undefined;
    if (!this.pages.dirtyCount && !drops) return;
    const pages = this.pages.takeDirty().map(({ key, ids }) => ({ key, records: ids.map((id) => this.byId.get(id)!) }));
    this.dropsUnsaved = false;
    try {
      await this.store.save(pages, drops);
      this.storageProblem = undefined;
    } catch (error) {
      // Keep what we hold in memory, and the pages to write again next time; the panel says why.
      this.pages.markDirty(pages.map((p) => p.key));
      if (drops) this.dropsUnsaved = true;
      this.storageProblem = `The timeline could not be stored: ${errorMessage(error)}`;
      this.stateChanged();
      throw new Error(`${this.storageProblem} (what is shown is kept in memory only until a write succeeds)`, {
        cause: error,
      });
    }
  }

  private stateChanged(): void {
    for (const listener of this.stateListeners) listener();
  }
}
