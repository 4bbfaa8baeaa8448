import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recordFromBackgroundServiceEvent } from '../model.ts';
import { exportRecords, parseImport } from './index.ts';
import { chromeEvent, chromeRecords, chromeRun, instrumentedRecord } from './test-records.ts';

const context = { origin: 'http://localhost:8088/', now: Date.UTC(2026, 10, 24, 3, 15, 0), filtered: false };

describe('DevTools "Save events" format', () => {
  it('imports a file as DevTools writes it, mapping every event like the live log does', () => {
    const parsed = parseImport(JSON.stringify(chromeRun()), 'backgroundSync-20261124T031500.json');
    assert.ok(parsed.ok);
    assert.equal(parsed.format, 'devtools');
    const live = chromeRun().map((e) => recordFromBackgroundServiceEvent(e)!);
    assert.deepEqual(
      parsed.records,
      live.map((r) => ({ ...r, source: 'imported', sourceFile: 'backgroundSync-20261124T031500.json' })),
    );
  });

  it('exports exactly the events Chrome sent (timestamps in seconds, metadata as key/value)', () => {
    const file = exportRecords(chromeRecords(), 'devtools', context);
    assert.equal(file.fileName, 'backgroundSync-localhost_8088-20261124T031500.json');
    assert.deepEqual(JSON.parse(file.text), chromeRun());
  });

  it('round-trips: export, import, export again gives the same file and the same ids', () => {
    const first = exportRecords(chromeRecords(), 'devtools', context).text;
    const parsed = parseImport(first, 'a.json');
    assert.ok(parsed.ok);
    assert.deepEqual(
      parsed.records.map((r) => r.id),
      chromeRecords().map((r) => r.id),
    );
    assert.equal(exportRecords(parsed.records, 'devtools', context).text, first);
  });

  it('maps instrumented events Chrome also logs, and leaves out simulated ones and failed register() calls', () => {
    const records = [
      instrumentedRecord(),
      instrumentedRecord({ id: 's|1', source: 'simulated' }),
      instrumentedRecord({
        id: 'r|1',
        kind: 'registerError',
        eventName: 'register() rejected',
        source: 'instrumented',
      }),
    ];
    const events = JSON.parse(exportRecords(records, 'devtools', context).text);
    assert.equal(events.length, 1);
    assert.deepEqual(events[0], {
      timestamp: 1795487900,
      origin: 'http://localhost:8088/',
      serviceWorkerRegistrationId: '1',
      service: 'backgroundSync',
      eventName: 'Dispatched sync event',
      instanceId: 'sync-messages',
      eventMetadata: [{ key: 'Last Chance', value: 'No' }],
      storageKey: 'http://localhost:8088/',
    });
  });

  it('skips other background services with a warning, and takes numeric registration ids of older files', () => {
    const fetchEvent = { ...chromeEvent(1795487862, 'Fetch started', 'x'), service: 'backgroundFetch' };
    const numeric = { ...chromeEvent(1795487863, 'Registered sync', 'y'), serviceWorkerRegistrationId: 7 };
    const parsed = parseImport(JSON.stringify([fetchEvent, numeric]), 'f.json');
    assert.ok(parsed.ok);
    assert.equal(parsed.records.length, 1);
    assert.equal(parsed.records[0]!.registrationId, '7');
    assert.match(parsed.warnings.join('\n'), /Skipped events of other background services \("backgroundFetch"\)/);
  });

  it('names the DevTools file after the periodic service when that is all it holds', () => {
    const periodic = chromeRecords().filter((r) => r.service === 'periodicBackgroundSync');
    assert.match(exportRecords(periodic, 'devtools', context).fileName, /^periodicBackgroundSync-localhost_8088-/);
  });
});
