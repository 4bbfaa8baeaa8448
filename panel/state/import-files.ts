/**
 * Imports a file the user dropped or picked: read it, check it here (parseImport), send the good
 * records to the background in chunks (a runtime message has a size limit). A refused file changes
 * nothing and says why, problem by problem.
 */
import { parseImport, sizeProblem } from '../../extension/codecs/index.ts';
import { IMPORT_CHUNK_RECORDS, type Commands } from '../../extension/messages.ts';
import { packForPort } from '../../extension/port-records.ts';
import type { ImportReport, Store } from './store.ts';
import { errorMessage } from '../../extension/error-message.ts';

type ImportRecords = Commands['importRecords'];
/** Sends one chunk; undefined when it failed (the failure already told the user). */
export type SendChunk = (params: ImportRecords['params']) => Promise<ImportRecords['result'] | undefined>;

export async function importFile(file: File, store: Store, send: SendChunk): Promise<void> {
  const report = (r: ImportReport): void => {
    store.importReport.value = r;
  };
  const base: ImportReport = { fileName: file.name, state: 'reading', problems: [], warnings: [] };
  // Before reading: a huge file would be read whole into memory only to be refused after.
  const tooLarge = sizeProblem(file.size);
  if (tooLarge) return report({ ...base, state: 'refused', problems: [tooLarge] });
  report(base);
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
  let added = 0;
  let duplicates = 0;
  let failed = false;
  const progress = (state: 'sending' | 'done'): void =>
    report({ ...base, fileName, state, warnings: parsed.warnings, total: parsed.records.length, added, duplicates });
  progress('sending');
  // Every chunk is sent at once: the background answers each once it is stored, and stores chunks
  // that arrive together in one write (one chunk after the other waited for a write each).
  // The panel shows what it sent itself (showsOwn), so 100,000 records do not travel back to it.
  const chunks: Array<Promise<void>> = [];
  for (let i = 0; i < parsed.records.length; i += IMPORT_CHUNK_RECORDS) {
    const chunk = parsed.records.slice(i, i + IMPORT_CHUNK_RECORDS);
    const sent = send({ fileName, records: packForPort(chunk), showsOwn: true });
    chunks.push(
      sent.then((result) => {
        if (!result) {
          failed = true;
          return;
        }
        const notAdded = new Set(result.notAdded);
        const records = notAdded.size ? chunk.filter((_, n) => !notAdded.has(n)) : chunk;
        store.applyMessage({ type: 'records', records });
        added += result.added;
        duplicates += result.duplicates;
        if (!failed) progress('sending');
      }),
    );
  }
  await Promise.all(chunks);
  if (failed) {
    return report({
      ...base,
      fileName,
      state: 'refused',
      warnings: parsed.warnings,
      problems: [
        `The extension did not take all the records (${added + duplicates} of ${parsed.records.length} taken); try again (records already taken are not duplicated).`,
      ],
    });
  }
  progress('done');
}
