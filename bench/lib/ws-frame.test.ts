import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptKey, encodeFrame, FrameParser, OPCODE } from './ws-frame.ts';

/** A client frame as a browser sends it: masked. */
function clientFrame(opcode: number, payload: Buffer, fin = true): Buffer {
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const unmasked = encodeFrame(opcode, payload);
  const headerLength = unmasked.length - payload.length;
  const header = Buffer.from(unmasked.subarray(0, headerLength));
  if (!fin) header[0] = header[0]! & 0x7f;
  header[1] = header[1]! | 0x80;
  const body = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([header, mask, body]);
}

describe('acceptKey', () => {
  it('matches the example of RFC 6455 section 1.3', () => {
    assert.equal(acceptKey('dGhlIHNhbXBsZSBub25jZQ=='), 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });
});

describe('encodeFrame', () => {
  it('uses the 7-bit, 16-bit and 64-bit length forms at their limits', () => {
    assert.deepEqual([...encodeFrame(OPCODE.text, Buffer.alloc(125)).subarray(0, 2)], [0x81, 125]);
    assert.deepEqual([...encodeFrame(OPCODE.text, Buffer.alloc(126)).subarray(0, 4)], [0x81, 126, 0, 126]);
    const big = encodeFrame(OPCODE.binary, Buffer.alloc(65536));
    assert.equal(big[1], 127);
    assert.equal(big.readBigUInt64BE(2), 65536n);
    assert.equal(big.length, 10 + 65536);
  });
});

describe('FrameParser', () => {
  it('unmasks a client text frame split across chunks', () => {
    const frame = clientFrame(OPCODE.text, Buffer.from('{"id":1,"method":"Page.enable"}'));
    const parser = new FrameParser();
    assert.deepEqual(parser.push(frame.subarray(0, 3)), []);
    const [message] = parser.push(frame.subarray(3));
    assert.equal(message?.opcode, OPCODE.text);
    assert.equal(message?.payload.toString(), '{"id":1,"method":"Page.enable"}');
  });
  it('reads several frames from one chunk, and long ones', () => {
    const long = 'x'.repeat(70_000);
    const parser = new FrameParser();
    const messages = parser.push(
      Buffer.concat([clientFrame(OPCODE.text, Buffer.from('a')), clientFrame(OPCODE.text, Buffer.from(long))]),
    );
    assert.deepEqual(
      messages.map((m) => m.payload.toString().length),
      [1, 70_000],
    );
  });
  it('joins fragments and passes control frames through between them', () => {
    const parser = new FrameParser();
    const messages = parser.push(
      Buffer.concat([
        clientFrame(OPCODE.text, Buffer.from('he'), false),
        clientFrame(OPCODE.ping, Buffer.from('p')),
        clientFrame(OPCODE.continuation, Buffer.from('llo')),
      ]),
    );
    assert.deepEqual(
      messages.map((m) => [m.opcode, m.payload.toString()]),
      [
        [OPCODE.ping, 'p'],
        [OPCODE.text, 'hello'],
      ],
    );
  });
});
