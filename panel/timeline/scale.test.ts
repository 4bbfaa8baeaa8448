import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  centreOn,
  fitScale,
  MIN_MS_PER_PX,
  panBy,
  tickStep,
  ticks,
  timeToX,
  xToTime,
  zoomAt,
  type Scale,
} from './scale.ts';

const s: Scale = { start: 1_000_000, msPerPx: 10 };

describe('timeline scale', () => {
  it('maps time to x and back', () => {
    assert.equal(timeToX(s, 1_000_500), 50);
    assert.equal(xToTime(s, 50), 1_000_500);
    assert.equal(timeToX(s, 999_000), -100);
  });
  it('zooms about the anchor: the time under the pointer stays there', () => {
    const z = zoomAt(s, 2, 200);
    assert.equal(z.msPerPx, 5);
    assert.equal(xToTime(z, 200), xToTime(s, 200));
    const out = zoomAt(s, 0.5, 0);
    assert.equal(out.msPerPx, 20);
    assert.equal(out.start, s.start);
  });
  it('never zooms past its limits', () => {
    assert.equal(zoomAt({ start: 0, msPerPx: MIN_MS_PER_PX }, 10, 0).msPerPx, MIN_MS_PER_PX);
  });
  it('pans by pixels and centres on a time', () => {
    assert.equal(panBy(s, 30).start, 1_000_300);
    assert.equal(timeToX(centreOn(s, 5_000_000, 100), 5_000_000), 100);
  });
  it('fits a range inside the width with margins, and a single instant into a minute', () => {
    const f = fitScale(0, 1000_000, 1048, 24);
    assert.equal(f.msPerPx, 1000);
    assert.equal(Math.round(timeToX(f, 0)), 24);
    assert.equal(Math.round(timeToX(f, 1000_000)), 1024);
    const one = fitScale(5000, 5000, 600, 0);
    assert.equal(one.msPerPx, 100);
    assert.equal(timeToX(one, 5000), 300);
  });
  it('picks round tick steps at least the minimum gap apart', () => {
    assert.equal(tickStep({ start: 0, msPerPx: 10 }, 80), 1000);
    assert.equal(tickStep({ start: 0, msPerPx: 1000 }, 80), 120_000);
    const t = ticks({ start: 0, msPerPx: 10 }, 800, 80);
    assert.ok(t.length >= 7 && t.length <= 9);
    for (let i = 1; i < t.length; i++) assert.equal(t[i]! - t[i - 1]!, 1000);
  });
});
