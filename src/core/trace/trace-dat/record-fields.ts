/**
 * Reads the fields of one event record (see {@link FieldFormat}) from the ring-buffer page it
 * sits in: integers of 1, 2, 4 or 8 bytes in the file's byte order, and strings (`char[N]`
 * arrays up to their first NUL, `__data_loc`/`__rel_loc` strings).
 */
import type { FieldFormat } from './event-format';
import { decodeLine } from '../line-splitter';

/** One record: the page's bytes and view, where the record's data starts and its length. */
export interface RecordRef {
  bytes: Uint8Array;
  view: DataView;
  /** Index of the record's first data byte (common_type) in `bytes`. */
  at: number;
  /** Bytes of record data. */
  length: number;
  littleEndian: boolean;
}

/** The field as a number (an 8-byte value beyond 2^53 loses its low bits; see {@link fieldBigInt}). */
export function fieldNumber(r: RecordRef, f: FieldFormat): number {
  const o = r.at + f.offset;
  if (f.offset + f.size > r.length) return 0;
  switch (f.size) {
    case 1: return f.signed ? r.view.getInt8(o) : r.view.getUint8(o);
    case 2: return f.signed ? r.view.getInt16(o, r.littleEndian) : r.view.getUint16(o, r.littleEndian);
    case 4: return f.signed ? r.view.getInt32(o, r.littleEndian) : r.view.getUint32(o, r.littleEndian);
    case 8: {
      // two 32-bit halves, no BigInt: hi · 2^32 is exact, and the sum rounds once, as Number(BigInt) does
      const le = r.littleEndian;
      const lo = r.view.getUint32(le ? o : o + 4, le);
      const hi = f.signed ? r.view.getInt32(le ? o + 4 : o, le) : r.view.getUint32(le ? o + 4 : o, le);
      return hi * 4294967296 + lo;
    }
    default: return 0;
  }
}

/** The field as an exact integer. */
export function fieldBigInt(r: RecordRef, f: FieldFormat): bigint {
  if (f.size !== 8) return BigInt(fieldNumber(r, f));
  if (f.offset + 8 > r.length) return 0n;
  const o = r.at + f.offset;
  return f.signed ? r.view.getBigInt64(o, r.littleEndian) : r.view.getBigUint64(o, r.littleEndian);
}

/** Where a string field's bytes are: bytes[start, end) of the record's page (set by {@link fieldStringRange}). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where the string a char array or __data_loc/__rel_loc field holds lies in `r.bytes`, up to its
 * first NUL, into `out` (no allocation: the readers intern names from the bytes).
 */
export function fieldStringRange(r: RecordRef, f: FieldFormat, out: ByteRange): ByteRange {
  let start = f.offset;
  let end = f.offset + f.size;
  if (f.location !== 'inline') {
    if (f.offset + 4 > r.length) {
      out.start = out.end = r.at;
      return out;
    }
    const loc = r.view.getUint32(r.at + f.offset, r.littleEndian);
    start = (loc & 0xffff) + (f.location === 'rel_loc' ? f.offset + f.size : 0);
    end = start + (loc >>> 16);
  }
  end = Math.min(end, r.length);
  start = Math.min(start, end);
  let i = r.at + start;
  const stop = r.at + end;
  const bytes = r.bytes;
  while (i < stop && bytes[i] !== 0) i++;
  out.start = r.at + start;
  out.end = i;
  return out;
}

const scratch: ByteRange = { start: 0, end: 0 };

/**
 * The string a char array or __data_loc/__rel_loc field holds, up to its first NUL, decoded as
 * UTF-8: `trace-cmd report` prints the bytes as they are, and the text reader decodes them so.
 */
export function fieldString(r: RecordRef, f: FieldFormat): string {
  const { start, end } = fieldStringRange(r, f, scratch);
  return decodeLine(r.bytes, start, end);
}
