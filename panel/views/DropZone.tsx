import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { usePanel } from '../state/context.ts';

const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');

/** The whole panel takes a dropped file as an import. */
export function DropZone({ children }: { children: ComponentChildren }) {
  const { actions } = usePanel();
  const [over, setOver] = useState(false);
  return (
    <div
      class={`drop-zone${over ? ' drag-over' : ''}`}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setOver(false);
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer?.files[0];
        if (file) void actions.importFile(file);
      }}
    >
      {children}
      {over && (
        <div class="drop-hint" aria-hidden="true">
          Drop a Sync Inspector or DevTools JSON file to import it
        </div>
      )}
    </div>
  );
}
