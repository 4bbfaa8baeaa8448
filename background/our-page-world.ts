/**
 * Our own JavaScript world in the inspected page (`Page.createIsolatedWorld`): the page's DOM,
 * navigator and storage, but built-ins of our own. The page's scripts, third parties included, may
 * replace `Promise.prototype.then`, `Promise.resolve`, `JSON`, array methods...: code of ours
 * evaluated in the page's main world runs into them, fails, and can even raise errors in the page
 * (an `unhandledrejection` the page sees). Reads of registrations and queues run here instead.
 *
 * One world per client and session, made on first use. A navigation destroys its context; the
 * evaluation that finds it gone makes a new one and runs again, once.
 */
import type { Protocol } from 'devtools-protocol';
import type { CdpClient } from '../extension/cdp/client.ts';

const WORLD_NAME = 'Sync Inspector';

type EvaluateParams = Omit<Protocol.Runtime.EvaluateRequest, 'contextId' | 'uniqueContextId'>;

const worlds = new WeakMap<CdpClient, Map<string, Promise<number>>>();

export async function evaluateInOurWorld(
  client: CdpClient,
  params: EvaluateParams,
  sessionId?: string,
): Promise<Protocol.Runtime.EvaluateResponse> {
  try {
    return await client.send(
      'Runtime.evaluate',
      { ...params, contextId: await ourWorld(client, sessionId) },
      sessionId,
    );
  } catch (error) {
    if (!contextGone(error)) throw error;
    forget(client, sessionId);
    return client.send('Runtime.evaluate', { ...params, contextId: await ourWorld(client, sessionId) }, sessionId);
  }
}

function ourWorld(client: CdpClient, sessionId: string | undefined): Promise<number> {
  let bySession = worlds.get(client);
  if (!bySession) worlds.set(client, (bySession = new Map()));
  const key = sessionId ?? '';
  let world = bySession.get(key);
  if (!world) {
    world = createWorld(client, sessionId);
    bySession.set(key, world);
    // A failed creation is not kept: the next read tries again.
    world.catch(() => bySession.delete(key));
  }
  return world;
}

async function createWorld(client: CdpClient, sessionId: string | undefined): Promise<number> {
  const { frameTree } = await client.send('Page.getFrameTree', undefined, sessionId);
  const { executionContextId } = await client.send(
    'Page.createIsolatedWorld',
    // No universal access: the world has the page's origin and no more.
    { frameId: frameTree.frame.id, worldName: WORLD_NAME, grantUniveralAccess: false },
    sessionId,
  );
  return executionContextId;
}

function forget(client: CdpClient, sessionId: string | undefined): void {
  worlds.get(client)?.delete(sessionId ?? '');
}

/** Chrome's answers when a context id no longer names a live context (the page navigated). */
function contextGone(error: unknown): boolean {
  return /Cannot find context with specified id|Execution context was destroyed|Cannot find default execution context/i.test(
    String(error instanceof Error ? error.message : error),
  );
}
