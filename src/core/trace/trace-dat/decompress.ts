/**
 * The compression trace.dat version 7 may use for its sections and trace data
 * (trace-cmd.dat.v7(5)): zstd, through fzstd (pure JavaScript, runs in Node and browsers).
 * trace-cmd may also write zlib; that is reported as not supported.
 */
import { decompress as zstdDecompress } from 'fzstd';

/** Largest decompressed block accepted, bytes (trace-cmd's chunks and sections are far smaller). */
const MAX_BLOCK_BYTES = 1 << 28;

/** Whether data compressed with `algorithm` (the file header's name) can be read. */
export function canDecompress(algorithm: string): boolean {
  return algorithm === 'none' || algorithm === 'zstd';
}

/**
 * Decompresses one block into `size` bytes; null when the data is damaged (or the algorithm
 * unknown). fzstd reports damage by throwing: the reader gets null and a diagnostic, never an exception.
 */
export function decompressBlock(algorithm: string, data: Uint8Array, size: number): Uint8Array | null {
  if (algorithm !== 'zstd' || size > MAX_BLOCK_BYTES) return null;
  try {
    const out = zstdDecompress(data, new Uint8Array(size));
    return out.length === size ? out : null;
  } catch {
    return null;
  }
}
