/** How many records of each imported file the log holds: the panel lists the files to remove. */
import type { ImportedFile } from '../extension/messages.ts';

export class ImportCounts {
  private readonly counts = new Map<string, number>();

  change(fileName: string | undefined, delta: number): void {
    if (fileName === undefined) return;
    const count = (this.counts.get(fileName) ?? 0) + delta;
    if (count > 0) this.counts.set(fileName, count);
    else this.counts.delete(fileName);
  }

  list(): ImportedFile[] {
    return [...this.counts]
      .map(([fileName, count]) => ({ fileName, count }))
      .sort((a, b) => a.fileName.localeCompare(b.fileName));
  }
}
