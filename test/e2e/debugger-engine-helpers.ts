/**
 * Helpers of the debugger-engine end-to-end tests: the trusted BackgroundService log read by the
 * test's own CDP session (ground truth), the panel's rows with their source, and what the extension
 * leaves attached.
 */
import type { CDPSession, Page } from 'puppeteer-core';
import type { Protocol } from 'devtools-protocol';
import type { Scenario, Surface } from './fixtures.ts';

export interface SourcedRow {
  event: string;
  tag: string;
  details: string;
  /** "one-shot · protocol", "one-shot · instrumented", ... (the event cell's title). */
  source: string;
}

export function sourcedRows(panel: Surface): Promise<SourcedRow[]> {
  return panel.$$eval('[role="grid"][aria-label="Sync events"] [role="row"]:not(.grid-head)', (rows) =>
    rows.map((row) => {
      const cells = [...row.querySelectorAll('[role="gridcell"]')];
      return {
        event: cells[2]?.textContent ?? '',
        tag: cells[3]?.textContent ?? '',
        details: cells[4]?.textContent ?? '',
        source: cells[2]?.getAttribute('title') ?? '',
      };
    }),
  );
}

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
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (Date.now() > deadline)
        throw new Error(
          `Chrome's log never matched; it has ${JSON.stringify(this.events.map((e) => [e.instanceId, e.eventName]))}`,
        );
      await new Promise((r) => setTimeout(r, 25));
    }
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

/** The same pairs from the panel's rows of one source. */
export function panelAttempts(rows: SourcedRow[], tag: string, source: RegExp): string[] {
  return rows
    .filter((r) => r.tag === tag && source.test(r.source))
    .map((r) => {
      const name = r.event.toLowerCase();
      if (name === 'dispatched sync event')
        return `dispatched lastChance ${/lastChance yes/.test(r.details) ? 'yes' : 'no'}`;
      if (name === 'sync event failed') return 'failed';
      if (name === 'sync completed') return `completed ${/status ([a-zA-Z ]+?)( ·|$)/.exec(r.details)?.[1] ?? '?'}`;
      return undefined;
    })
    .filter((d): d is string => d !== undefined);
}

/** Tabs our extension is attached to now (chrome.debugger.getTargets in its worker). */
export async function attachedTabs(s: Scenario): Promise<number[]> {
  const worker = await s.launched.extensionWorker();
  // getTargets() says attached for any client and names none: a command answers only to the one attached.
  return worker.evaluate(async () => {
    const tabs = (await chrome.debugger.getTargets())
      .filter((t) => t.attached && t.tabId !== undefined)
      .map((t) => t.tabId!);
    const ours = await Promise.all(
      tabs.map((tabId) =>
        chrome.debugger.sendCommand({ tabId }, 'Runtime.evaluate', { expression: '0' }).then(
          () => true,
          () => false,
        ),
      ),
    );
    return tabs.filter((_, i) => ours[i]);
  });
}

export async function waitForText(panel: Surface, pattern: RegExp, timeout = 15_000): Promise<void> {
  await panel.waitForFunction(
    (source) => new RegExp(source).test(document.body.textContent ?? ''),
    { timeout },
    pattern.source,
  );
}

/** Waits until our extension is no longer attached to the tab. */
export async function waitUntilDetached(s: Scenario, tabId: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await attachedTabs(s)).includes(tabId)) {
    if (Date.now() > deadline) throw new Error(`Sync Inspector is still attached to tab ${tabId}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Types a tag into "Fire any tag", replacing what is there. */
export async function typeTag(panel: Surface, tag: string): Promise<void> {
  await panel.$eval('input[aria-label="Tag to fire"]', (input) => {
    (input as HTMLInputElement).value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await panel.locator('::-p-aria(Tag to fire)').fill(tag);
  await panel.waitForFunction(
    (t) => (document.querySelector('input[aria-label="Tag to fire"]') as HTMLInputElement).value === t,
    {},
    tag,
  );
}
