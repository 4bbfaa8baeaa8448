/**
 * What the debugger engine's instrumentation adds to the panel: Simulate, the back-off notice (only
 * the protocol engine can fire such a tag), and the opt-in to keep recording with DevTools closed.
 */
import type { SyncRecord } from '../../extension/model.ts';
import { usePanel } from '../state/context.ts';

export function SimulateButton({ scope, tag, lastChance }: { scope: string; tag: string; lastChance: boolean }) {
  const { store, actions } = usePanel();
  const can = store.session.value?.capabilities.simulate;
  return (
    <button
      type="button"
      disabled={!can?.available}
      title={
        can?.reason ??
        "Dispatch a synthetic sync event in the worker: your handlers run, Chrome's registration is untouched."
      }
      aria-label={`Simulate sync: ${tag}`}
      onClick={() => void actions.simulate(scope, tag, lastChance)}
    >
      Simulate
    </button>
  );
}

/**
 * A pending tag whose last real attempt failed waits in Chrome's retry back-off. Nothing the
 * debugger engine does (release, re-register, simulate) makes Chrome fire it: say so, and how.
 */
export function BackoffNote({ tag, last }: { tag: string; last: SyncRecord | undefined }) {
  const { store } = usePanel();
  const capabilities = store.session.value?.capabilities;
  if (!last || last.kind !== 'failed' || last.source === 'simulated' || capabilities?.fireInBackoff.available)
    return null;
  return (
    <p class="problem backoff-note" role="note" data-testid="backoff-note">
      "{tag}" is waiting in Chrome's retry back-off. Only the protocol engine can fire it now (Chrome's
      ServiceWorker.dispatchSyncEvent): start Chrome with the debugging flags shown under "Get the full sync log" above,
      and Fire now works here. Until then, Simulate runs your handler without touching Chrome's registration.
    </p>
  );
}

/** The opt-in to stay attached with DevTools closed, and a plain statement of what is missed without it. */
export function KeepRecording() {
  const { store, actions } = usePanel();
  const session = store.session.value;
  if (!session || session.engine === 'none' || !session.capabilities.outcomeDetail.available) return null;
  const protocol = session.engine === 'protocol';
  return (
    <div class="keep-recording">
      <label class="check">
        <input
          type="checkbox"
          checked={session.keepRecording}
          onChange={(e) => void actions.setKeepRecording(e.currentTarget.checked)}
        />
        Keep recording this tab while DevTools is closed
      </label>
      <p class="muted" data-testid="keep-recording-note">
        {session.keepRecording
          ? 'Sync Inspector stays attached to this tab with DevTools closed, so Chrome shows its “started debugging” bar. Untick to detach when DevTools closes.'
          : protocol
            ? "When DevTools closes, Sync Inspector detaches: Chrome's own log still records sync events, but their rejection reasons, durations and register() callers are not seen."
            : 'When DevTools closes, Sync Inspector detaches: sync events of this tab that happen while it is closed are not seen at all (no log without the protocol engine).'}
      </p>
    </div>
  );
}
