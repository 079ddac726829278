/** A file opened for random access as the core's {@link ByteSource} (trace.dat is read through it). */
import { open, type FileHandle } from 'node:fs/promises';
import type { ByteSource } from '../core/trace/trace-dat/byte-source';

export interface FileByteSource extends ByteSource {
  close(): Promise<void>;
}

export async function openFileByteSource(path: string): Promise<FileByteSource> {
  const handle: FileHandle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    async read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const buffer = new Uint8Array(n);
      let got = 0;
      while (got < n) {
        const { bytesRead } = await handle.read(buffer, got, n - got, offset + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return got === n ? buffer : buffer.subarray(0, got);
    },
    close: () => handle.close(),
  };
}
