import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportRecords, parseImport } from './index.ts';
import { chromeRecords, instrumentedRecord } from './test-records.ts';

const context = { origin: 'http://localhost:8088/', now: Date.UTC(2026, 10, 24, 3, 15, 0), filtered: false };

describe('Sync Inspector JSON', () => {
  it('writes the versioned document with every documented field', () => {
    const file = exportRecords(chromeRecords(), 'json', context);
    assert.equal(file.fileName, 'sync-inspector-localhost_8088-20261124T031500.json');
    assert.equal(file.mimeType, 'application/json');
    const doc = JSON.parse(file.text);
    assert.deepEqual(Object.keys(doc), ['format', 'version', 'exportedAt', 'origin', 'filtered', 'records']);
    assert.equal(doc.format, 'sync-inspector');
    assert.equal(doc.version, 1);
    assert.equal(doc.exportedAt, '2026-11-24T03:15:00.000Z');
    assert.equal(doc.records.length, chromeRecords().length);
  });

  it('round-trips every record, Infinity and the original ids included', () => {
    const records = [...chromeRecords(), instrumentedRecord()];
    const parsed = parseImport(exportRecords(records, 'json', context).text, 'run.json');
    assert.ok(parsed.ok);
    assert.equal(parsed.format, 'json');
    const expected = records.map((r) => ({ ...r, source: 'imported', sourceFile: 'run.json' }));
    assert.deepEqual(parsed.records, expected);
    assert.equal(parsed.records.find((r) => r.tag === 'news' && r.kind === 'nextDelay')?.nextAttemptDelayMs, Infinity);
  });

  it('says the origin is absent for an all-origins export, and marks a filtered one', () => {
    const doc = JSON.parse(exportRecords(chromeRecords(), 'json', { now: 0, filtered: true }).text);
    assert.equal('origin' in doc, false);
    assert.equal(doc.filtered, true);
    assert.match(
      exportRecords([], 'json', { now: 0, filtered: true }).fileName,
      /^sync-inspector-all-origins-19700101T000000\.json$/,
    );
  });

  it('refuses a document of a newer version, saying so', () => {
    const text = JSON.stringify({ format: 'sync-inspector', version: 2, records: [] });
    const parsed = parseImport(text, 'new.json');
    assert.equal(parsed.ok, false);
    assert.match((parsed as { problems: string[] }).problems[0]!, /version 2, made by a newer Sync Inspector/);
  });

  it('gives records without an id a stable one, so importing twice is a no-op', () => {
    const { id: _id, ...withoutId } = chromeRecords()[0]!;
    const text = JSON.stringify({
      format: 'sync-inspector',
      version: 1,
      exportedAt: '',
      filtered: false,
      records: [withoutId],
    });
    const a = parseImport(text, 'a.json');
    const b = parseImport(text, 'a.json');
    assert.ok(a.ok && b.ok);
    assert.equal(a.records[0]!.id, b.records[0]!.id);
  });
});

describe('Sync Inspector JSON: what instrumentation adds', () => {
  it('round-trips the error, the source location and the merged instrumented id', () => {
    const record = instrumentedRecord({ instrumentedId: 'i|x|1' });
    const parsed = parseImport(exportRecords([record], 'json', context).text, 'i.json');
    assert.ok(parsed.ok);
    assert.equal(parsed.warnings.length, 0, parsed.warnings.join('\n'));
    assert.deepEqual(parsed.records[0], { ...record, source: 'imported', sourceFile: 'i.json' });
  });

  it('refuses a source location that is not {url, line, column}', () => {
    const doc = JSON.parse(exportRecords([instrumentedRecord()], 'json', context).text);
    doc.records[0].sourceLocation = { url: 'x', line: 'ten', column: 1 };
    const parsed = parseImport(JSON.stringify(doc), 'i.json');
    assert.equal(parsed.ok, false);
    assert.match(
      (parsed as { problems: string[] }).problems[0]!,
      /records\[0\]\.sourceLocation: "line" and "column" must be whole numbers/,
    );
  });
});
