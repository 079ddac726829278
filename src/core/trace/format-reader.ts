import type { EventTable } from '../events/event-table';

/** What the stream reader needs from a format's line reader (btrace, ftrace). */
export type TraceFormat = 'btrace' | 'ftrace' | 'trace-dat';

export interface FormatReader {
  readonly format: TraceFormat;
  /** Reads one line, bytes[start, end) without its newline (UTF-8); lineNo is 1-based. */
  line(bytes: Uint8Array, start: number, end: number, lineNo: number): void;
  /** Called once after the last line. */
  end(): void;
  /** Called with the table once it is sorted (a format's clean-up that needs the whole recording). */
  adjust?(table: EventTable): void;
  /** Lines of a well-formed shape whose probe/event Reaperscope does not model. */
  readonly unknownLines: number;
  /** Lines that are neither events nor known non-event output (headers, map dumps). */
  readonly junkLines: number;
}
