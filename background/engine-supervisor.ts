/**
 * Which engines serve a tab, and what happens when one goes: the protocol engine first, the debugger
 * engine as the fallback (retrying the protocol engine, backing off, and switching up when it can),
 * the debugger engine beside the protocol engine as its instrumenter, and what each way of closing
 * means. Engines are made through an injected factory, time through an injected clock.
 */
import { capabilities, mergeCapabilities, type Capabilities } from '../extension/capabilities.ts';
import { launchFlags, type SessionState } from '../extension/messages.ts';
import { Backoff, ReconnectPolicy } from './backoff.ts';
import { canceledDebuggingInMemory, type CanceledDebugging } from './debugging-canceled.ts';
import { realClock, type Clock } from './clock.ts';
import type { Ability, Engine, EngineSink } from './engine.ts';
import { openEngine, slotSink, type EngineSlot } from './engine-opening.ts';
import { errorMessage, explainAttachError, isUndebuggablePage, texts } from './session-texts.ts';
import {
  PROTOCOL_RETRY_MAX_MS,
  PROTOCOL_RETRY_MS,
  RECONNECT_MAX_MS,
  STABLE_MS,
  type SupervisorHost,
  type SupervisorOptions,
} from './supervisor-options.ts';
import { TabWatch } from './tab-watch.ts';

export { PROTOCOL_RETRY_MAX_MS, PROTOCOL_RETRY_MS, RECONNECT_MAX_MS, STABLE_MS } from './supervisor-options.ts';
export type { SupervisorHost, SupervisorOptions } from './supervisor-options.ts';

/** No engine serves the tab, and none is on its way. */
const NONE: Partial<SessionState> = { engine: 'none', phase: 'failed', heldScopes: [] };

export class EngineSupervisor {
  engine: Engine | undefined;
  /** The debugger engine beside the protocol engine, for its instrumentation; it takes over if the protocol engine drops. */
  instrumenter: Engine | undefined;
  /** Bumped by every reconnect and by dispose: an attempt of an older generation keeps nothing it made. */
  private generation = 0;
  private connecting: Promise<void> | undefined;
  private upgradeTimer: unknown;
  private reconnectTimer: unknown;
  private readonly upgradeBackoff = new Backoff(PROTOCOL_RETRY_MS, PROTOCOL_RETRY_MAX_MS);
  private readonly reconnects = new ReconnectPolicy(STABLE_MS, RECONNECT_MAX_MS);
  private readonly tab: TabWatch;
  private readonly clock: Clock;
  private readonly host: SupervisorHost;
  private readonly canceled: CanceledDebugging;

  constructor(private readonly options: SupervisorOptions) {
    this.clock = options.clock ?? realClock;
    this.host = options.host;
    this.canceled = options.canceled ?? canceledDebuggingInMemory();
    this.tab = new TabWatch(options.tabId, options);
  }

  get disposed(): boolean {
    return this.generation < 0;
  }

  /** Connects unless connected or connecting. */
  connect(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (!this.connecting) {
      const connecting: Promise<void> = this.attempt(this.generation).finally(() => {
        if (this.connecting === connecting) this.connecting = undefined;
      });
      this.connecting = connecting;
    }
    return this.connecting;
  }

  /** Drops the engines and connects afresh (the user asked: a cancelled bar no longer holds us back). */
  async reconnect(): Promise<void> {
    if (this.disposed) return;
    this.generation++;
    this.connecting = undefined;
    this.drop();
    this.reconnects.reset();
    await this.canceled.write(false).catch(() => {});
    return this.connect();
  }

  dispose(): void {
    this.generation = -Infinity;
    this.drop();
  }

  heldScopes(): string[] {
    return [...new Set([...(this.engine?.heldScopes() ?? []), ...(this.instrumenter?.heldScopes() ?? [])])];
  }

  /** What the engines can do together: the serving engine's table first (its reasons win). */
  capabilities(): Capabilities {
    const tables = [this.engine, this.instrumenter]
      .filter((e): e is Engine => e !== undefined)
      .map((e) => e.capabilities);
    return tables.length ? mergeCapabilities(tables) : capabilities([], texts.notConnected);
  }

  /** The engine that has this optional ability: the serving engine first, then the instrumenter. */
  withAbility<K extends Ability>(ability: K): (Engine & Required<Pick<Engine, K>>) | undefined {
    for (const engine of [this.engine, this.instrumenter])
      if (engine && typeof engine[ability] === 'function') return engine as Engine & Required<Pick<Engine, K>>;
    return undefined;
  }

  private drop(): void {
    this.tab.stopWatching();
    this.clock.clearTimeout(this.upgradeTimer);
    this.clock.clearTimeout(this.reconnectTimer);
    const { engine, instrumenter } = this;
    this.engine = undefined;
    this.instrumenter = undefined;
    engine?.dispose();
    instrumenter?.dispose();
  }

  private protocolInfo(port: number, reachable: boolean): SessionState['protocol'] {
    return { port, reachable, launchFlags: launchFlags(port, this.options.extensionId) };
  }

  private stale(generation: number): boolean {
    return generation !== this.generation;
  }

  private async attempt(generation: number): Promise<void> {
    this.clock.clearTimeout(this.upgradeTimer);
    const settings = await this.options.settings();
    const canceled = await this.canceled.read().catch(() => false);
    if (this.stale(generation)) return;
    const protocol = this.protocolInfo(settings.port, false);
    this.host.update({ phase: 'connecting', message: texts.connecting, protocol });
    try {
      const engine = await this.open('protocol', generation, settings.port);
      if (!engine) return;
      if (!settings.recording) await engine.setRecording?.(false);
      this.use(engine, {
        protocol: { ...protocol, reachable: true },
        recording: settings.recording,
        message: texts.protocolEngine(settings.port),
      });
      if (canceled) this.host.notice('warning', texts.instrumentationCanceled);
      else await this.attachInstrumenter(generation);
      return;
    } catch (error) {
      if (this.stale(generation)) return;
      protocol.error = errorMessage(error);
    }
    if (canceled) {
      return this.host.update({ ...NONE, protocol, capabilities: this.capabilities(), message: texts.canceledByUser });
    }
    try {
      // The instrumenter, if the protocol engine had one, carries on as the engine: no second attach.
      const carried = this.instrumenter;
      this.instrumenter = undefined;
      const engine = carried ?? (await this.open('debugger', generation));
      if (!engine) return;
      this.use(engine, { protocol, recording: false, message: texts.debuggerEngine(settings.port) });
      this.upgradeBackoff.reset();
      this.scheduleUpgrade(generation, this.upgradeBackoff.fail());
    } catch (error) {
      if (this.stale(generation)) return;
      // A load the tab watch saw may still be the page we may not debug (chrome://version finishing
      // after the detach): the tab is still away, and still watched.
      const away = this.tab.watching && isUndebuggablePage(error);
      const message = away ? texts.undebuggablePage : explainAttachError(error);
      this.host.update({ ...NONE, protocol, capabilities: capabilities([], texts.notConnected), message });
    }
  }

  /** Makes an engine (engine-opening.ts); one made for an attempt that is stale by now is disposed. */
  private async open(kind: 'protocol' | 'debugger', generation: number, port = 0): Promise<Engine | undefined> {
    const { factory, tabId } = this.options;
    const engine = await openEngine(
      kind,
      (sink) => (kind === 'protocol' ? factory.protocol(tabId, port, sink) : factory.debugger(tabId, sink)),
      (slot) => this.sinkFor(slot),
    );
    if (!this.stale(generation)) return engine;
    engine.dispose();
    return undefined;
  }

  private use(engine: Engine, patch: Partial<SessionState>): void {
    this.tab.stopWatching();
    this.engine = engine;
    this.reconnects.opened(this.clock.now());
    this.host.update({
      engine: engine.kind,
      phase: 'ready',
      capabilities: this.capabilities(),
      heldScopes: this.heldScopes(),
      ...patch,
    });
    this.host.engineReady();
  }

  private async attachInstrumenter(generation: number): Promise<void> {
    if (this.instrumenter || this.stale(generation)) return;
    try {
      const engine = await this.open('debugger', generation);
      if (!engine) return;
      if (!this.engine || this.instrumenter) return engine.dispose();
      this.instrumenter = engine;
      this.host.update({ capabilities: this.capabilities() });
    } catch (error) {
      if (this.stale(generation)) return;
      this.host.notice('warning', texts.instrumentationOff(explainAttachError(error)));
    }
  }

  private scheduleUpgrade(generation: number, delay: number): void {
    this.clock.clearTimeout(this.upgradeTimer);
    this.upgradeTimer = this.clock.setTimeout(() => void this.tryUpgrade(generation), delay);
  }

  /** On the debugger engine: switch to the protocol engine as soon as it becomes reachable. */
  private async tryUpgrade(generation: number): Promise<void> {
    if (this.stale(generation) || this.engine?.kind !== 'debugger') return;
    const settings = await this.options.settings();
    try {
      const engine = await this.open('protocol', generation, settings.port);
      if (!engine) return;
      const debuggerEngine = this.engine;
      if (debuggerEngine?.kind !== 'debugger') return engine.dispose();
      // The debugger engine stays, for its instrumentation (and the holds it made).
      this.instrumenter = debuggerEngine;
      this.use(engine, {
        protocol: this.protocolInfo(settings.port, true),
        recording: settings.recording,
        message: texts.protocolEngine(settings.port),
      });
    } catch {
      if (!this.stale(generation)) this.scheduleUpgrade(generation, this.upgradeBackoff.fail());
    }
  }

  private sinkFor(slot: EngineSlot): EngineSink {
    return slotSink(slot, this.host, (engine, reason) => {
      if (engine === this.instrumenter) {
        this.instrumenter = undefined;
        this.onInstrumenterClosed(reason);
      } else if (engine === this.engine) {
        this.engine = undefined;
        this.onEngineClosed(engine.kind, reason);
      }
    });
  }

  private onEngineClosed(kind: Engine['kind'], reason: string): void {
    if (this.disposed) return;
    this.clock.clearTimeout(this.upgradeTimer);
    if (reason === 'target_closed') {
      this.drop();
      void this.afterTargetClosed();
      return;
    }
    if (reason === 'canceled_by_user') {
      void this.canceled.write(true).catch(() => {});
      this.drop();
      this.host.update({ ...NONE, capabilities: this.capabilities(), message: texts.canceledByUser });
      this.host.ended(reason);
      return;
    }
    const { delayMs, tell } = this.reconnects.lost(this.clock.now());
    if (tell) this.host.notice('warning', texts.engineDisconnected(kind, reason));
    this.host.update({ ...NONE, capabilities: this.capabilities(), phase: 'connecting', message: texts.connecting });
    const generation = this.generation;
    this.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = this.clock.setTimeout(() => {
      if (!this.stale(generation)) void this.connect();
    }, delayMs);
  }

  /** The tab closed, or went to a page we may not debug: then attach again once it shows another page. */
  private async afterTargetClosed(): Promise<void> {
    const generation = this.generation;
    const where = await this.tab.closedOrAway(() => {
      if (!this.stale(generation) && !this.engine) void this.connect();
    });
    if (this.stale(generation)) return this.tab.stopWatching();
    const closed = where === 'closed';
    this.host.update({
      ...NONE,
      capabilities: this.capabilities(),
      message: closed ? texts.tabClosed : texts.undebuggablePage,
    });
    if (closed) this.host.ended('target_closed');
  }

  /** The debugger engine beside the protocol engine went away: the protocol engine carries on alone. */
  private onInstrumenterClosed(reason: string): void {
    if (this.disposed) return;
    this.host.update({ capabilities: this.capabilities(), heldScopes: this.heldScopes() });
    if (reason === 'target_closed') return; // the protocol engine reports the tab's end
    if (reason === 'canceled_by_user') void this.canceled.write(true).catch(() => {});
    this.host.notice(
      'warning',
      reason === 'canceled_by_user' ? texts.instrumentationCanceled : texts.instrumentationStopped(reason),
    );
  }
}
