import type { RefObject } from 'preact';
import { usePanel } from '../state/context.ts';

/**
 * The file picker's input, kept outside any menu: the menu may close while the picker is open, and the
 * input must still be there when the file comes. Drag and drop onto the panel works too (DropZone).
 */
export function ImportInput({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const { actions } = usePanel();
  return (
    <input
      ref={inputRef}
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
  );
}

export function ImportButton({ onClick }: { onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      title="Import a Sync Inspector or DevTools JSON file (or drop it onto the panel)"
    >
      Import…
    </button>
  );
}
