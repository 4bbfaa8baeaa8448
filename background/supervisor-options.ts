/** What the engine supervisor is given (engine-supervisor.ts), and the timing of its retries. */
import type { Clock } from './clock.ts';
import type { CanceledDebugging } from './debugging-canceled.ts';
import type { EngineFactory } from './engine.ts';
import type { SinkHost } from './engine-opening.ts';
import type { TabWatchDeps } from './tab-watch.ts';

/** While on the debugger engine, the protocol engine is tried again after this, doubling up to the cap. */
export const PROTOCOL_RETRY_MS = 5000;
export const PROTOCOL_RETRY_MAX_MS = 60_000;
/** An engine lost this soon after it opened counts as one more failure in a row (its reconnect waits longer). */
export const STABLE_MS = 10_000;
export const RECONNECT_MAX_MS = 30_000;

export interface SupervisorHost extends SinkHost {
  /** An engine is ready (the first, or another): read the registrations. */
  engineReady(): void;
  /** The tab went away or the user cancelled debugging: what the user opted into ends too. */
  ended(reason: 'target_closed' | 'canceled_by_user'): void;
}

export interface SupervisorOptions extends TabWatchDeps {
  tabId: number;
  extensionId: string;
  factory: EngineFactory;
  settings: () => Promise<{ port: number; recording: boolean }>;
  host: SupervisorHost;
  clock?: Clock;
  /** Whether the user cancelled Chrome's debugging bar for this tab (then no chrome.debugger until reconnect()). */
  canceled?: CanceledDebugging;
}
