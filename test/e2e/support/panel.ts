/**
 * Reading and driving the panel as a user does (roles, names, test ids): the log's rows, the
 * timeline, details and diagnosis. The basic queries are shared with `npm start`'s headless story
 * and the screenshot script (scripts/lib/panel-driver.ts) and re-exported here.
 */
import type { LogRow, Surface } from '../../../scripts/lib/panel-driver.ts';

export * from '../../../scripts/lib/panel-driver.ts';

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

/** The same pairs from the panel's rows of one source. */
export function panelAttempts(rows: LogRow[], tag: string, source: RegExp): string[] {
  return rows
    .filter((r) => r.tag === tag && source.test(r.source))
    .map((r) => {
      const name = r.event.toLowerCase();
      if (name === 'dispatched sync event')
        return `dispatched lastChance ${/lastChance yes/.test(r.details) ? 'yes' : 'no'}`;
      if (name === 'sync event failed') return 'failed';
      if (name === 'sync completed') return `completed ${/status ([a-zA-Z ]+?)( ·|$)/.exec(r.details)?.[1] ?? '?'}`;
      return undefined;
    })
    .filter((d): d is string => d !== undefined);
}

export async function waitForText(panel: Surface, pattern: RegExp, timeout = 15_000): Promise<void> {
  await panel.waitForFunction(
    (source) => new RegExp(source).test(document.body.textContent ?? ''),
    { timeout },
    pattern.source,
  );
}

/** Types a tag into "Fire any tag", replacing what is there. */
export async function typeTag(panel: Surface, tag: string): Promise<void> {
  await panel.$eval('input[aria-label="Tag to fire"]', (input) => {
    (input as HTMLInputElement).value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await panel.locator('::-p-aria(Tag to fire)').fill(tag);
  await panel.waitForFunction(
    (t) => (document.querySelector('input[aria-label="Tag to fire"]') as HTMLInputElement).value === t,
    {},
    tag,
  );
}
