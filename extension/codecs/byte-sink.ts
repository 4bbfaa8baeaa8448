/**
 * A file's UTF-8 bytes, written into chunks for a Blob. An export of 100,000 records is 30-46 MB:
 * as strings, Chrome's Blob constructor re-encodes every character (the slowest step of an export);
 * as bytes it only copies them. Strings that repeat across records (origins, event names, tags:
 * records share them once unpacked) are encoded once per export and copied after that.
 */

/** Bytes per chunk: big enough that the Blob gets few parts, small enough to allocate quickly. */
const CHUNK_BYTES = 1 << 20;

export class ByteSink {
  private readonly chunks: Uint8Array<ArrayBuffer>[] = [];
  private buf = new Uint8Array(CHUNK_BYTES);
  private pos = 0;
  private readonly encoder = new TextEncoder();

  /** Room for `n` more bytes in the current chunk (a new chunk when it is full). */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    if (this.pos > 0) this.chunks.push(this.buf.subarray(0, this.pos));
    this.buf = new Uint8Array(Math.max(CHUNK_BYTES, n));
    this.pos = 0;
  }

  /** Bytes made earlier (see `utf8`), from `from` on. */
  bytes(b: Uint8Array, from = 0): void {
    const n = b.length - from;
    this.room(n);
    const buf = this.buf;
    if (n <= 16) {
      // A call of `set` costs more than copying a few bytes.
      let pos = this.pos;
      for (let i = from; i < b.length; i++) buf[pos++] = b[i]!;
      this.pos = pos;
      return;
    }
    buf.set(from ? b.subarray(from) : b, this.pos);
    this.pos += n;
  }

  /** One ASCII character, by its code. */
  byte(code: number): void {
    this.room(1);
    this.buf[this.pos++] = code;
  }

  /**
   * A string as UTF-8, exactly as the Blob would have encoded it (a lone surrogate becomes U+FFFD).
   * ASCII is copied by a loop: in Chrome a call of `encodeInto` costs more than a short string's loop.
   */
  text(s: string): void {
    const n = s.length;
    this.room(n);
    const buf = this.buf;
    const start = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.room(3 * n); // at most 3 bytes per UTF-16 unit
        const at = this.buf === buf ? start : 0;
        this.pos = at + this.encoder.encodeInto(s, this.buf.subarray(at)).written;
        return;
      }
      buf[start + i] = c;
    }
    this.pos = start + n;
  }

  /** A number as JSON writes it: digits of a whole number directly (times), else its text. */
  jsonNumber(x: number): void {
    if (!(x >= 0 && x <= Number.MAX_SAFE_INTEGER && Math.floor(x) === x) || Object.is(x, -0)) {
      this.text(Number.isFinite(x) ? String(x) : 'null');
      return;
    }
    let digits = 1;
    for (let rest = x; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    this.room(digits);
    const buf = this.buf;
    let pos = this.pos + digits;
    this.pos = pos;
    let rest = x;
    do {
      const next = Math.floor(rest / 10);
      buf[--pos] = 0x30 + (rest - next * 10);
      rest = next;
    } while (rest > 0);
  }

  /** `JSON.stringify(s)` for a string, without making that string when `s` is ASCII that needs no escape. */
  jsonString(s: string): void {
    const n = s.length;
    this.room(n + 2);
    const buf = this.buf;
    const start = this.pos;
    buf[start] = 0x22;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c === 0x22 || c === 0x5c || c >= 0x80) {
        this.text(JSON.stringify(s));
        return;
      }
      buf[start + 1 + i] = c;
    }
    buf[start + 1 + n] = 0x22;
    this.pos = start + n + 2;
  }

  /** The UTF-8 of a string as its own bytes, to copy into this sink many times. */
  utf8(s: string): Uint8Array {
    return this.encoder.encode(s);
  }

  /** The chunks written (the sink is done after). */
  finish(): Uint8Array<ArrayBuffer>[] {
    if (this.pos > 0) this.chunks.push(this.buf.subarray(0, this.pos));
    this.buf = new Uint8Array(0);
    this.pos = 0;
    return this.chunks;
  }
}

/**
 * Bytes of `make(value)` per distinct value, for a field whose values repeat: neighbouring records
 * mostly hold the same one, so it is compared with the last before the map is asked. The map is
 * capped, so a field of unique values costs its encoding, never a map of every one.
 */
export class BytesByValue<V> {
  private readonly cache = new Map<V, Uint8Array>();
  private last: V | undefined;
  private lastBytes: Uint8Array | undefined;

  constructor(
    private readonly make: (value: V) => Uint8Array,
    private readonly cap = 20_000,
  ) {}

  get(value: V): Uint8Array {
    if (value === this.last && this.lastBytes) return this.lastBytes;
    let bytes = this.cache.get(value);
    if (bytes === undefined) {
      bytes = this.make(value);
      if (this.cache.size < this.cap) this.cache.set(value, bytes);
    }
    this.last = value;
    this.lastBytes = bytes;
    return bytes;
  }
}

/** The chunks as one string (tests and tools; a download takes the chunks). */
export function decodeChunks(chunks: readonly Uint8Array<ArrayBuffer>[]): string {
  const decoder = new TextDecoder();
  return chunks.map((c, i) => decoder.decode(c, { stream: i < chunks.length - 1 })).join('');
}
