import { useRef } from 'preact/hooks';
import { usePanel } from '../state/context.ts';

/** Import by file picker (drag and drop onto the panel works too: DropZone), and what came of it. */
export function ImportControl() {
  const { actions } = usePanel();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        class="visually-hidden"
        aria-label="Import file"
        tabIndex={-1}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void actions.importFile(file);
        }}
      />
      <button
        type="button"
        onClick={() => input.current?.click()}
        title="Import a Sync Inspector or DevTools JSON file (or drop it onto the panel)"
      >
        Import…
      </button>
    </>
  );
}
