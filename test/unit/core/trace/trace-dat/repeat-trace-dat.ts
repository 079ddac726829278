/**
 * A bigger trace.dat made from the real recording test/fixtures/traces/linux-storm.v6.dat: its
 * per-CPU ring-buffer data repeated `copies` times, each copy's page timestamps moved 1 s on;
 * the metadata up to the flyrecord table as recorded, the table rewritten (trace-cmd.dat.v6(5):
 * after "flyrecord\0", per CPU an 8-byte offset and an 8-byte size, little-endian here).
 * For tests of bounded reading and for the Linux bench.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Events of the recording (its reader test counts them): the result has this many per copy. */
export const EVENTS_PER_COPY = 1150;

/** The repeated file's pieces in order (write them one after the other, or concatenate). */
export function* repeatedTraceDat(copies: number): Generator<Uint8Array> {
  const src = readFileSync(join(__dirname, '../../../../fixtures/traces/linux-storm.v6.dat'));
  const view = new DataView(src.buffer, src.byteOffset, src.length);
  const at = src.indexOf('flyrecord\0') + 10;
  // magic (10 bytes), "6\0", endianness and long size bytes, then the page size
  const pageSize = view.getUint32(14, true);
  const cpus: { offset: number; size: number }[] = [];
  for (let c = 0; at + c * 16 + 16 <= src.length && c < 2; c++) {
    cpus.push({ offset: Number(view.getBigUint64(at + c * 16, true)), size: Number(view.getBigUint64(at + c * 16 + 8, true)) });
  }
  const tableEnd = at + cpus.length * 16;
  let next = Math.ceil(tableEnd / pageSize) * pageSize;
  const table = Buffer.alloc(cpus.length * 16);
  cpus.forEach((c, i) => {
    table.writeBigUInt64LE(BigInt(next), i * 16);
    table.writeBigUInt64LE(BigInt(c.size * copies), i * 16 + 8);
    next += c.size * copies;
  });
  yield src.subarray(0, at);
  yield table;
  yield Buffer.alloc(Math.ceil(tableEnd / pageSize) * pageSize - tableEnd);
  for (const c of cpus) {
    const stamps: bigint[] = [];
    for (let p = c.offset; p < c.offset + c.size; p += pageSize) stamps.push(src.readBigUInt64LE(p));
    for (let k = 0; k < copies; k++) {
      const data = Buffer.from(src.subarray(c.offset, c.offset + c.size));
      for (let p = 0, i = 0; p < data.length; p += pageSize, i++) data.writeBigUInt64LE(stamps[i]! + BigInt(k) * 1_000_000_000n, p);
      yield data;
    }
  }
}
