import { usePanel } from '../state/context.ts';
import { EventTable } from './EventTable.tsx';
import { ExportControl } from './ExportControl.tsx';
import { FilterBar } from './FilterBar.tsx';
import { ImportControl } from './ImportControl.tsx';
import { ImportedFiles } from './ImportedFiles.tsx';
import { ImportReportView } from './ImportReportView.tsx';
import { RecordDetails } from './RecordDetails.tsx';
import { Timeline } from './timeline/Timeline.tsx';

const VIEWS = [
  { id: 'table', label: 'Table' },
  { id: 'timeline', label: 'Timeline' },
] as const;

/** The sync events: filters, export and import, the table or the timeline, and the selected event's details. */
export function EventLog() {
  const { store } = usePanel();
  // The records are read by the count and the view only: a live batch renders those, not the toolbar and filters.
  const view = store.logView.value;
  return (
    <div class="log">
      <div class="log-toolbar">
        <h3>Sync events</h3>
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
        <ExportControl />
        <ImportControl />
      </div>
      <FilterBar />
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
  const count = store.visibleRecords.value.length;
  return (
    <span class="muted" data-testid="event-count">
      {count} {count === 1 ? 'event' : 'events'}
    </span>
  );
}

function LogView({ view }: { view: 'table' | 'timeline' }) {
  const { store } = usePanel();
  const records = store.visibleRecords.value;
  return view === 'table' ? <EventTable records={records} /> : <Timeline records={records} />;
}
