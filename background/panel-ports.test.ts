import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capabilities } from '../extension/capabilities.ts';
import { WELCOME_RECORDS, type BackgroundToPanel, type SessionState } from '../extension/messages.ts';
import { unpackMessage } from '../extension/port-records.ts';
import { testRecord } from '../extension/test-record.ts';
import { CHUNK_BYTES, chunkRecords, PanelPorts, type Port } from './panel-ports.ts';

/** Chrome refuses a runtime message whose serialized form is over 64 MiB. */
const CHROME_LIMIT = 64 * 1024 * 1024;

class FakePort implements Port {
  received: BackgroundToPanel[] = [];
  biggest = 0;
  disconnected = false;
  refuse = false;
  postMessage(message: unknown): void {
    if (this.disconnected) throw new Error('Attempting to use a disconnected port object');
    const size = JSON.stringify(message).length;
    if (this.refuse || size > CHROME_LIMIT) throw new Error('Message length exceeded maximum allowed length.');
    this.biggest = Math.max(this.biggest, size);
    this.received.push(unpackMessage(message as BackgroundToPanel));
  }
  disconnect(): void {
    this.disconnected = true;
  }
}

const state = { tabId: 1, capabilities: capabilities([], 'x') } as unknown as SessionState;

/** Records with page-controlled text as long as Chrome allows: ~18 KB each. */
function bigRecords(count: number) {
  return Array.from({ length: count }, (_, i) =>
    testRecord({
      id: `r${i}`,
      time: i,
      tag: `${i}-`.padEnd(10_240, 'x'),
      reason: `${i}`.padEnd(4000, 'y'),
      error: `${i}`.padEnd(4000, 'z'),
    }),
  );
}

describe('PanelPorts', () => {
  it('splits records by serialized size and by count', () => {
    const small = Array.from({ length: 12_000 }, (_, i) => testRecord({ id: `s${i}` }));
    assert.deepEqual(
      chunkRecords(small).map((c) => c.length),
      [5000, 5000, 2000],
    );
    const big = bigRecords(1000);
    const chunks = chunkRecords(big);
    assert.ok(chunks.length > 1);
    for (const chunk of chunks) assert.ok(JSON.stringify(chunk).length <= CHUNK_BYTES);
    assert.equal(chunks.flat().length, 1000);
    assert.deepEqual(chunkRecords([]), [[]]);
  });

  it('delivers a 70 MB welcome whole, every message far under Chrome’s 64 MiB limit', () => {
    const records = bigRecords(5000);
    const total = JSON.stringify(records).length;
    assert.ok(total > 70_000_000, `${total} bytes`);
    const port = new FakePort();
    const ports = new PanelPorts<FakePort>();
    ports.welcome(port, state, records, null);
    ports.sendOlder(port);
    assert.equal(port.disconnected, false);
    const [welcome, ...older] = port.received;
    assert.ok(welcome?.type === 'welcome');
    assert.ok(older.every((m) => m.type === 'older'));
    const got = [...older.flatMap((m) => (m.type === 'older' ? m.records : [])), ...welcome.records];
    assert.equal(got.length, 5000);
    assert.deepEqual(
      got.map((r) => r.id),
      records.map((r) => r.id),
    );
    assert.ok(port.biggest <= CHUNK_BYTES + 1024, `biggest message ${port.biggest}`);
  });

  it('welcomes with the newest records and the total, then the older ones oldest first, counting down', () => {
    const records = Array.from({ length: 12_000 }, (_, i) => testRecord({ id: `r${i}`, time: i }));
    const port = new FakePort();
    const ports = new PanelPorts<FakePort>();
    ports.welcome(port, state, records, null);
    ports.sendOlder(port);
    const [welcome, ...older] = port.received;
    assert.ok(welcome?.type === 'welcome');
    assert.equal(welcome.total, 12_000);
    assert.deepEqual(
      welcome.records.map((r) => r.id),
      records.slice(-WELCOME_RECORDS).map((r) => r.id),
    );
    assert.deepEqual(
      older.map((m) => (m.type === 'older' ? [m.records[0]!.id, m.records.length, m.remaining] : m.type)),
      [
        ['r0', 5000, 6500],
        ['r5000', 5000, 1500],
        ['r10000', 1500, 0],
      ],
    );
  });

  it('holds the older records until the panel asks, lets other messages pass meanwhile, and sends them once', () => {
    const records = Array.from({ length: 6000 }, (_, i) => testRecord({ id: `r${i}`, time: i }));
    const port = new FakePort();
    const ports = new PanelPorts<FakePort>();
    ports.welcome(port, state, records, null);
    ports.broadcast({ type: 'notice', level: 'info', text: 'meanwhile' });
    assert.deepEqual(
      port.received.map((m) => m.type),
      ['welcome', 'notice'],
    );
    ports.sendOlder(port);
    ports.sendOlder(port);
    assert.deepEqual(
      port.received.map((m) => (m.type === 'older' ? [m.records.length, m.remaining] : m.type)),
      ['welcome', 'notice', [5000, 500], [500, 0]],
    );
  });

  it('forgets the older records of a panel that went before asking', () => {
    const records = Array.from({ length: 600 }, (_, i) => testRecord({ id: `r${i}`, time: i }));
    const port = new FakePort();
    const ports = new PanelPorts<FakePort>();
    ports.welcome(port, state, records, null);
    ports.remove(port);
    ports.sendOlder(port);
    assert.deepEqual(
      port.received.map((m) => m.type),
      ['welcome'],
    );
  });

  it('a log no bigger than the welcome needs no older messages', () => {
    const port = new FakePort();
    new PanelPorts<FakePort>().welcome(port, state, [testRecord({ id: 'a' })], null);
    assert.deepEqual(
      port.received.map((m) => m.type),
      ['welcome'],
    );
    assert.equal((port.received[0] as { total: number }).total, 1);
  });

  it('pushes many records in chunks too, and not to the panel that shows them already', () => {
    const ports = new PanelPorts<FakePort>();
    const a = new FakePort();
    const b = new FakePort();
    ports.welcome(a, state, [], null);
    ports.welcome(b, state, [], null);
    ports.pushRecords(bigRecords(1000), b);
    assert.equal(a.received.flatMap((m) => (m.type === 'records' ? m.records : [])).length, 1000);
    assert.equal(b.received.length, 1);
  });

  it('a port that cannot take a message is let go with the reason, the others go on', () => {
    const ports = new PanelPorts<FakePort>();
    const good = new FakePort();
    const bad = new FakePort();
    ports.welcome(good, state, [], null);
    ports.welcome(bad, state, [], null);
    // Refuses the push, not the small notice that follows.
    let refusals = 1;
    const post = bad.postMessage.bind(bad);
    bad.postMessage = (message) => {
      if ((message as { type: string }).type === 'state' && refusals-- > 0) throw new Error('Message too big');
      post(message);
    };
    ports.broadcast({ type: 'state', state });
    assert.equal(bad.disconnected, true);
    assert.equal(ports.has(bad), false);
    assert.equal(ports.size, 1);
    const notice = bad.received.at(-1);
    assert.equal(notice?.type, 'notice');
    assert.match(
      notice?.type === 'notice' ? notice.text : '',
      /could not send this panel a state message \(Message too big\)/,
    );
    assert.equal(good.received.at(-1)?.type, 'state');
  });
});
