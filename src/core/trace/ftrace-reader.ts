/**
 * Reads Linux ftrace text (/sys/kernel/tracing/trace and `trace-cmd report`) into an event
 * table. Header and comment lines (`#…`, `cpus=N`, `version = N`) are skipped; lost-event
 * notices are reported. Events: sched_switch → OffCpu + OnCpu (a final switch with prev_state X
 * or Z also gives Dead), sched_wakeup / sched_wakeup_new → Wakeup, sched_process_fork → Fork,
 * sched_process_exit → Exit, sched_process_free → Reap (tid = the freeing task, arg0 = the
 * freed pid: Linux says which task it frees), sched_migrate_task → Steal (arg1 = orig_cpu).
 */
import { EventKind } from '../events/event-kind';
import { clip, type DiagnosticLog } from './diagnostic-log';
import type { FormatReader } from './format-reader';
import type { TraceSink } from './trace-sink';
import { scanSecondsDotFraction, type SplitNs } from './number-scan';
import { parseFtraceLine, type FtraceLine } from './ftrace-line';
import { parseFork, parseMigrate, parseSwitch, parseTask, parseWakeup } from './ftrace-payloads';
import { decodeLine } from './line-splitter';

const LOST = /LOST (\d+) EVENTS/;
const HEADER = /^(cpus=\d+|version\s*=|CPU \d+ is empty|CPU:?\d+ \[)/;

export class FtraceReader implements FormatReader {
  readonly format = 'ftrace' as const;
  unknownLines = 0;
  junkLines = 0;
  /** CPUs the header announces (`#P:4`, `cpus=4`), 0 when absent. */
  headerCpus = 0;
  private readonly t: SplitNs = { sec: 0, ns: 0 };
  /** Thread group (process) of each task seen with a TGID column, for the tasks switched to. */
  private readonly tgidOf = new Map<number, number>();
  private readonly dead: number;

  constructor(private readonly sink: TraceSink, private readonly log: DiagnosticLog) {
    this.dead = sink.intern('linux-exit-dead');
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
      this.junk(lineNo, `not an ftrace event line: '${clip(trimmed)}'`);
      return;
    }
    this.event(f, this.sink.relative(this.t), lineNo);
  }

  end(): void {}

  private header(line: string, lineNo: number): void {
    const cpus = /#P:(\d+)/.exec(line) ?? /^cpus=(\d+)/.exec(line);
    if (cpus) this.headerCpus = Number(cpus[1]);
    const lost = LOST.exec(line);
    if (lost) this.log.add(lineNo, 'warning', 'lost-events', `the tracer lost ${lost[1]} events here; counts near this time are low.`);
  }

  private junk(lineNo: number, message: string): void {
    this.junkLines++;
    this.log.add(lineNo, 'warning', 'junk-line', message);
  }

  private bad(f: FtraceLine, lineNo: number): void {
    this.junk(lineNo, `${f.event} payload not understood: '${clip(f.payload)}'`);
  }

  private event(f: FtraceLine, ts: number, lineNo: number): void {
    const sink = this.sink;
    if (f.tgid >= 0 && this.tgidOf.get(f.pid) !== f.tgid) this.tgidOf.set(f.pid, f.tgid);
    const comm = sink.intern(f.comm);
    switch (f.event) {
      case 'sched_switch': {
        const s = parseSwitch(f.payload);
        if (!s) return this.bad(f, lineNo);
        const prevComm = sink.intern(s.prevComm);
        sink.push(ts, f.cpu, EventKind.OffCpu, s.prevPid, f.tgid, prevComm, s.nextPid, -1);
        if (/^[XZ]/.test(s.prevState)) sink.push(ts, f.cpu, EventKind.Dead, s.prevPid, f.tgid, prevComm, this.dead, -1);
        sink.push(ts, f.cpu, EventKind.OnCpu, s.nextPid, this.tgidOf.get(s.nextPid) ?? -1, sink.intern(s.nextComm), s.prevPid, f.tgid);
        return;
      }
      case 'sched_wakeup':
      case 'sched_wakeup_new': {
        const w = parseWakeup(f.payload);
        if (!w) return this.bad(f, lineNo);
        sink.push(ts, f.cpu, EventKind.Wakeup, f.pid, f.tgid, comm, w.pid, w.targetCpu);
        return;
      }
      case 'sched_process_fork': {
        const k = parseFork(f.payload);
        if (!k) return this.bad(f, lineNo);
        sink.push(ts, f.cpu, EventKind.Fork, k.pid, f.tgid, comm, k.childPid, -1);
        return;
      }
      case 'sched_process_exit': {
        const x = parseTask(f.payload);
        if (!x) return this.bad(f, lineNo);
        sink.push(ts, f.cpu, EventKind.Exit, x.pid, this.tgidOf.get(x.pid) ?? -1, sink.intern(x.comm));
        return;
      }
      case 'sched_process_free': {
        const x = parseTask(f.payload);
        if (!x) return this.bad(f, lineNo);
        sink.push(ts, f.cpu, EventKind.Reap, f.pid, f.tgid, comm, x.pid, -1);
        return;
      }
      case 'sched_migrate_task': {
        const m = parseMigrate(f.payload);
        if (!m) return this.bad(f, lineNo);
        sink.push(ts, f.cpu, EventKind.Steal, f.pid, f.tgid, comm, m.pid, m.origCpu);
        return;
      }
      default:
        this.unknownLines++;
        this.log.add(lineNo, 'info', 'unknown-event', `event '${clip(f.event)}' is not one Reaperscope reads; line skipped.`);
    }
  }
}
