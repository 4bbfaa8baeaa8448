/** What the bench asks the demo PWA to do, as its page would (window.demo). */
import type { Page } from 'puppeteer-core';

interface DemoApi {
  demo: {
    send(message: { to: string; subject: string; body: string }): Promise<unknown>;
    registerTag(tag: string): Promise<void>;
  };
}

export function sendMessage(page: Page, subject: string): Promise<unknown> {
  return page.evaluate(
    (s) => (window as unknown as DemoApi).demo.send({ to: 'ada@example.com', subject: s, body: 'bench' }),
    subject,
  );
}

export function registerTag(page: Page, tag: string): Promise<void> {
  return page.evaluate((t) => (window as unknown as DemoApi).demo.registerTag(t), tag);
}

/** Waits on the demo server's own log of sync runs (what the worker really did). */
export async function waitForSyncRuns(
  state: { syncLog: Array<Record<string, unknown>> },
  match: (e: Record<string, unknown>) => boolean,
  count = 1,
): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (state.syncLog.filter(match).length < count) {
    if (Date.now() > deadline)
      throw new Error(`bench: the demo's worker did not run the expected sync (${JSON.stringify(state.syncLog)})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
