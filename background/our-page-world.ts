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

/**
 * Makes the world now in the page whose main frame is `frameId` (a page target's id is its main
 * frame's id): the first read then spares the Page.getFrameTree round trip.
 */
export function prepareOurWorld(client: CdpClient, frameId: string): void {
  void ourWorld(client, undefined, frameId);
}

function ourWorld(client: CdpClient, sessionId: string | undefined, frameId?: string): Promise<number> {
  let bySession = worlds.get(client);
  if (!bySession) worlds.set(client, (bySession = new Map()));
  const key = sessionId ?? '';
  let world = bySession.get(key);
  if (!world) {
    world = createWorld(client, sessionId, frameId);
    bySession.set(key, world);
    // A failed creation is not kept: the next read tries again.
    world.catch(() => bySession.delete(key));
  }
  return world;
}

async function createWorld(client: CdpClient, sessionId: string | undefined, frameId?: string): Promise<number> {
  // No universal access: the world has the page's origin and no more.
  const create = async (id: string) =>
    (
      await client.send(
        'Page.createIsolatedWorld',
        { frameId: id, worldName: WORLD_NAME, grantUniveralAccess: false },
        sessionId,
      )
    ).executionContextId;
  if (frameId !== undefined) {
    try {
      return await create(frameId);
    } catch {
      // Not the main frame's id after all: ask the page which it is, as below.
    }
  }
  const { frameTree } = await client.send('Page.getFrameTree', undefined, sessionId);
  return create(frameTree.frame.id);
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
