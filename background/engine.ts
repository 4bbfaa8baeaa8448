/**
 * What the panel may ask of an engine, whatever the source of its facts. A Session picks the engines
 * it can reach; the panel only sees capabilities, never which engine answered.
 */
import type { ArmedFailure } from '../extension/activity-model.ts';
import type { Capabilities } from '../extension/capabilities.ts';
import type { CdpClient } from '../extension/cdp/client.ts';
import type { EngineKind, FireParams, FireResult } from '../extension/messages.ts';
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
  notice?(level: 'info' | 'warning' | 'error', text: string): void;
}

export interface Engine {
  readonly kind: Exclude<EngineKind, 'none'>;
  readonly capabilities: Capabilities;
  /** The inspected page's session (Runtime.evaluate in the page: Workbox queues). */
  readonly pageClient: CdpClient;
  readRegistrations(): Promise<OriginRegistrations>;
  fire(params: FireParams): Promise<FireResult>;
  hold(worker: HeldWorker, offline: boolean): Promise<void>;
  heldScopes(): string[];
  setRecording(on: boolean): Promise<void>;
  eraseChromeLog(): Promise<void>;
  allowPeriodic(origin: string): Promise<void>;
  /** Registers a one-shot tag again from the page (e.g. one that ran out of attempts). */
  reregister(scope: string, tag: string): Promise<FireResult>;
  /** Unregisters a periodic tag from the page; true when it was registered. */
  unregisterPeriodic(scope: string, tag: string): Promise<boolean>;
  dispose(): void;
}

export class UnsupportedError extends Error {
  constructor(what: string, reason: string | undefined) {
    super(`${what} is not available here: ${reason ?? 'this engine cannot do it.'}`);
    this.name = 'UnsupportedError';
  }
}
