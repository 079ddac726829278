/**
 * The compression trace.dat version 7 may use for its sections and trace data
 * (trace-cmd.dat.v7(5)): zstd, through fzstd (pure JavaScript, runs in Node and browsers).
 * trace-cmd may also write zlib; that is reported as not supported.
 */
import { Decompress } from 'fzstd';

/** Largest decompressed block accepted, bytes (trace-cmd's chunks and sections are far smaller). */
const MAX_BLOCK_BYTES = 1 << 28;

/** Whether data compressed with `algorithm` (the file header's name) can be read. */
export function canDecompress(algorithm: string): boolean {
  return algorithm === 'none' || algorithm === 'zstd';
}

/**
 * Decompresses one block that must hold exactly `size` bytes; null when it holds another number
 * of bytes, when the data is damaged, or when the algorithm is unknown. fzstd reports damage by
 * throwing: the reader gets null and a diagnostic, never an exception. The bytes are counted as
 * fzstd's stream hands them out (its one-shot call returns the buffer it was given, or one sized
 * from the frame header, whatever it wrote), and the frame header is checked first: fzstd sizes
 * its window from it, so a damaged header cannot make it allocate more than {@link MAX_BLOCK_BYTES}.
 */
export function decompressBlock(algorithm: string, data: Uint8Array, size: number): Uint8Array | null {
  if (algorithm !== 'zstd' || !Number.isInteger(size) || size < 0 || size > MAX_BLOCK_BYTES) return null;
  const frame = zstdFrameSizes(data);
  if (!frame || (frame.contentSize >= 0 && frame.contentSize !== size) || frame.windowSize > MAX_BLOCK_BYTES) return null;
  const out = new Uint8Array(size);
  let at = 0;
  try {
    new Decompress((chunk) => {
      if (at + chunk.length > size) throw new RangeError('more bytes than the stored size');
      out.set(chunk, at);
      at += chunk.length;
    }).push(data, true);
  } catch {
    return null;
  }
  return at === size ? out : null;
}

/** zstd's frame magic number, little-endian (RFC 8878, 3.1.1). */
const ZSTD_MAGIC = 0xfd2fb528;

/**
 * The first zstd frame's declared content size (bytes, -1 when the header leaves it out) and
 * window size (bytes; the content size for a single-segment frame), from its header
 * (RFC 8878, 3.1.1.1); null when `data` does not start with a zstd frame header.
 */
export function zstdFrameSizes(data: Uint8Array): { contentSize: number; windowSize: number } | null {
  if (data.length < 6) return null;
  const view = new DataView(data.buffer, data.byteOffset, data.length);
  if (view.getUint32(0, true) !== ZSTD_MAGIC) return null;
  const descriptor = data[4]!;
  const fcsFlag = descriptor >> 6;
  const singleSegment = (descriptor >> 5) & 1;
  const dictionaryIdFlag = descriptor & 3;
  let at = 5;
  let windowSize = -1;
  if (!singleSegment) {
    const wd = data[at++]!;
    const base = 2 ** (10 + (wd >> 3));
    windowSize = base + (base / 8) * (wd & 7);
  }
  at += [0, 1, 2, 4][dictionaryIdFlag]!;
  const fcsBytes = [singleSegment, 2, 4, 8][fcsFlag]!;
  if (at + fcsBytes > data.length) return null;
  let contentSize = -1;
  if (fcsBytes === 1) contentSize = data[at]!;
  else if (fcsBytes === 2) contentSize = view.getUint16(at, true) + 256;
  else if (fcsBytes === 4) contentSize = view.getUint32(at, true);
  else if (fcsBytes === 8) contentSize = view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
  return { contentSize, windowSize: singleSegment ? contentSize : windowSize };
}
