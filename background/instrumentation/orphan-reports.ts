/**
 * Reports that arrive while no engine serves their tab. Our chrome.debugger session outlives the
 * extension's service worker, and a report from the page (a sync event ran) is what wakes a new
 * instance: installed at the worker's top level, this turns such reports into records instead of
 * losing them while the panel reconnects.
 */
import { isServed } from '../../extension/cdp/debugger-transport.ts';
import type { SyncRecord } from '../../extension/model.ts';
import { PAGE_BINDING, WORKER_BINDING } from './in-scope.ts';
import { ReportIntake } from './intake.ts';

export function keepOrphanReports(add: (records: SyncRecord[]) => void): void {
  const intake = new ReportIntake({ emit: (records) => add(records), notice: () => {} });
  chrome.debugger.onEvent.addListener((source, method, params) => {
    if (method !== 'Runtime.bindingCalled' || source.tabId === undefined || isServed(source.tabId)) return;
    const { name, payload } = params as { name?: unknown; payload?: unknown };
    if (name !== PAGE_BINDING && name !== WORKER_BINDING) return;
    const tabId = source.tabId;
    // No engine knows the tab's contexts here: the report is the tab's, whatever origin it names.
    void chrome.debugger.getTargets().then((targets) => {
      const tab = targets.find((t) => t.tabId === tabId && t.type === 'page');
      intake.take(payload, tab?.url);
    });
  });
}
