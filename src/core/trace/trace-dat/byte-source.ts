/**
 * Random access to the bytes of a file: what a binary trace (trace.dat, whose header points to
 * data by file offset) is read through. The CLI reads a file handle; in memory (a test, a
 * stream already collected, the editor's bytes) it is a view.
 */
export interface ByteSource {
  /** Size in bytes. */
  readonly size: number;
  /** Up to `length` bytes from `offset` (fewer only at the end). The result may be a view: copy what is kept. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A source over bytes already in memory. */
export function memoryByteSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => Promise.resolve(bytes.subarray(Math.min(offset, bytes.length), Math.min(offset + length, bytes.length))),
  };
}
