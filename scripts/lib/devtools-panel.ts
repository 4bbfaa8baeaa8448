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

/**
 * Waits until the extension's devtools_page has registered our panel in this DevTools (same internal
 * API), without showing it: a measure that times showing the panel starts after DevTools is ready.
 */
export async function waitForPanelRegistered(devtools: Page, extensionId: string, timeout = 15_000): Promise<void> {
  const panelId = `chrome-extension://${extensionId}${PANEL_TITLE.replace(/\s/g, '')}`;
  await devtools.waitForFunction(
    async (id) => {
      const legacyModule = './ui/legacy/legacy.js';
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const legacy: any = await import(legacyModule).catch(() => undefined);
      return Boolean(legacy?.InspectorView?.InspectorView?.instance?.()?.hasPanel?.(id));
    },
    { timeout, polling: 100 },
    panelId,
  );
}
