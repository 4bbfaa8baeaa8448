/**
 * The demo app's service worker seen through the test's own trusted session: the running statuses
 * Chrome reports for it, and a stop of that worker alone (stopAllWorkers would stop the extension's
 * worker too).
 */
import type { Scenario } from './scenario.ts';
import { waitUntil } from './wait.ts';

export async function watchAppWorker(s: Scenario) {
  const cdp = await s.page.createCDPSession();
  const statuses: string[] = [];
  let versionId: string | undefined;
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions.filter((v) => v.scriptURL.startsWith(s.demo.url))) {
      versionId ??= v.versionId;
      statuses.push(v.runningStatus);
    }
  });
  await cdp.send('ServiceWorker.enable');
  const demoVersion = await waitUntil(
    () => versionId,
    () => 'the demo worker is not known',
    { timeoutMs: 5000 },
  );
  return {
    statuses,
    stop: () => cdp.send('ServiceWorker.stopWorker', { versionId: demoVersion }),
    detach: () => cdp.detach(),
  };
}
