import { usePanel } from '../state/context.ts';

/** Each imported file, with how many of its events are kept, and a way to remove them again. */
export function ImportedFiles() {
  const { store, actions } = usePanel();
  const imports = store.session.value?.imports ?? [];
  if (!imports.length) return null;
  return (
    <ul class="imports" aria-label="Imported files">
      {imports.map((f) => (
        <li key={f.fileName} class="import">
          <span class="muted">Imported</span>
          <span class="import-name">{f.fileName}</span>
          <span class="muted">
            {f.count} {f.count === 1 ? 'event' : 'events'}
          </span>
          <button
            type="button"
            aria-label={`Remove import ${f.fileName}`}
            onClick={() => actions.removeImport(f.fileName)}
          >
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}
