/**
 * Reads the fixed-size integers and NUL-terminated strings of trace.dat's metadata from a
 * {@link ByteSource}, in the file's byte order, through a window of at most {@link WINDOW}
 * bytes (so a large section that is skipped, such as kallsyms, is never read).
 */
import type { ByteSource } from './byte-source';

/** Bytes read from the source at a time. */
const WINDOW = 1 << 16;

/** Thrown when the file ends inside a field; the trace.dat reader turns it into a diagnostic. */
export class TruncatedError extends Error {}

export class ByteCursor {
  private window: Uint8Array = new Uint8Array(0);
  private windowAt = 0;
  private view: DataView = new DataView(this.window.buffer);

  /** @param pos file offset of the next byte read */
  constructor(private readonly source: ByteSource, public pos: number, private readonly littleEndian: boolean) {}

  /** Makes bytes [pos, pos + n) available in the window; returns their index in it. */
  private async need(n: number): Promise<number> {
    const at = this.pos - this.windowAt;
    if (at >= 0 && at + n <= this.window.length) return at;
    const bytes = await this.source.read(this.pos, Math.max(n, WINDOW));
    if (bytes.length < n) throw new TruncatedError(`the file ends at byte ${this.pos + bytes.length}, inside a field at ${this.pos}`);
    // a copy of its own (a Node Buffer's slice() is a view into a shared pool)
    this.window = new Uint8Array(bytes);
    this.windowAt = this.pos;
    this.view = new DataView(this.window.buffer);
    return 0;
  }

  async u8(): Promise<number> {
    const at = await this.need(1);
    this.pos += 1;
    return this.window[at]!;
  }

  async u16(): Promise<number> {
    const at = await this.need(2);
    this.pos += 2;
    return this.view.getUint16(at, this.littleEndian);
  }

  async u32(): Promise<number> {
    const at = await this.need(4);
    this.pos += 4;
    return this.view.getUint32(at, this.littleEndian);
  }

  /** A 64-bit unsigned value as a number (file offsets and sizes: exact below 2^53). */
  async u64(): Promise<number> {
    const at = await this.need(8);
    this.pos += 8;
    const lo = this.view.getUint32(at + (this.littleEndian ? 0 : 4), this.littleEndian);
    const hi = this.view.getUint32(at + (this.littleEndian ? 4 : 0), this.littleEndian);
    return hi * 2 ** 32 + lo;
  }

  /** `n` bytes (a copy). */
  async bytes(n: number): Promise<Uint8Array> {
    if (n > WINDOW) {
      const out = new Uint8Array(await this.source.read(this.pos, n));
      if (out.length < n) throw new TruncatedError(`the file ends at byte ${this.pos + out.length}, inside a block of ${n} bytes at ${this.pos}`);
      this.pos += n;
      return out;
    }
    const at = await this.need(n);
    this.pos += n;
    return this.window.slice(at, at + n);
  }

  /** A NUL-terminated string (at most 4 KiB), as Latin-1/ASCII text. */
  async cString(): Promise<string> {
    let s = '';
    for (let i = 0; i < 4096; i++) {
      const c = await this.u8();
      if (c === 0) return s;
      s += String.fromCharCode(c);
    }
    throw new TruncatedError(`no string end within 4096 bytes at ${this.pos - 4096}`);
  }

  skip(n: number): void {
    this.pos += n;
  }
}

/** Reads integers and strings from bytes already in memory (a decompressed section). */
export function memoryCursor(bytes: Uint8Array, littleEndian: boolean): ByteCursor {
  return new ByteCursor({ size: bytes.length, read: (o, n) => Promise.resolve(bytes.subarray(o, o + n)) }, 0, littleEndian);
}
