import { batch } from '@preact/signals';
import { render } from 'preact';
import { Connection } from './connection.ts';
import { persistViewState } from './filter-storage.ts';
import { burstApplier } from './message-bursts.ts';
import { createStore } from './store.ts';
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
  render(<App store={store} connection={connection} />, root);
  connection.open();
}
