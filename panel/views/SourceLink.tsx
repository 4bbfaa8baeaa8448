import type { SourceLocation } from '../../extension/model.ts';
import { notOpenable, openableSourceURL } from '../source-url.ts';

/** Opens the location in DevTools' Sources panel; outside DevTools there is no Sources panel to open. */
export function SourceLink({ location }: { location: SourceLocation }) {
  // Absent when the panel is opened as a page rather than inside DevTools.
  const panels = globalThis.chrome?.devtools?.panels as typeof chrome.devtools.panels | undefined;
  const inDevTools = typeof panels?.openResource === 'function';
  const safe = openableSourceURL(location.url);
  const canOpen = inDevTools && safe;
  const text = `${location.url}:${location.line}:${location.column}`;
  return (
    <p class="source-link">
      <button
        type="button"
        class="link"
        disabled={!canOpen}
        title={
          !safe
            ? notOpenable
            : inDevTools
              ? 'Open in the Sources panel'
              : 'Only inside DevTools: open this panel from DevTools to jump to the source.'
        }
        onClick={() => {
          // The one call of openResource: checked here too, not only through the disabled state.
          if (!openableSourceURL(location.url)) return;
          panels?.openResource(
            location.url,
            Math.max(0, location.line - 1),
            Math.max(0, location.column - 1),
            () => {},
          );
        }}
      >
        Open {text} in Sources
      </button>
      {!safe && <span class="source-link-note"> {notOpenable}</span>}
    </p>
  );
}
