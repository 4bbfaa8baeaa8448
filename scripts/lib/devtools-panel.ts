/**
 * Shows our panel inside real DevTools. It relies on a DevTools-internal API (InspectorView), so it
 * lives here alone, and its failure says so plainly.
 */
import type { Frame, Page } from 'puppeteer-core';
import { errorMessage } from '../../extension/error-message.ts';

export const PANEL_TITLE = 'Background Sync';

export async function showPanelInDevTools(page: Page, extensionId: string): Promise<{ devtools: Page; panel: Frame }> {
  const devtools = await page.openDevTools();
  // DevTools names an extension panel by its origin and its title without white space.
  const panelId = `chrome-extension://${extensionId}${PANEL_TITLE.replace(/\s/g, '')}`;
  const deadline = Date.now() + 15_000;
  let lastError = '';
  // The extension's devtools_page registers the panel shortly after DevTools loads: retry until then.
  while (Date.now() < deadline) {
    try {
      const shown = await devtools.evaluate(async (id) => {
        const legacyModule = './ui/legacy/legacy.js';
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const legacy: any = await import(legacyModule);
        const view = legacy.InspectorView.InspectorView.instance();
        if (!view.hasPanel(id)) return false;
        await view.showPanel(id);
        return true;
      }, panelId);
      if (shown) break;
      lastError = `panel ${panelId} is not registered yet`;
    } catch (error) {
      lastError = errorMessage(error);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const frameUrl = `chrome-extension://${extensionId}/panel.html`;
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    const panel = devtools.frames().find((f) => f.url().startsWith(frameUrl));
    if (panel) return { devtools, panel };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `Could not show the "${PANEL_TITLE}" panel inside DevTools through DevTools' internal InspectorView API ` +
      `(it may have changed in this Chrome version): ${lastError}`,
  );
}

/** Waits until DevTools shows the panel with this id ('sources', 'elements', …): same internal API. */
export async function waitForDevToolsPanel(devtools: Page, panelId: string, timeout = 10_000): Promise<void> {
  await devtools.waitForFunction(
    async (id) => {
      const legacyModule = './ui/legacy/legacy.js';
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const legacy: any = await import(legacyModule);
      const view = legacy.InspectorView.InspectorView.instance();
      return (view.tabbedPane?.selectedTabId ?? view.currentPanelDeprecated?.()?.name) === id;
    },
    { timeout, polling: 100 },
    panelId,
  );
}

/** Where DevTools sits and how big our panel's frame should be (CSS pixels of the panel's viewport). */
export type DockSize =
  | { side: 'right'; panelWidth: number }
  | { side: 'bottom'; panelHeight: number }
  | { side: 'undocked'; windowWidth: number; windowHeight: number };

/** The browser window of a target: the inspected tab's window when docked, DevTools' own when undocked. */
async function setWindowSize(page: Page, target: Page, width: number, height: number): Promise<void> {
  const cdp = await page.browser().target().createCDPSession();
  try {
    const targetId = (target.target() as unknown as { _targetId: string })._targetId;
    const { windowId } = await cdp.send('Browser.getWindowForTarget', { targetId });
    await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'normal', width, height } });
  } finally {
    await cdp.detach();
  }
}

/**
 * DevTools' split between the inspected page and DevTools itself (AdvancedApp's rootSplitWidget): sets
 * its size when `px` is given, and returns the size of DevTools' side along the split.
 */
async function rootSplit(devtools: Page, vertical: boolean, px?: number): Promise<number> {
  return devtools.evaluate(
    async (v, size) => {
      const emulationModule = './panels/emulation/emulation.js';
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const emulation: any = await import(emulationModule);
      const split = emulation.AdvancedApp.AdvancedApp.instance().rootSplitWidget;
      if (size !== null) split.setSidebarSize(size);
      const rect = split.sidebarElement().getBoundingClientRect();
      return v ? rect.width : rect.height;
    },
    vertical,
    px ?? null,
  );
}

/**
 * Docks DevTools as a user would (DockController, what DevTools' own dock menu calls) and sizes the
 * panel: the window first (1280x800 when docked), then DevTools' split between page and DevTools (the
 * handle a user drags; 555 px wide or 300 px tall by default) so that the panel's frame has the asked
 * size. The launch must use real windows (`realWindows`), or the sizes are the emulated viewport's.
 */
export async function dockDevTools(
  page: Page,
  devtools: Page,
  panel: Frame,
  size: DockSize,
): Promise<{ width: number; height: number }> {
  await devtools.evaluate(async (dockSide) => {
    const legacyModule = './ui/legacy/legacy.js';
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const legacy: any = await import(legacyModule);
    legacy.DockController.DockController.instance().setDockSide(dockSide);
  }, size.side);
  const panelSize = () => panel.evaluate(() => ({ width: innerWidth, height: innerHeight }));
  if (size.side === 'undocked') {
    await setWindowSize(page, devtools, size.windowWidth, size.windowHeight);
    await panel.waitForFunction((w) => innerWidth === w, { timeout: 10_000 }, size.windowWidth);
    return panelSize();
  }
  await setWindowSize(page, page, 1280, 800);
  const wide = await devtools.evaluate(() => innerWidth);
  // Wait until the frame has the new dock side's shape: full width at the bottom, a side column at the right.
  await panel.waitForFunction(
    (bottom, devtoolsWidth) => (bottom ? innerWidth === devtoolsWidth : innerWidth < devtoolsWidth - 100),
    { timeout: 10_000 },
    size.side === 'bottom',
    wide,
  );
  const vertical = size.side === 'right';
  const target = vertical ? size.panelWidth : size.panelHeight;
  // The split also holds DevTools' tab strip and borders: what it has beyond the panel's frame.
  const splitNow = await rootSplit(devtools, vertical);
  const now = await panelSize();
  const chrome = splitNow - (vertical ? now.width : now.height);
  await rootSplit(devtools, vertical, target + chrome);
  await panel.waitForFunction((v, t) => (v ? innerWidth : innerHeight) === t, { timeout: 10_000 }, vertical, target);
  return panelSize();
}

/** Where DevTools itself is drawn in its page (the side beside the inspected page, or all of it undocked). */
export async function devToolsArea(devtools: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  return devtools.evaluate(async () => {
    const emulationModule = './panels/emulation/emulation.js';
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const emulation: any = await import(emulationModule);
    const r = emulation.AdvancedApp.AdvancedApp.instance().rootSplitWidget.sidebarElement().getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
}

/**
 * Waits until the extension's devtools_page has registered our panel in this DevTools (same internal
 * API), without showing it: a measure that times showing the panel starts after DevTools is ready.
 * Its failure names what DevTools last answered.
 */
export async function waitForPanelRegistered(devtools: Page, extensionId: string, timeout = 60_000): Promise<void> {
  const panelId = `chrome-extension://${extensionId}${PANEL_TITLE.replace(/\s/g, '')}`;
  const deadline = Date.now() + timeout;
  let lastAnswer = 'no answer';
  while (Date.now() < deadline) {
    try {
      lastAnswer = await devtools.evaluate(async (id) => {
        const legacyModule = './ui/legacy/legacy.js';
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const legacy: any = await import(legacyModule);
        const view = legacy.InspectorView.InspectorView.instance();
        return view.hasPanel(id) ? 'registered' : 'not registered yet';
      }, panelId);
      if (lastAnswer === 'registered') return;
    } catch (error) {
      lastAnswer = errorMessage(error);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`DevTools did not register the "${PANEL_TITLE}" panel within ${timeout} ms: ${lastAnswer}`);
}
