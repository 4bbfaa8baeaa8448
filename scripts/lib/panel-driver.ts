/**
 * Reads and drives the panel as a user would (roles, accessible names, what is on screen), in a
 * panel page or the panel's frame inside DevTools. Shared by the end-to-end tests, `npm start`'s
 * headless story and `npm run screenshot`. Waits are on what the user would see, never on time.
 */
import type { Frame, Page } from 'puppeteer-core';

export type Surface = Page | Frame;

export async function waitForEngine(panel: Surface, label: string): Promise<void> {
  await panel.waitForFunction(
    (l) => document.querySelector('[data-testid="engine"]')?.textContent === l,
    { timeout: 15_000 },
    label,
  );
}

/** The tag names the registrations view lists now. */
export function listedTags(panel: Surface): Promise<string[]> {
  return panel.$$eval('[data-testid="tag-name"]', (els) => els.map((e) => e.textContent ?? ''));
}

export async function waitForTagListed(panel: Surface, tag: string, listed = true): Promise<void> {
  await panel.waitForFunction(
    (t, want) => [...document.querySelectorAll('[data-testid="tag-name"]')].some((e) => e.textContent === t) === want,
    { timeout: 15_000 },
    tag,
    listed,
  );
}

export interface LogRow {
  time: string;
  origin: string;
  event: string;
  tag: string;
  details: string;
  /** "one-shot · protocol", "one-shot · instrumented", ... (the event cell's title). */
  source: string;
}

/** The log rows rendered now (the virtual list renders what is in view: keep tests' logs short). */
export function logRows(panel: Surface): Promise<LogRow[]> {
  return panel.$$eval('[role="grid"][aria-label="Sync events"] [role="row"]:not(.grid-head)', (rows) =>
    rows.map((row) => {
      const cells = [...row.querySelectorAll('[role="gridcell"]')];
      const [time, origin, event, tag, details] = cells.map((c) => c.textContent ?? '');
      const source = cells[2]?.getAttribute('title') ?? '';
      return { time: time!, origin: origin!, event: event!, tag: tag!, details: details!, source };
    }),
  );
}

/** Waits until the log shows a row for the tag whose event name matches (case-insensitive). */
export async function waitForLogRow(panel: Surface, tag: string, event: RegExp, detail?: RegExp): Promise<void> {
  await panel.waitForFunction(
    (t, eventSource, detailSource) =>
      [...document.querySelectorAll('[role="grid"][aria-label="Sync events"] [role="row"]')].some((row) => {
        const cells = [...row.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent ?? '');
        return (
          cells[3] === t &&
          new RegExp(eventSource, 'i').test(cells[2] ?? '') &&
          (detailSource === null || new RegExp(detailSource, 'i').test(cells[4] ?? ''))
        );
      }),
    { timeout: 15_000 },
    tag,
    event.source,
    detail ? detail.source : null,
  );
}

/**
 * Clicks the button with this accessible name. In the panel's frame inside DevTools, puppeteer's
 * mouse coordinates miss the out-of-process frame, so there the click is the element's own click().
 */
export async function clickButton(panel: Surface, name: string): Promise<void> {
  const locator = panel.locator(`::-p-aria(${name}[role="button"])`);
  if (isPage(panel)) {
    await locator.click();
    return;
  }
  const handle = await locator.setWaitForEnabled(true).waitHandle();
  await handle.evaluate((el) => (el as HTMLElement).click());
  await handle.dispose();
}

function isPage(surface: Surface): surface is Page {
  return typeof (surface as Page).mainFrame === 'function';
}

/** Opens the settings popover (port, keep recording, retention), unless it is open already. */
export async function openSettings(panel: Surface): Promise<void> {
  const button = await panel.waitForSelector('button[aria-label="Settings"]');
  if ((await button!.evaluate((b) => b.getAttribute('aria-expanded'))) !== 'true') {
    await button!.evaluate((b) => (b as HTMLElement).click());
  }
  await panel.waitForSelector('[role="dialog"][aria-label="Settings"]');
  await button!.dispose();
}
