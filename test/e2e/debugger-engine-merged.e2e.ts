/**
 * Both engines at once: Chromium with the debugging port (the protocol engine reads Chrome's log)
 * and the debugger engine beside it for instrumentation. One timeline: every Chrome event once,
 * instrumentation's details (duration, the handler's rejection, the register() caller) added to it,
 * no instrumented duplicates.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import {
  ChromeSyncLog,
  logRows,
  typeTag,
  openPanel,
  registerTag,
  sendMessage,
  startScenario,
  waitForLogRow,
  type Scenario,
} from './support/index.ts';

describe('both engines: one merged timeline', () => {
  let s: Scenario;
  let panel: Page;
  let chromeLog: ChromeSyncLog;

  before(async () => {
    s = await startScenario({ protocol: true, retryDelaySec: 1 });
    chromeLog = await ChromeSyncLog.observe(s.page);
    panel = await openPanel(s);
    // The debugger engine is attached beside the protocol engine once Simulate is offered.
    await typeTag(panel, 'probe');
    await panel.waitForFunction(
      () =>
        [...document.querySelectorAll('form[aria-label="Fire any tag"] button')].some(
          (b) => b.textContent === 'Simulate' && !(b as HTMLButtonElement).disabled,
        ),
      { timeout: 15_000 },
    );
  });
  after(async () => s?.close());

  it('shows each of Chrome’s events once, with what instrumentation adds', async () => {
    s.demo.setMode('ok');
    await registerTag(s.page, 'merged-ok');
    s.demo.setMode('fail');
    await sendMessage(s.page, 'merged failing');
    await chromeLog.waitFor((log) => log.attempts('sync-messages').includes('completed waitUntil rejected'));
    await waitForLogRow(panel, 'sync-messages', /^Sync completed$/, /took/);
    await waitForLogRow(panel, 'merged-ok', /^Sync completed$/, /took/);
    // Instrumented records merge as they arrive; wait until none is left over for these tags.
    await panel.waitForFunction(
      () =>
        ![...document.querySelectorAll('[role="grid"][aria-label="Sync events"] [role="row"]')].some((row) => {
          const cells = [...row.querySelectorAll('[role="gridcell"]')];
          return (
            ['merged-ok', 'sync-messages'].includes(cells[3]?.textContent ?? '') &&
            /instrumented/.test(cells[2]?.getAttribute('title') ?? '')
          );
        }),
      { timeout: 15_000 },
    );
    const rows = await logRows(panel);
    for (const tag of ['merged-ok', 'sync-messages']) {
      const mine = rows.filter((r) => r.tag === tag);
      const chromeNames = chromeLog.events
        .filter((e) => e.instanceId === tag)
        .map((e) => e.eventName)
        .sort();
      assert.deepEqual(
        mine.map((r) => r.event).sort(),
        chromeNames,
        `${tag}: the panel shows Chrome's events, each once`,
      );
      assert.ok(
        mine.every((r) => /protocol/.test(r.source)),
        `${tag}: every row is Chrome's own record`,
      );
      for (const outcome of mine.filter((r) => /failed|completed/i.test(r.event))) {
        assert.match(outcome.details, /took/, `${tag} ${outcome.event}: instrumentation added the duration`);
      }
    }
    const failed = rows.find((r) => r.tag === 'sync-messages' && r.event === 'sync event failed');
    assert.match(failed?.details ?? '', /server answered 503/, "the handler's own rejection joins Chrome's record");
    const registered = rows.find((r) => r.tag === 'merged-ok' && r.event === 'Registered sync');
    assert.match(registered?.details ?? '', /Caller: .*app\.js/, "the register() caller joins Chrome's record");
    s.demo.setMode('ok');
  });
});
