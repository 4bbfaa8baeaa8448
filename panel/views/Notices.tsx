import { mergeNotices } from '../notices.ts';
import { usePanel } from '../state/context.ts';

/**
 * Results and problems of what the user did, in one area of a few lines at most (it scrolls): it never
 * pushes the log off a short panel. Page-controlled text is rendered as text only.
 */
export function Notices() {
  const { store } = usePanel();
  const merged = mergeNotices(store.notices.value);
  if (!merged.length) return null;
  const dismiss = (ids: number[]) => ids.forEach((id) => store.dismiss(id));
  return (
    <div class="notices-area">
      <ul class="notices" aria-live="polite" aria-label="Notices">
        {merged.map((n) => (
          <li key={n.key} class={`notice ${n.level}`} role={n.level === 'error' ? 'alert' : 'status'}>
            <span class="notice-text">{n.text}</span>
            {n.ids.length > 1 && (
              <span class="count" aria-label={`${n.ids.length} times`}>
                ×{n.ids.length}
              </span>
            )}
            <button type="button" class="icon" aria-label="Dismiss" onClick={() => dismiss(n.ids)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      {merged.length > 1 && (
        <button type="button" class="link dismiss-all" onClick={() => dismiss(store.notices.value.map((n) => n.id))}>
          Dismiss all
        </button>
      )}
    </div>
  );
}
