import { useLayoutEffect, useRef, useState } from 'preact/hooks';

/**
 * The rendered size of an element, kept current by a ResizeObserver: the panel's layout follows the
 * size DevTools gives it (docked right, bottom, undocked), not the screen's. The first size comes from
 * the observer's first callback (Chrome runs it after its own layout, before the frame is painted),
 * not from a read in the effect: such a read forces the whole panel's first style and layout inside
 * script, while the port's first messages wait behind it.
 */
export function useElementSize<T extends HTMLElement>(): [{ current: T | null }, { width: number; height: number }] {
  const ref = useRef<T>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].borderBoxSize?.[0];
      const width = box ? box.inlineSize : element.offsetWidth;
      const height = box ? box.blockSize : element.offsetHeight;
      setSize((old) => (old.width === width && old.height === height ? old : { width, height }));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, size];
}
