/** Chrome's sampling profiler on a page, summarised as the functions with the most self time. */
import type { Protocol } from 'devtools-protocol';
import type { CDPSession } from 'puppeteer-core';

export interface Profiling {
  stop(): Promise<string[]>;
}

/** `target`: a Page, or a Target (e.g. the extension's service worker). */
export async function startProfiling(target: { createCDPSession(): Promise<CDPSession> }): Promise<Profiling> {
  const session: CDPSession = await target.createCDPSession();
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.send('Profiler.stop');
      await session.detach();
      return topSelfTime(profile);
    },
  };
}

/** "12.3 ms  addRecords (panel.js:1:2345)" lines, most self time first. */
export function topSelfTime(profile: Protocol.Profiler.Profile, count = 15): string[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<string, number>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const node = byNode.get(id);
    if (!node) return;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} (${f.url.split('/').pop() || f.url}:${f.lineNumber + 1}:${f.columnNumber + 1})`;
    selfMs.set(key, (selfMs.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  });
  return [...selfMs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${key}`);
}
