/**
 * Splits a stream of UTF-8 byte chunks into lines (LF or CRLF) without ever holding the whole
 * input: only the current chunk's text and the unfinished line carried over to the next chunk.
 * Lines are handed out as (text, start, end) ranges of the chunk text to avoid a copy per line.
 */

/** Called for each complete line: the line is `text.slice(start, end)` (no CR/LF); lineNo is 1-based. */
export type LineHandler = (text: string, start: number, end: number, lineNo: number) => void;

/** Longest line kept whole, in UTF-16 code units; a longer one is cut there (bounded memory). */
export const MAX_LINE_CHARS = 1 << 20;

export interface SplitEnd {
  /** Lines handed out, including a last line without a newline. */
  lines: number;
  /** 1-based number of the last line when it had no newline (a truncated file), else 0. */
  unterminatedLine: number;
  /** 1-based numbers of lines cut at {@link MAX_LINE_CHARS} (at most 100 listed). */
  overlongLines: number[];
}

export class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8');
  private carry = '';
  private lineNo = 0;
  private readonly overlong: number[] = [];

  constructor(private readonly onLine: LineHandler) {}

  /** Feeds the next chunk of bytes. */
  push(chunk: Uint8Array): void {
    this.pushText(this.decoder.decode(chunk, { stream: true }));
  }

  /** Ends the input; a last line without a newline is handed out and reported. */
  end(): SplitEnd {
    this.pushText(this.decoder.decode());
    let unterminatedLine = 0;
    if (this.carry.length > 0) {
      const text = this.carry;
      this.carry = '';
      const end = text.charCodeAt(text.length - 1) === 13 ? text.length - 1 : text.length;
      unterminatedLine = ++this.lineNo;
      this.onLine(text, 0, end, unterminatedLine);
    }
    return { lines: this.lineNo, unterminatedLine, overlongLines: this.overlong };
  }

  private pushText(chunkText: string): void {
    const text = this.carry.length > 0 ? this.carry + chunkText : chunkText;
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.onLine(text, start, end, ++this.lineNo);
      start = nl + 1;
    }
    this.carry = start === 0 ? text : text.slice(start);
    if (this.carry.length > MAX_LINE_CHARS) {
      const no = ++this.lineNo;
      if (this.overlong.length < 100) this.overlong.push(no);
      this.onLine(this.carry, 0, MAX_LINE_CHARS, no);
      this.carry = '';
    }
  }
}
