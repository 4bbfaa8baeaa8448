/**
 * Imports a file the user dropped or picked. The file itself is handed to the background at once
 * (stored in the import inbox, extension/import-inbox.ts, then importStoredFile): the background
 * reads and checks it there, so nothing of 50 MB is packed and posted. Meanwhile the panel reads and
 * checks it too (parseImport), for what it shows: the records, or each problem of a refused file.
 * The two run side by side: the panel shows the records once read, in one go, and takes back what
 * the log did not take when it answers (nothing, usually).
 * A refused file changes nothing and says why, problem by problem.
 */
import { parseImport, sizeProblem } from '../../extension/codecs/index.ts';
import type { Commands } from '../../extension/messages.ts';
import type { SyncRecord } from '../../extension/model.ts';
import { indexedDbImportInbox, type ImportInbox } from '../../extension/import-inbox.ts';
import type { ImportReport, Store } from './store.ts';
import { errorMessage } from '../../extension/error-message.ts';

type ImportStored = Commands['importStoredFile'];
/** Hands the file to the background; resolves with its answer, rejects with why it did not take it. */
export type HandOver = (file: File) => Promise<ImportStored['result']>;

/** The panel's hand-over: the file into the inbox (committed), then the background is told its key. */
export function inboxHandOver(
  send: (params: ImportStored['params']) => Promise<ImportStored['result']>,
  inbox: ImportInbox = indexedDbImportInbox(),
): HandOver {
  return async (file) => {
    let key: number;
    try {
      key = await inbox.put(file, file.name);
    } catch (error) {
      throw new Error(`The file could not be handed to the extension: ${errorMessage(error)}`, { cause: error });
    }
    return send({ key, showsOwn: true });
  };
}

export async function importFile(file: File, store: Store, handOver: HandOver): Promise<void> {
  const report = (r: ImportReport): void => {
    store.importReport.value = r;
  };
  const base: ImportReport = { fileName: file.name, state: 'reading', problems: [], warnings: [] };
  // Before reading: a huge file would be read whole into memory only to be refused after.
  const tooLarge = sizeProblem(file.size);
  if (tooLarge) return report({ ...base, state: 'refused', problems: [tooLarge] });
  report(base);
  // The background refuses a bad file too (and drops it); the panel's own reading says why.
  const answer = handOver(file).then(
    (result) => ({ ok: true as const, result }),
    (error: unknown) => ({ ok: false as const, why: errorMessage(error) }),
  );
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    return report({
      ...base,
      state: 'refused',
      problems: [`The file could not be read: ${errorMessage(error)}`],
    });
  }
  const parsed = parseImport(text, file.name);
  if (!parsed.ok) return report({ ...base, state: 'refused', problems: parsed.problems });
  const fileName = parsed.records[0]?.sourceFile ?? file.name;
  const total = parsed.records.length;
  const done = { ...base, fileName, warnings: parsed.warnings, total };
  report({ ...done, state: 'sending', added: 0, duplicates: 0 });
  // Shown while the background still reads the file (the two run side by side); its answer then
  // takes back what the log did not take. Not while the welcome's older records load: a record
  // taken back then could be one of theirs.
  const before = store.records.value;
  const early = !store.loading.value;
  // The panel shows what it read itself (showsOwn), so 100,000 records do not travel back to it.
  if (early) store.applyMessage({ type: 'records', records: parsed.records });
  const answered = await answer;
  if (!answered.ok) {
    if (early) takeBack(store, before, parsed.records, parsed.records.keys());
    return report({
      ...done,
      state: 'refused',
      problems: [
        `The extension did not take the file: ${answered.why} Try again (records already taken are not duplicated).`,
      ],
    });
  }
  const { added, duplicates, notAdded = [] } = answered.result;
  if (early) {
    if (notAdded.length) takeBack(store, before, parsed.records, notAdded);
  } else {
    const skip = new Set(notAdded);
    store.applyMessage({ type: 'records', records: parsed.records.filter((_, n) => !skip.has(n)) });
  }
  report({ ...done, state: 'done', added, duplicates });
}

/**
 * Undoes the early showing of the records at `indexes` (the log did not take them): the version the
 * panel held before comes back, or the one the log took (a file may hold an id twice), else it goes.
 */
function takeBack(
  store: Store,
  before: readonly SyncRecord[],
  records: readonly SyncRecord[],
  indexes: Iterable<number>,
): void {
  const out = new Set(indexes);
  const ids = new Set([...out].map((i) => records[i]!.id));
  const restored = before.filter((r) => ids.has(r.id));
  const taken = records.filter((r, i) => ids.has(r.id) && !out.has(i));
  const kept = new Set([...restored, ...taken].map((r) => r.id));
  const gone = [...ids].filter((id) => !kept.has(id));
  if (gone.length) store.applyMessage({ type: 'removed', ids: gone, reason: 'import-removed' });
  if (kept.size) store.applyMessage({ type: 'records', records: [...restored, ...taken] });
}
