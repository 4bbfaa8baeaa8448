/**
 * Every sentence the background says to the user about a session, in one place: the status line,
 * notices, command errors. Wording changes here, not in the logic that decides when to say it.
 */
import { errorMessage } from '../extension/error-message.ts';
import { MAX_TAG_LENGTH } from '../extension/record-facts.ts';

export { errorMessage };

export const texts = {
  connecting: 'Connecting…',
  notConnectedYet: 'Not connected yet.',
  notConnected: 'Not connected.',
  tryAgainSoon: 'Not connected yet: try again in a moment.',
  needsProtocolEngine: 'Needs the protocol engine: start Chrome with the debugging flags shown in the status line.',
  onlyInstrumentation: 'Only the debugger engine (instrumentation) can do this.',
  protocolEngine: (port: number) =>
    `Protocol engine: Chrome's debugging port ${port}. Full sync log, Fire sync now, Hold offline.`,
  debuggerEngine: (port: number) =>
    `Debugger engine: the protocol engine is not reachable on port ${port}. ` +
    `Tags, the instrumented sync log, Hold offline, Re-register and Simulate work here; for Chrome's stored log and Fire sync now, start Chrome with the flags below.`,
  tabClosed: 'The inspected tab was closed.',
  undebuggablePage:
    'The tab went to a page Chrome does not let extensions debug (chrome://, the Web Store, another extension): Sync Inspector attaches again when the tab shows a web page.',
  canceledByUser: 'Debugging was cancelled from Chrome\'s "started debugging" bar. Click Reconnect to attach again.',
  engineDisconnected: (kind: string, reason: string) => `The ${kind} engine disconnected (${reason}); reconnecting.`,
  instrumentationOff: (why: string) => `Instrumentation is off (no reasons, durations, callers or Simulate): ${why}`,
  instrumentationCanceled:
    'Instrumentation stopped: debugging was cancelled from Chrome\'s "started debugging" bar. Chrome\'s log goes on; to instrument again, choose Reconnect in the ⋮ menu.',
  instrumentationStopped: (reason: string) =>
    `Instrumentation stopped (${reason}). Chrome's log goes on; to instrument again, choose Reconnect in the ⋮ menu.`,
  unsupported: (what: string, reason: string | undefined) =>
    `${what} is not available here: ${reason ?? 'this engine cannot do it.'}`,
  heldWorkerStopped: (scope: string) =>
    `The service worker of ${scope} stopped while held offline (it crashed, or was stopped from outside, e.g. chrome://serviceworker-internals). ` +
    `Chrome may now keep this scope's new one-shot syncs pending even after you release the hold, and Sync Inspector has no way to free them. ` +
    `To recover: release the hold, then restart Chrome; until then, do not trust "pending" for this scope.`,
  protocolEventsDropped: (count: number, more: boolean) =>
    `Chrome's log had ${count.toLocaleString('en-US')} ${more ? 'more ' : ''}${count === 1 ? 'event' : 'events'} Sync Inspector could not read ` +
    `(tag or metadata over its limits); ${count === 1 ? 'it is' : 'they are'} not shown.`,
  readRegistrationsFailed: (error: unknown) => `Could not read the page's registrations: ${errorMessage(error)}`,
  noWorker: (scope: string) => `No service worker is registered for ${scope}.`,
  tagLength: `A tag is 1 to ${MAX_TAG_LENGTH.toLocaleString('en-US')} characters long.`,
  notAPort: (port: unknown) => `Not a port number: ${String(port)}`,
  badRetention: 'Retention must keep between 1 and 1,000,000 events for between 1 second and 366 days.',
  backoffNote: (tag: string, nextAttemptAt: number | undefined) =>
    `"${tag}" was waiting in retry back-off. Your handler ran now, but Chrome's own registration ` +
    `stays pending until its next scheduled attempt${nextAttemptAt ? ` (about ${new Date(nextAttemptAt).toLocaleTimeString()})` : ''}.`,
  storageSetAside: (count: number) =>
    `${count === 1 ? 'A stored page' : `${count} stored pages`} of the timeline could not be read: set aside (left in IndexedDB, never overwritten).`,
  storageUnloaded: (error: unknown) =>
    `The stored timeline could not be loaded (${errorMessage(error)}): nothing is stored until it can be.`,
  retentionDropped: (count: number, maxRecords: number, maxAgeMs: number) =>
    `Retention dropped the ${count === 1 ? 'oldest event' : `${count.toLocaleString('en-US')} oldest events`} ` +
    `(keeping at most ${maxRecords.toLocaleString('en-US')} events and ${Math.round((maxAgeMs / 86_400_000) * 10) / 10} days).`,
} as const;

/** chrome.debugger's refusals, turned into what the user can do about them. */
/** chrome.debugger.attach refused because of what the tab shows (chrome://, another extension, the Web Store). */
export function isUndebuggablePage(error: unknown): boolean {
  return /cannot access|cannot attach|chrome:\/\/|chrome-extension:\/\/|webstore/i.test(errorMessage(error));
}

export function explainAttachError(error: unknown): string {
  const text = errorMessage(error);
  if (/another debugger/i.test(text)) {
    return 'Another debugger is attached to this tab (another extension or tool). Close it, then click Reconnect.';
  }
  if (isUndebuggablePage(error)) {
    return `Chrome does not let extensions debug this page (chrome:// pages, other extensions and the Web Store are off limits): ${text}`;
  }
  if (/no tab with/i.test(text)) return 'The inspected tab is gone (closed?).';
  return `Could not attach to the tab: ${text}`;
}
