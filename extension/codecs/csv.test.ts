import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvCell, isoTime, neutraliseCell } from './csv.ts';
import { exportRecords } from './index.ts';
import { chromeRecords, instrumentedRecord } from './test-records.ts';

/** A small RFC 4180 reader, to check what a spreadsheet would read back. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('CSV export', () => {
  it('neutralises every cell a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) assert.equal(neutraliseCell(`${start}1+1`), `'${start}1+1`);
    assert.equal(neutraliseCell('sync-messages'), 'sync-messages');
    assert.equal(neutraliseCell(''), '');
  });

  it('quotes commas, quotes, CR and LF, doubling quotes (RFC 4180)', () => {
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
    assert.equal(csvCell('\rx'), `"'\rx"`);
    assert.equal(csvCell(undefined), '');
    assert.equal(csvCell(false), 'false');
  });

  it('writes CRLF rows with a header, and reads back to the same values', () => {
    const file = exportRecords(chromeRecords(), 'csv', { origin: 'http://localhost:8088/', now: 0, filtered: false });
    assert.equal(file.mimeType, 'text/csv;charset=utf-8');
    assert.match(file.fileName, /^sync-inspector-localhost_8088-19700101T000000\.csv$/);
    assert.ok(file.text.endsWith('\r\n'));
    assert.equal(file.text.replace(/\r\n/g, '').includes('\n'), false);
    const rows = readCsv(file.text);
    assert.equal(rows.length, chromeRecords().length + 1);
    const header = rows[0]!;
    const tag = header.indexOf('tag');
    const delay = header.indexOf('nextAttemptDelayMs');
    assert.deepEqual(
      rows.slice(1).map((r) => r[tag]),
      chromeRecords().map((r) => r.tag),
    );
    assert.ok(rows.slice(1).some((r) => r[delay] === 'infinite'));
    assert.ok(rows.every((r) => r.length === header.length));
  });

  it('neutralises hostile page-controlled text in every column', () => {
    const hostile = instrumentedRecord({
      tag: '=HYPERLINK("http://evil.example","x")',
      origin: '+http://a/',
      reason: '@SUM(1)',
      scope: '-1+2',
      metadata: [{ key: '=k', value: 'v' }],
    });
    const rows = readCsv(exportRecords([hostile], 'csv', { now: 0, filtered: false }).text);
    for (const cell of rows[1]!) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, cell);
    const header = rows[0]!;
    assert.equal(rows[1]![header.indexOf('tag')], `'=HYPERLINK("http://evil.example","x")`);
    assert.equal(rows[1]![header.indexOf('metadata')], `'=k=v`);
  });

  it('neutralises formulas behind leading whitespace and in full-width ＝ ＋ － ＠', () => {
    for (const text of [
      ' =1+1',
      '\t =1',
      '\n+1',
      '\u00a0@SUM(A1)',
      '\u3000-1',
      '＝HYPERLINK("x")',
      '＋1',
      '－1',
      '＠SUM(1)',
      ' ＝1',
    ])
      assert.equal(neutraliseCell(text), `'${text}`, JSON.stringify(text));
    for (const text of ['a=b', 'sync-messages', ' hello', '1-2', 'x＝y']) assert.equal(neutraliseCell(text), text);
  });
  it('writes numbers and booleans as a formula-safe text, negative numbers neutralised', () => {
    for (const [value, text] of [
      [-5, "'-5"],
      [-Infinity, "'-Infinity"],
      [0, '0'],
      [-0, '0'],
      [1.5e21, '1.5e+21'],
      [NaN, 'NaN'],
      [true, 'true'],
      [false, 'false'],
    ] as const) {
      assert.equal(csvCell(value), text, String(value));
      assert.equal(csvCell(value), neutraliseCell(String(value)), 'as the rule for text would write it');
    }
  });
  it('writes times as toISOString does, minute after minute and out of order', () => {
    const times = [
      0, 1, 59_999, 60_000, 1_733_240_000_123.7, 1_733_240_000_999, 1_733_240_059_009, 1_733_180_000_010,
      253_402_300_800_000, -1,
    ];
    for (const ms of times) assert.equal(isoTime(ms), new Date(ms).toISOString(), String(ms));
  });
});
