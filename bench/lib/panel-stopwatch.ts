/**
 * In-panel stopwatches (source text, see probes.ts). Every end time is "after the next paint": the
 * animation frame after the DOM changed, then a task queued from it, which runs once that frame's
 * style, layout and paint are done. Times are performance.now() of the panel page.
 */

const HELPERS = `
  const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(0);
  }));
  const when = (check) => new Promise((resolve) => {
    if (check()) return resolve(performance.now());
    const observer = new MutationObserver(() => {
      if (!check()) return;
      observer.disconnect();
      resolve(performance.now());
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  });
  const countIs = (n) => () => (document.querySelector('[data-testid="event-count"]')?.textContent ?? '').replace(/\\D/g, '') === String(n);
`;

/**
 * Arms a stopwatch: starts at the next `change` on the import file input, stops after the paint that
 * shows the import as done and the log holding `count` events, or the import refused (with why).
 * Result in window.__benchImport.
 */
export function armImportStopwatch(count: number): string {
  return `(() => {
    ${HELPERS}
    window.__benchImport = null;
    document.addEventListener('change', (event) => {
      if (!(event.target instanceof HTMLInputElement) || event.target.type !== 'file') return;
      const start = performance.now();
      const refusal = () => document.querySelector('[role="alert"][aria-label="Import refused"]');
      when(() => refusal() || (/^Imported /.test(document.querySelector('[data-testid="import-summary"]')?.textContent ?? '') && countIs(${count})()))
        .then(afterPaint)
        .then((end) => (window.__benchImport = { ms: end - start, refused: refusal()?.textContent ?? null }));
    }, { capture: true, once: true });
  })()`;
}

/**
 * Export: from the click on Export to the download handed to the browser (<a download> clicked),
 * with the file's size. Result in window.__benchExport.
 */
export const ARM_EXPORT_STOPWATCH = `(() => {
  window.__benchExport = null;
  let start = NaN;
  document.addEventListener('click', (event) => {
    if (event.target instanceof HTMLButtonElement && event.target.textContent.trim() === 'Export') start = performance.now();
  }, { capture: true });
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.download) {
      const ms = performance.now() - start;
      fetch(this.href).then((r) => r.blob()).then((b) => (window.__benchExport = { ms, bytes: b.size, fileName: this.download }));
      return; // measured, not saved: nothing to clean up on disk
    }
    return click.call(this);
  };
})()`;

/**
 * Installed before the panel loads (ms since navigation, after paint). `__benchFirstRender`: the count
 * shows `count` and a row is painted; the count may be the log's total while older records still
 * arrive ("N events in the log"). `__benchAllHeld`: the panel holds all `count` (the count is the
 * filtered one and nothing is loading): from then on, filters and export cover the whole log.
 */
export function firstRenderProbe(count: number): string {
  return `(() => {
    ${HELPERS}
    window.__benchFirstRender = null;
    window.__benchAllHeld = null;
    when(() => countIs(${count})() && document.querySelector('[data-record-id]') !== null)
      .then(afterPaint)
      .then((end) => (window.__benchFirstRender = end));
    when(() => countIs(${count})() && document.querySelector('[data-record-id]') !== null && !document.querySelector('[data-testid="older-loading"]'))
      .then(afterPaint)
      .then((end) => (window.__benchAllHeld = end));
  })()`;
}

/**
 * Source text: scrolls \`el\` (in scope) by big jumps, one per frame, and evaluates to, per jump, the
 * work from the scroll event to the task after it and the frame intervals (ms). Our panel's scroll
 * measure and DevTools' own view (devtools-background-sync.ts) jump alike.
 */
export function scrollJumps(steps: number): string {
  return `(async () => {
      const work = [];
      const intervals = [];
      let last = NaN;
      for (let i = 1; i <= ${steps}; i++) {
        const frame = await new Promise((r) => requestAnimationFrame(r));
        if (!Number.isNaN(last)) intervals.push(frame - last);
        last = frame;
        const scrolled = new Promise((resolve) => el.addEventListener('scroll', () => resolve(performance.now()), { once: true }));
        el.scrollTop = ((i * 7919) % 997) / 997 * (el.scrollHeight - el.clientHeight);
        const at = await scrolled;
        const done = await new Promise((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now());
          channel.port2.postMessage(0);
        });
        work.push(done - at);
      }
      return { work, intervals };
    })()`;
}

/** Scrolls the log by big jumps, one per frame; per frame, the work from the scroll event to the paint done. */
export function scrollFrames(steps: number): string {
  return `(async () => {
    ${HELPERS}
    const el = document.querySelector('[role="grid"][aria-label="Sync events"] .virtual');
    if (!el) throw new Error('bench: no scrolling log (.virtual) found');
    return await ${scrollJumps(steps)};
  })()`;
}

/** Types a value into a text filter (one input event) and times it until the count shows `expected`, after paint. */
export function filterChange(label: string, value: string, expected: number): string {
  return `(async () => {
    ${HELPERS}
    const input = document.querySelector(${JSON.stringify(`input[aria-label="${label}"]`)});
    if (!input) throw new Error('bench: no filter input ' + ${JSON.stringify(label)});
    const start = performance.now();
    input.value = ${JSON.stringify(value)};
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await when(countIs(${expected}));
    return (await afterPaint()) - start;
  })()`;
}
