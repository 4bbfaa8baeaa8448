/**
 * Reading the panel's timeline, details and diagnosis as a user sees them (roles, names, test ids).
 */
import type { Frame, Page } from 'puppeteer-core';

type Surface = Page | Frame;

export async function openTimeline(panel: Surface): Promise<void> {
  await panel.locator('::-p-aria(Timeline[role="tab"])').click();
  await panel.waitForSelector('[role="grid"][aria-label="Timeline"]');
}

/** The lane tags rendered now (lanes are virtualised: what is in view). */
export function laneTags(panel: Surface): Promise<string[]> {
  return panel.$$eval('[role="grid"][aria-label="Timeline"] [data-testid="lane-tag"]', (els) =>
    els.map((e) => e.textContent ?? ''),
  );
}

/** The kinds of the markers drawn in a tag's lane, in time order. */
export function markersOf(panel: Surface, tag: string): Promise<string[]> {
  return panel.$$eval(
    '[role="grid"][aria-label="Timeline"] [role="row"]',
    (rows, t) => {
      const row = rows.find((r) => r.querySelector('[data-testid="lane-tag"]')?.textContent === t);
      return row ? [...row.querySelectorAll('g[data-kind]')].map((g) => g.getAttribute('data-kind') ?? '') : [];
    },
    tag,
  );
}

export async function shownEventCount(panel: Surface): Promise<number> {
  const text = await panel.$eval('[data-testid="event-count"]', (e) => e.textContent ?? '');
  return Number(text.split(' ')[0]);
}

/** Clicks the table row of this tag and event name. */
export async function selectInTable(panel: Surface, tag: string, event: string): Promise<void> {
  const handle = await panel.waitForFunction(
    (t, ev) =>
      [...document.querySelectorAll('[role="grid"][aria-label="Sync events"] [role="row"]')].find((row) => {
        const cells = [...row.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent ?? '');
        return cells[3] === t && cells[2] === ev;
      }),
    {},
    tag,
    event,
  );
  await (handle as unknown as { click(): Promise<void> }).click();
  await panel.waitForFunction(() => document.querySelector('section[aria-label="Event details"]'));
}

/** One check of "Why won't it fire?" for a tag: its state and text. */
export async function checkState(panel: Surface, tag: string, id: string): Promise<{ state: string; text: string }> {
  const selector = `section[aria-label="Why won't it fire: ${tag}"] [data-check="${id}"]`;
  const el = await panel.waitForSelector(selector);
  return el!.evaluate((e) => ({ state: e.getAttribute('data-state') ?? '', text: e.textContent ?? '' }));
}
