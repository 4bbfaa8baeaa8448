import { useLayoutEffect, useRef, useState } from 'preact/hooks';

/**
 * The rendered size of an element, kept current by a ResizeObserver: the panel's layout follows the
 * size DevTools gives it (docked right, bottom, undocked), not the screen's.
 */
export function useElementSize<T extends HTMLElement>(): [{ current: T | null }, { width: number; height: number }] {
  const ref = useRef<T>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const { width, height } = element.getBoundingClientRect();
      setSize((old) => (old.width === width && old.height === height ? old : { width, height }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, size];
}
