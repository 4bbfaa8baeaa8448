/**
 * Export from a real run, import into a fresh profile: the same timeline. A DevTools "Save events"
 * file (made from Chrome's own log through a trusted protocol client, exactly what DevTools saves)
 * imports too. Hostile records are refused at the background's boundary, and 100,000 events load.
 *
 * The files are made and parsed by the codecs (extension/codecs), the same code the panel runs; the
 * records go to the background through its importRecords command, sent from the panel page over a
 * port (the panel's Import control hands the file over instead: import-inbox.e2e.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Protocol } from 'devtools-protocol';
import type { Page } from 'puppeteer-core';
import { exportRecords, parseImport } from '../../extension/codecs/index.ts';
import { IMPORT_CHUNK_RECORDS } from '../../extension/messages.ts';
import type { SyncRecord } from '../../extension/model.ts';
import {
  launchWithExtension,
  openPanelPage,
  tabIdOf,
  writeExtensionSettings,
  type Launched,
} from '../../scripts/lib/launch.ts';
import {
  openPanel,
  sendMessage,
  startScenario,
  waitUntil,
  waitForEngine,
  waitForLogRow,
  waitForSyncLog,
  type DemoWindow,
  type Scenario,
  backgroundCommand,
  makeRecords,
  storedRecordCount,
  storedRecords,
  waitForStored,
  welcomeRecordCount,
} from './support/index.ts';

/** What must survive a round trip: everything but where the record came from. */
function comparable(records: SyncRecord[]) {
  return records
    .map(({ source: _s, sourceFile: _f, ...rest }) => rest)
    .sort((a, b) => a.time - b.time || a.id.localeCompare(b.id));
}

async function importText(
  panel: Page,
  tabId: number,
  text: string,
  fileName: string,
): Promise<{ added: number; duplicates: number }> {
  const parsed = parseImport(text, fileName);
  assert.ok(parsed.ok, JSON.stringify(parsed));
  let added = 0;
  let duplicates = 0;
  for (let i = 0; i < parsed.records.length; i += IMPORT_CHUNK_RECORDS) {
    const result = await backgroundCommand(panel, tabId, 'importRecords', {
      fileName,
      records: parsed.records.slice(i, i + IMPORT_CHUNK_RECORDS),
    });
    added += result.added;
    duplicates += result.duplicates;
  }
  return { added, duplicates };
}

describe('export and import', () => {
  let run: Scenario;
  let observed: SyncRecord[];
  let jsonExport: string;
  let devtoolsFile: string;
  let fresh: Launched;
  let freshPanel: Page;
  let freshTab: number;

  before(async () => {
    // A real run: a sync that fails (and is scheduled for a retry), then one that succeeds.
    run = await startScenario({ protocol: true, retryDelaySec: 600 });
    const panel = await openPanel(run);
    run.demo.setMode('fail');
    await sendMessage(run.page, 'first');
    await waitForLogRow(panel, 'sync-messages', /^sync event failed$/);
    run.demo.setMode('ok');
    await run.page.evaluate(() => (window as unknown as DemoWindow).demo.registerTag('refresh-news'));
    await waitForSyncLog(run.demo, (e) => e.tag === 'refresh-news' && e.outcome === 'ok');
    await waitForLogRow(panel, 'refresh-news', /^Sync completed$/);

    // What DevTools' "Save events" would write: Chrome's log, read by a trusted protocol client.
    const cdp = await run.page.createCDPSession();
    const events: Protocol.BackgroundService.BackgroundServiceEvent[] = [];
    cdp.on('BackgroundService.backgroundServiceEventReceived', (e) => events.push(e.backgroundServiceEvent));
    await cdp.send('BackgroundService.startObserving', { service: 'backgroundSync' });
    await waitForStored(panel, 'refresh-news', /^Sync completed$/);
    observed = (await storedRecords(panel)).filter((r) => r.origin === run.demo.url && r.service === 'backgroundSync');
    const chromeEvents = () => events.filter((e) => e.origin === run.demo.url);
    await waitUntil(
      () => chromeEvents().length >= observed.length,
      () => `Chrome replayed ${chromeEvents().length} events; the extension stored ${observed.length}`,
    );
    assert.equal(chromeEvents().length, observed.length, 'Chrome replays as many events as the extension stored');
    devtoolsFile = JSON.stringify(chromeEvents());
    jsonExport = exportRecords(observed, 'json', { origin: run.demo.url, now: Date.now(), filtered: false }).text;
    await run.launched.close();

    // A fresh profile, with no debugging port: nothing of the run can reach it but the files.
    fresh = await launchWithExtension();
    await writeExtensionSettings(fresh, { port: 1 });
    const page = await fresh.browser.newPage();
    await page.goto(run.demo.url);
    await page.evaluate(() => (window as unknown as DemoWindow).demo.ready.then(() => true));
    freshTab = await tabIdOf(fresh, page);
    freshPanel = await openPanelPage(fresh, freshTab);
    await waitForEngine(freshPanel, 'Debugger engine');
  });

  after(async () => {
    await fresh?.close();
    await run?.close();
  });

  it('imports our JSON export into a fresh profile: the same records, marked as imported', async () => {
    assert.ok(observed.some((r) => r.kind === 'failed') && observed.some((r) => r.status === 'succeeded'));
    const result = await importText(freshPanel, freshTab, jsonExport, 'run.json');
    assert.deepEqual(result, { added: observed.length, duplicates: 0 });
    const stored = await storedRecords(freshPanel);
    assert.deepEqual(comparable(stored), comparable(observed));
    assert.ok(stored.every((r) => r.source === 'imported' && r.sourceFile === 'run.json'));
    await waitForLogRow(freshPanel, 'sync-messages', /^sync event failed$/);
    await waitForLogRow(freshPanel, 'refresh-news', /^Sync completed$/, /status succeeded/);
  });

  it('importing the same file again adds nothing', async () => {
    assert.deepEqual(await importText(freshPanel, freshTab, jsonExport, 'run.json'), {
      added: 0,
      duplicates: observed.length,
    });
    assert.equal(await storedRecordCount(freshPanel), observed.length);
  });

  it('imports a DevTools "Save events" file: the records the extension observed live, with their ids', async () => {
    assert.deepEqual(await backgroundCommand(freshPanel, freshTab, 'removeImport', { fileName: 'run.json' }), {
      removed: observed.length,
    });
    const result = await importText(freshPanel, freshTab, devtoolsFile, 'backgroundSync-20261124T031500.json');
    assert.deepEqual(result, { added: observed.length, duplicates: 0 });
    // A DevTools file holds Chrome's log only: what instrumentation added live is not in it.
    const chromeView = (records: SyncRecord[]) =>
      comparable(records).map(
        ({
          id,
          time,
          origin,
          registrationId,
          service,
          kind,
          eventName,
          tag,
          lastChance,
          status,
          nextAttemptDelayMs,
          reason,
        }) => ({
          id,
          time,
          origin,
          registrationId,
          service,
          kind,
          eventName,
          tag,
          lastChance,
          status,
          nextAttemptDelayMs,
          reason,
        }),
      );
    const stored = await storedRecords(freshPanel);
    assert.deepEqual(chromeView(stored), chromeView(observed));
    await waitForLogRow(freshPanel, 'sync-messages', /^Dispatched sync event$/);
  });

  it('refuses hostile records at the background, naming the problem, and stores nothing', async () => {
    const before = await storedRecordCount(freshPanel);
    const [good] = makeRecords(run.demo.url, 'hostile', 1);
    const hostile = [good, { ...good, id: 'h2', tag: { toString: 'x' } }] as unknown as SyncRecord[];
    await assert.rejects(
      backgroundCommand(freshPanel, freshTab, 'importRecords', { fileName: 'evil.json', records: hostile }),
      /Nothing was imported: records\[1\]: "tag" must be a string, not an object/,
    );
    await assert.rejects(
      backgroundCommand(freshPanel, freshTab, 'importRecords', { fileName: '../evil.json', records: [good!] }),
      /file name of 1 to 255 characters, without folders/,
    );
    assert.equal(await storedRecordCount(freshPanel), before);
  });

  it('exports the real run as valid Trace Event JSON: named process and threads, a span per attempt', async () => {
    const trace = JSON.parse(
      exportRecords(observed, 'trace', { origin: run.demo.url, now: Date.now(), filtered: false }).text,
    ) as {
      traceEvents: Array<{
        ph: string;
        ts: number;
        pid: number;
        tid: number;
        dur?: number;
        name: string;
        args?: Record<string, unknown>;
      }>;
      displayTimeUnit: string;
    };
    assert.equal(trace.displayTimeUnit, 'ms');
    for (const e of trace.traceEvents) {
      assert.ok(
        typeof e.ph === 'string' && Number.isFinite(e.ts) && Number.isInteger(e.pid) && Number.isInteger(e.tid),
        JSON.stringify(e),
      );
      if (e.ph === 'X') assert.ok(typeof e.dur === 'number' && e.dur >= 0, JSON.stringify(e));
    }
    const names = trace.traceEvents.filter((e) => e.ph === 'M').map((e) => e.args?.name);
    assert.deepEqual(names, [run.demo.url, 'sync-messages', 'refresh-news']);
    const spans = trace.traceEvents.filter((e) => e.ph === 'X');
    assert.deepEqual(
      spans.map((e) => [e.name, e.args?.outcome]),
      [
        ['sync sync-messages', 'failed'],
        ['sync refresh-news', 'succeeded'],
      ],
    );
  });

  it('loads 100,000 imported events', async () => {
    await backgroundCommand(freshPanel, freshTab, 'removeImport', { fileName: 'backgroundSync-20261124T031500.json' });
    const records = makeRecords(run.demo.url, 'bulk', 100_000, Date.now() - 100_000 * 1000);
    const text = exportRecords(records, 'json', { now: Date.now(), filtered: false }).text;
    assert.deepEqual(await importText(freshPanel, freshTab, text, 'bulk.json'), { added: 100_000, duplicates: 0 });
    assert.equal(await storedRecordCount(freshPanel), 100_000);
    // A panel opening now is sent all of them.
    assert.equal(await welcomeRecordCount(freshPanel, freshTab), 100_000);
  });
});
