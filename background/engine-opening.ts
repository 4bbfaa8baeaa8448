/**
 * Making one engine, with the sink it reports to known before the engine exists. An engine may close
 * while it is being made (an endpoint that hangs up at once): the sink then has no engine to name,
 * so the close is noted in the slot and the error says why, instead of a sink that read a variable
 * not yet assigned (the temporal-dead-zone ReferenceError that used to hide the real error).
 */
import type { ArmedFailure } from '../extension/activity-model.ts';
import type { SessionState } from '../extension/messages.ts';
import type { SyncRecord } from '../extension/model.ts';
import type { Engine, EngineSink } from './engine.ts';
import { errorMessage } from './session-texts.ts';

export interface EngineSlot {
  engine?: Engine;
  /** Why the engine closed before it was made, if it did. */
  closedEarly?: string;
}

export async function openEngine(
  kind: string,
  make: (sink: EngineSink) => Promise<Engine>,
  sinkFor: (slot: EngineSlot) => EngineSink,
): Promise<Engine> {
  const slot: EngineSlot = {};
  let engine: Engine;
  try {
    engine = await make(sinkFor(slot));
  } catch (error) {
    if (slot.closedEarly && !errorMessage(error).includes(slot.closedEarly))
      throw new Error(`${errorMessage(error)} (closed: ${slot.closedEarly})`, { cause: error });
    throw error;
  }
  if (slot.closedEarly !== undefined) {
    engine.dispose();
    throw new Error(`the ${kind} engine closed as soon as it opened (${slot.closedEarly})`);
  }
  slot.engine = engine;
  return engine;
}

/** What the engine's sink reports to. */
export interface SinkHost {
  records(records: SyncRecord[]): void;
  registrationsMayHaveChanged(): void;
  update(patch: Partial<SessionState>): void;
  notice(level: 'info' | 'warning' | 'error', text: string): void;
  /** "Make this sync fail" was armed, changed or disarmed (undefined) on this engine. */
  failureChanged?(engine: Engine | undefined, armed: ArmedFailure | undefined): void;
}

/** The sink of the engine in this slot: a close before the engine exists is noted in the slot. */
export function slotSink(
  slot: EngineSlot,
  host: SinkHost,
  closed: (engine: Engine, reason: string) => void,
): EngineSink {
  return {
    records: (records) => host.records(records),
    registrationsMayHaveChanged: () => host.registrationsMayHaveChanged(),
    recordingChanged: (on) => host.update({ recording: on }),
    notice: (level, text) => host.notice(level, text),
    failureChanged: (armed) => host.failureChanged?.(slot.engine, armed),
    closed: (reason) => {
      if (slot.engine) closed(slot.engine, reason);
      else slot.closedEarly ??= reason;
    },
  };
}
