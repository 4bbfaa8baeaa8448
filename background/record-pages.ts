/**
 * Which stored page holds which record. The log is written to IndexedDB as pages of up to
 * PAGE_RECORDS records (one value per page), not one value per record: IndexedDB's cost is per
 * value and per transaction, and 100,000 single puts took 6.8 s in the extension worker.
 *
 * Pure bookkeeping, no storage: new records fill the newest page until it is full, a changed or
 * removed record marks its page dirty, and a write takes the dirty pages (the whole page is written
 * again, or deleted when it emptied). Retention drops the oldest records, so old pages empty out and
 * go; only the newest page takes new records, so keys only grow and load order is arrival order.
 */
export const PAGE_RECORDS = 2000;

export interface DirtyPage {
  key: number;
  /** The ids the page holds now; empty means: delete the page. */
  ids: string[];
}

export class RecordPages {
  private readonly pageOfId = new Map<string, number>();
  private readonly idsOfPage = new Map<number, Set<string>>();
  private readonly dirty = new Set<number>();
  /** The page new records go to; a fresh key once it is full. */
  private openKey = 0;

  constructor(private readonly pageRecords = PAGE_RECORDS) {}

  /** A page as loaded from storage: it is clean. New records go to pages after it. */
  loaded(key: number, ids: readonly string[]): void {
    const page = this.page(key);
    for (const id of ids) {
      const earlier = this.pageOfId.get(id);
      if (earlier !== undefined && earlier !== key) {
        // Stored twice (a crash between two writes): keep the later page's copy, rewrite the other.
        this.idsOfPage.get(earlier)?.delete(id);
        this.dirty.add(earlier);
      }
      this.pageOfId.set(id, key);
      page.add(id);
    }
    if (key >= this.openKey) this.openKey = key + 1;
  }

  /** A stored page we do not hold (unreadable, set aside): it is never written, new pages go after it. */
  reserve(key: number): void {
    if (key >= this.openKey) this.openKey = key + 1;
  }

  /** A record was added or changed: its page (the open one, if new) must be written again. */
  touch(id: string): void {
    const key = this.pageOfId.get(id);
    if (key !== undefined) {
      this.dirty.add(key);
      return;
    }
    let open = this.page(this.openKey);
    if (open.size >= this.pageRecords) open = this.page(++this.openKey);
    open.add(id);
    this.pageOfId.set(id, this.openKey);
    this.dirty.add(this.openKey);
  }

  remove(id: string): void {
    const key = this.pageOfId.get(id);
    if (key === undefined) return;
    this.pageOfId.delete(id);
    this.idsOfPage.get(key)?.delete(id);
    this.dirty.add(key);
  }

  get dirtyCount(): number {
    return this.dirty.size;
  }

  /** The pages to write now, marked clean; a page left empty is forgotten (and should be deleted). */
  takeDirty(): DirtyPage[] {
    const out: DirtyPage[] = [];
    for (const key of [...this.dirty].sort((a, b) => a - b)) {
      const ids = this.idsOfPage.get(key) ?? new Set<string>();
      out.push({ key, ids: [...ids] });
      if (ids.size === 0 && key !== this.openKey) this.idsOfPage.delete(key);
    }
    this.dirty.clear();
    return out;
  }

  /** A write failed: its pages are dirty again, so the next write retries them. */
  markDirty(keys: readonly number[]): void {
    for (const key of keys) this.dirty.add(key);
  }

  private page(key: number): Set<string> {
    let page = this.idsOfPage.get(key);
    if (!page) this.idsOfPage.set(key, (page = new Set()));
    return page;
  }
}
