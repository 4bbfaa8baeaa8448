/** A session's outside world in the extension: chrome.storage settings, the real engines. */
import { readSettings, writeSettings } from '../extension/settings.ts';
import { DebuggerEngine } from './debugger-engine.ts';
import { canceledDebuggingIn } from './debugging-canceled.ts';
import type { EngineFactory } from './engine.ts';
import { setKeepRecording } from './keep-recording.ts';
import { ProtocolEngine } from './protocol-engine.ts';
import type { SessionDeps } from './session.ts';

export const realEngineFactory: EngineFactory = {
  protocol: (tabId, port, sink) => ProtocolEngine.connect(tabId, port, sink),
  debugger: (tabId, sink) => DebuggerEngine.attach(tabId, sink),
};

export function extensionSessionDeps(): SessionDeps {
  return {
    extensionId: chrome.runtime.id,
    factory: realEngineFactory,
    readSettings,
    writeSettings,
    setKeepRecording,
    canceledDebugging: (tabId) => canceledDebuggingIn(chrome.storage.session, tabId),
    tabGone: (tabId) =>
      chrome.tabs.get(tabId).then(
        () => false,
        () => true,
      ),
    onTabLoaded: (tabId, callback) => {
      const listener = (id: number, change: { status?: string }) => {
        if (id === tabId && change.status === 'complete') callback();
      };
      chrome.tabs.onUpdated.addListener(listener);
      return () => chrome.tabs.onUpdated.removeListener(listener);
    },
  };
}
