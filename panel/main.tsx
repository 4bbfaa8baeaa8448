import { batch } from '@preact/signals';
import { render } from 'preact';
import { Connection } from './state/connection.ts';
import { panelContext } from './state/context.ts';
import { persistViewState } from './state/filter-storage.ts';
import { burstApplier } from './state/message-bursts.ts';
import { createStore } from './state/store.ts';
import { inspectedTabId } from './tab-id.ts';
import { followDevtoolsTheme } from './theme.ts';
import { App } from './views/App.tsx';

const root = document.getElementById('app')!;
followDevtoolsTheme(document.documentElement);
const tabId = inspectedTabId();
if (tabId === undefined) {
  root.textContent = 'Sync Inspector: open this panel from DevTools, or as panel.html?tabId=<tab id>.';
} else {
  const store = createStore();
  const connection = new Connection(tabId, {
    message: burstApplier((messages) => batch(() => messages.forEach((m) => store.applyMessage(m)))),
    status: (status) => (store.connection.value = status),
  });
  void persistViewState(store);
  // The port first: the worker starts the engine and its first reads while the panel renders
  // its first frame (messages are tasks: they reach the store after this render).
  connection.open();
  render(<App context={panelContext(store, (name, params) => connection.request(name, params))} />, root);
}
