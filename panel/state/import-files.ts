/**
 * Imports a file the user dropped or picked. The file itself is handed to the background at once
 * (stored in the import inbox, extension/import-inbox.ts, then importStoredFile): the background
 * reads and checks it there, so nothing of 50 MB is packed and posted. Meanwhile the panel reads and
 * checks it too (parseImport), for what it shows: the records, or each problem of a refused file.
 * The two run side by side; the panel applies the records the log took once, when it answers.
 * A refused file changes nothing and says why, problem by problem.
 */
import { parseImport, sizeProblem } from '../../extension/codecs/index.ts';
import type { Commands } from '../../extension/messages.ts';
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
  const answered = await answer;
  if (!answered.ok) {
    return report({
      ...done,
      state: 'refused',
      problems: [
        `The extension did not take the file: ${answered.why} Try again (records already taken are not duplicated).`,
      ],
    });
  }
  const { added, duplicates, notAdded = [] } = answered.result;
  // The panel shows what it read itself (showsOwn), so 100,000 records do not travel back to it.
  const skip = new Set(notAdded);
  const records = skip.size ? parsed.records.filter((_, n) => !skip.has(n)) : parsed.records;
  store.applyMessage({ type: 'records', records });
  report({ ...done, state: 'done', added, duplicates });
}
