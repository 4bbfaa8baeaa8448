/**
 * The panel by keyboard and by its divider, as a user works it: Ctrl+E toggles recording (as in
 * DevTools' Background services view), Tab reaches every control with a visible focus ring, menus
 * close with Escape, the table and timeline stay ARIA grids, and the split the user drags is kept.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { openPanel, openTimeline, startScenario, type Scenario } from './support/index.ts';

const recordPressed = (panel: Page) => panel.$eval('button.record', (b) => b.getAttribute('aria-pressed'));

describe('panel keyboard and layout', () => {
  let s: Scenario;
  let panel: Page;

  before(async () => {
    s = await startScenario({ protocol: true, retryDelaySec: 600 });
    panel = await openPanel(s);
    await panel.setViewport({ width: 500, height: 700 });
  });
  after(async () => s?.close());

  it('Ctrl+E stops and starts recording', async () => {
    await panel.waitForSelector('button.record[aria-pressed="true"]', { timeout: 15_000 });
    await panel.keyboard.down('Control');
    await panel.keyboard.press('KeyE');
    await panel.keyboard.up('Control');
    await panel.waitForSelector('button.record[aria-pressed="false"]', { timeout: 10_000 });
    await panel.keyboard.down('Control');
    await panel.keyboard.press('KeyE');
    await panel.keyboard.up('Control');
    await panel.waitForSelector('button.record[aria-pressed="true"]', { timeout: 10_000 });
    assert.equal(await recordPressed(panel), 'true');
  });

  it('Tab reaches every button of the top bar and the log toolbar, each with a visible focus ring', async () => {
    await panel.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const reached: Array<{ name: string; ring: boolean }> = [];
    for (let i = 0; i < 40; i++) {
      await panel.keyboard.press('Tab');
      reached.push(
        await panel.evaluate(() => {
          const e = document.activeElement as HTMLElement;
          // Past the last control, focus leaves the page for the browser: the body holds it, no control.
          if (e === document.body) return { name: '(page)', ring: true };
          const style = getComputedStyle(e);
          return {
            name: (e.getAttribute('aria-label') ?? e.textContent ?? e.tagName).trim().slice(0, 40),
            ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1,
          };
        }),
      );
    }
    const names = reached.map((r) => r.name);
    for (const name of [
      'Protocol engine',
      'Record',
      'Clear',
      'Settings',
      'More actions',
      'Table',
      'Export',
      'More log tools',
    ])
      assert.ok(names.includes(name), `${name} is reached by Tab: ${names.join(' | ')}`);
    const divider = names.find((n) => n.startsWith('Resize Registrations'));
    assert.ok(divider, 'the divider is reached by Tab');
    const unringed = reached.filter((r) => !r.ring).map((r) => r.name);
    assert.deepEqual(unringed, [], 'every focused control shows a ring');
  });

  it('a menu opens from the keyboard and Escape closes it, focus back on its button', async () => {
    await panel.focus('button[aria-label="Settings"]');
    await panel.keyboard.press('Enter');
    await panel.waitForSelector('[role="dialog"][aria-label="Settings"]');
    await panel.keyboard.press('Tab');
    assert.ok(await panel.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null), 'Tab enters it');
    await panel.keyboard.press('Escape');
    await panel.waitForFunction(() => !document.querySelector('[role="dialog"][aria-label="Settings"]'));
    assert.equal(await panel.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Settings');
  });

  it('the table and the timeline are ARIA grids', async () => {
    assert.ok(await panel.$('[role="grid"][aria-label="Sync events"]'));
    await openTimeline(panel);
    assert.ok(await panel.$('[role="grid"][aria-label="Timeline"]'));
    await panel.locator('::-p-aria(Table[role="tab"])').click();
  });

  it('the divider moves by mouse and by arrow keys, and the split is kept after reopening', async () => {
    const firstPaneHeight = () => panel.$eval('.pane-first', (e) => Math.round(e.getBoundingClientRect().height));
    const before = await firstPaneHeight();
    const box = (await (await panel.$('.divider'))!.boundingBox())!;
    await panel.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await panel.mouse.down();
    await panel.mouse.move(box.x + box.width / 2, box.y + 120, { steps: 5 });
    await panel.mouse.up();
    const dragged = await firstPaneHeight();
    assert.ok(dragged > before + 80, `dragged down: ${before} -> ${dragged}`);
    await panel.focus('.divider');
    await panel.keyboard.press('ArrowUp');
    const keyed = await firstPaneHeight();
    assert.ok(keyed < dragged, `ArrowUp moves it up: ${dragged} -> ${keyed}`);
    await panel.reload();
    await panel.waitForSelector('.pane-first');
    await panel.waitForFunction(
      (h) => Math.round(document.querySelector('.pane-first')!.getBoundingClientRect().height) === h,
      { timeout: 10_000 },
      keyed,
    );
  });
});
