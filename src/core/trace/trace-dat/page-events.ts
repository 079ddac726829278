/**
 * Walks the events of one ring-buffer page (the kernel's ring buffer, as trace.dat stores it):
 * a page header (timestamp, commit = bytes of data plus flags), then events, each a 32-bit
 * header of a 5-bit type_len and a 27-bit time delta, then:
 * - type_len 1..28: data of type_len × 4 bytes;
 * - type_len 0: a 32-bit length (including itself), then the data;
 * - 29 padding: a discarded event of (32-bit length) bytes, or with delta 0 the page's end;
 * - 30 time extend: delta += next 32 bits << 27;
 * - 31 time stamp: an absolute time, (next 32 bits << 27 | delta), top bits from the page's.
 * Times are kept as ns relative to a base the reader picks, exact below 2^53 ns of span.
 */
import type { PageLayout } from './trace-dat-layout';

const PADDING = 29;
const TIME_EXTEND = 30;
const TIME_STAMP = 31;
const DATA_MAX = 28;
/** The commit word's flag bits: events were lost before this page (31), their count is stored at the data's end (30). */
const MISSED_EVENTS = 0x80000000;
const MISSED_STORED = 0x40000000;
const TS_BITS_MASK = (1n << 59n) - 1n;

export class PageEvents {
  bytes: Uint8Array = new Uint8Array(0);
  view: DataView = new DataView(this.bytes.buffer);
  /** Current record: data at bytes[at, at + length), time ns relative to the base. */
  at = 0;
  length = 0;
  time = 0;
  /** Events lost before this page: -1 none, 0 some (count unknown), else the count. */
  missed = -1;
  private pos = 0;
  private end = 0;
  private pageTs = 0n;

  constructor(private readonly layout: PageLayout, private readonly littleEndian: boolean, private readonly base: bigint) {}

  /** The page's timestamp (absolute ns). */
  static timestamp(page: Uint8Array, layout: PageLayout, littleEndian: boolean): bigint {
    return new DataView(page.buffer, page.byteOffset, page.length).getBigUint64(layout.timestampOffset, littleEndian);
  }

  load(page: Uint8Array): void {
    const le = this.littleEndian;
    const L = this.layout;
    this.bytes = page;
    this.view = new DataView(page.buffer, page.byteOffset, page.length);
    this.pageTs = this.view.getBigUint64(L.timestampOffset, le);
    this.time = Number(this.pageTs - this.base);
    const commit = L.commitSize === 8 ? this.view.getUint32(L.commitOffset + (le ? 0 : 4), le) : this.view.getUint32(L.commitOffset, le);
    const size = commit & ~(MISSED_EVENTS | MISSED_STORED);
    this.pos = L.dataOffset;
    this.end = Math.min(page.length, L.dataOffset + size);
    this.missed = -1;
    if (commit & MISSED_EVENTS) {
      this.missed = 0;
      if (commit & MISSED_STORED && this.end + L.commitSize <= page.length) {
        this.missed = L.commitSize === 8 ? Number(this.view.getBigUint64(this.end, le)) : this.view.getUint32(this.end, le);
      }
    }
  }

  /** Moves to the next data record; false at the page's end. */
  next(): boolean {
    const v = this.view;
    const le = this.littleEndian;
    while (this.pos + 4 <= this.end) {
      const word = v.getUint32(this.pos, le);
      const typeLen = le ? word & 0x1f : word >>> 27;
      const delta = le ? word >>> 5 : word & 0x7ffffff;
      const body = this.pos + 4;
      if (typeLen >= 1 && typeLen <= DATA_MAX) {
        this.time += delta;
        this.at = body;
        this.length = typeLen * 4;
        this.pos = body + this.length;
        return this.pos <= this.end;
      }
      if (body + 4 > this.end) break;
      const array0 = v.getUint32(body, le);
      if (typeLen === 0) {
        this.time += delta;
        this.at = body + 4;
        this.length = array0 - 4;
        this.pos = body + Math.ceil(array0 / 4) * 4;
        return this.length >= 0 && this.pos <= this.end;
      }
      if (typeLen === PADDING) {
        if (delta === 0) break;
        this.time += delta;
        this.pos = body + array0;
      } else if (typeLen === TIME_EXTEND) {
        this.time += array0 * 2 ** 27 + delta;
        this.pos = body + 4;
      } else if (typeLen === TIME_STAMP) {
        const stamp = (BigInt(array0) << 27n) | BigInt(delta);
        const abs = (this.pageTs & ~TS_BITS_MASK) | stamp;
        this.time = Number(abs - this.base);
        this.pos = body + 4;
      }
    }
    this.pos = this.end;
    return false;
  }
}
