/**
 * Every message between the panel and the background, in one place: a discriminated union per
 * direction, a protocol version, request/response with ids for commands, pushes for streams.
 * Both sides import only from here, so a change of shape is a compile error on both.
 */
import type { ArmedFailure, FailurePlan, RequestDetail } from './activity-model.ts';
import type { Capabilities } from './capabilities.ts';
import type { PackedRecords } from './codecs/wire.ts';
import type { OriginRegistrations, SyncRecord } from './model.ts';

/** Bump when a message changes shape; a panel and a background of different versions refuse each other. */
/**
 * 2: many records cross the port packed (port-records.ts): a panel of version 1 could not read them.
 * 3: the welcome carries the newest records and the log's total; the older ones follow as 'older'.
 * 4: the older ones follow when the panel asks ('sendOlder', once it has painted the welcome).
 */
export const PROTOCOL_VERSION = 4;

/** The welcome carries at most this many of the newest records, so a panel paints before the rest arrives. */
export const WELCOME_RECORDS = 500;

/** The runtime port name; the background accepts only this, and only from our own pages. */
export const PANEL_PORT_NAME = 'sync-inspector-panel';

export type EngineKind = 'protocol' | 'debugger' | 'none';

export interface ProtocolEngineInfo {
  /** The debugging port the protocol engine tries. */
  port: number;
  reachable: boolean;
  /** Why it is not reachable, when it is not. */
  error?: string;
  /** The exact flags that start a Chrome the protocol engine can reach, for this install's id. */
  launchFlags: string;
}

export interface SessionState {
  tabId: number;
  /** The engine serving this tab now. */
  engine: EngineKind;
  phase: 'connecting' | 'ready' | 'failed';
  /** A sentence for the status line: what is happening, or what went wrong and what to do. */
  message: string;
  protocol: ProtocolEngineInfo;
  capabilities: Capabilities;
  /** Chrome's BackgroundService recording, when the protocol engine is in use. */
  recording: boolean;
  /** Scopes whose workers we hold offline. */
  heldScopes: string[];
  /** Records older than this (ms) were cleared from the view by the user. */
  clearedBefore: number;
  /** Files whose records the log holds, so the panel can offer to remove each. */
  imports: ImportedFile[];
  /** The retention in force and what it last dropped (the panel says when it dropped something). */
  retention: RetentionState;
  /** The user's opt-in: stay attached and record this tab while DevTools is closed. */
  keepRecording: boolean;
  /** "Make this sync fail" while armed (null or absent: off). */
  failure?: ArmedFailure | null;
}

/** What the handlers did with a simulated (synthetic) sync event. */
export interface SimulateResult {
  outcome: 'resolved' | 'rejected';
  /** The rejection reason, as the worker described it (page-controlled text). */
  reason?: string;
  durationMs: number;
}

/** One imported file, by the name it was imported under. */
export interface ImportedFile {
  fileName: string;
  /** Records of this file the log holds now. */
  count: number;
}

export interface RetentionState {
  /** Records the extension observed are dropped once older than this; imported ones stay until removed. */
  maxAgeMs: number;
  /** At most this many records are kept, of any source; the oldest go first. */
  maxRecords: number;
  /** Records retention has dropped since the log was created. */
  droppedTotal: number;
  /** The last time retention dropped records: when, how many, and the newest dropped record's time. */
  lastDrop?: { at: number; count: number; newestDroppedTime: number };
}

/**
 * At most this many records per importRecords command: a runtime message is limited in size, so a
 * big file goes in chunks under the same fileName (each chunk's counts add up). The panel's Import
 * control hands the file itself over instead (importStoredFile).
 */
export const IMPORT_CHUNK_RECORDS = 5000;

export interface FireParams {
  origin: string;
  registrationId?: string;
  scope: string;
  tag: string;
  lastChance: boolean;
  periodic: boolean;
}

export interface FireResult {
  /** How the dispatch was done, e.g. "dispatched by Chrome (ServiceWorker.dispatchSyncEvent)". */
  how: string;
  /** Something the user should know, e.g. that a tag in back-off stays pending. */
  note?: string;
}

/** Commands the panel may send, with their parameters and results. */
export interface Commands {
  refresh: { params: Record<string, never>; result: OriginRegistrations | null };
  fire: { params: FireParams; result: FireResult };
  hold: { params: { scope: string; offline: boolean }; result: { heldScopes: string[] } };
  setRecording: { params: { on: boolean }; result: { recording: boolean } };
  clearView: { params: Record<string, never>; result: { clearedBefore: number } };
  eraseChromeLog: { params: Record<string, never>; result: { erased: true } };
  allowPeriodic: { params: { origin: string }; result: { granted: true } };
  setPort: { params: { port: number }; result: SessionState };
  reconnect: { params: Record<string, never>; result: SessionState };
  /**
   * Records already parsed and validated by the panel (codecs/parseImport); the background checks their shape again.
   * `showsOwn`: the sending panel adds the chunk itself once answered, so it is not sent back to it;
   * `notAdded` then lists the chunk's indexes the log does not hold as sent (duplicates, dropped).
   */
  importRecords: {
    params: { fileName: string; records: SyncRecord[] | PackedRecords; showsOwn?: boolean };
    result: { added: number; duplicates: number; notAdded?: number[] };
  };
  /**
   * Imports the file the panel stored in the import inbox (extension/import-inbox.ts) under `key`:
   * the background reads, parses and checks it itself, and answers once the records are held and
   * the file is in the inbox until they are stored (an answered import survives the worker dying).
   * `showsOwn` and `notAdded` as for importRecords, over the whole file. A file with any problem is
   * refused (the error lists the problems) and removed from the inbox: nothing changes.
   */
  importStoredFile: {
    params: { key: number; showsOwn?: boolean };
    result: { added: number; duplicates: number; notAdded?: number[] };
  };
  /** Removes every record imported from this file. */
  removeImport: { params: { fileName: string }; result: { removed: number } };
  setRetention: { params: { maxAgeMs: number; maxRecords: number }; result: RetentionState };
  /** Registers a one-shot tag again from the page: "forget" a tag that ran out of attempts. */
  reregister: { params: { scope: string; tag: string }; result: FireResult };
  /** Unregisters a periodic tag from the page. */
  unregisterPeriodic: { params: { scope: string; tag: string }; result: { unregistered: boolean } };
  /** Dispatches a synthetic sync event in the scope's worker (debugger engine): Chrome's registration is untouched. */
  simulate: { params: { scope: string; tag: string; lastChance: boolean }; result: SimulateResult };
  /** Stay attached (Chrome shows its debugging bar) and record this tab while no panel is open. */
  setKeepRecording: { params: { on: boolean }; result: { keepRecording: boolean } };
  /** Deletes one entry from the page's Workbox queue (the user confirmed), if it is still the one listed. */
  removeQueueEntry: {
    params: { id: number; queueName: string; queuedAt: number };
    result: { removed: boolean; reason?: string };
  };
  /** One Workbox queue's entries with headers and bodies (base64, capped), for a file. */
  exportQueue: { params: { queueName: string }; result: { exportedAt: number; entries: unknown[] } };
  /** Headers and body of a request recorded during a dispatch (RequestActivity.key). */
  requestDetail: { params: { key: string }; result: RequestDetail };
  /** Arms "Make this sync fail" with this plan, or turns it off (null). */
  setFailure: { params: { plan: FailurePlan | null }; result: { failure: ArmedFailure | null } };
}

export type CommandName = keyof Commands;

export type CommandMessage = {
  [K in CommandName]: { type: 'command'; id: number; name: K; params: Commands[K]['params'] };
}[CommandName];

export type PanelToBackground =
  | { type: 'hello'; version: number; tabId: number }
  | CommandMessage
  /** Keeps the extension's service worker awake while a panel is open. */
  | { type: 'ping' }
  /**
   * The panel has painted its welcome: the welcome's older records may come now. Posted at once, they
   * kept the worker and the browser busy (~0.7 s for 100,000) while the panel's first frame waited for a core.
   */
  | { type: 'sendOlder' };

export type BackgroundToPanel =
  | {
      type: 'welcome';
      version: number;
      state: SessionState;
      /** The newest records of the log (at most WELCOME_RECORDS), time-sorted. */
      records: SyncRecord[];
      /** How many records the log holds in all: these and the older ones that follow as 'older' messages. */
      total: number;
      registrations: OriginRegistrations | null;
    }
  /**
   * Older records of the welcome, oldest first, sent when the panel asks ('sendOlder'); other messages
   * may come between them. `remaining` says how many are still to come (0: the panel now holds the
   * whole log of its welcome).
   */
  | { type: 'older'; records: SyncRecord[]; remaining: number }
  | { type: 'refused'; reason: string }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: string }
  | { type: 'state'; state: SessionState }
  /** New or updated records (upsert by id). */
  | { type: 'records'; records: SyncRecord[] }
  | { type: 'cleared'; clearedBefore: number }
  /** Records gone from the log: dropped by retention, their imported file removed, or merged into Chrome's record of the same fact. */
  | { type: 'removed'; ids: string[]; reason: 'retention' | 'import-removed' | 'merged' }
  | { type: 'registrations'; registrations: OriginRegistrations | null }
  | { type: 'notice'; level: 'info' | 'warning' | 'error'; text: string };

const PANEL_TYPES = new Set(['hello', 'command', 'ping', 'sendOlder']);

/** Shape check at the boundary: the background trusts nothing it has not checked. */
export function isPanelMessage(value: unknown): value is PanelToBackground {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !PANEL_TYPES.has(type)) return false;
  if (type === 'hello') {
    const v = value as { version?: unknown; tabId?: unknown };
    return typeof v.version === 'number' && typeof v.tabId === 'number';
  }
  if (type === 'command') {
    const v = value as { id?: unknown; name?: unknown; params?: unknown };
    return typeof v.id === 'number' && typeof v.name === 'string' && typeof v.params === 'object' && v.params !== null;
  }
  return true;
}

export function launchFlags(port: number, extensionId: string): string {
  return `--remote-debugging-port=${port} --remote-allow-origins=chrome-extension://${extensionId} --user-data-dir=<a profile folder of its own>`;
}
