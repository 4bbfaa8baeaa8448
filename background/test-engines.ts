/** Fake engines and an engine factory for unit tests of the session's parts. */
import { capabilities, type Capability } from '../extension/capabilities.ts';
import type { CdpClient } from '../extension/cdp/client.ts';
import type { FireParams, FireResult, SimulateResult } from '../extension/messages.ts';
import type { OriginRegistrations } from '../extension/model.ts';
import type { Engine, EngineFactory, EngineSink } from './engine.ts';
import type { HeldWorker } from './network-hold.ts';

export class FakeEngine implements Engine {
  readonly capabilities;
  readonly pageClient = {} as CdpClient;
  disposed = false;
  readonly held = new Set<string>();
  readonly calls: string[] = [];
  registrations: OriginRegistrations = {
    origin: 'https://app.example',
    url: 'https://app.example/',
    secureContext: true,
    permissions: {},
    scopes: [
      {
        scope: 'https://app.example/',
        workerState: 'activated',
        scriptURL: 'https://app.example/sw.js',
        syncTags: [],
        periodicTags: [],
        heldOffline: false,
      },
    ],
    readAt: 0,
  };
  fire?: (params: FireParams) => Promise<FireResult>;
  setRecording?: (on: boolean) => Promise<void>;
  simulate?: (worker: HeldWorker, tag: string, lastChance: boolean) => Promise<SimulateResult>;

  constructor(
    readonly kind: 'protocol' | 'debugger',
    readonly sink: EngineSink,
  ) {
    const granted: Capability[] =
      kind === 'protocol' ? ['history', 'fire', 'hold', 'recording'] : ['hold', 'simulate', 'outcomeDetail'];
    this.capabilities = capabilities(granted, kind === 'protocol' ? 'instrumentation only' : 'protocol only');
    if (kind === 'protocol') {
      this.fire = async (params) => {
        this.calls.push(`fire ${params.tag}`);
        return { how: 'fake dispatch' };
      };
      this.setRecording = async (on) => void this.calls.push(`recording ${on}`);
    } else {
      this.simulate = async (_worker, tag) => {
        this.calls.push(`simulate ${tag}`);
        return { outcome: 'resolved', durationMs: 1 };
      };
    }
  }

  async readRegistrations(): Promise<OriginRegistrations> {
    return {
      ...this.registrations,
      scopes: this.registrations.scopes.map((s) => ({ ...s, heldOffline: this.held.has(s.scope) })),
    };
  }

  async hold(worker: HeldWorker, offline: boolean): Promise<void> {
    if (offline) this.held.add(worker.scope);
    else this.held.delete(worker.scope);
  }

  heldScopes(): string[] {
    return [...this.held];
  }

  async reregister(): Promise<FireResult> {
    return { how: 'fake reregister' };
  }

  async unregisterPeriodic(): Promise<boolean> {
    return true;
  }

  dispose(): void {
    this.disposed = true;
  }

  /** The engine stops working, as a transport closing would say. */
  close(reason: string): void {
    this.sink.closed(reason);
  }
}

type Plan = (sink: EngineSink) => Promise<FakeEngine>;

/** A factory whose next answers the test sets; by default the protocol engine is out of reach. */
export class FakeFactory implements EngineFactory {
  made: FakeEngine[] = [];
  protocolPlan: Plan = () => Promise.reject(new Error('could not open ws://127.0.0.1:9222 (code 1006)'));
  debuggerPlan: Plan = async (sink) => new FakeEngine('debugger', sink);
  protocolAttempts = 0;

  async protocol(_tabId: number, _port: number, sink: EngineSink): Promise<Engine> {
    this.protocolAttempts++;
    const engine = await this.protocolPlan(sink);
    this.made.push(engine);
    return engine;
  }

  async debugger(_tabId: number, sink: EngineSink): Promise<Engine> {
    const engine = await this.debuggerPlan(sink);
    this.made.push(engine);
    return engine;
  }

  reachable(): void {
    this.protocolPlan = async (sink) => new FakeEngine('protocol', sink);
  }
}
