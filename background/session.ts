/**
 * One inspected tab: the engines serving it, its registrations, and the panels (ports) watching it.
 * The session exists while a panel for the tab is open (or the user keeps the tab recording): that
 * is when we attach, observe and keep the extension's worker awake. It only wires its parts together:
 * panel-ports.ts, engine-supervisor.ts, registrations-refresh.ts, session-commands.ts.
 */
import { capabilities } from '../extension/capabilities.ts';
import { launchFlags, type CommandName, type Commands, type SessionState } from '../extension/messages.ts';
import type { OriginRegistrations, SyncRecord } from '../extension/model.ts';
import type { Settings } from '../extension/settings.ts';
import { realClock, type Clock } from './clock.ts';
import type { DebuggerEngine } from './debugger-engine.ts';
import type { CanceledDebugging } from './debugging-canceled.ts';
import type { EngineFactory } from './engine.ts';
import { EngineSupervisor } from './engine-supervisor.ts';
import { PanelPorts, type Port } from './panel-ports.ts';
import type { RecordLog, RemovalReason } from './record-log.ts';
import type { StoredImports } from './stored-imports.ts';
import { RegistrationsRefresh } from './registrations-refresh.ts';
import { commandHandlers, runCommand, type CommandHandlers } from './session-commands.ts';
import { texts } from './session-texts.ts';

/** What a session needs from outside: chrome.* in the extension (session-deps.ts), fakes in unit tests. */
export interface SessionDeps {
  extensionId: string;
  factory: EngineFactory;
  readSettings(): Promise<Settings>;
  writeSettings(patch: Partial<Settings>): Promise<void>;
  /** Remembers the keep-recording opt-in for this tab (chrome.storage: it outlives the worker). */
  setKeepRecording(tabId: number, on: boolean): Promise<void>;
  clock?: Clock;
  tabGone?: (tabId: number) => Promise<boolean>;
  onTabLoaded?: (tabId: number, callback: () => void) => () => void;
  /** Where a cancelled debugging bar is remembered for a tab (chrome.storage.session: it outlives the worker). */
  canceledDebugging?: (tabId: number) => CanceledDebugging;
  /** Imports of files handed over through the import inbox (stored-imports.ts); none in some tests. */
  imports?: Pick<StoredImports, 'import'>;
}

export class Session<P extends Port = chrome.runtime.Port> {
  private readonly ports = new PanelPorts<P>();
  private readonly engines: EngineSupervisor;
  private readonly refresh: RegistrationsRefresh;
  private readonly handlers: CommandHandlers<P>;
  /** The user asked to stay attached while no panel is open ("keep recording this tab"). */
  private keepRecording = false;
  private state: SessionState;
  private readonly unsubscribeLog: () => void;
  /** While an import chunk is being added: the panel that sent it and adds it itself (not sent back). */
  private showsOwnImport: P | undefined;
  /** The storage problem last told to the panels, so it is said once. */
  private toldStorageProblem: string | undefined;

  constructor(
    readonly tabId: number,
    private readonly log: RecordLog,
    private readonly deps: SessionDeps,
    /** Called when the session ended with no panel open (its tab closed): the owner disposes it. */
    private readonly onIdle?: () => void,
  ) {
    const clock = deps.clock ?? realClock;
    this.state = {
      tabId,
      engine: 'none',
      phase: 'connecting',
      message: texts.connecting,
      protocol: { port: 9222, reachable: false, launchFlags: launchFlags(9222, deps.extensionId) },
      capabilities: capabilities([], texts.notConnectedYet),
      recording: false,
      heldScopes: [],
      clearedBefore: 0,
      imports: log.imports(),
      retention: log.retentionState(),
      keepRecording: false,
    };
    this.refresh = new RegistrationsRefresh(
      () => this.engines.engine,
      (registrations) => this.ports.broadcast({ type: 'registrations', registrations }),
      () => this.ports.size > 0,
      clock,
      (registrations) => this.withHandlers(registrations),
    );
    this.engines = new EngineSupervisor({
      tabId,
      extensionId: deps.extensionId,
      factory: deps.factory,
      clock,
      ...(deps.tabGone ? { tabGone: deps.tabGone } : {}),
      ...(deps.onTabLoaded ? { onTabLoaded: deps.onTabLoaded } : {}),
      ...(deps.canceledDebugging ? { canceled: deps.canceledDebugging(tabId) } : {}),
      settings: async () => {
        const settings = await deps.readSettings();
        this.update({ clearedBefore: settings.clearedBefore });
        return settings;
      },
      host: {
        records: (records) => this.log.add(records),
        registrationsMayHaveChanged: () => this.refresh.schedule(),
        update: (patch) => this.update(patch),
        notice: (level, text) => this.notice(level, text),
        engineReady: () => void this.refresh.read(),
        failureChanged: (engine, armed) => {
          if (engine && engine === this.activityEngine()) this.update({ failure: armed ? { ...armed } : null });
        },
        ended: () =>
          void this.setKeepRecording(false).finally(() => {
            // Nobody watches and nothing is kept any more: the router lets the session go.
            if (this.ports.size === 0) this.onIdle?.();
          }),
      },
    });
    this.handlers = commandHandlers<P>({
      engines: this.engines,
      log,
      registrations: this.refresh,
      state: () => this.state,
      update: (patch) => this.update(patch),
      cleared: (clearedBefore) => {
        this.state = { ...this.state, clearedBefore };
        this.ports.broadcast({ type: 'cleared', clearedBefore });
      },
      showOwnImport: (port) => (this.showsOwnImport = port),
      imports: deps.imports,
      writeSettings: (patch) => deps.writeSettings(patch),
      setKeepRecording: (on) => this.setKeepRecording(on),
      now: () => clock.now(),
      activityEngine: () => this.activityEngine(),
    });
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

  addPort(port: P): void {
    const records = this.log.visible(this.state.clearedBefore).sort((a, b) => a.time - b.time);
    this.ports.welcome(port, this.state, records, this.refresh.current);
    if (!this.ports.has(port)) return;
    if (this.log.storageProblem)
      this.ports.post(port, { type: 'notice', level: 'warning', text: this.log.storageProblem });
    if (!this.engines.engine) void this.engines.connect();
    // A session kept recording did not re-read while no panel watched: the new panel gets fresh tags.
    else if (this.ports.size === 1) this.refresh.schedule();
  }

  /** The panel painted its welcome: its older records now. */
  sendOlder(port: P): void {
    this.ports.sendOlder(port);
  }

  removePort(port: P): void {
    this.ports.remove(port);
    // Nobody sees that requests are being faked any more: stop faking them.
    if (this.ports.size === 0) void this.activityEngine()?.faults.disarm();
  }

  /** Whether an engine serves the tab now. */
  get attached(): boolean {
    return this.engines.engine !== undefined;
  }

  /** Whether the session should outlive its last panel (the user's opt-in). */
  get keepsRecording(): boolean {
    return this.keepRecording;
  }

  /** Starts a session no panel asked for yet: one kept recording, restored after a worker restart. */
  resumeKept(): Promise<void> {
    this.keepRecording = true;
    this.update({ keepRecording: true });
    return this.engines.connect();
  }

  dispose(): void {
    this.refresh.dispose();
    this.unsubscribeLog();
    this.engines.dispose();
  }

  command<K extends CommandName>(name: K, params: Commands[K]['params'], from?: P): Promise<Commands[K]['result']> {
    return runCommand(this.handlers, name, params, from);
  }

  /** Marks each scope with the sync listeners its worker's script added ("Is there a handler?"). */
  private withHandlers(registrations: OriginRegistrations): OriginRegistrations {
    const probe = this.activityEngine()?.handlers;
    for (const scope of registrations.scopes) {
      const handlers = scope.scriptURL ? probe?.handlersOf(scope.scriptURL) : undefined;
      if (handlers) scope.handlers = handlers;
    }
    return registrations;
  }

  /** The debugger engine that records what handlers do (the engine, or the instrumenter beside it). */
  private activityEngine(): DebuggerEngine | undefined {
    for (const engine of [this.engines.engine, this.engines.instrumenter])
      if (engine && 'activity' in engine && 'faults' in engine) return engine as DebuggerEngine;
    return undefined;
  }

  private async setKeepRecording(on: boolean): Promise<void> {
    await this.deps.setKeepRecording(this.tabId, on);
    this.keepRecording = on;
    this.update({ keepRecording: on });
  }

  private onRecordsRemoved(ids: string[], reason: RemovalReason): void {
    this.ports.broadcast({ type: 'removed', ids, reason });
    if (reason === 'retention') {
      const { maxRecords, maxAgeMs } = this.log.retentionState();
      this.notice('info', texts.retentionDropped(ids.length, maxRecords, maxAgeMs));
    }
  }

  private onRecordsAdded(added: SyncRecord[]): void {
    this.ports.pushRecords(
      added.filter((r) => r.time > this.state.clearedBefore),
      this.showsOwnImport,
    );
    const origin = this.refresh.current?.origin;
    if (origin && added.some((r) => r.origin === origin && r.source !== 'imported')) this.refresh.forRecords();
  }

  private update(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    this.ports.broadcast({ type: 'state', state: this.state });
  }

  private notice(level: 'info' | 'warning' | 'error', text: string): void {
    this.ports.broadcast({ type: 'notice', level, text });
  }
}
