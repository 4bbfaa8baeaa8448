/**
 * Our panel's side of the peer measure (source text, see probes.ts), installed in the panel frame as
 * soon as it exists: wall-clock times (performance.timeOrigin + now, comparable with node's) of the
 * paint after the first log row, and of the paint after the count shows `count` events.
 */
export function PEER_PANEL_MARKS(count: number): string {
  return `(() => {
    const marks = (window.__benchPeer = { first: NaN, all: NaN, lateProbe: false });
    const wall = () => performance.timeOrigin + performance.now();
    const afterPaint = (key) => requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (marks[key] = wall());
      channel.port2.postMessage(0);
    });
    const countShown = () => (document.querySelector('[data-testid="event-count"]')?.textContent ?? '').replace(/\\D/g, '') === '${count}';
    const rowShown = () => document.querySelector('[data-record-id]') !== null;
    marks.lateProbe = rowShown();
    let firstSeen = false;
    let allSeen = false;
    const check = () => {
      if (!firstSeen && rowShown()) { firstSeen = true; afterPaint('first'); }
      if (!allSeen && countShown() && rowShown()) { allSeen = true; afterPaint('all'); }
      if (firstSeen && allSeen) observer.disconnect();
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true, characterData: true });
    check();
  })()`;
}

export const PEER_READ_PANEL_MARKS = `window.__benchPeer`;
