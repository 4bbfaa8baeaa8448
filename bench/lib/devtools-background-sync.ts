/**
 * DevTools' own Application > Background sync view, driven for the peer measure. It relies on
 * DevTools-internal modules (ResourcesPanel, its sidebar's tree element, the view's DataGrid), so
 * it lives here alone, like scripts/lib/devtools-panel.ts for our panel; a failure says so plainly.
 * Source (devtools-frontend): panels/application/ResourcesPanel.ts, ApplicationPanelSidebar.ts,
 * BackgroundServiceView.ts (a data grid: seen in Chrome 156, a light-DOM table row per event, the
 * rows in view drawn in its shadow root).
 * The code runs in the DevTools page as source text (see bench/lib/probes.ts for why not functions).
 */
import type { Page } from 'puppeteer-core';
import { scrollJumps } from './panel-stopwatch.ts';

const INTERNALS_HINT =
  "DevTools' internal Application panel API (ResourcesPanel, backgroundSyncTreeElement, its view's devtools-data-grid) " +
  'may have changed in this Chrome version';

const SIDEBAR = `(await import('./panels/application/application.js')).ResourcesPanel.ResourcesPanel.showAndGetSidebar()`;
/**
 * In Chrome 156 the view renders a <devtools-data-grid> whose light DOM is a <table> with a <tr>
 * per event (all of them, after a header row); the grid's shadow root shows the rows in view
 * (<tr class="data-grid-data-grid-node">), its scroll height sized for all. "All rows there" is the
 * light table holding every event and the shadow grid showing rows. Counted through table.rows,
 * not a selector query over 30,000 rows each frame (that would add to the time measured).
 */
const GRID_ROWS = `
  const gridOf = () => {
    const view = element.view;
    return view && view.element && view.element.querySelector('devtools-data-grid');
  };
  const gridRows = () => {
    const grid = gridOf();
    const table = grid && grid.querySelector('table');
    const shown = grid && grid.shadowRoot && grid.shadowRoot.querySelector('tr.data-grid-data-grid-node');
    return { count: table && shown ? table.rows.length - 1 : 0 };
  };`;

const AFTER_PAINT = `() => new Promise((resolve) => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve(performance.now());
  channel.port2.postMessage(0);
}))`;

/**
 * Waits until DevTools has loaded far enough to show its Application panel (it throws until its
 * locale data and panels are registered) and its Background sync entry can be selected; the
 * view itself is not created yet.
 */
export async function openApplicationPanel(devtools: Page, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      // The tree element becomes selectable once DevTools made its model for the page's target.
      const ready = `(async () => { const s = await ${SIDEBAR}; return Boolean(s.backgroundSyncTreeElement && s.backgroundSyncTreeElement.selectable); })()`;
      if (await devtools.evaluate(ready)) return;
      lastError = 'the Background sync tree element is not selectable yet';
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`DevTools' Application panel did not open: ${lastError} (${INTERNALS_HINT})`);
}

/**
 * Shows the view and times it, in the DevTools page: from selecting "Background sync" in the
 * Application sidebar to the paint after its grid holds `count` rows; and to its first row
 * painted. ms of the DevTools page's clock; allRowsMs NaN (and the rows last seen) if it takes
 * longer than `timeoutMs`, `responsive` false if DevTools stopped answering meanwhile.
 */
export async function showBackgroundSyncView(
  devtools: Page,
  count: number,
  timeoutMs = 120_000,
): Promise<{ firstRowMs: number; allRowsMs: number; rows: number; responsive: boolean }> {
  // The page-side loop writes its marks into a global; node reads them with short calls, because one
  // long evaluate would outlast the protocol timeout when the view takes minutes.
  await devtools.evaluate(`(async () => {
    const hint = ${JSON.stringify(INTERNALS_HINT)};
    const afterPaint = ${AFTER_PAINT};
    const sidebar = await ${SIDEBAR};
    const element = sidebar.backgroundSyncTreeElement;
    if (!element) throw new Error('no backgroundSyncTreeElement: ' + hint);
    ${GRID_ROWS}
    const marks = (window.__benchDevToolsView = { firstRowMs: NaN, allRowsMs: NaN, rows: 0, stop: false });
    const start = performance.now();
    element.select(false, true);
    void (async () => {
      for (;;) {
        const rows = gridRows();
        marks.rows = rows.count;
        if (Number.isNaN(marks.firstRowMs) && rows.count > 0) marks.firstRowMs = (await afterPaint()) - start;
        if (rows.count >= ${count}) break;
        if (marks.stop) return;
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      marks.allRowsMs = (await afterPaint()) - start;
    })();
  })()`);
  const deadline = Date.now() + timeoutMs;
  type Marks = { firstRowMs: number; allRowsMs: number; rows: number };
  let marks: Marks = { firstRowMs: NaN, allRowsMs: NaN, rows: 0 };
  while (Date.now() < deadline) {
    // DevTools' main thread can be busy for minutes in one task: a read that does not come back
    // before the deadline ends the wait (the view is then reported as not done).
    const answer = await Promise.race([
      devtools.evaluate(
        `(({ firstRowMs, allRowsMs, rows }) => ({ firstRowMs, allRowsMs, rows }))(window.__benchDevToolsView)`,
      ) as Promise<Marks>,
      new Promise<undefined>((r) => setTimeout(r, Math.max(0, deadline - Date.now()))),
    ]);
    if (!answer) break;
    marks = answer;
    if (Number.isFinite(marks.allRowsMs)) return { ...marks, responsive: true };
    await new Promise((r) => setTimeout(r, 250));
  }
  if (Date.now() >= deadline) return { ...marks, allRowsMs: NaN, responsive: false };
  return { ...marks, allRowsMs: NaN, responsive: false };
}

/**
 * Scrolls the view's grid by big jumps, one per frame, as the panel's scroll measure does
 * (bench/lib/panel-stopwatch.ts scrollFrames); per jump, the work from the scroll event to the task
 * after it (ms).
 */
export async function scrollBackgroundSyncView(devtools: Page, steps: number): Promise<number[]> {
  return devtools.evaluate(`(async () => {
    const sidebar = await ${SIDEBAR};
    const element = sidebar.backgroundSyncTreeElement;
    ${GRID_ROWS}
    const el = gridOf() && gridOf().shadowRoot && gridOf().shadowRoot.querySelector('.data-container');
    if (!el) throw new Error('no scroll container in the Background sync grid: ' + ${JSON.stringify(INTERNALS_HINT)});
    return (await ${scrollJumps(steps)}).work;
  })()`) as Promise<number[]>;
}
