/**
 * What an engine is, whatever the source of its facts. Every engine reads registrations, holds
 * workers offline, re-registers and unregisters tags from the page, and can be disposed; the rest
 * are abilities only some engines have: optional methods, announced by `capabilities` (the panel
 * only sees capabilities, never which engine answered).
 */
import type { ArmedFailure } from '../extension/activity-model.ts';
import type { Capabilities } from '../extension/capabilities.ts';
import type { CdpClient } from '../extension/cdp/client.ts';
import type { EngineKind, FireParams, FireResult, SimulateResult } from '../extension/messages.ts';
import type { OriginRegistrations, SyncRecord } from '../extension/model.ts';
import type { HeldWorker } from './network-hold.ts';

/** What an engine tells its session. */
export interface EngineSink {
  records(records: SyncRecord[]): void;
  /** Something changed that may change the registrations: re-read them. */
  registrationsMayHaveChanged(): void;
  recordingChanged(on: boolean): void;
  /** The engine stopped working (socket closed, debugger detached, tab closed). */
  closed(reason: string): void;
  /** "Make this sync fail" was armed, changed or disarmed (undefined). */
  failureChanged?(armed: ArmedFailure | undefined): void;
  /** Something the user should know that is not an error of a command. */
  notice(level: 'info' | 'warning' | 'error', text: string): void;
}

export interface Engine {
  readonly kind: Exclude<EngineKind, 'none'>;
  readonly capabilities: Capabilities;
  /** The inspected page's session (Runtime.evaluate in the page: Workbox queues). */
  readonly pageClient: CdpClient;
  readRegistrations(): Promise<OriginRegistrations>;
  hold(worker: HeldWorker, offline: boolean): Promise<void>;
  heldScopes(): string[];
  /** Registers a one-shot tag again from the page (e.g. one that ran out of attempts). */
  reregister(scope: string, tag: string): Promise<FireResult>;
  /** Unregisters a periodic tag from the page; true when it was registered. */
  unregisterPeriodic(scope: string, tag: string): Promise<boolean>;
  dispose(): void;

  /** A real dispatch through Chrome (capability `fire`). */
  fire?(params: FireParams): Promise<FireResult>;
  /** Chrome's BackgroundService recording (capability `recording`). */
  setRecording?(on: boolean): Promise<void>;
  /** Erases Chrome's stored log (capability `eraseChromeLog`). */
  eraseChromeLog?(): Promise<void>;
  /** Grants periodic sync to an origin (capability `periodicPermission`). */
  allowPeriodic?(origin: string): Promise<void>;
  /** A synthetic event in the scope's worker (capability `simulate`). */
  simulate?(worker: HeldWorker, tag: string, lastChance: boolean): Promise<SimulateResult>;
}

/** The optional methods: what only some engines can do. */
export type Ability = 'fire' | 'setRecording' | 'eraseChromeLog' | 'allowPeriodic' | 'simulate';

/** Makes the engines a session supervises: the real ones in the extension, fakes in unit tests. */
export interface EngineFactory {
  protocol(tabId: number, port: number, sink: EngineSink): Promise<Engine>;
  debugger(tabId: number, sink: EngineSink): Promise<Engine>;
}
