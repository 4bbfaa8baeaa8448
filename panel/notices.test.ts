import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeNotices } from './notices.ts';

test('repeated notices merge into one with a count, where the first one stood', () => {
  const merged = mergeNotices([
    { id: 1, level: 'info', text: 'Exported 3 events as a.json.' },
    { id: 2, level: 'error', text: 'hold: refused' },
    { id: 3, level: 'info', text: 'Exported 3 events as a.json.' },
    { id: 4, level: 'warning', text: 'hold: refused' },
    { id: 5, level: 'info', text: 'Exported 3 events as a.json.' },
  ]);
  assert.deepEqual(
    merged.map((n) => [n.level, n.text, n.ids]),
    [
      ['info', 'Exported 3 events as a.json.', [1, 3, 5]],
      ['error', 'hold: refused', [2]],
      ['warning', 'hold: refused', [4]],
    ],
  );
});
