/**
 * Replays recorded BackgroundService events at a chosen rate: each replayed event keeps the shape of
 * a recorded one (service, event name, metadata) and gets a unique instanceId "bench-N" (its tag), so
 * its arrival and its row can be matched.
 */
import type { Protocol } from 'devtools-protocol';
import type { FakeCdp } from './fake-cdp.ts';
import type { RecordedTraffic } from './fixture.ts';
import { sleep } from './panel-session.ts';

export function replayedEvent(
  traffic: RecordedTraffic,
  seq: number,
  origin: string,
  tagPrefix = 'bench-',
): Protocol.BackgroundService.BackgroundServiceEventReceivedEvent {
  const shape = traffic.events[seq % traffic.events.length]!.params.backgroundServiceEvent;
  return {
    backgroundServiceEvent: {
      ...shape,
      timestamp: Date.now() / 1000,
      origin,
      instanceId: `${tagPrefix}${seq}`,
    },
  };
}

/** Sends `count` events at `perSecond`, on schedule (a late tick sends what is due); returns send times by tag. */
export async function replayAtRate(
  fake: FakeCdp,
  traffic: RecordedTraffic,
  origin: string,
  perSecond: number,
  count: number,
  tagPrefix = 'bench-',
): Promise<Map<string, number>> {
  const sent = new Map<string, number>();
  const start = performance.now();
  let seq = 0;
  while (seq < count) {
    const due = Math.min(count, Math.floor(((performance.now() - start) * perSecond) / 1000) + 1);
    for (; seq < due; seq++) {
      const event = replayedEvent(traffic, seq, origin, tagPrefix);
      sent.set(
        event.backgroundServiceEvent.instanceId,
        fake.emit('BackgroundService.backgroundServiceEventReceived', event),
      );
    }
    const nextAt = start + (seq * 1000) / perSecond;
    await sleep(Math.max(0, nextAt - performance.now()));
  }
  return sent;
}
