/**
 * "Is there a handler?" in the diagnosis, with real workers started while the panel is open: one
 * with a listener at the top level, one without any sync listener, one that adds it after its
 * first evaluation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import { checkState } from './panel-views.ts';
import { startWorkboxScenario, type WorkboxScenario } from './workbox-scenario.ts';

describe('Is there a handler? (debugger engine)', () => {
  let scenario: WorkboxScenario;
  let panel: Page;

  before(async () => {
    scenario = await startWorkboxScenario({ protocol: false });
    panel = await scenario.openPanel();
    // Started while the panel is open: attached before their scripts run.
    await scenario.page.evaluate(() =>
      (window as unknown as { app: { registerExtraWorkers(): Promise<void> } }).app.registerExtraWorkers(),
    );
    await panel.waitForFunction(() => document.querySelectorAll('section.scope').length === 4, { timeout: 15_000 });
    await panel.locator('::-p-aria(Tag to diagnose)').fill('anything');
  });
  after(() => scenario?.close());

  async function handlerCheckOf(scope: string): Promise<{ state: string; text: string }> {
    const select = 'select[aria-label="Service worker to diagnose"]';
    const href = new URL(scope, scenario.app.url).href;
    // The worker's option may be added after the scopes are listed; select() skips a missing one silently.
    await panel.waitForFunction(
      (s, v) =>
        [...((document.querySelector(s) as HTMLSelectElement | null)?.options ?? [])].some((o) => o.value === v),
      { timeout: 15_000 },
      select,
      href,
    );
    assert.deepEqual(await panel.select(select, href), [href]);
    await panel.waitForFunction(
      () => document.querySelector('[data-check="handler"]')?.getAttribute('data-state') !== 'info',
      { timeout: 15_000 },
    );
    return checkState(panel, 'anything', 'handler');
  }

  test('a listener added at the top level is found', async () => {
    const { state, text } = await handlerCheckOf('/top/');
    assert.equal(state, 'ok');
    assert.match(text, /1 'sync' listener/);
  });

  test('a worker without a sync listener is a problem, with the fix', async () => {
    const { state, text } = await handlerCheckOf('/bare/');
    assert.equal(state, 'problem');
    assert.match(text, /no 'sync' listener and no onsync/);
    assert.match(text, /at the top level of the worker script/);
  });

  test('a listener added after the first evaluation is a warning', async () => {
    const { state, text } = await handlerCheckOf('/late/');
    assert.equal(state, 'warning');
    assert.match(text, /added after its first evaluation/);
  });
});
