import { useState } from 'preact/hooks';
import { statusWords } from '../status-words.ts';
import { usePanel } from '../state/context.ts';
import { EngineDetails } from './EngineDetails.tsx';
import { Popover } from './Popover.tsx';
import { SettingsView } from './SettingsView.tsx';

/**
 * One line: the engine's badge (it opens the details: flags for this install, what works without them),
 * a short status, Record, Clear, the settings and a menu for what is rarely needed.
 */
export function StatusBar() {
  const { store, actions } = usePanel();
  const session = store.session.value;
  const words = statusWords(store.connection.value, session);
  const engine = session?.engine ?? 'none';
  // The details open by themselves when nothing works: that is when the flags matter most.
  const [detailsOpen, setDetailsOpen] = useState<boolean | null>(null);
  const open = detailsOpen ?? (session?.phase === 'failed' && engine === 'none');
  const recording = session?.capabilities.recording;
  return (
    <div class="status" role="group" aria-label="Status">
      <div class="status-line">
        <button
          type="button"
          class={`badge tone-${words.tone} engine-${engine}`}
          data-testid="engine"
          aria-expanded={open}
          aria-controls="engine-details"
          title="What this engine can do, and how to get the full one"
          onClick={() => setDetailsOpen(!open)}
        >
          {words.badge}
        </button>
        <span class="status-message" role="status" data-testid="status-message" title={words.line}>
          {words.line}
        </span>
        {/* Nothing is attached (the user cancelled Chrome's debugging bar, or attaching failed): the way back, in sight. */}
        {session?.phase === 'failed' && engine === 'none' && (
          <button type="button" title="Attach to this tab again" onClick={() => void actions.reconnect()}>
            Reconnect
          </button>
        )}
        {recording?.available && (
          <button
            type="button"
            class="record"
            aria-pressed={session!.recording}
            aria-keyshortcuts="Control+E Meta+E"
            title={`${session!.recording ? 'Stop recording' : 'Record'} Chrome's sync log (Ctrl+E)`}
            onClick={() => void actions.setRecording(!session!.recording)}
          >
            <span class="record-dot" aria-hidden="true" />
            Record
          </button>
        )}
        <button
          type="button"
          onClick={() => void actions.clearView()}
          title="Hide the events shown so far. Chrome's own log is untouched."
        >
          Clear
        </button>
        <Popover label="Settings" buttonText="⚙" buttonClass="icon-button">
          {() => <SettingsView />}
        </Popover>
        <Popover label="More actions" buttonText="⋮" buttonClass="icon-button">
          {(close) => <MoreActions close={close} />}
        </Popover>
      </div>
      <EngineDetails open={open} onClose={() => setDetailsOpen(false)} />
    </div>
  );
}

function MoreActions({ close }: { close: () => void }) {
  const { store, actions } = usePanel();
  const erase = store.session.value?.capabilities.eraseChromeLog;
  return (
    <div class="menu" role="group" aria-label="More actions">
      <button
        type="button"
        disabled={!erase?.available}
        onClick={() => {
          close();
          if (
            confirm(
              "Erase Chrome's stored Background Sync log? This erases it for EVERY origin, and DevTools' own Background Services view loses it too.",
            )
          )
            void actions.eraseChromeLog();
        }}
      >
        Erase Chrome's log…
      </button>
      {!erase?.available && erase?.reason && <p class="reason">{erase.reason}</p>}
      <button
        type="button"
        onClick={() => {
          close();
          void actions.reconnect();
        }}
      >
        Reconnect
      </button>
    </div>
  );
}
