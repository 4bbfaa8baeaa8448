#!/usr/bin/env tsx
/**
 * `npm start [-- --url <your app>] [--port N] [--headless] [--profile DIR]`
 *
 * Builds the extension, starts the demo PWA (unless --url), and launches Chrome/Chromium with Sync
 * Inspector, the protocol engine's debugging port and DevTools open on the "Background Sync" panel.
 * Runs until the browser closes or Ctrl-C. With no display it plays the demo's "send while
 * offline" story headless, saves screenshots, says where, and exits.
 */
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startDemoServer } from '../demo/server.mjs';
import { playSendWhileOffline } from './lib/demo-story.ts';
import { showPanelInDevTools } from './lib/devtools-panel.ts';
import { findChrome, INSTALL_HINT } from './lib/find-chrome.ts';
import { launchWithExtension, writeExtensionSettings } from './lib/launch.ts';
import { ROOT } from './lib/paths.ts';
import { errorMessage } from '../extension/error-message.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    port: { type: 'string' },
    headless: { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});

const say = (line: string) => console.log(`[sync-inspector] ${line}`);

async function main(): Promise<number> {
  const chrome = findChrome();
  if (!chrome) {
    console.error(INSTALL_HINT);
    return 1;
  }
  const build = spawnSync(process.execPath, [join(ROOT, 'build.mjs')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) return build.status ?? 1;

  const demo = values.url ? undefined : await startDemoServer({ port: await freePort(8088) });
  const appUrl = values.url ?? demo!.url;
  const headless =
    values.headless || (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);
  const debuggingPort = values.port ? Number(values.port) : await freePort(9222);
  const userDataDir = values.profile ?? join(ROOT, '.profile');
  await mkdir(userDataDir, { recursive: true });

  // Room for the app and DevTools side by side.
  const launched = await launchWithExtension({
    debuggingPort,
    headless,
    userDataDir,
    args: ['--window-size=1600,1000'],
  });
  // Written before DevTools opens, so the panel's first connection goes to the right port.
  await writeExtensionSettings(launched, { port: launched.debuggingPort });
  const app = (await launched.browser.pages())[0] ?? (await launched.browser.newPage());
  await app.goto(appUrl);
  const { devtools, panel } = await showPanelInDevTools(app, launched.extensionId);

  say(`browser:    ${chrome}${headless ? ' (headless: no display found)' : ''}`);
  say(`extension:  Sync Inspector, id ${launched.extensionId}, from dist/`);
  say(`protocol:   debugging port ${launched.debuggingPort}, open to chrome-extension://${launched.extensionId} only`);
  say(`app:        ${appUrl}${demo ? ' (the demo PWA)' : ''}`);
  say(`profile:    ${userDataDir}`);

  const shutdown = async () => {
    await launched.close();
    await demo?.close();
  };

  if (headless) {
    const out = join(ROOT, 'start-output');
    await mkdir(out, { recursive: true });
    try {
      await playSendWhileOffline(panel, app, say);
    } finally {
      await devtools.screenshot({ path: join(out, 'devtools-panel.png') });
      await app.screenshot({ path: join(out, 'demo-app.png') });
      await shutdown();
    }
    say(`screenshots of the panel and the app: ${out}`);
    return 0;
  }

  say('DevTools is open on the "Background Sync" panel. Close the browser or press Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    launched.browser.on('disconnected', () => resolve());
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await shutdown();
  return 0;
}

/** The preferred port when it is free, else any free one. */
async function freePort(preferred: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | undefined>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(undefined));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : undefined));
      });
    });
  return (await tryListen(preferred)) ?? (await tryListen(0))!;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[sync-inspector] ${errorMessage(error)}`);
    process.exit(1);
  },
);
