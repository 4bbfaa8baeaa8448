import { useState } from 'preact/hooks';
import { commandLine, detectPlatform, plainError } from '../status-words.ts';
import { usePanel } from '../state/context.ts';

/** The long story behind the badge, on demand: what the engine does, and the command that gets the full one. */
export function EngineDetails({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { store } = usePanel();
  const session = store.session.value;
  if (!session) return null;
  const reachable = session.protocol.reachable;
  return (
    <div class="engine-details" id="engine-details" hidden={!open}>
      <div class="details-bar">
        {/* On the debugger engine the help below says it all; otherwise the session's own sentence. */}
        <p>
          {session.engine === 'debugger'
            ? 'What plain Chrome allows, and how to get the rest:'
            : plainError(session.message)}
        </p>
        <button type="button" class="icon" aria-label="Close the engine details" onClick={onClose}>
          ×
        </button>
      </div>
      {!reachable && session.phase !== 'connecting' && <ProtocolHelp />}
    </div>
  );
}

function ProtocolHelp() {
  const { store } = usePanel();
  const session = store.session.value!;
  const command = commandLine(session.protocol.launchFlags, detectPlatform(navigator));
  const [copied, setCopied] = useState('');
  const copy = async () => {
    setCopied((await copyText(command)) ? 'Copied.' : 'Select the command and press Ctrl+C.');
  };
  return (
    <div class="protocol-help">
      <p>
        For Chrome's stored sync log and Fire now, quit Chrome and start it with its debugging port, open only to this
        extension (Chrome needs a profile folder of its own for that):
      </p>
      <div class="command">
        <pre class="flags" data-testid="launch-flags">
          {command}
        </pre>
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
        <span class="muted" role="status">
          {copied}
        </span>
      </div>
      <p class="muted">
        {session.protocol.error
          ? `Port ${session.protocol.port}: ${plainError(session.protocol.error)}. `
          : `Port ${session.protocol.port} (change it in Settings). `}
        Without it, the tag list, this tab's log, Hold offline, Re-register and Simulate work; Chrome's stored history
        and firing a tag in back-off do not.
      </p>
    </div>
  );
}

/** The clipboard API may be blocked in DevTools' extension frame; the older copy command then still works. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.className = 'visually-hidden';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
