/**
 * Making one engine, with the sink it reports to known before the engine exists. An engine may close
 * while it is being made (an endpoint that hangs up at once): the sink then has no engine to name,
 * so the close is noted in the slot and the error says why, instead of a sink that read a variable
 * not yet assigned (the temporal-dead-zone ReferenceError that used to hide the real error).
 */
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
