import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LABEL_CHAR_PX, placeLabels, tickLabelsBesideNow } from './labels.ts';

/** The horizontal extent a label is drawn over (centred on x). */
const extent = (l: { x: number; text: string }) => [
  l.x - (l.text.length * LABEL_CHAR_PX) / 2,
  l.x + (l.text.length * LABEL_CHAR_PX) / 2,
];
const overlaps = (a: number[], b: number[]) => a[0]! < b[1]! && b[0]! < a[1]!;

describe('timeline labels', () => {
  it('never lets two attempt labels overlap: "1/3 ... 2/33/34/3" becomes labels apart', () => {
    // Markers 4 px apart, as three quick fires look when zoomed out.
    const requests = ['1/3', '2/3', '3/3', '4/3'].map((text, i) => ({
      id: String(i),
      x: 100 + i * 4,
      text,
      priority: 2,
    }));
    const placed = placeLabels(requests);
    assert.ok(placed.length >= 1 && placed.length < requests.length, 'thinned');
    for (const a of placed)
      for (const b of placed) if (a !== b) assert.ok(!overlaps(extent(a), extent(b)), `${a.text} / ${b.text}`);
  });

  it("keeps Chrome's attempt labels before the panel's when they collide, and stacks into spare rows", () => {
    const requests = [
      { id: 'panel', x: 50, text: 'panel', priority: 1 },
      { id: 'chrome', x: 55, text: '2/3', priority: 2 },
    ];
    assert.deepEqual(
      placeLabels(requests).map((l) => l.id),
      ['chrome'],
    );
    assert.deepEqual(
      placeLabels(requests, 2).map((l) => [l.id, l.row]),
      [
        ['panel', 1],
        ['chrome', 0],
      ],
    );
  });

  it('labels far apart all show', () => {
    const requests = ['1/3', 'panel', '2/3'].map((text, i) => ({ id: String(i), x: 20 + i * 80, text, priority: 2 }));
    assert.equal(placeLabels(requests).length, 3);
  });

  it('the "now" label never covers a tick label', () => {
    const ticks = [0, 80, 160, 240].map((x) => ({ x, text: '12:34:56' }));
    const nowX = 170; // on top of the 160 tick's label (163..211)
    const shown = tickLabelsBesideNow(ticks, nowX);
    assert.deepEqual(
      shown.map((t) => t.x),
      [0, 80, 240],
    );
    const now = [nowX - 9 - 3, nowX + 9 + 3];
    for (const t of shown) assert.ok(!overlaps([t.x + 3, t.x + 3 + t.text.length * LABEL_CHAR_PX], now));
    assert.equal(tickLabelsBesideNow(ticks, undefined).length, 4, 'no now in view: every tick keeps its label');
  });
});
