import { usePanel } from '../state/context.ts';

/** Results and problems of what the user did; page-controlled text is rendered as text only. */
export function Notices() {
  const { store } = usePanel();
  const notices = store.notices.value;
  if (!notices.length) return null;
  return (
    <ul class="notices" aria-live="polite">
      {notices.map((n) => (
        <li key={n.id} class={`notice ${n.level}`} role={n.level === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          <button type="button" class="icon" aria-label="Dismiss" onClick={() => store.dismiss(n.id)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
