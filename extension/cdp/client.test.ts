import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { CdpClient, CdpError } from './client.ts';
import { MemoryTransport } from './memory-transport.ts';

describe('CdpClient over an in-memory transport', () => {
  it('sends typed commands with ids and routes each answer to its call, in any order', async () => {
    const transport = new MemoryTransport();
    const client = new CdpClient(transport, 0);
    const version = client.send('Browser.getVersion');
    const enable = client.send('ServiceWorker.enable');
    const [a, b] = transport.sent;
    assert.deepEqual(
      transport.sent.map((m) => m.method),
      ['Browser.getVersion', 'ServiceWorker.enable'],
    );
    assert.notEqual(a!.id, b!.id);
    transport.receive({ id: b!.id, result: {} });
    transport.receive({ id: a!.id, result: { product: 'Chrome/140' } });
    assert.deepEqual(await enable, {});
    assert.equal((await version).product, 'Chrome/140');
  });

  it('a protocol error names the method and carries the code', async () => {
    const transport = new MemoryTransport();
    transport.answer = (r) => ({ id: r.id, error: { code: -32601, message: "'X.y' wasn't found" } });
    const client = new CdpClient(transport, 0);
    const error = await client.send('Page.enable').catch((e: unknown) => e);
    assert.ok(error instanceof CdpError);
    assert.equal(error.method, 'Page.enable');
    assert.equal(error.code, -32601);
    assert.match(error.message, /^Page.enable: /);
  });

  it('times out a call the browser never answers', async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const client = new CdpClient(new MemoryTransport(), 500);
      const call = client.send('Browser.getVersion');
      mock.timers.tick(500);
      await assert.rejects(call, /Browser.getVersion: no answer within 500 ms/);
    } finally {
      mock.timers.reset();
    }
  });

  it('rejects every pending call when the transport closes, and later calls at once', async () => {
    const transport = new MemoryTransport();
    const client = new CdpClient(transport, 0);
    const reasons: string[] = [];
    client.onClose((reason) => reasons.push(reason));
    const calls = [client.send('Page.enable'), client.send('Runtime.enable')];
    transport.closeFromPeer('socket closed (1006)');
    for (const call of calls) await assert.rejects(call, /connection closed \(socket closed \(1006\)\)/);
    await assert.rejects(client.send('Page.enable'), /connection closed/);
    assert.deepEqual(reasons, ['socket closed (1006)']);
    assert.equal(client.closed, true);
    assert.equal(transport.sent.length, 2, 'nothing sent after close');
  });

  it('a child session sends with its session id and hears only its own events', async () => {
    const transport = new MemoryTransport();
    transport.answer = (r) => ({ id: r.id, result: {}, ...(r.sessionId ? { sessionId: r.sessionId } : {}) });
    const client = new CdpClient(transport, 0);
    const worker = client.session('S1');
    assert.equal(worker.id, 'S1');
    await worker.send('Runtime.runIfWaitingForDebugger');
    await worker.send('Runtime.addBinding', { name: 'b' });
    assert.deepEqual(
      transport.sent.map((m) => [m.method, m.sessionId, m.params]),
      [
        ['Runtime.runIfWaitingForDebugger', 'S1', undefined],
        ['Runtime.addBinding', 'S1', { name: 'b' }],
      ],
    );
    const heard: string[] = [];
    const off = worker.on('Runtime.bindingCalled', (e) => heard.push(e.payload));
    const event = (payload: string, sessionId?: string) =>
      transport.receive({
        method: 'Runtime.bindingCalled',
        params: { name: 'b', payload, executionContextId: 1 },
        ...(sessionId ? { sessionId } : {}),
      });
    event('mine', 'S1');
    event('other', 'S2');
    event('page');
    off();
    event('after', 'S1');
    assert.deepEqual(heard, ['mine']);
  });

  it('a throwing listener does not keep the others from hearing the event', () => {
    const transport = new MemoryTransport();
    const client = new CdpClient(transport, 0);
    const heard: number[] = [];
    const error = mock.method(console, 'error', () => {});
    client.on('Page.loadEventFired', () => {
      throw new Error('boom');
    });
    client.on('Page.loadEventFired', (e) => heard.push(e.timestamp));
    transport.receive({ method: 'Page.loadEventFired', params: { timestamp: 7 } });
    assert.deepEqual(heard, [7]);
    assert.equal(error.mock.callCount(), 1);
    error.mock.restore();
  });
});
