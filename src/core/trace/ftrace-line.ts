/**
 * The common prefix of a Linux ftrace text line (/sys/kernel/tracing/trace, trace_pipe, and
 * `trace-cmd report`):
 *
 *     TASK-PID [(TGID)] [CPU] [FLAGS] SECONDS.FRACTION: EVENT: PAYLOAD
 *
 * TGID appears with the `record-tgid` option (`(-------)` when unknown). FLAGS is the latency
 * field: 4 characters on older kernels (`d..2`: irqs-off, need-resched, hardirq/softirq,
 * preempt-depth), 5 since the migrate-disable column (`dN.3.`), absent in `trace-cmd report`
 * without `-l`. The fraction has 6 digits (µs) or 9 (ns).
 */
const PREFIX = /^\s*(.+)-(\d+)\s+(?:\(\s*(\d+|-+)\)\s+)?\[(\d+)\]\s+(?:([\w.]{4,5})\s+)?(\d+\.\d+):\s+(\w+):\s*(.*)$/;

export interface FtraceLine {
  comm: string;
  pid: number;
  /** -1 when there is no TGID column or it is unknown. */
  tgid: number;
  cpu: number;
  /** The latency flags as printed, '' when absent. */
  flags: string;
  /** Timestamp text, `SECONDS.FRACTION`. */
  time: string;
  event: string;
  payload: string;
}

export function parseFtraceLine(line: string): FtraceLine | null {
  const m = PREFIX.exec(line);
  if (!m) return null;
  const tgid = m[3] === undefined || m[3].startsWith('-') ? -1 : Number(m[3]);
  return {
    comm: m[1]!,
    pid: Number(m[2]),
    tgid,
    cpu: Number(m[4]),
    flags: m[5] ?? '',
    time: m[6]!,
    event: m[7]!,
    payload: m[8]!,
  };
}

/** Whether a line looks like ftrace output (for format detection). */
export function looksLikeFtrace(line: string): boolean {
  return line.startsWith('# tracer:') || /^cpus=\d+/.test(line) || PREFIX.test(line);
}
