/**
 * Probes for the idle measure (source text, as in probes.ts): what runs in the panel and the
 * extension worker while nothing happens on the inspected tab.
 */

/**
 * Panel page, installed before its document loads: counts timer callbacks that run (setTimeout,
 * setInterval, requestAnimationFrame) and DOM mutations, so a window shows what woke the panel.
 */
export const PANEL_WAKE_COUNTER = `(() => {
  const counts = (window.__benchWakes = { timeout: 0, interval: 0, frame: 0, mutations: 0 });
  const wrap = (name, key) => {
    const native = window[name];
    window[name] = function (callback, ...rest) {
      if (typeof callback !== 'function') return native.call(this, callback, ...rest);
      return native.call(this, function (...a) { counts[key]++; return callback.apply(this, a); }, ...rest);
    };
  };
  wrap('setTimeout', 'timeout');
  wrap('setInterval', 'interval');
  wrap('requestAnimationFrame', 'frame');
  const observe = () =>
    new MutationObserver((records) => (counts.mutations += records.length)).observe(document, {
      subtree: true, childList: true, characterData: true, attributes: true,
    });
  if (document.documentElement) observe(); else document.addEventListener('readystatechange', observe, { once: true });
})()`;

/** The counts so far (they only grow: a window is the difference of two reads). */
export const PANEL_READ_WAKES = `({ ...window.__benchWakes })`;

/**
 * Extension worker: counts the CDP commands it sends, by method, on either engine (chrome.debugger
 * and the protocol engine's WebSocket).
 */
export const WORKER_COMMAND_COUNTER = `(() => {
  if (globalThis.__benchCommands) return 'already';
  const counts = (globalThis.__benchCommands = {});
  const add = (key) => (counts[key] = (counts[key] || 0) + 1);
  const nativeSend = chrome.debugger.sendCommand;
  chrome.debugger.sendCommand = function (target, method, ...rest) {
    add('debugger ' + method);
    return nativeSend.call(this, target, method, ...rest);
  };
  const socketSend = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    const method = /"method":"([^"]+)"/.exec(String(data));
    add('socket ' + (method ? method[1] : '?'));
    return socketSend.call(this, data);
  };
  return 'installed';
})()`;

export const WORKER_READ_COMMANDS = `({ ...globalThis.__benchCommands })`;
