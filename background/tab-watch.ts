/**
 * After chrome.debugger says target_closed: was the tab closed, or did it go to a page extensions
 * may not debug (chrome://, the Web Store)? Both detach with that reason; chrome.tabs.get tells
 * them apart. A tab that went away is watched until it loads a page again.
 */
export interface TabWatchDeps {
  tabGone?: (tabId: number) => Promise<boolean>;
  onTabLoaded?: (tabId: number, callback: () => void) => () => void;
}

export class TabWatch {
  private stop: (() => void) | undefined;

  constructor(
    private readonly tabId: number,
    private readonly deps: TabWatchDeps,
  ) {}

  /** Closed, or only away (then `whenBack` is called each time the tab loads a page, until stopped). */
  async closedOrAway(whenBack: () => void): Promise<'closed' | 'away'> {
    const gone = (await this.deps.tabGone?.(this.tabId)) ?? true;
    if (gone || !this.deps.onTabLoaded) return 'closed';
    this.stopWatching();
    this.stop = this.deps.onTabLoaded(this.tabId, whenBack);
    return 'away';
  }

  /** Away: the tab is watched until it shows a page we may debug. */
  get watching(): boolean {
    return this.stop !== undefined;
  }

  stopWatching(): void {
    this.stop?.();
    this.stop = undefined;
  }
}
