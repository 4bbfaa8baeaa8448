import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useElementSize } from './use-element-size.ts';

/** Side by side from this width of the panel on, stacked below it (DevTools' split views do the same). */
export const SIDE_BY_SIDE_MIN_WIDTH = 760;
const STORAGE_KEY = 'sync-inspector.split';
const DEFAULT_SPLIT = { row: 0.36, column: 0.4 };
const LIMITS = { min: 0.15, max: 0.85 };

type Orientation = keyof typeof DEFAULT_SPLIT;

function loadSplit(): typeof DEFAULT_SPLIT {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<typeof DEFAULT_SPLIT>;
    return { ...DEFAULT_SPLIT, ...saved };
  } catch {
    return { ...DEFAULT_SPLIT };
  }
}

const clamp = (value: number) => Math.min(LIMITS.max, Math.max(LIMITS.min, value));

/**
 * Two panes and a divider the user drags (or moves with the arrow keys): side by side when the panel is
 * wide, stacked when it is narrow. The split of each orientation is remembered in the extension's
 * localStorage, so it survives closing DevTools.
 */
export function SplitView({
  first,
  second,
  firstLabel,
  secondLabel,
}: {
  first: ComponentChildren;
  second: ComponentChildren;
  firstLabel: string;
  secondLabel: string;
}) {
  const [ref, size] = useElementSize<HTMLDivElement>();
  const [split, setSplit] = useState(loadSplit);
  const orientation: Orientation = size.width >= SIDE_BY_SIDE_MIN_WIDTH ? 'row' : 'column';
  const fraction = split[orientation];
  const save = (value: number) => {
    const next = { ...split, [orientation]: clamp(value) };
    setSplit(next);
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Storage full or blocked: the split still holds for this session.
    }
  };
  const startDrag = (e: PointerEvent) => {
    const divider = e.currentTarget as HTMLElement;
    const box = ref.current!.getBoundingClientRect();
    divider.setPointerCapture(e.pointerId);
    const move = (m: PointerEvent) =>
      save(orientation === 'row' ? (m.clientX - box.left) / box.width : (m.clientY - box.top) / box.height);
    const end = () => {
      divider.removeEventListener('pointermove', move);
      divider.removeEventListener('pointerup', end);
      divider.removeEventListener('pointercancel', end);
    };
    divider.addEventListener('pointermove', move);
    divider.addEventListener('pointerup', end);
    divider.addEventListener('pointercancel', end);
    e.preventDefault();
  };
  const percent = `${(fraction * 100).toFixed(2)}%`;
  return (
    <main class={`split split-${orientation}`} ref={ref}>
      <section class="pane pane-first" aria-label={firstLabel} style={{ flexBasis: percent }}>
        {first}
      </section>
      <div
        class="divider"
        role="separator"
        tabIndex={0}
        aria-label={`Resize ${firstLabel} and ${secondLabel}`}
        aria-orientation={orientation === 'row' ? 'vertical' : 'horizontal'}
        aria-valuemin={LIMITS.min * 100}
        aria-valuemax={LIMITS.max * 100}
        aria-valuenow={Math.round(fraction * 100)}
        onPointerDown={startDrag}
        onKeyDown={(e) => {
          const step = { ArrowLeft: -0.05, ArrowUp: -0.05, ArrowRight: 0.05, ArrowDown: 0.05 }[e.key];
          if (step === undefined) return;
          e.preventDefault();
          save(fraction + step);
        }}
      />
      <section class="pane pane-second" aria-label={secondLabel}>
        {second}
      </section>
    </main>
  );
}
