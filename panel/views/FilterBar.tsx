import type { Filters } from '../state/filters.ts';
import { DEFAULT_FILTERS, isNarrowed, KIND_CHOICES, STATUS_CHOICES } from '../state/filters.ts';
import { KIND_NAMES } from '../format.ts';
import { usePanel } from '../state/context.ts';

/** Origin, service, tag, kind, status and free text: one set for the table, the timeline and the export. */
export function FilterBar() {
  const { store } = usePanel();
  const f = store.filters.value;
  const set = (patch: Partial<Filters>) => (store.filters.value = { ...store.filters.value, ...patch });
  return (
    <div class="filters" id="log-filters" role="group" aria-label="Filters">
      <div role="radiogroup" aria-label="Origins shown" class="segmented">
        {(['this', 'all'] as const).map((value) => (
          <label key={value} class="check">
            <input
              type="radio"
              name="origin-scope"
              checked={f.originScope === value}
              onChange={() => set({ originScope: value })}
            />
            {value === 'this' ? 'This origin' : 'All origins'}
          </label>
        ))}
      </div>
      <select
        aria-label="Service"
        value={f.service}
        onChange={(e) => set({ service: e.currentTarget.value as Filters['service'] })}
      >
        <option value="">Both services</option>
        <option value="backgroundSync">One-shot</option>
        <option value="periodicBackgroundSync">Periodic</option>
      </select>
      <select
        aria-label="Event kind"
        value={f.kind}
        onChange={(e) => set({ kind: e.currentTarget.value as Filters['kind'] })}
      >
        <option value="">Every kind</option>
        {KIND_CHOICES.map((k) => (
          <option key={k} value={k}>
            {KIND_NAMES[k]}
          </option>
        ))}
      </select>
      <select aria-label="Status" value={f.status} onChange={(e) => set({ status: e.currentTarget.value })}>
        <option value="">Any status</option>
        {STATUS_CHOICES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <input
        type="text"
        class="filter-tag"
        placeholder="tag"
        aria-label="Tag filter"
        value={f.tag}
        onInput={(e) => set({ tag: e.currentTarget.value })}
      />
      <input
        type="search"
        class="filter-text"
        placeholder="Search"
        aria-label="Search events"
        value={f.text}
        onInput={(e) => set({ text: e.currentTarget.value })}
      />
      {isNarrowed(f) && (
        <button
          type="button"
          onClick={() => (store.filters.value = { ...DEFAULT_FILTERS, originScope: f.originScope })}
        >
          Reset filters
        </button>
      )}
    </div>
  );
}
