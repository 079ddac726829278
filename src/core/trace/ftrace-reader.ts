/**
 * Reads Linux ftrace text (/sys/kernel/tracing/trace and `trace-cmd report`) into an event
 * table through the Linux event mapping (ftrace-events.ts): scheduler events become their
 * kinds, every other event an Instant with its payload. Header and comment lines (`#…`,
 * `cpus=N`, `version = N`) are skipped; lost-event notices are reported. Lines that are not
 * events, and events whose payload is not understood, are counted by event name and reported
 * once per name (count and first line).
 */
import type { EventTable } from '../events/event-table';
import { clip, type DiagnosticLog } from './diagnostic-log';
import type { FormatReader } from './format-reader';
import type { TraceSink } from './trace-sink';
import { scanSecondsDotFraction, type SplitNs } from './number-scan';
import { parseFtraceLine, type FtraceLine } from './ftrace-line';
import { parseFork, parseMigrate, parseSwitch, parseTask, parseWakeup } from './ftrace-payloads';
import { decodeLine } from './line-splitter';
import { LinuxEvents } from './ftrace-events';
import { SkippedLines } from './skipped-lines';

const LOST = /LOST (\d+) EVENTS/;
const HEADER = /^(cpus=\d+|version\s*=|CPU \d+ is empty|CPU:?\d+ \[)/;
/** The name skipped lines that are not event lines at all are counted under. */
const NOT_AN_EVENT = '(not an event line)';

export class FtraceReader implements FormatReader {
  readonly format = 'ftrace' as const;
  private readonly skipped = new SkippedLines();
  private readonly linux: LinuxEvents;
  /** CPUs the header announces (`#P:4`, `cpus=4`), 0 when absent. */
  headerCpus = 0;
  private readonly t: SplitNs = { sec: 0, ns: 0 };
  /** Thread group (process) of each task seen with a TGID column, for the tasks switched to. */
  private readonly tgidOf = new Map<number, number>();

  constructor(private readonly sink: TraceSink, private readonly log: DiagnosticLog) {
    this.linux = new LinuxEvents(sink);
  }

  /** Events kept only as generic instants. */
  get unknownLines(): number {
    return this.linux.instants;
  }

  get junkLines(): number {
    return this.skipped.total;
  }

  line(bytes: Uint8Array, start: number, end: number, lineNo: number): void {
    const line = decodeLine(bytes, start, end);
    const trimmed = line.trim();
    if (trimmed === '') return;
    if (trimmed.startsWith('#') || HEADER.test(trimmed)) {
      this.header(trimmed, lineNo);
      return;
    }
    const f = parseFtraceLine(line);
    if (!f || !scanSecondsDotFraction(f.time, 0, f.time.length, this.t) || f.cpu > 0xffff) {
      this.skipped.add(NOT_AN_EVENT, lineNo, `'${clip(trimmed)}'`);
      return;
    }
    this.event(f, this.sink.relative(this.t), lineNo);
  }

  end(): void {
    this.skipped.report(this.log, 'skipped-lines');
  }

  adjust(table: EventTable): void {
    this.linux.adjust(table);
  }

  private header(line: string, lineNo: number): void {
    const cpus = /#P:(\d+)/.exec(line) ?? /^cpus=(\d+)/.exec(line);
    if (cpus) this.headerCpus = Number(cpus[1]);
    const lost = LOST.exec(line);
    if (lost) this.log.add(lineNo, 'warning', 'lost-events', `the tracer lost ${lost[1]} events here; counts near this time are low.`);
  }

  private bad(f: FtraceLine, lineNo: number): void {
    this.skipped.add(f.event, lineNo, `payload not understood: '${clip(f.payload)}'`);
  }

  private event(f: FtraceLine, ts: number, lineNo: number): void {
    const sink = this.sink;
    const linux = this.linux;
    if (f.tgid >= 0 && this.tgidOf.get(f.pid) !== f.tgid) this.tgidOf.set(f.pid, f.tgid);
    const comm = sink.intern(f.comm);
    switch (f.event) {
      case 'sched_switch': {
        const s = parseSwitch(f.payload);
        if (!s) return this.bad(f, lineNo);
        const dead = s.prevState.startsWith('X') || s.prevState.startsWith('Z');
        linux.switch(ts, f.cpu, f.tgid, sink.intern(s.prevComm), s.prevPid, dead, sink.intern(s.nextComm), s.nextPid, this.tgidOf.get(s.nextPid) ?? -1);
        return;
      }
      case 'sched_waking':
      case 'sched_wakeup':
      case 'sched_wakeup_new': {
        const w = parseWakeup(f.payload);
        if (!w) return this.bad(f, lineNo);
        linux.wakeup(f.event, ts, f.cpu, f.pid, f.tgid, comm, w.pid, w.targetCpu);
        return;
      }
      case 'sched_process_fork': {
        const k = parseFork(f.payload);
        if (!k) return this.bad(f, lineNo);
        linux.fork(ts, f.cpu, k.pid, f.tgid, comm, k.childPid);
        return;
      }
      case 'sched_process_exit': {
        const x = parseTask(f.payload);
        if (!x) return this.bad(f, lineNo);
        linux.exit(ts, f.cpu, x.pid, this.tgidOf.get(x.pid) ?? -1, sink.intern(x.comm));
        return;
      }
      case 'sched_process_free': {
        const x = parseTask(f.payload);
        if (!x) return this.bad(f, lineNo);
        linux.free(ts, f.cpu, f.pid, f.tgid, comm, x.pid);
        return;
      }
      case 'sched_migrate_task': {
        const m = parseMigrate(f.payload);
        if (!m) return this.bad(f, lineNo);
        linux.migrate(ts, f.cpu, f.pid, f.tgid, comm, m.pid, m.origCpu);
        return;
      }
      default:
        linux.instant(ts, f.cpu, f.pid, f.tgid, comm, f.event, f.payload.trimEnd());
    }
  }
}
