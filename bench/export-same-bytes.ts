#!/usr/bin/env -S npx tsx
/**
 * Whether the export codecs still write the same files as at another commit, byte for byte, in all
 * four formats: on the bench's 100,000 records (as the panel holds them: unpacked from the port's
 * form, strings shared), the bench's Sync Inspector JSON file re-imported, the codec tests' records
 * and odd ones (escapes, unicode, lone surrogates, formula-looking cells, non-finite numbers).
 *   npx tsx bench/export-same-bytes.ts [--base COMMIT]   (default: main)
 * Exits 1 when a file differs, naming the first differing byte.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPORT_FORMATS, exportRecords, parseImport, type ExportContext } from '../extension/codecs/index.ts';
import { chromeRecords, instrumentedRecord } from '../extension/codecs/test-records.ts';
import { packRecords, unpackRecords } from '../extension/codecs/wire.ts';
import type { SyncRecord } from '../extension/model.ts';
import { testRecord } from '../extension/test-record.ts';
import { bigDevtoolsEvents } from './lib/big-timeline.ts';
import { loadFixture } from './lib/fixture.ts';
import { REPO } from './lib/repo.ts';

const args = process.argv.slice(2);
const base = args.includes('--base') ? args[args.indexOf('--base') + 1]! : 'main';
const dir = mkdtempSync(join(tmpdir(), 'sync-inspector-export-base-'));

type Export = (records: SyncRecord[], format: string, context: ExportContext) => { parts: Array<string | Uint8Array> };

function oddRecords(): SyncRecord[] {
  const activity = {
    requests: [
      {
        key: 'k',
        method: 'POST',
        url: 'https://x/"a"',
        startedAt: 1795487900001,
        durationMs: 3.5,
        status: 503,
        faked: 'HTTP 503',
      },
    ],
    console: [
      {
        level: 'log',
        text: '=cmd|"\u2028\ud800',
        at: 1795487900002,
        location: { url: 'https://x/sw.js', line: 1, column: 2 },
      },
    ],
  };
  return [
    instrumentedRecord(),
    instrumentedRecord({
      id: 'x|2',
      kind: 'completed',
      eventName: 'Sync completed',
      status: 'failed',
      time: 1795487900010,
      activity: activity as SyncRecord['activity'],
    }),
    testRecord({ id: 'p|o|-1|"q"', tag: '=HYPERLINK("http://evil")', nextAttemptDelayMs: Infinity, time: 5 }),
    testRecord({
      id: 'y\u00e9\ud83d\ude00',
      tag: ' +1',
      metadata: [
        { key: 'a,b', value: 'c\r\nd' },
        { key: 'a,b', value: 'dup' },
      ],
      reason: '\ud800lone',
      time: 6,
    }),
    testRecord({ id: '-3', tag: '\ttab', durationMs: -2, lastChance: true, error: 'é', time: -1 }),
    testRecord({ id: 'big', tag: '\uff1dfull', time: 253402300800000, nextAttemptDelayMs: NaN, durationMs: 0.1 + 0.2 }),
    testRecord({
      id: 'p|backgroundSync|1796147394.567|o|1',
      kind: 'dispatched',
      eventName: 'Dispatched sync event',
      time: 1796147394567,
    }),
    testRecord({
      id: 'z',
      kind: 'failed',
      eventName: 'sync event failed',
      time: 1796147394600,
      service: 'periodicBackgroundSync',
      sourceLocation: { url: 'u,"', line: 1, column: 2 },
    }),
    { ...testRecord({ id: 'order' }), time: 7, extra: 'x' } as SyncRecord,
  ];
}

const bytesOf = (parts: Array<string | Uint8Array>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

try {
  const archive = spawnSync('sh', ['-c', `git archive ${base} extension | tar -x -C ${dir}`], {
    cwd: REPO,
    encoding: 'utf8',
  });
  if (archive.status !== 0) throw new Error(`git archive ${base}: ${archive.stderr}`);
  const baseExport = ((await import(join(dir, 'extension/codecs/index.ts'))) as { exportRecords: Export })
    .exportRecords;

  const origin = 'http://localhost:41234/';
  const parsed = parseImport(JSON.stringify(bigDevtoolsEvents(loadFixture(), origin)), 'backgroundSync-bench.json');
  if (!parsed.ok) throw new Error('the bench file was refused');
  const jsonFile = parseImport(
    exportRecords(parsed.records, 'json', { origin, now: 0, filtered: false }).text,
    'sync-inspector-bench.json',
  );
  if (!jsonFile.ok) throw new Error('the bench JSON file was refused');
  const odd = oddRecords();
  const sets: Array<[string, SyncRecord[]]> = [
    ['the bench, as the panel holds it', unpackRecords(packRecords(parsed.records))],
    ['the bench JSON file, re-imported', unpackRecords(packRecords(jsonFile.records))],
    ['the codec tests', chromeRecords()],
    ['odd records', odd],
    ['odd records, reversed', [...odd].reverse()],
    ['no records', []],
  ];
  const snapshot = {
    readAt: 'x',
    origin: 'o',
    url: 'u',
    secureContext: true,
    engine: 'protocol',
    permissions: {},
    scopes: [],
  };
  const contexts = [
    { origin, now: 1796147394567, filtered: false },
    { now: 0, filtered: true, snapshot } as ExportContext,
  ];
  let differing = 0;
  for (const [name, records] of sets)
    for (const { format } of EXPORT_FORMATS)
      for (const context of contexts) {
        const a = bytesOf(baseExport(records, format, context).parts);
        const b = bytesOf(exportRecords(records, format, context).parts);
        if (a.equals(b)) continue;
        differing++;
        let i = 0;
        while (i < a.length && a[i] === b[i]) i++;
        console.log(
          `DIFFERENT: ${name}, ${format}, at byte ${i}:\n  ${base}: …${a.subarray(Math.max(0, i - 60), i + 60).toString()}…\n  now: …${b.subarray(Math.max(0, i - 60), i + 60).toString()}…`,
        );
      }
  console.log(
    differing
      ? `${differing} files differ from ${base}`
      : `every file is the same as at ${base} (${sets.length} record sets, 4 formats, 2 contexts)`,
  );
  process.exitCode = differing ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
