/** Zoom and pan by button, for mouse users without a wheel and for everyone who likes buttons. */
export function TimelineToolbar(props: {
  zoom(factor: number): void;
  pan(fraction: number): void;
  fit(): void;
  toNow(): void;
}) {
  return (
    <div class="timeline-toolbar" role="toolbar" aria-label="Timeline zoom and pan">
      <button type="button" aria-label="Zoom in" title="Zoom in (+, Ctrl+wheel)" onClick={() => props.zoom(2)}>
        +
      </button>
      <button type="button" aria-label="Zoom out" title="Zoom out (−, Ctrl+wheel)" onClick={() => props.zoom(0.5)}>
        −
      </button>
      <button
        type="button"
        aria-label="Pan earlier"
        title="Earlier (Shift+←, drag, Shift+wheel)"
        onClick={() => props.pan(-0.25)}
      >
        ◀
      </button>
      <button
        type="button"
        aria-label="Pan later"
        title="Later (Shift+→, drag, Shift+wheel)"
        onClick={() => props.pan(0.25)}
      >
        ▶
      </button>
      <button type="button" title="Show every event (0)" onClick={props.fit}>
        Fit
      </button>
      <button type="button" title="Centre on now (N)" onClick={props.toNow}>
        Now
      </button>
      <span class="muted hint">←/→ events · ↑/↓ lanes · +/− zoom · drag to pan</span>
    </div>
  );
}
