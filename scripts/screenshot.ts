#!/usr/bin/env tsx
/**
 * `npm run screenshot`: the README's pictures of the panel, from a real run of the demo PWA (a sync
 * that fails and waits in back-off, and the "send while offline" story): the panel in a wide tab, its
 * timeline, and the panel inside real DevTools docked right 400 px wide and docked at the bottom 250 px
 * tall. Not part of `npm test`, so tests leave the tree clean.
 */
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startDemoServer } from '../demo/server.mjs';
import { playSendWhileOffline } from './lib/demo-story.ts';
import { devToolsArea, dockDevTools, showPanelInDevTools } from './lib/devtools-panel.ts';
import { launchWithExtension, openPanelPage, syncPolicyFlags, tabIdOf, writeExtensionSettings } from './lib/launch.ts';
import { waitForLogRow } from './lib/panel-driver.ts';
import { ROOT } from './lib/paths.ts';

const build = spawnSync(process.execPath, [join(ROOT, 'build.mjs')], {
  cwd: ROOT,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) process.exit(build.status ?? 1);

const demo = await startDemoServer();
const launched = await launchWithExtension({
  debuggingPort: 0,
  realWindows: true,
  args: syncPolicyFlags({ retryDelaySec: 300 }),
});
try {
  await writeExtensionSettings(launched, { port: launched.debuggingPort });
  const app = await launched.browser.newPage();
  await app.goto(demo.url);
  await app.evaluate(() => (window as unknown as { demo: { ready: Promise<unknown> } }).demo.ready.then(() => true));
  const panel = await openPanelPage(launched, await tabIdOf(launched, app));
  await panel.setViewport({ width: 1280, height: 720 });
  await playSendWhileOffline(panel, app, (line) => console.log(line));
  // A failing server: the tag waits in retry back-off, as a user debugging it would see.
  demo.setMode('fail');
  await app.evaluate(() =>
    (window as unknown as { demo: { send(m: object): Promise<unknown> } }).demo.send({
      to: 'grace@example.com',
      subject: 'Server is down',
      body: '…',
    }),
  );
  await waitForLogRow(panel, 'sync-messages', /failed/i);
  await mkdir(join(ROOT, 'docs'), { recursive: true });
  const path = join(ROOT, 'docs', 'screenshot.png');
  await panel.screenshot({ path });
  console.log(`wrote ${path}`);
  // The same run as a timeline: lanes, markers, the attempt number and the next attempt.
  await panel.locator('::-p-aria(Timeline[role="tab"])').click();
  await panel.waitForSelector('[role="tab"][aria-selected="true"]#tab-timeline, [role="tab"][aria-selected="true"]');
  await panel.waitForFunction(() => document.querySelector('#log-view svg') !== null);
  const timelinePath = join(ROOT, 'docs', 'timeline.png');
  await panel.screenshot({ path: timelinePath });
  console.log(`wrote ${timelinePath}`);
  // The chosen view is kept across reopen: back to the table, which the docked pictures show.
  await panel.locator('::-p-aria(Table[role="tab"])').click();
  await panel.waitForFunction(() => document.querySelector('[role="grid"][aria-label="Sync events"]') !== null);
  await panel.close();
  // The same run inside DevTools, at the sizes people meet it most.
  const { devtools, panel: docked } = await showPanelInDevTools(app, launched.extensionId);
  await waitForLogRow(docked, 'sync-messages', /failed/i);
  for (const [name, size] of [
    ['screenshot-400.png', { side: 'right', panelWidth: 400 }],
    ['screenshot-250.png', { side: 'bottom', panelHeight: 250 }],
  ] as const) {
    await dockDevTools(app, devtools, docked, size);
    const dockedPath = join(ROOT, 'docs', name);
    await devtools.screenshot({ path: dockedPath, clip: await devToolsArea(devtools) });
    console.log(`wrote ${dockedPath}`);
  }
} finally {
  await launched.close();
  await demo.close();
}
