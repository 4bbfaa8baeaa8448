import type { Notice } from '../state/store.ts';
import { usePanel } from '../state/context.ts';

interface MergedNotice {
  key: string;
  level: Notice['level'];
  text: string;
  ids: number[];
}

/** The same words said again are one notice with a count, where the first one stood. */
export function mergeNotices(notices: readonly Notice[]): MergedNotice[] {
  const byKey = new Map<string, MergedNotice>();
  for (const n of notices) {
    const key = `${n.level}\u0000${n.text}`;
    const merged = byKey.get(key);
    if (merged) merged.ids.push(n.id);
    else byKey.set(key, { key, level: n.level, text: n.text, ids: [n.id] });
  }
  return [...byKey.values()];
}

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
