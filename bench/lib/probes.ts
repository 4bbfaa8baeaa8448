/**
 * Measuring probes the bench evaluates in the browser. They are source text, not functions: tsx
 * would compile functions with a `__name` helper the browser does not have. Every time is wall-clock
 * ms (performance.timeOrigin + performance.now()), comparable across the extension worker, the
 * panel page and node on this machine.
 */

/**
 * Extension service worker: every WebSocket the engine opens gets a first 'message' listener that
 * stamps when a replayed event (instanceId "bench-N") reaches the transport: the limit. It also
 * keeps the open sockets and running intervals countable, for the idle-cost measure.
 */
export const WORKER_ARRIVAL_STAMPS = `(() => {
  if (globalThis.__bench) return 'already';
  const bench = (globalThis.__bench = { arrivals: {}, sockets: new Set(), intervals: new Set() });
  const nativeSetInterval = globalThis.setInterval;
  const nativeClearInterval = globalThis.clearInterval;
  globalThis.setInterval = (...args) => {
    const id = nativeSetInterval(...args);
    bench.intervals.add(id);
    return id;
  };
  globalThis.clearInterval = (id) => {
    bench.intervals.delete(id);
    return nativeClearInterval(id);
  };
  const Native = globalThis.WebSocket;
  globalThis.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      bench.sockets.add(this);
      this.addEventListener('close', () => bench.sockets.delete(this));
      this.addEventListener('message', (event) => {
        const at = performance.timeOrigin + performance.now();
        const match = /"instanceId":"(bench-\\d+)"/.exec(String(event.data));
        if (match && !(match[1] in bench.arrivals)) bench.arrivals[match[1]] = at;
      });
    }
  };
  return 'installed';
})()`;

export const WORKER_READ_ARRIVALS = `globalThis.__bench ? globalThis.__bench.arrivals : null`;
export const WORKER_OPEN_SOCKETS = `globalThis.__bench ? [...globalThis.__bench.sockets].filter((s) => s.readyState <= 1).length : -1`;
export const WORKER_RUNNING_INTERVALS = `globalThis.__bench ? globalThis.__bench.intervals.size : -1`;

/** Extension worker: whether a chrome.debugger session of ours still holds the tab (a second attach fails then). */
export function workerHoldsTab(tabId: number): string {
  return `chrome.debugger.attach({ tabId: ${tabId} }, '1.3')
    .then(() => chrome.debugger.detach({ tabId: ${tabId} }))
    .then(() => false, (error) => /already attached/i.test(String(error)) ? true : String(error))`;
}

/** Extension worker: whether any debugger session is on the page's service worker(s) of this origin. */
export function workerAttachedServiceWorkers(origin: string): string {
  return `chrome.debugger.getTargets().then((ts) => ts.filter((t) => t.type === 'worker' && t.url.startsWith(${JSON.stringify(origin)}) && t.attached).length)`;
}

/**
 * Panel page: when a log row whose tag starts with "bench-" enters the DOM, note the time (in DOM),
 * then the time of the next animation frame (the frame that paints it: visible).
 */
export const PANEL_ROW_OBSERVER = `(() => {
  const rows = (window.__benchRows = {});
  let waiting = [];
  const now = () => performance.timeOrigin + performance.now();
  new MutationObserver((mutations) => {
    const at = now();
    for (const m of mutations) {
      for (const node of m.addedNodes) {
        if (!(node instanceof Element)) continue;
        const found = node.matches('[data-record-id]') ? [node] : node.querySelectorAll('[data-record-id]');
        for (const row of found) {
          const tag = row.children[3] ? row.children[3].textContent : '';
          if (!tag.startsWith('bench-') || tag in rows) continue;
          rows[tag] = [at, NaN];
          waiting.push(tag);
        }
      }
    }
    if (waiting.length) {
      const tags = waiting;
      waiting = [];
      requestAnimationFrame(() => {
        const frame = now();
        for (const tag of tags) rows[tag][1] = frame;
      });
    }
  }).observe(document.body, { childList: true, subtree: true });
})()`;

export const PANEL_READ_ROWS = `window.__benchRows`;
export const PANEL_ROW_COUNT = `Object.keys(window.__benchRows || {}).length`;

/**
 * Panel page, installed before its document loads: the times (ms since the panel's navigation
 * started) when the registrations list shows `tag`, when the log holds `rows` rows, and the frame
 * that paints both.
 */
export function panelOpenProbe(tag: string, rows: number): string {
  return `(() => {
    const marks = (window.__benchOpen = {});
    const check = () => {
      const now = performance.now();
      if (marks.registrations === undefined &&
          [...document.querySelectorAll('[data-testid="tag-name"]')].some((e) => e.textContent === ${JSON.stringify(tag)})) {
        marks.registrations = now;
      }
      if (marks.log === undefined && document.querySelectorAll('[data-record-id]').length >= ${rows}) marks.log = now;
      if (marks.registrations !== undefined && marks.log !== undefined && marks.painted === undefined) {
        marks.painted = NaN;
        requestAnimationFrame(() => (marks.painted = performance.now()));
      }
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
  })()`;
}

export const PANEL_READ_OPEN_MARKS = `window.__benchOpen`;

/** Inspected page: whether Background Sync's register methods are still Chrome's own (not wrapped). */
export const PAGE_REGISTER_IS_NATIVE = `[globalThis.SyncManager, globalThis.PeriodicSyncManager]
  .filter(Boolean)
  .every((c) => Function.prototype.toString.call(c.prototype.register).includes('[native code]'))`;

/** Inspected page: counts timer calls from now on (installed the same way in the baseline tab). */
export const PAGE_TIMER_COUNTER = `(() => {
  const counts = (window.__benchTimers = { timeout: 0, interval: 0 });
  const st = window.setTimeout, si = window.setInterval;
  window.setTimeout = function (...a) { counts.timeout++; return st.apply(this, a); };
  window.setInterval = function (...a) { counts.interval++; return si.apply(this, a); };
})()`;
export const PAGE_READ_TIMERS = `window.__benchTimers`;
