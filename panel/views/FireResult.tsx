import { useState } from 'preact/hooks';
import type { FireResult } from '../../extension/messages.ts';

/** The last fire's result, shown once beside what was fired; each new fire replaces it. */
export function useFireResult(): [FireResult | null, number, (result: FireResult | undefined) => void, () => void] {
  const [shown, setShown] = useState<{ result: FireResult; count: number } | null>(null);
  const show = (result: FireResult | undefined) => {
    if (result) setShown((old) => ({ result, count: (old?.count ?? 0) + 1 }));
  };
  return [shown?.result ?? null, shown?.count ?? 0, show, () => setShown(null)];
}

/**
 * Says what a fire did, beside the tag, then fades away by itself (its CSS animation's end removes it);
 * a note (a tag in back-off stays pending in Chrome) stays longer than the plain result.
 */
export function FireResultNote({
  result,
  count,
  onDone,
}: {
  result: FireResult | null;
  count: number;
  onDone: () => void;
}) {
  if (!result) return null;
  return (
    <p
      key={count}
      class={`fire-result${result.note ? ' with-note' : ''}`}
      role="status"
      data-testid="fire-result"
      onAnimationEnd={onDone}
    >
      <span class="fire-how">{result.how}</span>
      {result.note && <span class="fire-note"> {result.note}</span>}
    </p>
  );
}
