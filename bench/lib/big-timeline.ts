/**
 * 100,000 sync events as files a user would import: a DevTools "Save events" file (Chrome's event
 * shape, from the recorded demo run) and the same events as a Sync Inspector JSON export, made by the
 * extension's own codecs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Protocol } from 'devtools-protocol';
import { exportRecords, parseImport } from '../../extension/codecs/index.ts';
import type { RecordedTraffic } from './fixture.ts';

export const BIG_COUNT = 100_000;
/** Distinct tags in the big timeline: a tag filter then matches a slice of it, as in real use. */
export const BIG_TAGS = 1000;

export function bigDevtoolsEvents(
  traffic: RecordedTraffic,
  origin: string,
  count = BIG_COUNT,
): Protocol.BackgroundService.BackgroundServiceEvent[] {
  // Spread over the last two days: inside the default retention of three.
  const span = 2 * 24 * 3600 * 1000;
  const start = Date.now() - span;
  return Array.from({ length: count }, (_, i) => {
    const shape = traffic.events[i % traffic.events.length]!.params.backgroundServiceEvent;
    return {
      ...shape,
      timestamp: (start + Math.floor((i * span) / count)) / 1000,
      origin,
      instanceId: `bench-tag-${i % BIG_TAGS}`,
      storageKey: origin,
    };
  });
}

export interface BigFiles {
  devtools: string;
  json: string;
  bytes: { devtools: number; json: number };
}

export function writeBigFiles(dir: string, traffic: RecordedTraffic, origin: string): BigFiles {
  const devtoolsText = JSON.stringify(bigDevtoolsEvents(traffic, origin));
  const parsed = parseImport(devtoolsText, 'backgroundSync-bench.json');
  if (!parsed.ok) throw new Error(`bench: the codecs refused the generated file: ${parsed.problems.join('; ')}`);
  const jsonText = exportRecords(parsed.records, 'json', { origin, now: Date.now(), filtered: false }).text;
  const files = { devtools: join(dir, 'backgroundSync-bench.json'), json: join(dir, 'sync-inspector-bench.json') };
  writeFileSync(files.devtools, devtoolsText);
  writeFileSync(files.json, jsonText);
  return { ...files, bytes: { devtools: devtoolsText.length, json: jsonText.length } };
}
