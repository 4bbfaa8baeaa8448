import { useRef, useState } from 'preact/hooks';
import { isNarrowed } from '../state/filters.ts';
import { usePanel } from '../state/context.ts';
import { EventTable } from './EventTable.tsx';
import { ExportButton, ExportOptions, useExportChoice } from './ExportControl.tsx';
import { FilterBar } from './FilterBar.tsx';
import { ImportButton, ImportInput } from './ImportControl.tsx';
import { ImportedFiles } from './ImportedFiles.tsx';
import { ImportReportView } from './ImportReportView.tsx';
import { Popover } from './Popover.tsx';
import { RecordDetails } from './RecordDetails.tsx';
import { Timeline } from './timeline/Timeline.tsx';
import { useElementSize } from './use-element-size.ts';

const VIEWS = [
  { id: 'table', label: 'Table' },
  { id: 'timeline', label: 'Timeline' },
] as const;

/** Below this width the toolbar folds the export options and Import into its ⋯ menu, and the filters behind a button. */
const TOOLBAR_FULL_WIDTH = 640;

/** The sync events: filters, export and import, the table or the timeline, and the selected event's details. */
export function EventLog() {
  const { store } = usePanel();
  // The records are read by the count and the view only: a live batch renders those, not the toolbar and filters.
  const view = store.logView.value;
  const [ref, size] = useElementSize<HTMLDivElement>();
  const folded = size.width > 0 && size.width < TOOLBAR_FULL_WIDTH;
  const [filtersOpen, setFiltersOpen] = useState(false);
  const narrowed = isNarrowed(store.filters.value);
  const choice = useExportChoice();
  const fileInput = useRef<HTMLInputElement>(null);
  const pickFile = () => fileInput.current?.click();
  return (
    <div class="log" ref={ref}>
      <div class="log-toolbar" role="toolbar" aria-label="Sync events">
        <div role="tablist" aria-label="Log view" class="tabs">
          {VIEWS.map((v) => (
            <button
              key={v.id}
              type="button"
              role="tab"
              id={`tab-${v.id}`}
              aria-selected={view === v.id}
              aria-controls="log-view"
              tabIndex={view === v.id ? 0 : -1}
              onClick={() => (store.logView.value = v.id)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowRight' || e.key === 'ArrowLeft')
                  store.logView.value = view === 'table' ? 'timeline' : 'table';
              }}
            >
              {v.label}
            </button>
          ))}
        </div>
        <EventCount />
        <span class="spacer" />
        {folded && (
          <button
            type="button"
            aria-pressed={filtersOpen}
            aria-controls="log-filters"
            onClick={() => setFiltersOpen(!filtersOpen)}
          >
            {narrowed ? 'Filters •' : 'Filters'}
          </button>
        )}
        {!folded && <ExportOptions choice={choice} />}
        <ExportButton choice={choice} />
        {!folded && <ImportButton onClick={pickFile} />}
        {folded && (
          <Popover label="More log tools" buttonText="⋯" buttonClass="icon-button">
            {(close) => (
              <div class="menu">
                <ExportOptions choice={choice} />
                <ImportButton
                  onClick={() => {
                    pickFile();
                    close();
                  }}
                />
              </div>
            )}
          </Popover>
        )}
      </div>
      <ImportInput inputRef={fileInput} />
      {(!folded || filtersOpen) && <FilterBar />}
      <ImportReportView />
      <ImportedFiles />
      <div class="log-view" id="log-view" role="tabpanel" aria-labelledby={`tab-${view}`}>
        <LogView view={view} />
      </div>
      <RecordDetails />
    </div>
  );
}

function EventCount() {
  const { store } = usePanel();
  const loading = store.loading.value;
  // While the older records arrive the filtered count is not known yet: the log's total is.
  if (loading) {
    return (
      <>
        <span class="muted event-count" data-testid="event-count">
          {loading.total} events in the log
        </span>
        <span class="muted" role="status" data-testid="older-loading">
          Loading older events… {loading.held} of {loading.total}: filters and export cover them once loaded
        </span>
      </>
    );
  }
  const count = store.visibleRecords.value.length;
  return (
    <span class="muted event-count" data-testid="event-count">
      {count} {count === 1 ? 'event' : 'events'}
    </span>
  );
}

function LogView({ view }: { view: 'table' | 'timeline' }) {
  const { store } = usePanel();
  const records = store.visibleRecords.value;
  return view === 'table' ? <EventTable records={records} /> : <Timeline records={records} />;
}
