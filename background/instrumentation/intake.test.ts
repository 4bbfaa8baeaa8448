import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SyncRecord } from '../../extension/model.ts';
import { TestClock } from '../test-clock.ts';
import { BATCH_MS, FUTURE_SLACK_MS, ReportIntake } from './intake.ts';
import { DEFAULT_LIMITS } from './report-limits.ts';

const DAY = 86_400_000;

function setup() {
  const clock = new TestClock(Date.UTC(2026, 11, 3));
  const batches: SyncRecord[][] = [];
  const notices: string[] = [];
  const intake = new ReportIntake({
    emit: (records) => batches.push(records),
    notice: (text) => notices.push(text),
    clock,
    maxAgeMs: () => 3 * DAY,
  });
  return { clock, batches, notices, intake, records: () => batches.flat() };
}

let seq = 0;
function payload(patch: Record<string, unknown> = {}, now = Date.UTC(2026, 11, 3)): string {
  return JSON.stringify({
    v: 1,
    id: `p-${++seq}`,
    type: 'dispatch',
    service: 'sync',
    origin: 'http://localhost:8088',
    scope: 'http://localhost:8088/',
    tag: 'outbox',
    time: now,
    ...patch,
  });
}

describe('ReportIntake: reports are the page’s word', () => {
  it('takes the origin from where the report ran, never from the payload', async () => {
    const t = setup();
    t.intake.take(payload({ origin: 'https://bank.example' }), 'http://localhost:8088');
    await t.clock.advance(BATCH_MS);
    assert.deepEqual(
      t.records().map((r) => r.origin),
      ['http://localhost:8088/'],
    );
    assert.match(t.records()[0]!.id, /^i\|http:\/\/localhost:8088\|/);
  });

  it('drops a report from nowhere known (no context, an opaque or non-web origin)', async () => {
    const t = setup();
    for (const ranIn of [undefined, '', 'null', '://', 'chrome-extension://abc', 'data:text/html,x'])
      t.intake.take(payload(), ranIn);
    await t.clock.advance(BATCH_MS);
    assert.equal(t.records().length, 0);
  });

  it('clamps a far-future or ancient time to [now - retention, now + 60 s]', async () => {
    const t = setup();
    const now = t.clock.now();
    t.intake.take(payload({ time: now + 365 * DAY }), 'http://localhost:8088');
    t.intake.take(payload({ time: 1 }), 'http://localhost:8088');
    t.intake.take(payload({ time: now - 1000 }), 'http://localhost:8088');
    await t.clock.advance(BATCH_MS);
    assert.deepEqual(
      t.records().map((r) => r.time),
      [now + FUTURE_SLACK_MS, now - 3 * DAY, now - 1000],
    );
  });

  it('drops a 100,000-report flood past the limit, says so once, and batches what it keeps', async () => {
    const t = setup();
    const flood = payload();
    let kept = 0;
    for (let i = 0; i < 100_000; i++) {
      // The same text each time: the page's cheapest flood; the limit is checked before parsing.
      if (t.intake.take(flood.replace(/"id":"[^"]*"/, `"id":"f${i}"`), 'http://localhost:8088')) kept++;
      if (i % 10_000 === 0) await t.clock.advance(100);
    }
    await t.clock.advance(BATCH_MS);
    assert.ok(kept <= DEFAULT_LIMITS.reportBurst + 20 * DEFAULT_LIMITS.reportsPerSecond, `kept ${kept}`);
    assert.ok(kept >= DEFAULT_LIMITS.reportBurst, `kept ${kept}`);
    assert.equal(t.intake.droppedCount, 100_000 - kept);
    assert.equal(t.notices.length, 1);
    assert.ok(t.batches.length <= 12, `${t.batches.length} batches for ${kept} reports`);
    // Once the page calms down, reports are taken again.
    await t.clock.advance(60_000);
    assert.ok(t.intake.take(payload(), 'http://localhost:8088'));
  });

  it('limits bytes too: a few huge reports do not pass for few', () => {
    const t = setup();
    const huge = payload({ tag: 'x'.repeat(10_000), reason: 'y'.repeat(50_000) });
    let kept = 0;
    for (let i = 0; i < 200; i++)
      if (t.intake.take(huge.replace('"id":"', `"id":"h${i}`), 'http://localhost:8088')) kept++;
    assert.ok(kept < 200 && kept <= DEFAULT_LIMITS.byteBurst / huge.length + 1, `kept ${kept}`);
  });

  it('hears a report once when it comes both ways (binding and channel)', async () => {
    const t = setup();
    const once = payload();
    t.intake.take(once, 'http://localhost:8088');
    t.intake.take(once, 'http://localhost:8088');
    await t.clock.advance(BATCH_MS);
    assert.equal(t.records().length, 1);
  });
});
