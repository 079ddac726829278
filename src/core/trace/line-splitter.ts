/**
 * Splits a stream of byte chunks into lines (LF or CRLF) without decoding them and without
 * ever holding the whole input: only the current chunk and the unfinished line carried over to
 * the next one. Lines are handed out as byte ranges of the chunk, so a reader can parse ASCII
 * fields straight from the bytes and decode only the text it keeps (see {@link decodeLine}).
 */
import { growTypedArray } from '../events/typed-array-growth';

/** Called for each complete line: bytes[start, end) without CR/LF; lineNo is 1-based. */
export type LineHandler = (bytes: Uint8Array, start: number, end: number, lineNo: number) => void;

/** Longest line kept whole, in bytes; a longer one is cut there (bounded memory). */
export const MAX_LINE_BYTES = 1 << 20;

const LF = 10;
const CR = 13;

const decoder = new TextDecoder('utf-8');

/** The UTF-8 text of bytes[start, end) (invalid sequences become U+FFFD). */
export function decodeLine(bytes: Uint8Array, start: number, end: number): string {
  return decoder.decode(bytes.subarray(start, end));
}

export interface SplitEnd {
  /** Lines handed out, including a last line without a newline. */
  lines: number;
  /** 1-based number of the last line when it had no newline (a truncated file), else 0. */
  unterminatedLine: number;
  /** 1-based numbers of lines cut at {@link MAX_LINE_BYTES} (at most 100 listed). */
  overlongLines: number[];
}

export class LineSplitter {
  /** The unfinished line: carry[0, carryLength). */
  private carry = new Uint8Array(256);
  private carryLength = 0;
  private lineNo = 0;
  /** After cutting an overlong line: drop bytes until its newline. */
  private skipping = false;
  private readonly overlong: number[] = [];

  /** @param onLine receives each line; replaceable (see {@link setHandler}) */
  constructor(private onLine: LineHandler) {}

  /** Hands the following lines to another handler (a reader chosen after the first lines). */
  setHandler(onLine: LineHandler): void {
    this.onLine = onLine;
  }

  /** Feeds the next chunk (it may be reused by the caller afterwards). */
  push(chunk: Uint8Array): void {
    // Lines go out as ranges of a plain Uint8Array view of the chunk (a Node Buffer is a
    // subclass): the readers then see one array type, the carried line's, and their byte reads
    // stay monomorphic. Line ends are searched in the chunk as given (Buffer's indexOf is memchr).
    const lines = chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
    let start = 0;
    if (this.skipping) {
      const nl = chunk.indexOf(LF);
      if (nl < 0) return;
      this.skipping = false;
      start = nl + 1;
    } else if (this.carryLength > 0) {
      const nl = chunk.indexOf(LF);
      if (nl < 0) {
        this.append(chunk);
        return;
      }
      this.append(chunk.subarray(0, nl));
      if (this.skipping) this.skipping = false; // cut and handed out by append: its newline is here
      else this.emit(this.carry, 0, this.carryLength);
      this.carryLength = 0;
      start = nl + 1;
    }
    for (let nl = chunk.indexOf(LF, start); nl >= 0; nl = chunk.indexOf(LF, start)) {
      this.emit(lines, start, nl);
      start = nl + 1;
    }
    if (start < chunk.length) this.append(chunk.subarray(start));
  }

  /** Ends the input; a last line without a newline is handed out and reported. */
  end(): SplitEnd {
    let unterminatedLine = 0;
    if (this.carryLength > 0) {
      this.emit(this.carry, 0, this.carryLength);
      unterminatedLine = this.lineNo;
      this.carryLength = 0;
    }
    return { lines: this.lineNo, unterminatedLine, overlongLines: this.overlong };
  }

  private emit(bytes: Uint8Array, start: number, nl: number): void {
    const end = nl > start && bytes[nl - 1] === CR ? nl - 1 : nl;
    this.onLine(bytes, start, end, ++this.lineNo);
  }

  private append(bytes: Uint8Array): void {
    const need = this.carryLength + bytes.length;
    if (need > this.carry.length) {
      this.carry = growTypedArray(this.carry, need, this.carryLength, MAX_LINE_BYTES + bytes.length);
    }
    this.carry.set(bytes, this.carryLength);
    this.carryLength = need;
    if (this.carryLength > MAX_LINE_BYTES) {
      const no = this.lineNo + 1;
      if (this.overlong.length < 100) this.overlong.push(no);
      this.emit(this.carry, 0, MAX_LINE_BYTES);
      this.carryLength = 0;
      this.carry = new Uint8Array(256);
      this.skipping = true;
    }
  }
}
