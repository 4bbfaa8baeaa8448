import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { WebSocket as NodeWebSocket, WebSocketServer } from 'ws';
import { CdpClient } from '../extension/cdp/client.ts';
import { WebSocketTransport } from '../extension/cdp/websocket-transport.ts';
import { verifyEndpoint } from './endpoint-check.ts';

/** A process on the debugging port that is not Chrome: it accepts any path, sends garbage, and may hang up at once. */
async function fakeEndpoint(behave: (socket: import('ws').WebSocket) => void) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  server.on('connection', behave);
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    server,
    url: () => `ws://127.0.0.1:${(server.address() as AddressInfo).port}/devtools/page/ANYTHING`,
  };
}

describe('the protocol endpoint must prove it is this Chrome', () => {
  before(() => {
    (globalThis as unknown as { WebSocket: unknown }).WebSocket = NodeWebSocket;
  });
  after(() => delete (globalThis as unknown as { WebSocket?: unknown }).WebSocket);

  it('an endpoint that sends garbage and closes at once is refused with a reason, nothing delivered', async () => {
    const fake = await fakeEndpoint((socket) => {
      socket.send('not json');
      socket.send('[1,2,3]');
      socket.send(
        JSON.stringify({ method: 'BackgroundService.backgroundServiceEventReceived', params: {}, sessionId: 5 }),
      );
      socket.send('x'.repeat(1000));
      socket.close();
    });
    try {
      const transport = await WebSocketTransport.connect(fake.url());
      const delivered: unknown[] = [];
      transport.onMessage((m) => delivered.push(m));
      const client = new CdpClient(transport);
      await assert.rejects(verifyEndpoint(client, { id: 'REAL-TARGET-ID' }), /connection closed|socket closed/);
      assert.deepEqual(delivered, []);
    } finally {
      fake.server.close();
    }
  });

  it('an endpoint that answers for another target, or never answers, is refused', async () => {
    const fake = await fakeEndpoint((socket) => {
      socket.on('message', (data) => {
        const { id, method } = JSON.parse(String(data)) as { id: number; method: string };
        if (method === 'Target.getTargetInfo' && id === 1)
          socket.send(JSON.stringify({ id, result: { targetInfo: { targetId: 'SOMEONE-ELSE', url: 'x' } } }));
      });
    });
    try {
      const first = new CdpClient(await WebSocketTransport.connect(fake.url()));
      await assert.rejects(verifyEndpoint(first, { id: 'REAL-TARGET-ID' }), /not this Chrome's tab/);
      first.close();
      const second = new CdpClient(await WebSocketTransport.connect(fake.url()));
      // Its first command has id 1 again: answered. Ask twice so the second goes unanswered.
      await second.send('Target.getTargetInfo').catch(() => {});
      await assert.rejects(
        verifyEndpoint(second, { id: 'SOMEONE-ELSE' }, 200),
        /did not prove it is this Chrome within 200 ms/,
      );
      second.close();
    } finally {
      fake.server.close();
    }
  });

  it('the real answer passes', async () => {
    const fake = await fakeEndpoint((socket) => {
      socket.on('message', (data) => {
        const { id } = JSON.parse(String(data)) as { id: number };
        socket.send(JSON.stringify({ id, result: { targetInfo: { targetId: 'REAL-TARGET-ID', url: 'http://a/' } } }));
      });
    });
    try {
      const client = new CdpClient(await WebSocketTransport.connect(fake.url()));
      await verifyEndpoint(client, { id: 'REAL-TARGET-ID' });
      client.close();
    } finally {
      fake.server.close();
    }
  });
});
