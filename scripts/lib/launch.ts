/**
 * Launches Chrome/Chromium with Sync Inspector loaded, for `npm start`, the tests and the benchmarks.
 *
 * The extension is loaded with Extensions.loadUnpacked over --remote-debugging-pipe (puppeteer's
 * enableExtensions): Google Chrome 137+ ignores --load-extension, this works in both. The protocol
 * engine's port, when asked for, is opened beside the pipe, and only our exact origin may use it.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page, type WebWorker } from 'puppeteer-core';
import { ourExtensionId } from './extension-id.ts';
import { findChrome, INSTALL_HINT } from './find-chrome.ts';
import { DIST } from './paths.ts';

/** Flags every automated run needs here (root, no GPU, closed network): see platform facts §7. */
const QUIET_FLAGS = [
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chrome's sync retry policy, made fast (or slow) for tests: platform facts §4. */
export function syncPolicyFlags(policy: { retryDelaySec: number; periodicIntervalSec?: number }): string[] {
  const params = [
    `initial_retry_delay_sec/${policy.retryDelaySec}`,
    'retry_delay_factor/1',
    'max_sync_attempts/3',
    ...(policy.periodicIntervalSec ? [`min_periodic_sync_events_interval_sec/${policy.periodicIntervalSec}`] : []),
  ];
  return [
    '--force-fieldtrials=BackgroundSync/Test',
    `--force-fieldtrial-params=BackgroundSync.Test:${params.join('/')}`,
  ];
}

export interface LaunchOptions {
  /** Open Chrome's debugging port for the protocol engine: a number, 0 for any free port, or none. */
  debuggingPort?: number;
  headless?: boolean;
  /** A profile folder; a fresh temporary one (removed on close) when absent. */
  userDataDir?: string;
  args?: string[];
  /** Open DevTools for each new tab (headful runs). */
  devtools?: boolean;
  /**
   * Emulate no viewport even when headless: real window sizes, and puppeteer's mouse then reaches the
   * panel's frame inside DevTools (platform facts §8). Windows are then sized with Browser.setWindowBounds.
   */
  realWindows?: boolean;
  /** Added to this process's environment for Chrome (e.g. DISPLAY for a headful run under Xvfb). */
  env?: Record<string, string>;
  /** Puppeteer's default flags to leave out (e.g. --enable-automation, whose infobar hides others). */
  dropDefaultArgs?: string[];
}

export interface Launched {
  browser: Browser;
  extensionId: string;
  /** The protocol engine's port, when one was opened. */
  debuggingPort?: number;
  userDataDir: string;
  /** The extension's service worker (started if it was not running). */
  extensionWorker(): Promise<WebWorker>;
  close(): Promise<void>;
}

/**
 * Opens one of our pages. Seen on a loaded machine: right after the launch, Chrome can answer
 * ERR_BLOCKED_BY_CLIENT for the extension's pages (the extension not enabled yet); polled until it is.
 */
async function openOurPage(page: Page, url: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await page.goto(url);
      return;
    } catch (error) {
      if (!String(error).includes('ERR_BLOCKED_BY_CLIENT') || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<Launched> {
  const executablePath = findChrome();
  if (!executablePath) throw new Error(INSTALL_HINT);
  if (!existsSync(join(DIST, 'manifest.json'))) throw new Error('dist/ is not built: run `npm run build` first.');
  const extensionId = ourExtensionId();
  const temporaryProfile = !options.userDataDir;
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'sync-inspector-')));
  const portFlags =
    options.debuggingPort === undefined
      ? []
      : [
          `--remote-debugging-port=${options.debuggingPort}`,
          `--remote-allow-origins=chrome-extension://${extensionId}`,
        ];
  const headless = options.headless ?? true;
  const browser = await puppeteer.launch({
    executablePath,
    headless,
    pipe: true,
    enableExtensions: [DIST],
    userDataDir,
    defaultViewport: headless && !options.realWindows ? { width: 1280, height: 800 } : null,
    devtools: options.devtools ?? false,
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
    ...(options.dropDefaultArgs ? { ignoreDefaultArgs: options.dropDefaultArgs } : {}),
    // The pipe flag is named here because a port flag in args stops puppeteer from adding it.
    args: [
      '--remote-debugging-pipe',
      ...portFlags,
      ...QUIET_FLAGS,
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ...(options.args ?? []),
    ],
  });
  const debuggingPort =
    options.debuggingPort === undefined ? undefined : await activePort(userDataDir, options.debuggingPort);

  const extensionWorker = async (): Promise<WebWorker> => {
    const url = `chrome-extension://${extensionId}/background.js`;
    let target = browser.targets().find((t) => t.type() === 'service_worker' && t.url() === url);
    if (!target) {
      // A stopped extension worker wakes for an event it listens to: a port from one of our pages.
      const page = await browser.newPage();
      await openOurPage(page, `chrome-extension://${extensionId}/devtools.html`);
      const started = browser.waitForTarget((t) => t.type() === 'service_worker' && t.url() === url, {
        timeout: 10_000,
      });
      await page.evaluate(() => void chrome.runtime.connect(chrome.runtime.id, { name: 'wake' }));
      target = await started;
      await page.close();
    }
    const worker = await target.worker();
    if (!worker) throw new Error('the extension service worker has no worker handle');
    // A worker caught while it starts can be evaluated in before Chrome has bound the extension
    // APIs into it ("chrome is not defined"): wait until they are there.
    for (let attempt = 0; ; attempt++) {
      const ready = await worker
        .evaluate(() => typeof chrome !== 'undefined' && Boolean(chrome.storage?.local))
        .catch(() => false);
      if (ready) return worker;
      if (attempt >= 100) throw new Error('the extension service worker never got its chrome.* APIs');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  return {
    browser,
    extensionId,
    ...(debuggingPort !== undefined ? { debuggingPort } : {}),
    userDataDir,
    extensionWorker,
    async close() {
      await browser.close().catch(() => {});
      if (temporaryProfile) await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
    },
  };
}

/** Chrome writes the port it actually listens on (port 0: a free one) into DevToolsActivePort. */
async function activePort(userDataDir: string, asked: number): Promise<number> {
  const file = join(userDataDir, 'DevToolsActivePort');
  for (let i = 0; i < 100; i++) {
    try {
      const port = Number((await readFile(file, 'utf8')).split('\n')[0]);
      if (port > 0) return port;
    } catch {
      // not written yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  if (asked > 0) return asked;
  throw new Error('Chrome did not report its debugging port (DevToolsActivePort)');
}

/** Writes the extension's settings (e.g. the protocol engine's port) before a panel opens. */
export async function writeExtensionSettings(launched: Launched, settings: Record<string, unknown>): Promise<void> {
  const worker = await launched.extensionWorker();
  await worker.evaluate((s) => chrome.storage.local.set(s), settings);
}

/** The tab id Chrome gives a page, as the extension sees it (chrome.debugger.getTargets). */
export async function tabIdOf(launched: Launched, page: Page): Promise<number> {
  const targetId = (page.target() as unknown as { _targetId: string })._targetId;
  const worker = await launched.extensionWorker();
  const tabId = await worker.evaluate(
    async (id) => (await chrome.debugger.getTargets()).find((t) => t.id === id)?.tabId,
    targetId,
  );
  if (typeof tabId !== 'number') throw new Error(`no tab id for target ${targetId}`);
  return tabId;
}

/** Opens the panel as a normal tab for the given inspected tab (no chrome.devtools there). */
export async function openPanelPage(launched: Launched, tabId: number): Promise<Page> {
  const page = await launched.browser.newPage();
  await page.goto(`chrome-extension://${launched.extensionId}/panel.html?tabId=${tabId}`);
  return page;
}
