import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { WebSocket as NodeWebSocket, WebSocketServer, type WebSocket } from 'ws';
import { LIMITS } from '../extension/codecs/validate.ts';
import { chromeEvent } from '../extension/codecs/test-records.ts';
import type { SyncRecord } from '../extension/model.ts';
import { ProtocolEngine } from './protocol-engine.ts';

const TARGET = 'THE-TAB-TARGET';

/**
 * What listens on the debugging port, answering as this Chrome for this tab (so the endpoint check
 * passes) and every other command with an empty result; the test pushes events through `socket`.
 */
async function endpoint() {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  let socket: WebSocket | undefined;
  const connected = new Promise<WebSocket>((resolve) =>
    server.on('connection', (s) => {
      socket = s;
      s.on('message', (data) => {
        const { id, method } = JSON.parse(String(data)) as { id: number; method: string };
        const result = method === 'Target.getTargetInfo' ? { targetInfo: { targetId: TARGET, url: 'x' } } : {};
        s.send(JSON.stringify({ id, result }));
      });
      resolve(s);
    }),
  );
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, port: (server.address() as AddressInfo).port, connected, socket: () => socket };
}

describe('protocol events pass the same limits as imports', () => {
  before(() => {
    const g = globalThis as unknown as Record<string, unknown>;
    g.WebSocket = NodeWebSocket;
    g.chrome = {
      runtime: { id: 'ext' },
      debugger: { getTargets: async () => [{ tabId: 7, id: TARGET }] },
    };
  });
  after(() => {
    const g = globalThis as unknown as Record<string, unknown>;
    delete g.WebSocket;
    delete g.chrome;
  });

  it('drops events whose tag, metadata or strings break the import limits, says so in one notice; keeps a real one', async () => {
    const fake = await endpoint();
    const records: SyncRecord[] = [];
    const notices: string[] = [];
    const engine = await ProtocolEngine.connect(7, fake.port, {
      records: (r) => records.push(...r),
      registrationsMayHaveChanged: () => {},
      recordingChanged: () => {},
      closed: () => {},
      notice: (_level, text) => notices.push(text),
    });
    try {
      const socket = await fake.connected;
      const send = (backgroundServiceEvent: unknown) =>
        socket.send(
          JSON.stringify({
            method: 'BackgroundService.backgroundServiceEventReceived',
            params: { backgroundServiceEvent },
          }),
        );
      const base = chromeEvent(1795487862.5, 'Registered sync', 'fine');
      const manyEntries = Array.from(
        { length: LIMITS.metadataEntries + 1 },
        (_, i) => [`k${i}`, 'v'] as [string, string],
      );
      send(chromeEvent(1795487862.1, 'Registered sync', 'x'.repeat(LIMITS.tag + 1)));
      send(chromeEvent(1795487862.2, 'Registered sync', 'many', manyEntries));
      send(
        chromeEvent(1795487862.3, 'Registered sync', 'big-value', [['Status', 'v'.repeat(LIMITS.metadataValue + 1)]]),
      );
      send(chromeEvent(1795487862.4, 'Registered sync', 'long-origin', [], `https://${'o'.repeat(LIMITS.origin)}/`));
      send({ ...base, instanceId: 42 });
      send({ ...base, eventName: 'e'.repeat(LIMITS.eventName + 1) });
      send('not an event');
      send(base);
      const deadline = Date.now() + 5000;
      while (!records.some((r) => r.tag === 'fine') && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 10));
      assert.deepEqual(
        records.map((r) => r.tag),
        ['fine'],
      );
      assert.equal(records[0]!.source, 'protocol');
      assert.equal(records[0]!.time, 1795487862.5 * 1000);
      // The seven it dropped are told once, together, not one notice per event.
      const told = Date.now() + 5000;
      while (notices.length === 0 && Date.now() < told) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.deepEqual(notices, [
        "Chrome's log had 7 events Sync Inspector could not read (tag or metadata over its limits); they are not shown.",
      ]);
    } finally {
      engine.dispose();
      fake.server.close();
    }
  });
});
