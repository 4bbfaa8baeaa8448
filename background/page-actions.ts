/**
 * Housekeeping done from the inspected page itself (Runtime.evaluate, allowed to both engines):
 * registering a tag again, unregistering a periodic tag. The page's own API does it, so Chrome's
 * rules apply as they would to the app.
 */
import type { CdpClient } from '../extension/cdp/client.ts';

async function evaluateInPage(client: CdpClient, expression: string): Promise<unknown> {
  const { result, exceptionDetails } = await client.send('Runtime.evaluate', {
    expression,
    awaitPromise: true,
    returnByValue: true,
    silent: true,
  });
  if (exceptionDetails)
    throw new Error(exceptionDetails.exception?.description?.split('\n')[0] ?? exceptionDetails.text);
  return result.value;
}

/** Registers a one-shot tag again: a tag that ran out of attempts (or completed) fires anew. */
export async function registerTagInPage(client: CdpClient, scope: string, tag: string): Promise<void> {
  await evaluateInPage(
    client,
    `navigator.serviceWorker.getRegistration(${JSON.stringify(scope)}).then((r) => {
      if (!r || !r.sync) throw new Error('No service worker with Background Sync is registered for ' + ${JSON.stringify(scope)});
      return r.sync.register(${JSON.stringify(tag)});
    })`,
  );
}

/** Unregisters a periodic tag; true when the page's registration had it. */
export async function unregisterPeriodicInPage(client: CdpClient, scope: string, tag: string): Promise<boolean> {
  const value = await evaluateInPage(
    client,
    `navigator.serviceWorker.getRegistration(${JSON.stringify(scope)}).then(async (r) => {
      if (!r || !r.periodicSync) throw new Error('No service worker with Periodic Background Sync is registered for ' + ${JSON.stringify(scope)});
      const had = (await r.periodicSync.getTags()).includes(${JSON.stringify(tag)});
      await r.periodicSync.unregister(${JSON.stringify(tag)});
      return had;
    })`,
  );
  return value === true;
}
