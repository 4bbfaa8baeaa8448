/**
 * Imports of files the panel stored in the import inbox (extension/import-inbox.ts). The background
 * reads and checks the file itself (codecs/parseImport: the file is the boundary, nothing the panel
 * made of it is trusted), adds its records to the log, and answers at once: the records are held and
 * the file is still in the inbox, which is what makes the answer mean "kept". The pages are written
 * behind; only once they are stored does the file leave the inbox. A worker that dies in between
 * imports the file again at its next start (ids are stable: nothing doubles). A refused file leaves
 * the inbox and changes nothing.
 */
import { parseImport, sizeProblem, type ImportResult } from '../extension/codecs/index.ts';
import type { ImportInbox } from '../extension/import-inbox.ts';
import type { SyncRecord } from '../extension/model.ts';
import { errorMessage } from '../extension/error-message.ts';

export interface ImportAnswer {
  added: number;
  duplicates: number;
  /** Indexes of the file's records the log does not hold as given (duplicates, dropped by retention). */
  notAdded?: number[];
}

/** What of the record log this needs. */
export interface HeldImports {
  /** Adds imported records now (held and told to panels); the counts, with notAdded when asked. */
  importHeld(records: readonly SyncRecord[], listNotAdded: boolean): ImportAnswer;
  /** Writes everything pending; resolves once stored, rejects when the write failed. */
  flush(): Promise<void>;
}

export type WhileAdding = (add: () => ImportAnswer) => ImportAnswer;

/** Answers of the last few imports, so a panel asking after a replay took its file still gets one. */
const ANSWERS_KEPT = 4;

export class StoredImports {
  private readonly answers = new Map<number, Promise<ImportAnswer>>();

  constructor(
    private readonly log: HeldImports,
    private readonly inbox: ImportInbox,
    /** When the pages are written: after the answer went out (the write's clone must not delay it). */
    private readonly later: (run: () => void) => void = (run) => void setTimeout(run, 0),
  ) {}

  /**
   * Imports the file under `key` (once: asking again, or during a replay of it, gets the same answer).
   * `whileAdding` wraps the moment the records are added (the session marks the panel that shows them).
   */
  import(key: number, listNotAdded: boolean, whileAdding: WhileAdding = (add) => add()): Promise<ImportAnswer> {
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.run(key, whileAdding);
      this.answers.set(key, answer);
      for (const old of this.answers.keys()) if (this.answers.size > ANSWERS_KEPT) this.answers.delete(old);
    }
    return listNotAdded ? answer : answer.then(({ added, duplicates }) => ({ added, duplicates }));
  }

  /** At the worker's start, after the log loaded: files whose records may not all be stored yet. */
  async replay(): Promise<void> {
    let entries;
    try {
      entries = await this.inbox.list();
    } catch {
      return; // No inbox to read: nothing was handed over through it.
    }
    for (const { key } of entries) await this.import(key, false).catch(() => {});
  }

  private async run(key: number, whileAdding: WhileAdding): Promise<ImportAnswer> {
    const entry = await this.inbox.get(key);
    if (!entry) throw new Error('The file to import is no longer in the extension’s inbox; import it again.');
    const parsed = await this.parse(entry.file, entry.fileName);
    if (!parsed.ok) {
      await this.inbox.delete(key).catch(() => {});
      throw new Error(`Nothing was imported: ${parsed.problems.slice(0, 5).join(' ')}`);
    }
    const answer = whileAdding(() => this.log.importHeld(parsed.records, true));
    this.later(
      () =>
        void this.log.flush().then(
          () => this.inbox.delete(key),
          // Not stored: the file stays in the inbox, and the next start imports it again.
          () => {},
        ),
    );
    return answer;
  }

  private async parse(file: Blob, fileName: string): Promise<ImportResult> {
    const tooLarge = sizeProblem(file.size);
    if (tooLarge) return { ok: false, problems: [tooLarge] };
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      return { ok: false, problems: [`The file could not be read: ${errorMessage(error)}`] };
    }
    return parseImport(text, fileName);
  }
}
