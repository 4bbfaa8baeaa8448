import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IMPORT_CHUNK_RECORDS } from '../extension/messages.ts';
import { packRecords } from '../extension/codecs/wire.ts';
import type { SyncRecord } from '../extension/model.ts';
import { checkFileName, checkImportParams, checkStoredImportParams } from './import-boundary.ts';
import { testRecord } from '../extension/test-record.ts';

const record = testRecord();

describe("the background's import boundary", () => {
  it('takes well-formed records, rebuilt from known fields only', () => {
    const { fileName, records } = checkImportParams({
      fileName: 'run.json',
      records: [{ ...record, extra: '<script>' }],
    });
    assert.equal(fileName, 'run.json');
    assert.equal('extra' in records[0]!, false);
  });

  it('refuses wrong shapes, naming the record and field', () => {
    assert.throws(
      () => checkImportParams({ fileName: 'run.json', records: [{ ...record, time: 'soon' }] }),
      /Nothing was imported: records\[0\]: "time"/,
    );
    assert.throws(() => checkImportParams({ fileName: 'run.json', records: 'all of them' }), /needs a list of records/);
    assert.throws(() => checkImportParams(null), /file name/);
  });

  it('takes records packed for the port, checked the same as a list', () => {
    const records = Array.from({ length: 100 }, (_, i) => ({ ...record, id: `p${i}` })) as SyncRecord[];
    assert.deepEqual(checkImportParams({ fileName: 'p.json', records: packRecords(records) }).records.length, 100);
    const bad = packRecords([{ ...record, time: 'soon' } as unknown as SyncRecord]);
    assert.throws(() => checkImportParams({ fileName: 'p.json', records: bad }), /Nothing was imported/);
    assert.throws(
      () => checkImportParams({ fileName: 'p.json', records: { packed: 1, json: '{' } }),
      /could not read the records/,
    );
  });

  it('refuses more than one chunk at a time', () => {
    const records = Array.from({ length: IMPORT_CHUNK_RECORDS + 1 }, (_, i) => ({ ...record, id: String(i) }));
    assert.throws(() => checkImportParams({ fileName: 'big.json', records }), /at most 5000 records at a time/);
  });

  it('refuses file names with folders, control characters, or no name at all', () => {
    for (const bad of ['', '../x.json', 'a/b.json', 'a\\b.json', 'x\u0000.json', 'x'.repeat(256), 42]) {
      assert.throws(() => checkFileName(bad), /file name of 1 to 255 characters/, String(bad));
    }
    assert.equal(checkFileName('backgroundSync-20261124T031500.json'), 'backgroundSync-20261124T031500.json');
  });
});

describe('importStoredFile at the boundary', () => {
  it('takes the key of an inbox entry, and showsOwn only when it is true', () => {
    assert.deepEqual(checkStoredImportParams({ key: 3, showsOwn: true }), { key: 3, showsOwn: true });
    assert.deepEqual(checkStoredImportParams({ key: 3, showsOwn: 'yes' }), { key: 3, showsOwn: false });
  });

  it('refuses anything else as a key, with one plain sentence', () => {
    for (const params of [undefined, null, {}, { key: '3' }, { key: 0 }, { key: -1 }, { key: 1.5 }, { key: 2 ** 60 }]) {
      assert.throws(
        () => checkStoredImportParams(params),
        /importStoredFile needs the key of a file in the import inbox/,
      );
    }
  });
});
