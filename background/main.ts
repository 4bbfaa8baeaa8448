/**
 * The extension's service worker. It may die at any moment: everything it knows is in
 * chrome.storage or comes back with Chrome's log replay when a panel reconnects.
 */
import { PANEL_PORT_NAME } from '../extension/messages.ts';
import { RecordLog } from './record-log.ts';
import { Router } from './router.ts';

const router = new Router(new RecordLog());

/** Only our own extension pages may talk to the background (no externally_connectable either). */
function isOwnPage(sender: chrome.runtime.MessageSender | undefined): boolean {
  return sender?.id === chrome.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(chrome.runtime.getURL(''));
}

chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== PANEL_PORT_NAME || !isOwnPage(port.sender)) {
    port.disconnect();
    return;
  }
  router.accept(port);
});
