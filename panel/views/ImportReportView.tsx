import { usePanel } from '../state/context.ts';

/** The last import: progress, the counts, and each problem that refused it (file contents are text). */
export function ImportReportView() {
  const { store } = usePanel();
  const report = store.importReport.value;
  if (!report) return null;
  const close = (
    <button
      type="button"
      class="icon"
      aria-label="Dismiss import report"
      onClick={() => (store.importReport.value = null)}
    >
      ×
    </button>
  );
  if (report.state === 'refused') {
    return (
      <div class="import-report refused" role="alert" aria-label="Import refused">
        <div class="report-head">
          <strong>Not imported: {report.fileName}</strong>
          {close}
        </div>
        <ul class="problems">
          {report.problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
        <p class="muted">Nothing from this file was added; the stored timeline is unchanged.</p>
      </div>
    );
  }
  return (
    <div class="import-report" role="status" aria-label="Import">
      <div class="report-head">
        <span data-testid="import-summary">
          {report.state === 'reading' && `Reading ${report.fileName}…`}
          {report.state === 'sending' &&
            `Importing ${report.fileName}: ${(report.added ?? 0) + (report.duplicates ?? 0)} of ${report.total}…`}
          {report.state === 'done' &&
            `Imported ${report.fileName}: ${report.added} added, ${report.duplicates} already there.`}
        </span>
        {close}
      </div>
      {report.warnings.length > 0 && (
        <ul class="warnings">
          {report.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
