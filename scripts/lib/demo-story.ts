/**
 * The demo's "send while offline" story, played through the panel: hold the worker offline, send
 * a message in the app, see the tag wait in the panel, release, see the sync complete in the log.
 * `npm start` plays it when there is no display; `npm run screenshot` photographs the result.
 */
import type { Page } from 'puppeteer-core';
import { clickButton, waitForLogRow, waitForTagListed, type Surface } from './panel-driver.ts';

interface DemoWindow {
  demo: { send(message: { to: string; subject: string; body: string }): Promise<unknown> };
}

export async function playSendWhileOffline(panel: Surface, app: Page, say: (line: string) => void): Promise<void> {
  await panel.waitForSelector('.scope button[aria-pressed]', { timeout: 15_000 });
  await clickButton(panel, 'Hold offline');
  await panel.waitForSelector('.scope button[aria-pressed="true"]');
  say('held the demo worker offline');
  await app.evaluate(() =>
    (window as unknown as DemoWindow).demo.send({
      to: 'ada@example.com',
      subject: 'Sent while offline',
      body: 'Hello from the train',
    }),
  );
  await waitForTagListed(panel, 'sync-messages');
  say('the app sent a message: "sync-messages" waits in the panel');
  await clickButton(panel, 'Hold offline');
  await panel.waitForSelector('.scope button[aria-pressed="false"]');
  await waitForLogRow(panel, 'sync-messages', /completed/i);
  say('released: Chrome fired "sync-messages" and the log shows it completed');
}
