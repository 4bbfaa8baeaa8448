import { useState } from 'preact/hooks';
import { EXPORT_FORMATS, type ExportFormat } from '../../extension/codecs/index.ts';
import { canSnapshot } from '../state/actions.ts';
import { usePanel } from '../state/context.ts';

export interface ExportChoice {
  format: ExportFormat;
  setFormat(format: ExportFormat): void;
  filtered: boolean;
  setFiltered(filtered: boolean): void;
}

/** The export's format (JSON by default) and "what is shown" or "everything": shared by the options and the button. */
export function useExportChoice(): ExportChoice {
  const [format, setFormat] = useState<ExportFormat>('json');
  const [filtered, setFiltered] = useState(true);
  return { format, setFormat, filtered, setFiltered };
}

/** The two choices; in the toolbar when there is room, in its overflow menu when not. */
export function ExportOptions({ choice }: { choice: ExportChoice }) {
  const { store } = usePanel();
  return (
    <div class="export" role="group" aria-label="Export options">
      <select
        aria-label="Export format"
        value={choice.format}
        onChange={(e) => choice.setFormat(e.currentTarget.value as ExportFormat)}
      >
        {EXPORT_FORMATS.map((f) => (
          <option key={f.format} value={f.format}>
            {f.label}
          </option>
        ))}
      </select>
      <select
        aria-label="Events to export"
        value={choice.filtered ? 'shown' : 'all'}
        onChange={(e) => choice.setFiltered(e.currentTarget.value === 'shown')}
      >
        <option value="shown">What is shown ({store.visibleRecords.value.length})</option>
        <option value="all">Everything ({store.records.value.length})</option>
      </select>
    </div>
  );
}

/**
 * Saves the events as a file (a download). Sync Inspector JSON also carries a snapshot of what the panel
 * shows (origin, workers, permissions, pending tags), so it is worth exporting before anything was observed.
 */
export function ExportButton({ choice }: { choice: ExportChoice }) {
  const { store, actions } = usePanel();
  const records = choice.filtered ? store.visibleRecords.value : store.records.value;
  const withSnapshot = choice.format === 'json' && canSnapshot(store.registrations.value);
  const exportNow = () => actions.exportRecords(records, choice.format, choice.filtered);
  const nothing = records.length === 0 && !withSnapshot;
  // Never a file of part of the log: export waits until the older records are all here.
  const loading = store.loading.value;
  return (
    <>
      <button
        type="button"
        onClick={exportNow}
        disabled={nothing || !!loading}
        title="Save the events as a file (a download); Sync Inspector JSON adds what the panel shows now"
      >
        Export
      </button>
      {loading ? (
        <span class="reason">
          Loading older events ({loading.held} of {loading.total})
        </span>
      ) : (
        nothing && <span class="reason">No events yet</span>
      )}
    </>
  );
}
