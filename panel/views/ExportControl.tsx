import { useState } from 'preact/hooks';
import { EXPORT_FORMATS, exportRecords, type ExportFormat } from '../../extension/codecs/index.ts';
import { downloadText } from '../download.ts';
import { usePanel } from '../state/context.ts';

/** One Export button with a format choice (JSON by default) and "what is shown" or "everything". */
export function ExportControl() {
  const { store } = usePanel();
  const [format, setFormat] = useState<ExportFormat>('json');
  const [filtered, setFiltered] = useState(true);
  const shown = store.visibleRecords.value;
  const everything = store.records.value;
  const records = filtered ? shown : everything;
  const exportNow = () => {
    const origin = store.filters.value.originScope === 'this' ? (store.inspectedOrigin.value ?? undefined) : undefined;
    const file = exportRecords(records, format, { ...(origin ? { origin } : {}), now: Date.now(), filtered });
    downloadText(file.fileName, file.mimeType, file.text);
    store.notify(
      'info',
      `Exported ${records.length} ${records.length === 1 ? 'event' : 'events'} as ${file.fileName}.`,
    );
  };
  return (
    <div class="export" role="group" aria-label="Export">
      <select
        aria-label="Export format"
        value={format}
        onChange={(e) => setFormat(e.currentTarget.value as ExportFormat)}
      >
        {EXPORT_FORMATS.map((f) => (
          <option key={f.format} value={f.format}>
            {f.label}
          </option>
        ))}
      </select>
      <select
        aria-label="Events to export"
        value={filtered ? 'shown' : 'all'}
        onChange={(e) => setFiltered(e.currentTarget.value === 'shown')}
      >
        <option value="shown">What is shown ({shown.length})</option>
        <option value="all">Everything ({everything.length})</option>
      </select>
      <button
        type="button"
        onClick={exportNow}
        disabled={records.length === 0}
        title="Save the events as a file (a download)"
      >
        Export
      </button>
    </div>
  );
}
