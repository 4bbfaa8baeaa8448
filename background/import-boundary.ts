/**
 * The background's check of what the panel sends to import. The panel is ours and has parsed and
 * validated the file already, but the port is a boundary: shapes and limits are checked again, and
 * each record is rebuilt from known fields, so nothing else reaches IndexedDB.
 */
import { cleanRecord, Findings, LIMITS } from '../extension/codecs/validate.ts';
import { IMPORT_CHUNK_RECORDS } from '../extension/messages.ts';
import type { SyncRecord } from '../extension/model.ts';
import { unpackIncoming } from '../extension/port-records.ts';
import { errorMessage } from '../extension/error-message.ts';

export function checkFileName(value: unknown): string {
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > LIMITS.fileName ||
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    /[\u0000-\u001f\u007f/\\]/.test(value)
  ) {
    throw new Error(
      `An import needs a file name of 1 to ${LIMITS.fileName} characters, without folders or control characters.`,
    );
  }
  return value;
}

/** importStoredFile's parameters: an inbox key (the file itself is read and checked from the inbox). */
export function checkStoredImportParams(params: unknown): { key: number; showsOwn: boolean } {
  const p = (typeof params === 'object' && params !== null ? params : {}) as { key?: unknown; showsOwn?: unknown };
  if (typeof p.key !== 'number' || !Number.isSafeInteger(p.key) || p.key < 1)
    throw new Error('importStoredFile needs the key of a file in the import inbox.');
  return { key: p.key, showsOwn: p.showsOwn === true };
}

export function checkImportParams(params: unknown): { fileName: string; records: SyncRecord[] } {
  const p = (typeof params === 'object' && params !== null ? params : {}) as { fileName?: unknown; records?: unknown };
  const fileName = checkFileName(p.fileName);
  let list: unknown;
  try {
    list = unpackIncoming(p.records);
  } catch (error) {
    throw new Error(`importRecords could not read the records: ${errorMessage(error)}`, { cause: error });
  }
  if (!Array.isArray(list)) throw new Error('importRecords needs a list of records.');
  if (list.length > IMPORT_CHUNK_RECORDS) {
    throw new Error(
      `importRecords takes at most ${IMPORT_CHUNK_RECORDS} records at a time; send a big file in chunks.`,
    );
  }
  const f = new Findings();
  const records: SyncRecord[] = [];
  list.forEach((value, i) => {
    const record = cleanRecord(value, `records[${i}]`, f);
    if (record) records.push(record);
  });
  if (!f.ok) throw new Error(`Nothing was imported: ${f.listedProblems().slice(0, 5).join(' ')}`);
  return { fileName, records };
}
