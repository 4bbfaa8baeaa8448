import { useState } from 'preact/hooks';
import { usePanel } from '../state/context.ts';

const ENGINE_LABEL = { protocol: 'Protocol engine', debugger: 'Debugger engine', none: 'Not connected' } as const;

/** Which engine serves the tab, what it can do, and how to get the protocol engine when it is missing. */
export function StatusBar() {
  const { store, actions } = usePanel();
  const session = store.session.value;
  const connection = store.connection.value;
  const engine = session?.engine ?? 'none';
  const message =
    connection !== 'connected'
      ? connection === 'connecting'
        ? 'Connecting to the extension…'
        : 'Reconnecting to the extension…'
      : session?.message;
  return (
    <div class="status" role="group" aria-label="Status">
      <div class="status-line">
        <span class={`badge engine-${engine}`} data-testid="engine">
          {ENGINE_LABEL[engine]}
        </span>
        <span class="status-message" role="status" data-testid="status-message">
          {message}
        </span>
        <span class="spacer" />
        {session?.capabilities.recording.available && (
          <label class="check">
            <input
              type="checkbox"
              checked={session.recording}
              onChange={(e) => actions.setRecording(e.currentTarget.checked)}
            />
            Record
          </label>
        )}
        <button
          type="button"
          onClick={() => actions.clearView()}
          title="Hide the events shown so far. Chrome's own log is untouched."
        >
          Clear
        </button>
        <button
          type="button"
          disabled={!session?.capabilities.eraseChromeLog.available}
          title={session?.capabilities.eraseChromeLog.reason ?? "Erase Chrome's stored sync log"}
          onClick={() => {
            if (
              confirm(
                "Erase Chrome's stored Background Sync log? This erases it for EVERY origin, and DevTools' own Background Services view loses it too.",
              )
            ) {
              void actions.eraseChromeLog();
            }
          }}
        >
          Erase Chrome's log…
        </button>
        <button type="button" onClick={() => actions.reconnect()}>
          Reconnect
        </button>
      </div>
      {session && !session.protocol.reachable && session.phase !== 'connecting' && <ProtocolHelp />}
    </div>
  );
}

function ProtocolHelp() {
  const { store, actions } = usePanel();
  const session = store.session.value!;
  const [port, setPort] = useState(String(session.protocol.port));
  const flags = session.protocol.launchFlags;
  return (
    <details class="protocol-help" open={session.engine === 'none'}>
      <summary>Get the full sync log and Fire sync now: start Chrome with its debugging port</summary>
      <p>
        Chrome lets extensions use its sync log and dispatch sync events only through its own debugging port. Quit
        Chrome and start it with these flags (a separate profile folder is required by Chrome):
      </p>
      <pre class="flags" data-testid="launch-flags">
        {flags}
      </pre>
      <p class="muted">
        {session.protocol.error ? `Port ${session.protocol.port}: ${session.protocol.error}. ` : ''}
        Without it, the tag list, the instrumented log of this tab, Hold offline, Re-register and Simulate work;
        Chrome's stored history and firing a tag in back-off do not.
      </p>
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault();
          void actions.setPort(Number(port));
        }}
      >
        <label>
          Debugging port{' '}
          <input type="number" min={1} max={65535} value={port} onInput={(e) => setPort(e.currentTarget.value)} />
        </label>
        <button type="submit">Use port</button>
      </form>
    </details>
  );
}
