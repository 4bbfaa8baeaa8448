/**
 * One inspected tab: the engine serving it, its registrations, and the panels (ports) watching it.
 * The session exists only while a panel for the tab is open: that is when we attach, observe and
 * keep the extension's worker awake; the last panel closing disposes all of it.
 */
import { capabilities, mergeCapabilities, type Capabilities } from '../extension/capabilities.ts';
import {
  launchFlags,
  PROTOCOL_VERSION,
  type BackgroundToPanel,
  type CommandMessage,
  type Commands,
  type SessionState,
} from '../extension/messages.ts';
import type { OriginRegistrations, SyncRecord } from '../extension/model.ts';
import { retryStateFor } from '../extension/retry.ts';
import { readSettings, writeSettings, isValidPort, isValidRetention } from '../extension/settings.ts';
import { packMessage } from '../extension/port-records.ts';
import { checkFileName, checkImportParams } from './import-boundary.ts';
import { DebuggerEngine } from './debugger-engine.ts';
import { UnsupportedError, type Engine, type EngineSink } from './engine.ts';
import { setKeepRecording } from './keep-recording.ts';
import { ProtocolEngine } from './protocol-engine.ts';
import { checkFailurePlan } from '../extension/activity-model.ts';
import { exportQueue, removeQueueEntry } from './sync-activity/queue-reader.ts';
import type { RecordLog, RemovalReason } from './record-log.ts';
import { errorMessage } from '../extension/error-message.ts';
import { MAX_TAG_LENGTH } from '../extension/record-facts.ts';

/** While on the debugger engine, try the protocol engine again this often (Chrome may gain the port). */
const PROTOCOL_RETRY_MS = 5000;
const REFRESH_DEBOUNCE_MS = 50;
/**
 * Events of the inspected origin re-read its registrations at most this often: a stream of events
 * (up to 1,000/s) made one read and one panel render per batch, and the debounce never let a read
 * through while it lasted.
 */
const RECORDS_REFRESH_MIN_MS = 250;
/** At most this long does a Fire or a release wait to attach to the worker and record its requests. */
const WATCH_BEFORE_DISPATCH_MS = 1000;
/** A runtime message is limited in size: the stored timeline goes to a panel in chunks of this many. */
const RECORDS_PER_MESSAGE = 5000;

type Port = chrome.runtime.Port;

export class Session {
  private readonly ports = new Set<Port>();
  private engine: Engine | undefined;
  /**
   * The debugger engine beside the protocol engine, for its instrumentation (reasons, durations,
   * callers, Simulate); when the protocol engine drops, it takes over as the engine.
   */
  private instrumenter: DebuggerEngine | undefined;
  /** The user asked to stay attached while no panel is open ("keep recording this tab"). */
  private keepRecording = false;
  private registrations: OriginRegistrations | null = null;
  private state: SessionState;
  private disposed = false;
  private connecting: Promise<void> | undefined;
  private protocolRetry: ReturnType<typeof setTimeout> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<void> | undefined;
  private refreshAgain = false;
  private recordsRefreshTimer: ReturnType<typeof setTimeout> | undefined;
  private recordsRefreshAt = -Infinity;
  private readonly unsubscribeLog: () => void;
  /** While an import chunk is being added: the panel that sent it and adds it itself (not sent back). */
  private showsOwnImport: Port | undefined;
  /** The storage problem last told to the panels, so it is said once. */
  private toldStorageProblem: string | undefined;

  constructor(
    readonly tabId: number,
    private readonly log: RecordLog,
  ) {
    this.state = {
      tabId,
      engine: 'none',
      phase: 'connecting',
      message: 'Connecting…',
      protocol: { port: 9222, reachable: false, launchFlags: launchFlags(9222, chrome.runtime.id) },
      capabilities: capabilities([], 'Not connected yet.'),
      recording: false,
      heldScopes: [],
      clearedBefore: 0,
      imports: log.imports(),
      retention: log.retentionState(),
      keepRecording: false,
    };
    const unsubscribers = [
      log.subscribe((added) => this.onRecordsAdded(added)),
      log.onRemoved((ids, reason) => this.onRecordsRemoved(ids, reason)),
      log.onStateChanged(() => {
        this.update({ imports: log.imports(), retention: log.retentionState() });
        if (log.storageProblem && log.storageProblem !== this.toldStorageProblem)
          this.notice('warning', log.storageProblem);
        this.toldStorageProblem = log.storageProblem;
      }),
    ];
    this.unsubscribeLog = () => unsubscribers.forEach((unsubscribe) => unsubscribe());
  }

  get portCount(): number {
    return this.ports.size;
  }

  addPort(port: Port): void {
    this.ports.add(port);
    // The stored timeline may hold 100,000 records: more than one runtime message should carry.
    const records = this.log.visible(this.state.clearedBefore).sort((a, b) => a.time - b.time);
    this.post(port, {
      type: 'welcome',
      version: PROTOCOL_VERSION,
      state: this.state,
      records: records.slice(0, RECORDS_PER_MESSAGE),
      registrations: this.registrations,
    });
    for (let start = RECORDS_PER_MESSAGE; start < records.length; start += RECORDS_PER_MESSAGE) {
      this.post(port, { type: 'records', records: records.slice(start, start + RECORDS_PER_MESSAGE) });
    }
    if (this.log.storageProblem) this.post(port, { type: 'notice', level: 'warning', text: this.log.storageProblem });
    if (!this.engine && !this.connecting) void this.connect();
    // A session kept recording did not re-read while no panel watched: the new panel gets fresh tags.
    else if (this.engine && this.ports.size === 1) this.scheduleRefresh();
  }

  removePort(port: Port): void {
    this.ports.delete(port);
    // Nobody sees that requests are being faked any more: stop faking them.
    if (this.ports.size === 0) void this.activityEngine()?.faults.disarm();
  }

  /** Whether an engine serves the tab now. */
  get attached(): boolean {
    return this.engine !== undefined;
  }

  /** Whether the session should outlive its last panel (the user's opt-in). */
  get keepsRecording(): boolean {
    return this.keepRecording;
  }

  /** Starts a session no panel asked for yet: one kept recording, restored after a worker restart. */
  resumeKept(): Promise<void> {
    this.keepRecording = true;
    this.update({ keepRecording: true });
    return this.connect();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.protocolRetry);
    clearTimeout(this.refreshTimer);
    clearTimeout(this.recordsRefreshTimer);
    this.unsubscribeLog();
    this.dropEngine();
  }

  async handleCommand(message: CommandMessage, from?: Port): Promise<unknown> {
    switch (message.name) {
      case 'refresh':
        await this.refreshRegistrations();
        return this.registrations satisfies Commands['refresh']['result'];
      case 'fire':
        return this.fire(message.params);
      case 'hold':
        return this.hold(message.params.scope, message.params.offline);
      case 'simulate':
        return this.simulate(message.params);
      case 'setKeepRecording': {
        const on = message.params.on === true;
        await setKeepRecording(this.tabId, on);
        this.keepRecording = on;
        this.update({ keepRecording: on });
        return { keepRecording: on } satisfies Commands['setKeepRecording']['result'];
      }
      case 'setRecording': {
        await this.requireEngine().setRecording(message.params.on);
        await writeSettings({ recording: message.params.on });
        this.update({ recording: message.params.on });
        return { recording: message.params.on } satisfies Commands['setRecording']['result'];
      }
      case 'clearView':
        return this.clearView();
      case 'eraseChromeLog':
        await this.requireEngine().eraseChromeLog();
        await this.clearView();
        return { erased: true } satisfies Commands['eraseChromeLog']['result'];
      case 'reregister': {
        const result = await this.requireEngine().reregister(message.params.scope, message.params.tag);
        this.scheduleRefresh();
        return result satisfies Commands['reregister']['result'];
      }
      case 'unregisterPeriodic': {
        const unregistered = await this.requireEngine().unregisterPeriodic(message.params.scope, message.params.tag);
        this.scheduleRefresh();
        return { unregistered } satisfies Commands['unregisterPeriodic']['result'];
      }
      case 'allowPeriodic':
        await this.requireEngine().allowPeriodic(message.params.origin);
        this.scheduleRefresh();
        return { granted: true } satisfies Commands['allowPeriodic']['result'];
      case 'setPort': {
        if (!isValidPort(message.params.port)) throw new Error(`Not a port number: ${String(message.params.port)}`);
        await writeSettings({ port: message.params.port });
        await this.reconnect();
        return this.state;
      }
      case 'reconnect':
        await this.reconnect();
        return this.state;
      case 'importRecords': {
        const { fileName, records } = checkImportParams(message.params);
        // The records are added (and broadcast) synchronously inside importFile: not back to a panel that shows its own.
        this.showsOwnImport = message.params.showsOwn === true ? from : undefined;
        try {
          return this.log.importFile(fileName, records, this.showsOwnImport !== undefined) satisfies Promise<
            Commands['importRecords']['result']
          >;
        } finally {
          this.showsOwnImport = undefined;
        }
      }
      case 'removeImport': {
        const fileName = checkFileName(message.params.fileName);
        return this.log.removeImport(fileName) satisfies Promise<Commands['removeImport']['result']>;
      }
      case 'removeQueueEntry': {
        const result = await removeQueueEntry(this.requireEngine().pageClient, message.params);
        this.scheduleRefresh();
        return result satisfies Commands['removeQueueEntry']['result'];
      }
      case 'exportQueue': {
        const entries = await exportQueue(this.requireEngine().pageClient, message.params.queueName);
        return { exportedAt: Date.now(), entries } satisfies Commands['exportQueue']['result'];
      }
      case 'setFailure': {
        const engine = this.activityEngine();
        if (!engine)
          throw new UnsupportedError(
            'Make this sync fail',
            'it needs chrome.debugger on the tab (the debugger engine).',
          );
        if (message.params.plan === null) await engine.faults.disarm();
        else await engine.faults.arm(checkFailurePlan(message.params.plan));
        return { failure: engine.faults.state ?? null } satisfies Commands['setFailure']['result'];
      }
      case 'requestDetail': {
        const detail = this.activity()?.detail(String(message.params.key));
        if (!detail)
          throw new Error('This request is no longer held (only the last 500 are, until the extension restarts).');
        return detail satisfies Commands['requestDetail']['result'];
      }
      case 'setRetention': {
        const retention = { maxAgeMs: message.params.maxAgeMs, maxRecords: message.params.maxRecords };
        if (!isValidRetention(retention))
          throw new Error('Retention must keep between 1 and 1,000,000 events for between 1 second and 366 days.');
        await writeSettings({ retention });
        this.log.setRetention(retention);
        await this.log.flush();
        return this.log.retentionState() satisfies Commands['setRetention']['result'];
      }
    }
  }

  private async fire(params: Commands['fire']['params']): Promise<Commands['fire']['result']> {
    const engine = this.requireEngine();
    const before = retryStateFor(this.log.all(), params);
    await this.watchDispatch(params.scope);
    const result = await engine.fire(params);
    this.scheduleRefresh();
    if (!params.periodic && before.inBackoff) {
      const when = before.nextAttemptAt ? ` (about ${new Date(before.nextAttemptAt).toLocaleTimeString()})` : '';
      result.note =
        `"${params.tag}" was waiting in retry back-off. Your handler ran now, but Chrome's own registration ` +
        `stays pending until its next scheduled attempt${when}.`;
    }
    return result;
  }

  private async hold(scope: string, offline: boolean): Promise<Commands['hold']['result']> {
    // A hold made before the protocol engine came stays with the debugger engine that made it.
    const engine =
      !offline && this.instrumenter?.heldScopes().includes(scope) ? this.instrumenter : this.requireEngine();
    const scriptURL = await this.scriptURLOf(scope);
    if (!offline) await this.watchDispatch(scope);
    await engine.hold({ scope, scriptURL }, offline);
    this.update({ heldScopes: this.heldScopes() });
    await this.refreshRegistrations();
    return { heldScopes: this.heldScopes() };
  }

  private async scriptURLOf(scope: string): Promise<string> {
    if (!this.registrations) await this.refreshRegistrations();
    const registration = this.registrations?.scopes.find((s) => s.scope === scope);
    if (!registration?.scriptURL) throw new Error(`No service worker is registered for ${scope}.`);
    return registration.scriptURL;
  }

  /** The debugger engine that records what handlers do (the engine, or the instrumenter beside it). */
  private activityEngine(): DebuggerEngine | undefined {
    return this.engine instanceof DebuggerEngine ? this.engine : this.instrumenter;
  }

  private activity() {
    return this.activityEngine()?.activity;
  }

  /** Before a dispatch we cause: the worker's requests and console are recorded during it. */
  private async watchDispatch(scope: string): Promise<void> {
    const recorder = this.activity();
    if (!recorder) return;
    // Seeing inside the sync is a bonus: the user's Fire or release never waits long for it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, WATCH_BEFORE_DISPATCH_MS)));
    const watching = this.scriptURLOf(scope).then((url) => recorder.watch(url));
    await Promise.race([watching.catch(() => {}), bound]);
    clearTimeout(timer);
  }

  private heldScopes(): string[] {
    return [...new Set([...(this.engine?.heldScopes() ?? []), ...(this.instrumenter?.heldScopes() ?? [])])];
  }

  private async simulate(params: Commands['simulate']['params']): Promise<Commands['simulate']['result']> {
    const engine = this.engine instanceof DebuggerEngine ? this.engine : this.instrumenter;
    if (!engine) throw new UnsupportedError('Simulate', this.state.capabilities.simulate.reason);
    if (typeof params.tag !== 'string' || params.tag.length === 0 || params.tag.length > MAX_TAG_LENGTH) {
      throw new Error(`A tag is 1 to ${MAX_TAG_LENGTH.toLocaleString('en-US')} characters long.`);
    }
    const scriptURL = await this.scriptURLOf(params.scope);
    return engine.simulate({ scope: params.scope, scriptURL }, params.tag, params.lastChance === true);
  }

  private async clearView(): Promise<Commands['clearView']['result']> {
    const clearedBefore = Date.now();
    await writeSettings({ clearedBefore });
    this.state = { ...this.state, clearedBefore };
    this.broadcast({ type: 'cleared', clearedBefore });
    return { clearedBefore };
  }

  private requireEngine(): Engine {
    if (!this.engine)
      throw new Error(this.state.phase === 'failed' ? this.state.message : 'Not connected yet: try again in a moment.');
    return this.engine;
  }

  private async reconnect(): Promise<void> {
    this.dropEngine();
    await this.connect();
  }

  private connect(): Promise<void> {
    this.connecting ??= this.doConnect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async doConnect(): Promise<void> {
    clearTimeout(this.protocolRetry);
    const settings = await readSettings();
    const protocol = {
      port: settings.port,
      reachable: false,
      launchFlags: launchFlags(settings.port, chrome.runtime.id),
    };
    this.update({ phase: 'connecting', message: 'Connecting…', clearedBefore: settings.clearedBefore, protocol });
    try {
      const engine = await ProtocolEngine.connect(
        this.tabId,
        settings.port,
        this.sinkFor(() => engine),
      );
      if (this.disposed) return engine.dispose();
      if (!settings.recording) await engine.setRecording(false);
      this.useEngine(engine, {
        protocol: { ...protocol, reachable: true },
        recording: settings.recording,
        message: `Protocol engine: Chrome's debugging port ${settings.port}. Full sync log, Fire sync now, Hold offline.`,
      });
      await this.attachInstrumenter();
      return;
    } catch (error) {
      protocol.reachable = false;
      (protocol as SessionState['protocol']).error = errorMessage(error);
    }
    try {
      // The instrumenter, if the protocol engine had one, carries on as the engine: no second attach.
      const engine: DebuggerEngine =
        this.instrumenter ??
        (await DebuggerEngine.attach(
          this.tabId,
          this.sinkFor(() => engine),
        ));
      if (this.disposed) return engine.dispose();
      this.instrumenter = undefined;
      this.useEngine(engine, {
        protocol,
        recording: false,
        message:
          `Debugger engine: the protocol engine is not reachable on port ${settings.port}. ` +
          `Tags, the instrumented sync log, Hold offline, Re-register and Simulate work here; for Chrome's stored log and Fire sync now, start Chrome with the flags below.`,
      });
      this.protocolRetry = setTimeout(() => void this.tryUpgrade(), PROTOCOL_RETRY_MS);
    } catch (error) {
      this.update({
        engine: 'none',
        phase: 'failed',
        protocol,
        capabilities: capabilities([], 'Not connected.'),
        heldScopes: [],
        message: explainAttachError(error),
      });
    }
  }

  /** On the debugger engine: switch to the protocol engine as soon as it becomes reachable. */
  private async tryUpgrade(): Promise<void> {
    if (this.disposed || this.engine?.kind !== 'debugger') return;
    const settings = await readSettings();
    try {
      const engine = await ProtocolEngine.connect(
        this.tabId,
        settings.port,
        this.sinkFor(() => engine),
      );
      if (this.disposed || !(this.engine instanceof DebuggerEngine)) return engine.dispose();
      // The debugger engine stays, for its instrumentation (and the holds it made).
      this.instrumenter = this.engine;
      this.useEngine(engine, {
        protocol: { ...this.state.protocol, reachable: true, port: settings.port },
        recording: settings.recording,
        message: `Protocol engine: Chrome's debugging port ${settings.port}. Full sync log, Fire sync now, Hold offline.`,
      });
    } catch {
      this.protocolRetry = setTimeout(() => void this.tryUpgrade(), PROTOCOL_RETRY_MS);
    }
  }

  private useEngine(engine: Engine, patch: Partial<SessionState>): void {
    this.engine = engine;
    this.update({
      engine: engine.kind,
      phase: 'ready',
      capabilities: this.currentCapabilities(),
      heldScopes: this.heldScopes(),
      ...patch,
    });
    void this.refreshRegistrations();
  }

  /** What the engines can do together: the protocol engine's table first (its reasons win). */
  private currentCapabilities(): Capabilities {
    const tables = [this.engine, this.instrumenter]
      .filter((e): e is Engine => e !== undefined)
      .map((e) => e.capabilities);
    return tables.length ? mergeCapabilities(tables) : capabilities([], 'Not connected.');
  }

  /** Beside the protocol engine, the debugger engine instruments: reasons, durations, callers, Simulate. */
  private async attachInstrumenter(): Promise<void> {
    if (this.instrumenter || this.disposed) return;
    try {
      const engine: DebuggerEngine = await DebuggerEngine.attach(
        this.tabId,
        this.sinkFor(() => engine),
      );
      if (this.disposed || !this.engine || this.instrumenter) return engine.dispose();
      this.instrumenter = engine;
      this.update({ capabilities: this.currentCapabilities() });
    } catch (error) {
      this.notice(
        'warning',
        `Instrumentation is off (no reasons, durations, callers or Simulate): ${explainAttachError(error)}`,
      );
    }
  }

  private dropEngine(): void {
    clearTimeout(this.protocolRetry);
    const engine = this.engine;
    const instrumenter = this.instrumenter;
    this.engine = undefined;
    this.instrumenter = undefined;
    engine?.dispose();
    instrumenter?.dispose();
  }

  private sinkFor(engineOf: () => Engine | undefined): EngineSink {
    return {
      records: (records) => this.log.add(records),
      registrationsMayHaveChanged: () => this.scheduleRefresh(),
      recordingChanged: (on) => this.update({ recording: on }),
      failureChanged: (armed) => {
        if (engineOf() === this.activityEngine()) this.update({ failure: armed ? { ...armed } : null });
      },
      closed: (reason) => {
        const engine = engineOf();
        if (engine && engine === this.instrumenter && engine !== this.engine) {
          this.instrumenter = undefined;
          this.onInstrumenterClosed(reason);
          return;
        }
        if (!engine || engine !== this.engine) return;
        this.engine = undefined;
        this.onEngineClosed(engine.kind, reason);
      },
      notice: (level, text) => this.notice(level, text),
    };
  }

  private onEngineClosed(kind: Engine['kind'], reason: string): void {
    if (this.disposed) return;
    const none = {
      engine: 'none' as const,
      phase: 'failed' as const,
      heldScopes: [],
      capabilities: capabilities([], 'Not connected.'),
    };
    if (reason === 'target_closed') {
      this.instrumenter?.dispose();
      this.instrumenter = undefined;
      this.keepRecording = false;
      void setKeepRecording(this.tabId, false);
      this.update({ ...none, message: 'The inspected tab was closed.', keepRecording: false });
      return;
    }
    if (reason === 'canceled_by_user') {
      // The user said no to debugging: the keep-recording opt-in ends with it.
      this.keepRecording = false;
      void setKeepRecording(this.tabId, false);
      this.update({
        ...none,
        keepRecording: false,
        message: 'Debugging was cancelled from Chrome\'s "started debugging" bar. Click Reconnect to attach again.',
      });
      return;
    }
    this.notice('warning', `The ${kind} engine disconnected (${reason}); reconnecting.`);
    void this.connect();
  }

  /** The debugger engine beside the protocol engine went away: the protocol engine carries on alone. */
  private onInstrumenterClosed(reason: string): void {
    if (this.disposed) return;
    this.update({ capabilities: this.currentCapabilities(), heldScopes: this.heldScopes() });
    if (reason === 'target_closed') return; // the protocol engine reports the tab's end
    this.notice(
      'warning',
      reason === 'canceled_by_user'
        ? 'Instrumentation stopped: debugging was cancelled from Chrome\'s "started debugging" bar. Chrome\'s log goes on; click Reconnect to instrument again.'
        : `Instrumentation stopped (${reason}). Chrome's log goes on; click Reconnect to instrument again.`,
    );
  }

  private scheduleRefresh(): void {
    // A tab kept recording with no panel open has nobody to show registrations to: no polling.
    if (this.ports.size === 0) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refreshRegistrations(), REFRESH_DEBOUNCE_MS);
  }

  /** A throttle, not a debounce: soon after the first event, then at most once per RECORDS_REFRESH_MIN_MS. */
  private refreshForRecords(): void {
    if (this.recordsRefreshTimer !== undefined || this.ports.size === 0) return;
    const wait = Math.max(REFRESH_DEBOUNCE_MS, this.recordsRefreshAt + RECORDS_REFRESH_MIN_MS - Date.now());
    this.recordsRefreshTimer = setTimeout(() => {
      this.recordsRefreshTimer = undefined;
      this.recordsRefreshAt = Date.now();
      void this.refreshRegistrations();
    }, wait);
  }

  /** One read at a time; a request during a read runs once more after it. */
  private async refreshRegistrations(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    const engine = this.engine;
    if (!engine) return;
    const previous = this.registrations;
    this.refreshing = (async () => {
      try {
        this.registrations = await engine.readRegistrations();
        const probe = this.activityEngine()?.handlers;
        for (const scope of this.registrations.scopes) {
          const handlers = scope.scriptURL ? probe?.handlersOf(scope.scriptURL) : undefined;
          if (handlers) scope.handlers = handlers;
        }
      } catch (error) {
        if (engine !== this.engine) return;
        this.registrations = {
          origin: '',
          url: '',
          secureContext: false,
          permissions: {},
          scopes: [],
          readAt: Date.now(),
          error: `Could not read the page's registrations: ${errorMessage(error)}`,
        };
      }
      // An unchanged read (most reads a stream of events causes) would only make the panels render again.
      if (!sameRegistrations(previous, this.registrations))
        this.broadcast({ type: 'registrations', registrations: this.registrations });
    })().finally(() => (this.refreshing = undefined));
    await this.refreshing;
    if (this.refreshAgain) {
      this.refreshAgain = false;
      await this.refreshRegistrations();
    }
  }

  private onRecordsRemoved(ids: string[], reason: RemovalReason): void {
    this.broadcast({ type: 'removed', ids, reason });
    if (reason === 'retention') {
      const { maxRecords, maxAgeMs } = this.log.retentionState();
      const days = Math.round((maxAgeMs / 86_400_000) * 10) / 10;
      this.notice(
        'info',
        `Retention dropped the ${ids.length === 1 ? 'oldest event' : `${ids.length.toLocaleString('en-US')} oldest events`} ` +
          `(keeping at most ${maxRecords.toLocaleString('en-US')} events and ${days} days).`,
      );
    }
  }

  private onRecordsAdded(added: SyncRecord[]): void {
    const visible = added.filter((r) => r.time > this.state.clearedBefore);
    if (visible.length) {
      for (const port of this.ports)
        if (port !== this.showsOwnImport) this.post(port, { type: 'records', records: visible });
    }
    const origin = this.registrations?.origin;
    if (origin && added.some((r) => r.origin === origin)) this.refreshForRecords();
  }

  private update(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    this.broadcast({ type: 'state', state: this.state });
  }

  private notice(level: 'info' | 'warning' | 'error', text: string): void {
    this.broadcast({ type: 'notice', level, text });
  }

  private broadcast(message: BackgroundToPanel): void {
    for (const port of this.ports) this.post(port, message);
  }

  private post(port: Port, message: BackgroundToPanel): void {
    try {
      port.postMessage(packMessage(message));
    } catch (error) {
      console.warn('panel port is gone', error);
      this.ports.delete(port);
    }
  }
}

/** Equal but for when they were read. */
function sameRegistrations(a: OriginRegistrations | null, b: OriginRegistrations): boolean {
  return a !== null && JSON.stringify({ ...a, readAt: 0 }) === JSON.stringify({ ...b, readAt: 0 });
}

/** chrome.debugger's refusals, turned into what the user can do about them. */
export function explainAttachError(error: unknown): string {
  const text = errorMessage(error);
  if (/another debugger/i.test(text)) {
    return 'Another debugger is attached to this tab (another extension or tool). Close it, then click Reconnect.';
  }
  if (/cannot access|cannot attach|chrome:\/\/|chrome-extension:\/\/|webstore/i.test(text)) {
    return `Chrome does not let extensions debug this page (chrome:// pages, other extensions and the Web Store are off limits): ${text}`;
  }
  if (/no tab with/i.test(text)) return 'The inspected tab is gone (closed?).';
  return `Could not attach to the tab: ${text}`;
}
