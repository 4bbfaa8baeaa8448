/**
 * The panel's commands, one handler per name, typed by `Commands` (a missing or mistyped handler is
 * a compile error). Each handler does one thing through the session's parts; `runCommand` is the only
 * way in, for a panel's message and for the router's own calls alike.
 */
import type { CommandName, Commands, SessionState } from '../extension/messages.ts';
import type { OriginRegistrations } from '../extension/model.ts';
import { retryStateFor } from '../extension/retry.ts';
import { isValidPort, isValidRetention, type Retention, type Settings } from '../extension/settings.ts';
import { checkFailurePlan } from '../extension/activity-model.ts';
import type { DebuggerEngine } from './debugger-engine.ts';
import type { Ability, Engine } from './engine.ts';
import { exportQueue, removeQueueEntry } from './sync-activity/queue-reader.ts';
import type { EngineSupervisor } from './engine-supervisor.ts';
import { checkFileName, checkImportParams, checkStoredImportParams } from './import-boundary.ts';
import type { RecordLog } from './record-log.ts';
import type { StoredImports } from './stored-imports.ts';
import { texts } from './session-texts.ts';
import { MAX_TAG_LENGTH } from '../extension/record-facts.ts';

/** At most this long does a Fire or a release wait to attach to the worker and record its requests. */
const WATCH_BEFORE_DISPATCH_MS = 1000;

export type CommandHandlers<P> = {
  [K in CommandName]: (params: Commands[K]['params'], from: P | undefined) => Promise<Commands[K]['result']>;
};

/** What the handlers act on: the session's parts, nothing of the session itself. */
export interface CommandContext<P> {
  engines: Pick<EngineSupervisor, 'engine' | 'instrumenter' | 'withAbility' | 'heldScopes' | 'reconnect'>;
  log: Pick<RecordLog, 'all' | 'importFile' | 'removeImport' | 'setRetention' | 'flush' | 'retentionState'>;
  /** Imports of files the panel handed over through the import inbox. */
  imports: Pick<StoredImports, 'import'> | undefined;
  registrations: { read(): Promise<void>; schedule(): void; readonly current: OriginRegistrations | null };
  state(): SessionState;
  update(patch: Partial<SessionState>): void;
  cleared(clearedBefore: number): void;
  /** While an import chunk is added: the panel that sent it and shows it itself (not sent back to it). */
  showOwnImport(port: P | undefined): void;
  writeSettings(patch: Partial<Settings>): Promise<void>;
  setKeepRecording(on: boolean): Promise<void>;
  now(): number;
  /** The debugger engine that records what handlers do and fakes failures (the engine, or the instrumenter). */
  activityEngine(): DebuggerEngine | undefined;
}

export async function runCommand<P, K extends CommandName>(
  handlers: CommandHandlers<P>,
  name: K,
  params: Commands[K]['params'],
  from?: P,
): Promise<Commands[K]['result']> {
  if (!Object.hasOwn(handlers, name)) throw new Error(`Unknown command: ${String(name)}`);
  return handlers[name](params, from);
}

export function commandHandlers<P>(c: CommandContext<P>): CommandHandlers<P> {
  const requireEngine = (): Engine => {
    const engine = c.engines.engine;
    if (!engine) throw new Error(c.state().phase === 'failed' ? c.state().message : texts.tryAgainSoon);
    return engine;
  };
  const serving = <K extends Ability>(ability: K, what: string, capability: keyof SessionState['capabilities']) => {
    requireEngine();
    const engine = c.engines.withAbility(ability);
    if (!engine) throw new Error(texts.unsupported(what, c.state().capabilities[capability].reason));
    return engine;
  };
  const scriptURLOf = async (scope: string): Promise<string> => {
    if (!c.registrations.current) await c.registrations.read();
    const registration = c.registrations.current?.scopes.find((s) => s.scope === scope);
    if (!registration?.scriptURL) throw new Error(texts.noWorker(scope));
    return registration.scriptURL;
  };
  /**
   * Before a dispatch we cause: the worker's requests and console are recorded during it. Seeing
   * inside the sync is a bonus: the user's Fire or release never waits long for it.
   */
  const watchDispatch = async (scope: string) => {
    const recorder = c.activityEngine()?.activity;
    if (!recorder) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, WATCH_BEFORE_DISPATCH_MS)));
    const watching = scriptURLOf(scope).then((url) => recorder.watch(url));
    await Promise.race([watching.catch(() => {}), bound]);
    clearTimeout(timer);
  };
  const clearView = async () => {
    const clearedBefore = c.now();
    await c.writeSettings({ clearedBefore });
    c.cleared(clearedBefore);
    return { clearedBefore };
  };

  return {
    refresh: async () => {
      await c.registrations.read();
      return c.registrations.current;
    },
    fire: async (params) => {
      const engine = serving('fire', 'Fire sync now', 'fire');
      // Only what was observed says whether the tag waits in back-off: an imported file is another run.
      const observed = c.log.all().filter((r) => r.source !== 'imported');
      const before = retryStateFor(observed, params);
      await watchDispatch(params.scope);
      const result = await engine.fire(params);
      c.registrations.schedule();
      if (!params.periodic && before.inBackoff) result.note = texts.backoffNote(params.tag, before.nextAttemptAt);
      return result;
    },
    hold: async ({ scope, offline }) => {
      // A hold made before the protocol engine came stays with the debugger engine that made it.
      const instrumenter = c.engines.instrumenter;
      const engine = !offline && instrumenter?.heldScopes().includes(scope) ? instrumenter : requireEngine();
      const scriptURL = await scriptURLOf(scope);
      if (!offline) await watchDispatch(scope);
      await engine.hold({ scope, scriptURL }, offline);
      c.update({ heldScopes: c.engines.heldScopes() });
      await c.registrations.read();
      return { heldScopes: c.engines.heldScopes() };
    },
    simulate: async (params) => {
      const engine = serving('simulate', 'Simulate', 'simulate');
      if (typeof params.tag !== 'string' || params.tag.length === 0 || params.tag.length > MAX_TAG_LENGTH)
        throw new Error(texts.tagLength);
      const scriptURL = await scriptURLOf(params.scope);
      return engine.simulate({ scope: params.scope, scriptURL }, params.tag, params.lastChance === true);
    },
    setKeepRecording: async (params) => {
      const on = params.on === true;
      await c.setKeepRecording(on);
      return { keepRecording: on };
    },
    setRecording: async ({ on }) => {
      await serving('setRecording', 'Recording control', 'recording').setRecording(on);
      await c.writeSettings({ recording: on });
      c.update({ recording: on });
      return { recording: on };
    },
    clearView,
    eraseChromeLog: async () => {
      await serving('eraseChromeLog', "Erasing Chrome's log", 'eraseChromeLog').eraseChromeLog();
      await clearView();
      return { erased: true };
    },
    reregister: async ({ scope, tag }) => {
      const result = await requireEngine().reregister(scope, tag);
      c.registrations.schedule();
      return result;
    },
    unregisterPeriodic: async ({ scope, tag }) => {
      const unregistered = await requireEngine().unregisterPeriodic(scope, tag);
      c.registrations.schedule();
      return { unregistered };
    },
    allowPeriodic: async ({ origin }) => {
      await serving('allowPeriodic', 'Allowing periodic sync', 'periodicPermission').allowPeriodic(origin);
      c.registrations.schedule();
      return { granted: true };
    },
    setPort: async ({ port }) => {
      if (!isValidPort(port)) throw new Error(texts.notAPort(port));
      await c.writeSettings({ port });
      await c.engines.reconnect();
      return c.state();
    },
    reconnect: async () => {
      await c.engines.reconnect();
      return c.state();
    },
    importRecords: async (params, from) => {
      const { fileName, records } = checkImportParams(params);
      // The records are added (and broadcast) synchronously inside importFile: not back to a panel that shows its own.
      c.showOwnImport(params.showsOwn === true ? from : undefined);
      try {
        return c.log.importFile(fileName, records, params.showsOwn === true && from !== undefined);
      } finally {
        c.showOwnImport(undefined);
      }
    },
    importStoredFile: async (params, from) => {
      const { key, showsOwn } = checkStoredImportParams(params);
      const own = showsOwn && from !== undefined;
      if (!c.imports) throw new Error('This extension has no import inbox.');
      return c.imports.import(key, own, (add) => {
        // As for importRecords: the records are not sent back to the panel that shows them itself.
        c.showOwnImport(own ? from : undefined);
        try {
          return add();
        } finally {
          c.showOwnImport(undefined);
        }
      });
    },
    removeImport: async ({ fileName }) => c.log.removeImport(checkFileName(fileName)),
    removeQueueEntry: async (params) => {
      const result = await removeQueueEntry(requireEngine().pageClient, params);
      c.registrations.schedule();
      return result;
    },
    exportQueue: async ({ queueName }) => ({
      exportedAt: c.now(),
      entries: await exportQueue(requireEngine().pageClient, queueName),
    }),
    setFailure: async ({ plan }) => {
      const engine = c.activityEngine();
      if (!engine)
        throw new Error(
          texts.unsupported('Make this sync fail', 'it needs chrome.debugger on the tab (the debugger engine).'),
        );
      if (plan === null) await engine.faults.disarm();
      else await engine.faults.arm(checkFailurePlan(plan));
      return { failure: engine.faults.state ?? null };
    },
    requestDetail: async ({ key }) => {
      const detail = c.activityEngine()?.activity.detail(String(key));
      if (!detail)
        throw new Error('This request is no longer held (only the last 500 are, until the extension restarts).');
      return detail;
    },
    setRetention: async ({ maxAgeMs, maxRecords }) => {
      const retention: Retention = { maxAgeMs, maxRecords };
      if (!isValidRetention(retention)) throw new Error(texts.badRetention);
      await c.writeSettings({ retention });
      c.log.setRetention(retention);
      await c.log.flush();
      return c.log.retentionState();
    },
  };
}
