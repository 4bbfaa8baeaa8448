import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { PROTOCOL_VERSION, type BackgroundToPanel, type PanelToBackground } from '../../extension/messages.ts';
import { Connection, type ConnectionStatus } from './connection.ts';

/** The worker's end of one runtime port, in memory. */
class FakePort {
  readonly posted: PanelToBackground[] = [];
  private readonly messageListeners: Array<(m: BackgroundToPanel) => void> = [];
  private readonly disconnectListeners: Array<() => void> = [];
  onMessage = { addListener: (l: (m: BackgroundToPanel) => void) => this.messageListeners.push(l) };
  onDisconnect = { addListener: (l: () => void) => this.disconnectListeners.push(l) };
  postMessage(message: PanelToBackground): void {
    this.posted.push(message);
  }
  disconnect(): void {}
  push(message: BackgroundToPanel): void {
    for (const l of this.messageListeners) l(message);
  }
  drop(): void {
    for (const l of this.disconnectListeners) l();
  }
  commands() {
    return this.posted.filter((m) => m.type === 'command');
  }
}

function setup() {
  const ports: FakePort[] = [];
  const statuses: ConnectionStatus[] = [];
  const messages: BackgroundToPanel[] = [];
  const connection = new Connection(7, { message: (m) => messages.push(m), status: (s) => statuses.push(s) }, () => {
    const port = new FakePort();
    ports.push(port);
    return port as unknown as chrome.runtime.Port;
  });
  return { connection, ports, statuses, messages };
}

describe('the panel connection', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'setInterval'] }));
  afterEach(() => mock.timers.reset());

  it('says hello, answers a command by id, and passes other messages on', async () => {
    const { connection, ports, messages } = setup();
    connection.open();
    const port = ports[0]!;
    assert.deepEqual(port.posted[0], { type: 'hello', version: PROTOCOL_VERSION, tabId: 7 });
    const answer = connection.request('setRecording', { on: true });
    const command = port.commands()[0]!;
    port.push({ type: 'notice', level: 'info', text: 'hi' });
    port.push({ type: 'result', id: command.id, ok: true, value: { recording: true } });
    assert.deepEqual(await answer, { recording: true });
    assert.deepEqual(messages, [{ type: 'notice', level: 'info', text: 'hi' }]);
    connection.close();
  });

  it('a refused command rejects with the background error', async () => {
    const { connection, ports } = setup();
    connection.open();
    const answer = connection.request('clearView', {});
    ports[0]!.push({ type: 'result', id: ports[0]!.commands()[0]!.id, ok: false, error: 'Not connected yet' });
    await assert.rejects(answer, /^Error: Not connected yet$/);
    connection.close();
  });

  it('times a command out after 20 s', async () => {
    const { connection } = setup();
    connection.open();
    const answer = connection.request('reconnect', {});
    mock.timers.tick(20_000);
    await assert.rejects(answer, /reconnect: no answer from the extension within 20 s/);
    connection.close();
  });

  it('when the worker dies: commands in flight fail at once, and it reconnects and says hello again', async () => {
    const { connection, ports, statuses } = setup();
    connection.open();
    ports[0]!.push({ type: 'welcome', records: [], total: 0 } as unknown as BackgroundToPanel);
    const answer = connection.request('eraseChromeLog', {});
    ports[0]!.drop();
    await assert.rejects(answer, /The extension restarted while this was running/);
    await assert.rejects(connection.request('clearView', {}), /not connected to the extension/);
    mock.timers.tick(50);
    assert.equal(ports.length, 2);
    assert.equal(ports[1]!.posted[0]!.type, 'hello');
    assert.deepEqual(statuses, ['connecting', 'connected', 'reconnecting', 'reconnecting']);
    connection.close();
  });

  it('asks for the older records once its welcome has been painted (a hidden panel: after 100 ms)', () => {
    const { connection, ports } = setup();
    connection.open();
    ports[0]!.push({ type: 'welcome', records: [], total: 3 } as unknown as BackgroundToPanel);
    assert.deepEqual(
      ports[0]!.posted.map((m) => m.type),
      ['hello'],
    );
    mock.timers.tick(100);
    assert.deepEqual(
      ports[0]!.posted.map((m) => m.type),
      ['hello', 'sendOlder'],
    );
    connection.close();
  });
});
