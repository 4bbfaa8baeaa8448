import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * A button that opens a small panel below it (an overflow menu, the settings), as DevTools' own
 * toolbar menus do: Escape or a click outside closes it, and focus returns to the button.
 */
export function Popover({
  label,
  buttonText,
  buttonClass,
  align = 'end',
  children,
}: {
  /** The accessible name of the button, and of the panel it opens. */
  label: string;
  buttonText: ComponentChildren;
  buttonClass?: string;
  align?: 'start' | 'end';
  /** Gets `close`, so an item can close the panel after it acted. */
  children: (close: () => void) => ComponentChildren;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);
  return (
    <div
      class="popover-anchor"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          close();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        class={buttonClass}
        aria-label={label}
        title={label}
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {buttonText}
      </button>
      {open && (
        <div class={`popover popover-${align}`} role="dialog" aria-label={label}>
          {children(close)}
        </div>
      )}
    </div>
  );
}
