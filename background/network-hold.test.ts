import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CdpClient } from '../extension/cdp/client.ts';
import type { CdpIncoming, CdpRequest, Transport } from '../extension/cdp/transport.ts';
import { NetworkHold } from './network-hold.ts';
import { WorkerAttacher } from './worker-attacher.ts';

/** Answers every command at once, and lets the test play Chrome's events. */
class ScriptedTransport implements Transport {
  sent: CdpRequest[] = [];
  private listener: (message: CdpIncoming) => void = () => {};
  send(message: CdpRequest): void {
    this.sent.push(message);
    queueMicrotask(() =>
      this.listener({ id: message.id, result: {}, ...(message.sessionId ? { sessionId: message.sessionId } : {}) }),
    );
  }
  onMessage(listener: (message: CdpIncoming) => void): void {
    this.listener = listener;
  }
  onClose(): void {}
  close(): void {}
  event(method: string, params: unknown, sessionId?: string): void {
    this.listener({ method, params, ...(sessionId ? { sessionId } : {}) });
  }
}

const WORKER = { scope: 'https://app.example/', scriptURL: 'https://app.example/sw.js' };

async function heldWorker() {
  const transport = new ScriptedTransport();
  const client = new CdpClient(transport);
  const attacher = new WorkerAttacher(client);
  const stopped: string[] = [];
  const hold = new NetworkHold(
    client,
    attacher,
    async () => {
      transport.event('Target.attachedToTarget', {
        sessionId: 'w1',
        targetInfo: { targetId: 't1', type: 'service_worker', url: WORKER.scriptURL },
        waitingForDebugger: true,
      });
    },
    (scope) => stopped.push(scope),
  );
  await hold.set(WORKER, true);
  const offline = (sessionId: string, value: boolean) =>
    transport.sent.some(
      (m) =>
        m.method === 'Network.emulateNetworkConditions' &&
        m.sessionId === sessionId &&
        (m.params as { offline: boolean }).offline === value,
    );
  return { transport, hold, stopped, offline };
}

describe('NetworkHold', () => {
  it('tells when a held worker stops under it (a crash, or stopped from outside)', async () => {
    const t = await heldWorker();
    assert.equal(t.offline('w1', true), true);
    t.transport.event('Inspector.targetCrashed', {}, 'w1');
    assert.deepEqual(t.stopped, [WORKER.scope]);
    // The session closing after the crash is the same stop: told once.
    t.transport.event('Target.detachedFromTarget', { sessionId: 'w1' });
    assert.deepEqual(t.stopped, [WORKER.scope]);
  });

  it('a session that ends without our asking is a stop too; our own release is not', async () => {
    const a = await heldWorker();
    a.transport.event('Target.detachedFromTarget', { sessionId: 'w1' });
    assert.deepEqual(a.stopped, [WORKER.scope]);
    const b = await heldWorker();
    await b.hold.set(WORKER, false);
    b.transport.event('Target.detachedFromTarget', { sessionId: 'w1' });
    assert.deepEqual(b.stopped, []);
    assert.equal(b.offline('w1', false), true);
  });

  it('the session ending releases every hold before the detach', async () => {
    const t = await heldWorker();
    t.hold.dispose();
    assert.equal(t.offline('w1', false), true);
    await new Promise((resolve) => queueMicrotask(() => resolve(undefined)));
    assert.ok(
      t.transport.sent.some(
        (m) => m.method === 'Target.detachFromTarget' && (m.params as { sessionId: string }).sessionId === 'w1',
      ),
    );
    assert.deepEqual(t.hold.heldScopes(), []);
  });
});
