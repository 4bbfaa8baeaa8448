#!/usr/bin/env -S npx tsx
/**
 * Records a real run's CDP traffic once, as bench/fixtures/demo-cdp-traffic.json: the demo PWA in
 * Chromium, a trusted CDP session observing Chrome's BackgroundService log while the demo sends a
 * message that fails three times, then syncs that succeed, and a periodic sync.
 *   npx tsx bench/record-fixture.ts
 */
import { writeFileSync } from 'node:fs';
import type { Protocol } from 'devtools-protocol';
import { CdpClient } from '../extension/cdp/client.ts';
import { CdpSessionTransport } from './lib/cdp-session-transport.ts';
import { FIXTURE_PATH, type RecordedTraffic } from './lib/fixture.ts';
import { releaseBuild } from './lib/release-build.ts';

process.env.SYNC_INSPECTOR_DIST = releaseBuild();
const { launchWithExtension, syncPolicyFlags } = await import('../scripts/lib/launch.ts');
const { startDemoServer } = await import('../demo/server.mjs');
const { readRegistrations } = await import('../background/registrations-reader.ts');

const demo = await startDemoServer({ port: 0 });
const launched = await launchWithExtension({ args: syncPolicyFlags({ retryDelaySec: 1, periodicIntervalSec: 2 }) });
try {
  const page = await launched.browser.newPage();
  await page.goto(demo.url);
  await page.evaluate(() => (window as unknown as { demo: { ready: Promise<unknown> } }).demo.ready.then(() => true));
  const session = await page.createCDPSession();
  const start = performance.now();
  const events: RecordedTraffic['events'] = [];
  session.on(
    'BackgroundService.backgroundServiceEventReceived',
    (params: Protocol.BackgroundService.BackgroundServiceEventReceivedEvent) => {
      events.push({
        atMs: Math.round((performance.now() - start) * 1000) / 1000,
        method: 'BackgroundService.backgroundServiceEventReceived',
        params,
      });
    },
  );
  for (const service of ['backgroundSync', 'periodicBackgroundSync'] as const) {
    await session.send('BackgroundService.startObserving', { service });
    await session.send('BackgroundService.setRecording', { shouldRecord: true, service });
  }
  const browserSession = await launched.browser.target().createCDPSession();
  await browserSession.send('Browser.setPermission', {
    permission: { name: 'periodic-background-sync' },
    setting: 'granted',
    origin: new URL(demo.url).origin,
  });
  const count = (name: RegExp) => events.filter((e) => name.test(e.params.backgroundServiceEvent.eventName)).length;
  const until = async (what: string, ok: () => boolean) => {
    const deadline = Date.now() + 30_000;
    while (!ok()) {
      if (Date.now() > deadline) throw new Error(`fixture: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  type Demo = {
    demo: {
      send(m: object): Promise<unknown>;
      registerTag(t: string): Promise<void>;
      registerPeriodic(t: string, i: number): Promise<void>;
    };
  };
  demo.setMode('fail');
  await page.evaluate(() =>
    (window as unknown as Demo).demo.send({ to: 'ada@example.com', subject: 'fails', body: 'x' }),
  );
  await until('three failed attempts', () => count(/^sync completed$/i) >= 1);
  demo.setMode('ok');
  await page.evaluate(() =>
    (window as unknown as Demo).demo.send({ to: 'ada@example.com', subject: 'works', body: 'x' }),
  );
  await page.evaluate(() => (window as unknown as Demo).demo.registerTag('refresh-news'));
  await until('two successes', () => count(/^sync completed$/i) >= 3);
  await page.evaluate(() => (window as unknown as Demo).demo.registerPeriodic('refresh-inbox', 1000));
  await until('a periodic sync', () => count(/^periodicsync event completed$/i) >= 1);
  // tsx compiles the reader with esbuild's keepNames, whose __name helper the page lacks.
  await page.evaluate('globalThis.__name = (f) => f');
  const registrations = await readRegistrations(new CdpClient(new CdpSessionTransport(session)));
  const traffic: RecordedTraffic = {
    recordedAt: new Date().toISOString(),
    chromium: await launched.browser.version(),
    origin: new URL(demo.url).origin + '/',
    registrations,
    events,
  };
  writeFileSync(FIXTURE_PATH, JSON.stringify(traffic, null, 1) + '\n');
  console.log(`recorded ${events.length} events into ${FIXTURE_PATH}`);
} finally {
  await launched.close();
  await demo.close();
}
