import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CdpClient } from '../extension/cdp/client.ts';
import { MemoryTransport } from '../extension/cdp/memory-transport.ts';
import { chromeEvent } from '../extension/codecs/test-records.ts';
import { LIMITS } from '../extension/codecs/validate.ts';
import type { SyncRecord } from '../extension/model.ts';
import { DROPPED_GATHER_MS, DROPPED_NOTICE_EVERY_MS, ProtocolRecords } from './protocol-engine-records.ts';
import { TestClock } from './test-clock.ts';

/** Chrome's log as the socket delivers it, through the CDP client, on a hand-driven clock. */
function setup() {
  const transport = new MemoryTransport();
  const client = new CdpClient(transport, 0);
  const clock = new TestClock();
  const records: SyncRecord[] = [];
  const notices: Array<{ level: string; text: string }> = [];
  const log = new ProtocolRecords(
    { records: (batch) => records.push(...batch), notice: (level, text) => notices.push({ level, text }) },
    clock,
  );
  log.listen(client);
  const send = (backgroundServiceEvent: unknown) =>
    transport.receive({
      method: 'BackgroundService.backgroundServiceEventReceived',
      params: { backgroundServiceEvent },
    });
  return { clock, records, notices, log, send };
}

let at = 1795487862;
const overLimits = () => [
  chromeEvent(++at, 'Registered sync', 'x'.repeat(LIMITS.tag + 1)),
  chromeEvent(
    ++at,
    'Registered sync',
    'many',
    Array.from({ length: LIMITS.metadataEntries + 1 }, (_, i) => [`k${i}`, 'v'] as [string, string]),
  ),
  chromeEvent(++at, 'Registered sync', 'big-value', [['Status', 'v'.repeat(LIMITS.metadataValue + 1)]]),
];

describe('protocol events dropped by the import limits', () => {
  it('are told in one notice after the burst they came in, with their count, not one per event', async () => {
    const { clock, records, notices, log, send } = setup();
    for (const event of overLimits()) send(event);
    send(chromeEvent(++at, 'Registered sync', 'fine'));
    // Of a service we do not observe: not ours, so not counted as unreadable.
    send({ ...chromeEvent(++at, 'Push event received', 'push'), service: 'pushMessaging' });
    await clock.advance(DROPPED_GATHER_MS - 1);
    assert.deepEqual(notices, [], 'the burst is still being counted');
    assert.deepEqual(
      records.map((r) => r.tag),
      ['fine'],
    );
    await clock.advance(1);
    assert.deepEqual(notices, [
      {
        level: 'warning',
        text: "Chrome's log had 3 events Sync Inspector could not read (tag or metadata over its limits); they are not shown.",
      },
    ]);
    log.dispose();
  });

  it('later drops are rate-limited: one more notice at most every ten minutes, with the count since', async () => {
    const { clock, notices, log, send } = setup();
    send(overLimits()[0]);
    await clock.advance(DROPPED_GATHER_MS);
    assert.equal(notices.length, 1);
    assert.match(notices[0]!.text, /had 1 event Sync Inspector could not read .*; it is not shown\.$/);
    for (let i = 0; i < 5; i++) {
      for (const event of overLimits()) send(event);
      await clock.advance(60_000);
    }
    send('not even an object');
    assert.equal(notices.length, 1, 'no notice per event, nor per burst');
    await clock.advance(DROPPED_NOTICE_EVERY_MS);
    assert.equal(notices.length, 2);
    assert.equal(
      notices[1]!.text,
      "Chrome's log had 16 more events Sync Inspector could not read (tag or metadata over its limits); they are not shown.",
    );
    await clock.advance(DROPPED_NOTICE_EVERY_MS * 3);
    assert.equal(notices.length, 2, 'nothing new dropped, nothing new said');
    send(overLimits()[1]);
    log.dispose();
    await clock.advance(DROPPED_NOTICE_EVERY_MS);
    assert.equal(notices.length, 2, 'a disposed session says nothing');
    assert.equal(clock.pending, 0);
  });
});
