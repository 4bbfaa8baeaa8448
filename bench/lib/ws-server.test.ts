import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { startWsServer, type WsConnection } from './ws-server.ts';

describe('startWsServer', () => {
  it('hands over the path and text both ways, and closes its connections', async () => {
    const seen: Array<{ path: string; text: string }> = [];
    let connection: WsConnection | undefined;
    const server = await startWsServer((c, onText) => {
      connection = c;
      onText((text) => {
        seen.push({ path: c.path, text });
        c.send(`echo ${text}`);
      });
    });
    const client = new WebSocket(`ws://127.0.0.1:${server.port}/devtools/page/ABC`, {
      origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    });
    await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
    const answer = new Promise<string>((resolve) => client.once('message', (data) => resolve(data.toString())));
    client.send('{"id":1,"method":"Page.enable"}');
    assert.equal(await answer, 'echo {"id":1,"method":"Page.enable"}');
    assert.deepEqual(seen, [{ path: '/devtools/page/ABC', text: '{"id":1,"method":"Page.enable"}' }]);
    const closed = new Promise<number>((resolve) => client.once('close', resolve));
    connection!.close();
    assert.equal(await closed, 1000);
    await server.close();
  });
});
