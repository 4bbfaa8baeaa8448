import type { SyncRecord } from '../../extension/model.ts';
import { displayOrigin, formatTime, serviceLabel } from '../format.ts';
import { usePanel } from '../state/context.ts';
import { SourceLink } from './SourceLink.tsx';
import { SyncActivityDetails } from './SyncActivityDetails.tsx';

const SOURCE_LABEL: Record<SyncRecord['source'], string> = {
  protocol: "Chrome's BackgroundService log (protocol engine)",
  instrumented: 'Instrumentation in the page or worker (debugger engine)',
  imported: 'Imported from a file',
  simulated: 'Simulated event (not dispatched by Chrome)',
};

/** Everything about the selected event: fields, every metadata key, the error, the source, the raw JSON. */
export function RecordDetails() {
  const { store } = usePanel();
  const r = store.selectedRecord.value;
  if (!r) return null;
  return (
    <section class="details" aria-label="Event details">
      <div class="details-head">
        <h3>{r.eventName}</h3>
        <span class="tag-name">{r.tag}</span>
        <span class="spacer" />
        <button type="button" class="icon" aria-label="Close details" onClick={() => (store.selectedId.value = null)}>
          ×
        </button>
      </div>
      <dl class="fields">
        <Field name="Time" value={`${formatTime(r.time)} (${new Date(r.time).toISOString()})`} />
        <Field name="Origin" value={displayOrigin(r.origin)} />
        {r.scope && <Field name="Scope" value={r.scope} />}
        <Field name="Service" value={`${serviceLabel(r.service)} (${r.service})`} />
        <Field name="Registration" value={r.registrationId} />
        <Field name="Source" value={SOURCE_LABEL[r.source] + (r.sourceFile ? `: ${r.sourceFile}` : '')} />
        {r.lastChance !== undefined && <Field name="lastChance" value={r.lastChance ? 'yes' : 'no'} />}
        {r.status !== undefined && <Field name="Status" value={r.status} />}
        {r.durationMs !== undefined && <Field name="Duration" value={`${r.durationMs} ms`} />}
        {r.reason && <Field name="Reason" value={r.reason} />}
      </dl>
      <h4>Metadata</h4>
      {r.metadata.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <dl class="fields" aria-label="Metadata">
          {r.metadata.map((m, i) => (
            <Field key={i} name={m.key} value={m.value} />
          ))}
        </dl>
      )}
      {r.error && (
        <>
          <h4>Error reported by the worker</h4>
          <pre class="error-text" data-testid="record-error">
            {r.error}
          </pre>
        </>
      )}
      {r.sourceLocation && <SourceLink location={r.sourceLocation} />}
      <SyncActivityDetails record={r} />
      <details>
        <summary>Raw JSON</summary>
        <pre class="raw" data-testid="raw-json">
          {JSON.stringify(r, null, 2)}
        </pre>
      </details>
    </section>
  );
}

function Field({ name, value }: { name: string; value: string }) {
  return (
    <div class="field">
      <dt>{name}</dt>
      <dd>{value}</dd>
    </div>
  );
}
