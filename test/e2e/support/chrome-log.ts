/**
 * Chrome's own BackgroundService log, read by the test's own CDP session: the ground truth the
 * panel is compared with.
 */
import type { CDPSession, Page } from 'puppeteer-core';
import type { Protocol } from 'devtools-protocol';
import { waitUntil } from './wait.ts';

/** Chrome's own BackgroundService log for one-shot sync, observed by the test (a trusted client). */
export class ChromeSyncLog {
  readonly events: Protocol.BackgroundService.BackgroundServiceEvent[] = [];
  private constructor(private readonly session: CDPSession) {}

  static async observe(page: Page): Promise<ChromeSyncLog> {
    const session = await page.createCDPSession();
    const log = new ChromeSyncLog(session);
    session.on('BackgroundService.backgroundServiceEventReceived', ({ backgroundServiceEvent }) => {
      if (backgroundServiceEvent.service === 'backgroundSync') log.events.push(backgroundServiceEvent);
    });
    await session.send('BackgroundService.setRecording', { shouldRecord: true, service: 'backgroundSync' });
    await session.send('BackgroundService.startObserving', { service: 'backgroundSync' });
    return log;
  }

  /** Dispatches and outcomes of a tag, as (event name, lastChance or status) pairs, in order. */
  attempts(tag: string): string[] {
    return this.events
      .filter((e) => e.instanceId === tag)
      .sort((a, b) => a.timestamp - b.timestamp)
      .map((e) => describeChromeEvent(e))
      .filter((d): d is string => d !== undefined);
  }

  async waitFor(predicate: (log: ChromeSyncLog) => boolean, timeoutMs = 20_000): Promise<void> {
    await waitUntil(
      () => predicate(this),
      () => `Chrome's log never matched; it has ${JSON.stringify(this.events.map((e) => [e.instanceId, e.eventName]))}`,
      { timeoutMs },
    );
  }

  detach(): Promise<void> {
    return this.session.detach();
  }
}

function describeChromeEvent(e: Protocol.BackgroundService.BackgroundServiceEvent): string | undefined {
  const meta = (key: string) => e.eventMetadata.find((m) => m.key === key)?.value;
  const name = e.eventName.toLowerCase();
  if (name === 'dispatched sync event') return `dispatched lastChance ${meta('Last Chance') === 'Yes' ? 'yes' : 'no'}`;
  if (name === 'sync event failed') return 'failed';
  if (name === 'sync completed') return `completed ${meta('Status')}`;
  return undefined;
}
