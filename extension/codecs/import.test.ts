import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportRecords, LIMITS, parseImport, type ImportResult } from './index.ts';
import { chromeEvent, chromeRecords, chromeRun } from './test-records.ts';

function problems(result: ImportResult): string[] {
  assert.equal(result.ok, false, 'the file should be refused');
  return (result as { problems: string[] }).problems;
}

function ours(records: unknown[]): string {
  return JSON.stringify({
    format: 'sync-inspector',
    version: 1,
    exportedAt: '2026-11-24T03:15:00.000Z',
    filtered: false,
    records,
  });
}

const good = () => JSON.parse(JSON.stringify(chromeRecords()[1])) as Record<string, unknown>;

describe('import validation', () => {
  it('refuses what is not JSON, or JSON of another kind, saying what it is not', () => {
    assert.match(problems(parseImport('<html>hello</html>', 'x.json'))[0]!, /not JSON/);
    assert.match(
      problems(parseImport('{"hello": 1}', 'x.json'))[0]!,
      /neither a Sync Inspector export .* nor a DevTools "Save events" file/,
    );
    assert.match(problems(parseImport('42', 'x.json'))[0]!, /neither/);
    assert.match(
      problems(parseImport(JSON.stringify({ format: 'sync-inspector', version: 1, records: 'no' }), 'x.json'))[0]!,
      /"records" must be a list, not a string/,
    );
  });

  it('names the record and field of every wrong type', () => {
    const wrong = [
      good(),
      { ...good(), time: 'yesterday' },
      { ...good(), tag: 42, metadata: [{ key: 'a', value: 1 }] },
      { ...good(), service: 'push' },
      null,
    ];
    const list = problems(parseImport(ours(wrong), 'x.json'));
    assert.ok(
      list.some((p) => /^records\[1\]: "time" must be a number/.test(p)),
      list.join('\n'),
    );
    assert.ok(
      list.some((p) => /^records\[2\]: "tag" must be a string, not a number/.test(p)),
      list.join('\n'),
    );
    assert.ok(
      list.some((p) => /^records\[2\]\.metadata\[0\]: "value" must be a string/.test(p)),
      list.join('\n'),
    );
    assert.ok(
      list.some((p) => /^records\[3\]: "service" must be "backgroundSync" or "periodicBackgroundSync"/.test(p)),
      list.join('\n'),
    );
    assert.ok(
      list.some((p) => /^records\[4\]: must be an object, not null/.test(p)),
      list.join('\n'),
    );
  });

  it('names wrong DevTools events by index and field', () => {
    const events = [
      chromeRun()[0],
      { ...chromeEvent(1, 'Registered sync', 't'), timestamp: 'now' },
      { ...chromeEvent(1, 'x', 't'), eventMetadata: {} },
    ];
    const list = problems(parseImport(JSON.stringify(events), 'x.json'));
    assert.match(list[0]!, /^event\[1\]: "timestamp" must be seconds since 1970/);
    assert.match(list[1]!, /^event\[2\]\.eventMetadata: must be a list of \{key, value\}, not an object/);
  });

  it('lists at most a few problems and counts the rest', () => {
    const list = problems(parseImport(ours(Array.from({ length: 100 }, () => 'junk')), 'x.json'));
    assert.equal(list.length, LIMITS.problemsListed + 1);
    assert.equal(list.at(-1), '…and 80 more problems.');
  });

  it('refuses a file over 50 MB before parsing it', () => {
    const huge = ' '.repeat(LIMITS.fileChars + 1);
    assert.match(problems(parseImport(huge, 'x.json'))[0]!, /at most 50 MB can be imported/);
  });

  it('refuses more records than the retention keeps', () => {
    assert.match(
      problems(parseImport(ours([good(), good(), good()]), 'x.json', { maxRecords: 2 }))[0]!,
      /holds 3 records; at most 2/,
    );
    assert.match(
      problems(parseImport(JSON.stringify(chromeRun()), 'x.json', { maxRecords: 2 }))[0]!,
      /holds 8 events; at most 2/,
    );
  });

  it('refuses a tag longer than Chrome allows (10,240)', () => {
    const list = problems(parseImport(ours([{ ...good(), tag: 'x'.repeat(10_241) }]), 'x.json'));
    assert.match(list[0]!, /records\[0\]: "tag" is 10,241 characters long; at most 10,240/);
    assert.ok(parseImport(ours([{ ...good(), tag: 'x'.repeat(10_240) }]), 'x.json').ok);
  });

  it('refuses 10 MB of junk with a reason', () => {
    let junk = '';
    while (junk.length < 10 * 1024 * 1024) junk += 'q9#{]\u0000' + Math.random().toString(36);
    assert.match(problems(parseImport(junk, 'junk.json'))[0]!, /not JSON/);
  });

  it('survives deep nesting: refused with a reason, not a crash', () => {
    const depth = 100_000;
    const deepArray = '['.repeat(depth) + ']'.repeat(depth);
    assert.ok(problems(parseImport(deepArray, 'deep.json')).length > 0);
    const deepTag = ours([{ ...good(), tag: '__X__' }]).replace(
      '"__X__"',
      '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
    );
    const list = problems(parseImport(deepTag, 'deep.json'));
    assert.ok(
      list.some((p) => /"tag" must be a string|not JSON/.test(p)),
      list.join('\n'),
    );
  });

  it('keeps markup in tags as data, and says it will be shown as text', () => {
    const result = parseImport(ours([{ ...good(), tag: '<img src=x onerror=alert(1)>' }]), 'x.json');
    assert.ok(result.ok);
    assert.equal(result.records[0]!.tag, '<img src=x onerror=alert(1)>');
    assert.match(result.warnings.join('\n'), /markup characters .* shown as text/);
  });

  it('ignores prototype-pollution keys, with a warning, and pollutes nothing', () => {
    const text = ours([good()]).replace(
      '{"id"',
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"id"',
    );
    const result = parseImport(text, 'x.json');
    assert.ok(result.ok);
    assert.equal(({} as { polluted?: boolean }).polluted, undefined);
    assert.equal(Object.hasOwn(result.records[0]!, '__proto__'), false);
    assert.equal(Object.getPrototypeOf(result.records[0]!), Object.prototype);
    assert.match(result.warnings.join('\n'), /Ignored the field "__proto__"/);
    assert.match(result.warnings.join('\n'), /Ignored the field "constructor"/);
    const devtools = JSON.stringify(chromeRun()).replace('{"timestamp"', '{"__proto__":{"polluted":true},"timestamp"');
    const fromDevtools = parseImport(devtools, 'd.json');
    assert.ok(fromDevtools.ok);
    assert.match(fromDevtools.warnings.join('\n'), /Ignored the field "__proto__"/);
  });

  it('copies no unknown field into a record', () => {
    const result = parseImport(ours([{ ...good(), evil: '<script>', nested: { deep: 1 } }]), 'x.json');
    assert.ok(result.ok);
    assert.equal('evil' in result.records[0]!, false);
    assert.match(result.warnings.join('\n'), /unknown field "evil"/);
  });

  it('marks records as imported from the file, by a safe name', () => {
    const result = parseImport(
      exportRecords(chromeRecords(), 'json', { now: 0, filtered: false }).text,
      '../../etc/run\u0007.json',
    );
    assert.ok(result.ok);
    assert.ok(result.records.every((r) => r.source === 'imported' && r.sourceFile === 'run.json'));
  });

  it('accepts an empty export, with a word about it', () => {
    const result = parseImport(ours([]), 'empty.json');
    assert.ok(result.ok);
    assert.deepEqual(result.warnings, ['The file holds no sync events.']);
  });

  it('refuses deeply nested JSON with a reason, without overflowing the stack', () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const files = [
      `{"format":"sync-inspector","version":${deep(200_000)},"records":[]}`,
      `{"format":"sync-inspector","version":1,"records":[{"id":"a","time":${deep(200_000)}}]}`,
      `[{"timestamp":${deep(200_000)}}]`,
      `[${deep(1_000_000)}]`,
    ];
    for (const text of files) {
      const result = parseImport(text, 'deep.json');
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.problems[0]!, /not an array|must be an object, not an array/);
    }
  });
});
