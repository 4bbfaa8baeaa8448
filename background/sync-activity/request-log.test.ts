import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Protocol } from 'devtools-protocol';
import { bodyForDisplay, MAX_SHOWN_BODY } from './body-display.ts';
import { ConsoleLog } from './console-log.ts';
import { RequestLog } from './request-log.ts';

const ORIGIN = 'http://localhost:8088/';

function sent(requestId: string, wallTime: number, extra: Partial<Protocol.Network.Request> = {}) {
  return {
    requestId,
    wallTime,
    timestamp: wallTime,
    request: { url: 'http://localhost:8088/api', method: 'POST', headers: { 'Content-Type': 'text/plain' }, ...extra },
  } as unknown as Protocol.Network.RequestWillBeSentEvent;
}

test('a request is joined by origin and time, with its answer, duration and sizes', () => {
  const log = new RequestLog();
  log.willBeSent('s1', ORIGIN, sent('1', 100, { postData: 'héllo', hasPostData: true }));
  log.responded('s1', { requestId: '1', response: { status: 201, statusText: 'Created', headers: {} } } as never);
  log.finished('s1', { requestId: '1', timestamp: 100.25, encodedDataLength: 42 } as never);
  log.willBeSent('s1', 'http://other:1/', sent('2', 100));
  const [r, ...more] = log.within(ORIGIN, 99_000, 101_000);
  assert.equal(more.length, 0);
  assert.deepEqual(
    { status: r!.status, durationMs: r!.durationMs, requestSize: r!.requestSize, responseSize: r!.responseSize },
    { status: 201, durationMs: 250, requestSize: 6, responseSize: 42 },
  );
  assert.deepEqual(log.within(ORIGIN, 101_000, 102_000), []);
  assert.deepEqual(log.detail(r!.key)?.body, { encoding: 'text', data: 'héllo', size: 6, truncated: false });
});

test('a network error and a faked answer are kept, the faked mark even when it comes first', () => {
  const log = new RequestLog();
  log.markFaked('s1', '7', 'HTTP 503, faked by Sync Inspector');
  log.willBeSent('s1', ORIGIN, sent('7', 5));
  log.failed('s1', { requestId: '7', timestamp: 5.01, errorText: 'net::ERR_FAILED' } as never);
  const [r] = log.within(ORIGIN, 0, 10_000);
  assert.equal(r!.faked, 'HTTP 503, faked by Sync Inspector');
  assert.equal(r!.error, 'net::ERR_FAILED');
});

test('settled waits for requests still loading, and gives up after its timeout', async () => {
  const log = new RequestLog();
  log.willBeSent('s', ORIGIN, sent('1', 1));
  const requests = log.within(ORIGIN, 0, 2000);
  const done = log.settled(requests, 10_000);
  log.finished('s', { requestId: '1', timestamp: 1.5, encodedDataLength: 0 } as never);
  await done;
  log.willBeSent('s', ORIGIN, sent('2', 1));
  await log.settled(log.within(ORIGIN, 0, 2000), 5);
});

test('bodies show as text or hex, capped, never as markup', () => {
  assert.equal(bodyForDisplay(new TextEncoder().encode('<b>x</b>'), 8).data, '<b>x</b>');
  const binary = bodyForDisplay(new Uint8Array([0, 1, 255]), 3);
  assert.deepEqual(binary, { encoding: 'hex', data: '00 01 ff', size: 3, truncated: false });
  const big = bodyForDisplay(new Uint8Array(MAX_SHOWN_BODY + 10).fill(65), 10 * 1024 * 1024);
  assert.equal(big.data.length, MAX_SHOWN_BODY);
  assert.equal(big.truncated, true);
  assert.equal(big.size, 10 * 1024 * 1024);
});

test('console lines and exceptions keep text and a 1-based location', () => {
  const log = new ConsoleLog();
  log.consoleCalled(ORIGIN, {
    type: 'log',
    timestamp: 10,
    args: [
      { type: 'string', value: 'replayed' },
      { type: 'number', value: 201 },
      { type: 'object', description: 'Response' },
    ],
    stackTrace: { callFrames: [{ url: 'http://localhost:8088/sw.js', lineNumber: 4, columnNumber: 2 }] },
  } as never);
  log.exceptionThrown(ORIGIN, {
    timestamp: 11,
    exceptionDetails: {
      text: 'Uncaught',
      lineNumber: 9,
      columnNumber: 0,
      url: 'http://localhost:8088/sw.js',
      exception: { description: 'Error: boom' },
    },
  } as never);
  assert.deepEqual(log.within(ORIGIN, 0, 100), [
    {
      at: 10,
      level: 'log',
      text: 'replayed 201 Response',
      location: { url: 'http://localhost:8088/sw.js', line: 5, column: 3 },
    },
    {
      at: 11,
      level: 'exception',
      text: 'Error: boom',
      location: { url: 'http://localhost:8088/sw.js', line: 10, column: 1 },
    },
  ]);
  assert.deepEqual(log.within('http://other/', 0, 100), []);
});
