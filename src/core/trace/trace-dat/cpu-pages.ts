/**
 * One CPU's ring-buffer pages from a trace.dat file, in order, holding at most one read window
 * ({@link WINDOW} bytes) or one decompressed chunk at a time. Uncompressed data is the pages
 * back to back; compressed data (version 7) is a chunk count, then per chunk its compressed
 * and uncompressed sizes and the compressed bytes (trace-cmd.dat.v7(5)). trace-cmd stores as
 * the CPU's size the chunks' bytes (sizes and data) without the 4-byte count before them
 * (trace-compress.c adds 8 + the compressed size per chunk), so compressed data ends at
 * offset + 4 + size; nothing past that end is read.
 */
import type { ByteSource } from './byte-source';
import type { CpuData, TraceDatLayout } from './trace-dat-layout';
import { decompressBlock } from './decompress';

/** Bytes of the chunk count that compressed data starts with (not part of the stored size). */
const CHUNK_COUNT_BYTES = 4;

/** Bytes read from the file at a time for uncompressed data (a whole number of pages). */
const WINDOW = 1 << 20;

export class CpuPages {
  /** Pages not handed out yet: buffer[at, end). */
  private buffer: Uint8Array = new Uint8Array(0);
  private at = 0;
  /** Next file offset to read. */
  private pos: number;
  private readonly end: number;
  private chunksLeft = -1;
  /** Set when the data could not be read to its end (a message for the user). */
  problem = '';

  /** @param onRead called with the bytes read from the file, for progress */
  constructor(private readonly source: ByteSource, readonly data: CpuData, private readonly layout: TraceDatLayout, private readonly onRead: (bytes: number) => void) {
    this.pos = data.offset;
    this.end = data.offset + data.size + (layout.compressedData ? CHUNK_COUNT_BYTES : 0);
  }

  /** The next page (a view valid until the next call), or null at the end. */
  async next(): Promise<Uint8Array | null> {
    const page = this.layout.pageSize;
    if (this.buffer.length - this.at < page && !(await this.fill())) return null;
    const out = this.buffer.subarray(this.at, this.at + page);
    this.at += page;
    return out;
  }

  private async fill(): Promise<boolean> {
    const page = this.layout.pageSize;
    for (;;) {
      if (this.buffer.length - this.at >= page) return true;
      if (this.pos >= this.end) return this.chunksLeft > 0 ? this.fail('fewer chunks than the count says are in') : false;
      const got = this.layout.compressedData ? await this.readChunk() : await this.readWindow();
      if (!got) return false;
    }
  }

  private async readWindow(): Promise<boolean> {
    const page = this.layout.pageSize;
    const want = Math.min(this.end - this.pos, Math.max(page, WINDOW - (WINDOW % page)));
    const bytes = await this.source.read(this.pos, want);
    this.onRead(bytes.length);
    this.pos += want;
    if (bytes.length < page) {
      if (bytes.length < want) this.problem = `the file ends inside CPU ${this.data.cpu}'s data`;
      return false;
    }
    this.buffer = bytes.subarray(0, bytes.length - (bytes.length % page));
    this.at = 0;
    if (bytes.length < want) this.problem = `the file ends inside CPU ${this.data.cpu}'s data`;
    return true;
  }

  private async readChunk(): Promise<boolean> {
    const le = this.layout.littleEndian;
    if (this.chunksLeft < 0) {
      const head = await this.source.read(this.pos, 4);
      if (head.length < 4) return this.fail('the file ends inside');
      this.chunksLeft = new DataView(head.buffer, head.byteOffset, 4).getUint32(0, le);
      this.pos += 4;
      this.onRead(4);
    }
    if (this.chunksLeft === 0) {
      this.pos = this.end;
      return false;
    }
    const sizes = await this.source.read(this.pos, 8);
    if (sizes.length < 8) return this.fail('the file ends inside');
    const v = new DataView(sizes.buffer, sizes.byteOffset, 8);
    const packed = v.getUint32(0, le);
    const size = v.getUint32(4, le);
    if (this.pos + 8 + packed > this.end) return this.fail('a chunk longer than the rest of');
    const data = await this.source.read(this.pos + 8, packed);
    this.onRead(8 + data.length);
    if (data.length < packed) return this.fail('the file ends inside');
    this.pos += 8 + packed;
    this.chunksLeft--;
    const pages = decompressBlock(this.layout.compression, data, size);
    if (!pages) return this.fail('a chunk that does not decompress is in');
    this.buffer = pages;
    this.at = 0;
    return true;
  }

  private fail(what: string): false {
    this.problem = `${what} CPU ${this.data.cpu}'s data (byte ${this.pos}): the rest of it is not read`;
    this.pos = this.end;
    return false;
  }
}
