/** Notices as the panel shows them. Pure, so it is unit-tested. */
import type { Notice } from './state/store.ts';

export interface MergedNotice {
  key: string;
  level: Notice['level'];
  text: string;
  ids: number[];
}

/** The same words said again are one notice with a count, where the first one stood. */
export function mergeNotices(notices: readonly Notice[]): MergedNotice[] {
  const byKey = new Map<string, MergedNotice>();
  for (const n of notices) {
    const key = `${n.level}\u0000${n.text}`;
    const merged = byKey.get(key);
    if (merged) merged.ids.push(n.id);
    else byKey.set(key, { key, level: n.level, text: n.text, ids: [n.id] });
  }
  return [...byKey.values()];
}
