import { useState } from 'preact/hooks';
import { usePanel } from '../state/context.ts';
import { KeepRecording } from './Instrumentation.tsx';
import { RetentionSettings } from './RetentionSettings.tsx';

/** What is set once and rarely again, kept off the main page: the port, keeping recording, retention. */
export function SettingsView() {
  return (
    <div class="settings">
      <h3>Settings</h3>
      <PortSetting />
      <KeepRecording />
      <RetentionSettings />
    </div>
  );
}

function PortSetting() {
  const { store, actions } = usePanel();
  const session = store.session.value;
  const [port, setPort] = useState(String(session?.protocol.port ?? ''));
  if (!session) return null;
  return (
    <form
      class="inline"
      aria-label="Debugging port"
      onSubmit={(e) => {
        e.preventDefault();
        void actions.setPort(Number(port));
      }}
    >
      <label>
        Chrome's debugging port{' '}
        <input
          type="number"
          min={1}
          max={65535}
          value={port}
          aria-label="Debugging port"
          onInput={(e) => setPort(e.currentTarget.value)}
        />
      </label>
      <button type="submit">Use port</button>
    </form>
  );
}
