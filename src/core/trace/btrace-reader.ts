/**
 * Reads btrace(8) output into an event table: the lines of media/reaperscope.bt, and btrace
 * printf lines in general (columns found by {@link learnLayout}). Maps dt(4) probes to
 * {@link EventKind}s as event-kind.ts documents them:
 * - `off__cpu` fires in the outgoing thread with the incoming thread's tid/pid: it gives the
 *   outgoing thread's OffCpu and the incoming thread's OnCpu. That OnCpu waits for the CPU's
 *   next line: when it is the incoming thread's own `on__cpu`, the two merge (its time, the
 *   switch partner from `off__cpu`); otherwise it stands, named after the thread's last name
 *   (or its next one, see trace-fixups.ts).
 * - `syscall:exit:entry` / `syscall:__threxit:entry` give Exit (arg1 = 1 or 302, arg0 = exit's
 *   status, -1 for __threxit); so does `raw_syscalls:sys_enter` with exit (1) or __threxit (302)
 *   from older copies of the script (arg0 = -1: the status is not printed there). The thread's
 *   last off-cpu after it (its final switch, whatever the line order) also gives Dead: at the
 *   end of the recording, or when a `fork` gives its id to a new thread (OpenBSD draws thread
 *   ids at random below 100000 and reuses them; without fork lines, a reused id's lives merge).
 * - `kprobe:uvm_exit:entry` (reaperscope-ddbprof.bt) gives Reap in the current thread, a reaper
 *   (one per dead process). `kprobe:proc_free:entry` gives Reap only in a reaper thread (a dead
 *   thread of a multi-threaded process, or a PS_NOZOMBIE process after its uvm_exit, which thus
 *   counts twice); in any other thread it is a parent's wait4 freeing a zombie (proc_finish_wait
 *   → process_zap → proc_free), not a reap: counted, reported once, and skipped. Reaps have
 *   arg0 = -1 (a trace cannot tell which dead thread was freed).
 * - `wakeup` with arguments 0 (kernels before OpenBSD 7.4, whose wakeup probe has none; btrace
 *   prints 0 for a missing argument) gives Wakeup with the woken thread and CPU unknown (-1),
 *   reported once.
 * - `END` (media/reaperscope.bt's END clause, printed when the recording stops) gives no event:
 *   its time is the end of the recording ({@link TraceSink.recordEnd}). A switch whose `on__cpu`
 *   never came before it was cut off by the end: its synthesized on-cpu is dropped, the incoming
 *   thread never ran. Without an `END` line (older recordings) such a switch stands, and the
 *   recording ends at its last event.
 * - `BEGIN` (the script's BEGIN clause, printed before recording starts, so btrace's first line)
 *   gives no event either: its time is the start of the recording ({@link TraceSink.recordStart}),
 *   where the table's base goes. It counts only as the first probe line of the input; a second
 *   `BEGIN`, or one after probe lines, is reported (warning, with its line) and not used.
 *   Without a `BEGIN` line (older recordings) the recording starts at its first event.
 * The map contents btrace prints when it exits (`@name[key]: value`, histogram rows) are skipped,
 * and so is the empty line btrace prints when ^C interrupts its wait for events. The statistics
 * `btrace -v` prints at exit (`N events read`, `N events dropped`, … on stdout in older btrace,
 * on stderr now, so in the file only with `2>&1`) are read: dropped events are reported as a
 * warning with their number.
 */
import { EventKind as EventKinds } from '../events/event-kind';
import { clip, type DiagnosticLog } from './diagnostic-log';
import type { FormatReader } from './format-reader';
import type { TraceSink } from './trace-sink';
import { newRecord, parseDocumentedLine, type BtraceRecord } from './btrace-record';
import { applyLayout, learnLayout, parseLayoutLine, tokenize, type ColumnLayout } from './btrace-columns';
import { EXIT_SYSCALLS, Probe as Probes, SYS_EXIT, SYS_THREXIT } from './btrace-probes';
import { reaperIndexOfComm } from '../events/reaper-name';
import { decodeLine } from './line-splitter';
import { CommInterner, ProbeMatcher } from './btrace-names';
import { TidSlots } from './tid-slots';
import { growTypedArray } from '../events/typed-array-growth';

// Module-level copies: read once per event, and a transpiled module namespace would make each
// read a getter call.
const EventKind = EventKinds;
const Probe = Probes;
type Probe = Probes;

/** The statistics lines `btrace -v` prints at exit: `N events dropped` and the like. */
const BTRACE_STATS = /^(\d+) (events read|events dropped|events filtered|clock ticks skipped|recursive events dropped)$/;

/** Lines of the general shape sampled before their column roles are decided. */
const LAYOUT_SAMPLE = 64;

/** An on-cpu synthesized from `off__cpu`, held until the CPU's next line shows whether `on__cpu` follows. */
interface PendingOn {
  active: boolean;
  ts: number;
  tid: number;
  pid: number;
  outTid: number;
  outPid: number;
}

/** The first `BEGIN` line read: its time (relative ns) and line. */
interface Begin {
  ts: number;
  lineNo: number;
}

interface Pending {
  tokens: string[];
  probeAt: number;
  lineNo: number;
}

export class BtraceReader implements FormatReader {
  readonly format = 'btrace' as const;
  unknownLines = 0;
  junkLines = 0;
  /** Lines of the map dump btrace prints at exit. */
  mapLines = 0;
  /** `proc_free` calls outside a reaper thread (a parent's wait4 freeing a zombie): not reaps. */
  parentFrees = 0;
  /** `wakeup` lines without arguments (kernels before OpenBSD 7.4). */
  wakeupsWithoutArgs = 0;
  /** Events dt(4) dropped, summed over the `btrace -v` report's lines; -1 when there is no report. */
  droppedEvents = -1;
  private firstParentFree = 0;
  private firstBareWakeup = 0;
  private statsLine = 0;
  /** Per comm id: 1 when the name is a reaper's, 0 when not, undefined until asked. */
  private readonly reaperComm: (0 | 1 | undefined)[] = [];
  private readonly rec: BtraceRecord = newRecord();
  private layout: ColumnLayout | null = null;
  private pending: Pending[] = [];
  private inMapDump = false;
  /** The last line was read by the layout's fast path: try it first. */
  private layoutFirst = false;
  private readonly slots = new TidSlots();
  /** Per thread slot: its exit time (relative ns, earliest exit/__threxit line), NaN when it did not exit. */
  private exitTs = new Float64Array(1024).fill(NaN);
  /** Threads that called exit/__threxit, in order of their first such line. */
  private readonly exited: number[] = [];
  /** Per thread slot, its latest off-cpu so far (any line order), the Dead candidate: time (-Infinity: none), CPU, pid, name. */
  private offTs = new Float64Array(1024).fill(-Infinity);
  private offCpu = new Int32Array(1024);
  private offPid = new Int32Array(1024);
  private offComm = new Int32Array(1024);
  private readonly deadList: number;
  private readonly probes = new ProbeMatcher();
  private readonly comms: CommInterner;
  /** Per CPU: the synthesized on-cpu waiting for the CPU's next line. */
  private readonly pendingOn: (PendingOn | undefined)[] = [];
  /** Per CPU: time of its latest line (relative ns). */
  private readonly lastTs: number[] = [];
  /** The first `BEGIN` line, null until one is read. */
  private begin: Begin | null = null;
  /** Smallest line number of a probe line other than `BEGIN` (general lines are read late, so not simply the first seen). */
  private firstProbeLine = Infinity;

  constructor(private readonly sink: TraceSink, private readonly log: DiagnosticLog) {
    this.deadList = sink.intern('spc_deadproc');
    this.comms = new CommInterner(sink, this.slots);
  }

  line(bytes: Uint8Array, start: number, end: number, lineNo: number): void {
    if (end === start) return;
    const rec = this.rec;
    // a file is in one shape: the parser that read the previous line goes first
    const layout = this.layout;
    const read = this.layoutFirst
      ? parseLayoutLine(bytes, start, end, layout!, rec) || parseDocumentedLine(bytes, start, end, rec)
      : parseDocumentedLine(bytes, start, end, rec) || (layout !== null && (this.layoutFirst = parseLayoutLine(bytes, start, end, layout, rec)));
    if (read) {
      const probe = this.probes.match(bytes, rec.probeStart, rec.probeEnd);
      if (probe === undefined) this.unknownProbe(decodeLine(bytes, rec.probeStart, rec.probeEnd), lineNo);
      else this.emit(rec, probe, this.comms.intern(rec.tid, bytes, rec.commStart, rec.commEnd), lineNo);
    } else {
      this.otherLine(decodeLine(bytes, start, end), lineNo);
    }
  }

  /** A probe line (known or not) at `lineNo`: a BEGIN line after it does not start the recording. */
  private noteProbeLine(lineNo: number): void {
    if (lineNo < this.firstProbeLine) this.firstProbeLine = lineNo;
  }

  private unknownProbe(name: string, lineNo: number): void {
    this.noteProbeLine(lineNo);
    this.unknownLines++;
    this.log.add(lineNo, 'info', 'unknown-probe', `probe '${clip(name)}' is not one Reaperscope reads; line skipped.`);
  }

  end(): void {
    if (this.layout === null && this.pending.length > 0) this.settleLayout();
    this.reportOddities();
    this.settleStart();
    const cutOff = this.sink.endRecorded;
    this.pendingOn.forEach((p, cpu) => {
      if (p?.active && !cutOff) this.flushOn(p, cpu);
    });
    for (const tid of this.exited) this.endLife(tid);
    this.releaseThreads();
  }

  /**
   * The life of thread `tid` is over (the recording ended, or the id went to a new thread): if
   * it exited and switched off after, its last off-cpu gives Dead. Its exit is forgotten, so a
   * thread's Dead comes once.
   */
  private endLife(tid: number): void {
    const s = this.slots.find(tid);
    if (s < 0 || s >= this.offTs.length || this.exitTs[s] !== this.exitTs[s]) return;
    if (this.offTs[s]! >= this.exitTs[s]!) {
      this.sink.push(this.offTs[s]!, this.offCpu[s]!, EventKind.Dead, tid, this.offPid[s]!, this.offComm[s]!, this.deadList, this.offCpu[s]!);
    }
    this.exitTs[s] = NaN;
    this.offTs[s] = -Infinity;
  }

  /** Lets go of the per-thread state (about 40 bytes a thread) before the table is sorted: nothing reads it after end(). */
  private releaseThreads(): void {
    this.exited.length = 0;
    this.exitTs = new Float64Array(0);
    this.offTs = new Float64Array(0);
    this.offCpu = new Int32Array(0);
    this.offPid = new Int32Array(0);
    this.offComm = new Int32Array(0);
    this.comms.release();
  }

  private reportOddities(): void {
    const log = this.log;
    if (this.parentFrees > 0) {
      log.add(this.firstParentFree, 'info', 'proc-free-in-parent', `${this.parentFrees} proc_free call(s) outside a reaper thread (from this line): a parent's wait4 freeing a zombie process, not a reap; not counted as reaps.`);
    }
    if (this.wakeupsWithoutArgs > 0) {
      log.add(this.firstBareWakeup, 'info', 'wakeup-without-args', `${this.wakeupsWithoutArgs} wakeup line(s) without arguments (from this line; a kernel before OpenBSD 7.4): the woken thread and its CPU are unknown, so wakeups are counted but not followed to the woken thread.`);
    }
    if (this.droppedEvents > 0) {
      log.add(this.statsLine, 'warning', 'events-dropped', `btrace -v reports ${this.droppedEvents} event(s) dropped by dt(4) (its per-CPU rings were full): the trace misses them; figures that count events are low by as much.`);
    }
  }

  /** One line of the statistics `btrace -v` prints at exit. */
  private stats(count: number, what: string, lineNo: number): void {
    if (what === 'events dropped' || what === 'recursive events dropped') {
      this.droppedEvents = Math.max(0, this.droppedEvents) + count;
      this.statsLine = lineNo;
    } else if (this.droppedEvents < 0) this.droppedEvents = 0;
  }

  /** Whether comm id `comm` names a reaper thread. */
  private isReaper(comm: number): boolean {
    let flag = this.reaperComm[comm];
    if (flag === undefined) this.reaperComm[comm] = flag = reaperIndexOfComm(this.sink.strings.get(comm)) === null ? 0 : 1;
    return flag === 1;
  }

  /** A `BEGIN` line: the first one is kept for {@link settleStart}, later ones are reported. */
  private noteBegin(ts: number, lineNo: number): void {
    if (this.begin === null) this.begin = { ts, lineNo };
    else this.log.add(lineNo, 'warning', 'begin-repeated', `a second BEGIN line (the first is line ${this.begin.lineNo}, which counts): two recordings in one file? Ignored.`);
  }

  /** The first `BEGIN` line starts the recording if no probe line came before it. */
  private settleStart(): void {
    const begin = this.begin;
    if (begin === null) return;
    if (begin.lineNo < this.firstProbeLine) this.sink.recordStart(begin.ts);
    else {
      this.log.add(begin.lineNo, 'warning', 'begin-after-events', `BEGIN line after probe lines (from line ${this.firstProbeLine}): btrace prints it first, so it does not start this recording; ignored, the recording starts at its first event.`);
    }
  }

  private holdOn(cpu: number, ts: number, tid: number, pid: number, outTid: number, outPid: number): void {
    let p = this.pendingOn[cpu];
    if (!p) {
      p = { active: false, ts: 0, tid: 0, pid: 0, outTid: 0, outPid: 0 };
      this.pendingOn[cpu] = p;
    }
    p.active = true;
    p.ts = ts;
    p.tid = tid;
    p.pid = pid;
    p.outTid = outTid;
    p.outPid = outPid;
  }

  /**
   * Pushes a synthesized on-cpu that no on__cpu line confirmed, named after the thread's last
   * name, or (when the thread has not printed a line yet) after its first line to come.
   */
  private flushOn(p: PendingOn, cpu: number): void {
    p.active = false;
    let comm = this.comms.known(p.tid);
    if (comm < 0) {
      comm = this.sink.unknownComm;
      this.sink.awaitName(p.tid);
    }
    this.sink.push(p.ts, cpu, EventKind.OnCpu, p.tid, p.pid, comm, p.outTid, p.outPid);
  }

  /** The slot of `tid`, with room in the per-slot arrays. */
  private slotOf(tid: number): number {
    const s = this.slots.slot(tid);
    if (s >= this.offTs.length) {
      const n = this.offTs.length;
      this.offTs = growTypedArray(this.offTs, s + 1);
      this.offTs.fill(-Infinity, n);
      this.offCpu = growTypedArray(this.offCpu, s + 1);
      this.offPid = growTypedArray(this.offPid, s + 1);
      this.offComm = growTypedArray(this.offComm, s + 1);
      this.exitTs = growTypedArray(this.exitTs, s + 1);
      this.exitTs.fill(NaN, n);
    }
    return s;
  }

  private noteOff(ts: number, cpu: number, tid: number, pid: number, comm: number): void {
    const s = this.slotOf(tid);
    if (ts >= this.offTs[s]!) {
      this.offTs[s] = ts;
      this.offCpu[s] = cpu;
      this.offPid[s] = pid;
      this.offComm[s] = comm;
    }
  }

  private otherLine(line: string, lineNo: number): void {
    const trimmed = line.trim();
    if (trimmed === '') return;
    const stats = BTRACE_STATS.exec(trimmed);
    if (stats) {
      this.stats(Number(stats[1]), stats[2]!, lineNo);
      return;
    }
    if (trimmed.startsWith('@') || (this.inMapDump && trimmed.startsWith('['))) {
      this.inMapDump = true;
      this.mapLines++;
      return;
    }
    const tok = tokenize(trimmed);
    if (!tok) {
      this.junk(lineNo, `not a btrace event line: '${clip(trimmed)}'`);
      return;
    }
    if (this.layout === null) {
      this.pending.push({ ...tok, lineNo });
      if (this.pending.length >= LAYOUT_SAMPLE) this.settleLayout();
      return;
    }
    this.general(tok.tokens, tok.probeAt, lineNo);
  }

  private settleLayout(): void {
    this.layout = learnLayout(this.pending);
    const pending = this.pending;
    this.pending = [];
    for (const p of pending) this.general(p.tokens, p.probeAt, p.lineNo);
  }

  private general(tokens: string[], probeAt: number, lineNo: number): void {
    const rec = this.rec;
    if (applyLayout(tokens, probeAt, this.layout!, rec)) {
      const probe = this.probes.matchName(rec.probe);
      if (probe === undefined) this.unknownProbe(rec.probe, lineNo);
      else this.emit(rec, probe, this.comms.internName(rec.tid, rec.comm), lineNo);
    } else this.junk(lineNo, `btrace line without a time (nsecs) column: '${clip(tokens.join(' '))}'`);
  }

  private junk(lineNo: number, message: string): void {
    this.junkLines++;
    this.log.add(lineNo, 'warning', 'junk-line', message);
  }

  /** Turns one line (probe and thread name resolved) into events. */
  private emit(rec: BtraceRecord, probe: Probe, comm: number, lineNo: number): void {
    if (rec.cpu > 0xffff) {
      this.junk(lineNo, `CPU number ${rec.cpu} out of range`);
      return;
    }
    const sink = this.sink;
    const ts = sink.relative(rec.t);
    if (probe === Probe.Begin) {
      this.noteBegin(ts, lineNo);
      return;
    }
    this.noteProbeLine(lineNo);
    if (probe === Probe.End) {
      sink.recordEnd(ts);
      return;
    }
    const { cpu, tid, pid } = rec;
    const last = this.lastTs[cpu];
    if (last !== undefined && ts < last) sink.cpuOrderBroken = true;
    this.lastTs[cpu] = ts;
    const waiting = this.pendingOn[cpu];
    if (waiting?.active) {
      waiting.active = false;
      if (probe === Probe.OnCpu && tid === waiting.tid) {
        // the thread's own on__cpu: its real start, with the switch partner from off__cpu
        sink.push(ts, cpu, EventKind.OnCpu, tid, pid, comm, waiting.outTid, waiting.outPid);
        return;
      }
      this.flushOn(waiting, cpu);
    }
    const n = rec.argCount;
    const a0 = n > 0 ? int32(rec.args[0]!) : -1;
    const a1 = n > 1 ? int32(rec.args[1]!) : -1;
    const a2 = n > 2 ? int32(rec.args[2]!) : -1;
    // the line's event, pushed at one call site (which the compiler inlines: times beyond 2^30 ns
    // then go to the column without being boxed); NO_EVENT when the line gives none
    let kind: EventKinds | typeof NO_EVENT = NO_EVENT;
    let x0 = -1;
    let x1 = -1;
    switch (probe) {
      case Probe.OnCpu:
        kind = EventKind.OnCpu;
        break;
      case Probe.OffCpu:
        kind = EventKind.OffCpu;
        x0 = a0;
        x1 = a1;
        this.noteOff(ts, cpu, tid, pid, comm);
        if (n >= 2) this.holdOn(cpu, ts, a0, a1, tid, pid);
        break;
      case Probe.Wakeup:
        kind = EventKind.Wakeup;
        if (a0 === 0 && a1 === 0 && a2 === 0) {
          // no arguments: btrace prints 0 for each (kernels before OpenBSD 7.4)
          if (this.wakeupsWithoutArgs++ === 0) this.firstBareWakeup = lineNo;
        } else {
          x0 = a0;
          x1 = a2;
        }
        break;
      case Probe.Sleep:
        kind = EventKind.Sleep;
        break;
      case Probe.Enqueue:
      case Probe.Dequeue:
        kind = probe === Probe.Enqueue ? EventKind.Enqueue : EventKind.Dequeue;
        x0 = a0;
        break;
      case Probe.Fork:
        kind = EventKind.Fork;
        x0 = a0;
        x1 = a1;
        // a new thread with the id of one that exited: that one's life is over (ids are reused)
        this.endLife(a0);
        break;
      case Probe.Steal:
        // ARG2 is the stealing CPU (this one), so the CPU it was stolen from is unknown
        kind = EventKind.Steal;
        x0 = a0;
        break;
      case Probe.SysEnter:
        if (EXIT_SYSCALLS.has(a0)) {
          kind = EventKind.Exit;
          x1 = a0;
          this.exit(ts, tid);
        } else {
          kind = EventKind.Syscall;
          x0 = a0;
        }
        break;
      case Probe.ExitCall:
        kind = EventKind.Exit;
        x0 = n > 0 ? a0 : -1;
        x1 = SYS_EXIT;
        this.exit(ts, tid);
        break;
      case Probe.ThrexitCall:
        kind = EventKind.Exit;
        x1 = SYS_THREXIT;
        this.exit(ts, tid);
        break;
      case Probe.UvmExit:
        kind = EventKind.Reap;
        break;
      case Probe.ProcFree:
        if (this.isReaper(comm)) kind = EventKind.Reap;
        else if (this.parentFrees++ === 0) this.firstParentFree = lineNo;
        break;
      case Probe.Ignored:
        break;
    }
    if (kind !== NO_EVENT) sink.push(ts, cpu, kind, tid, pid, comm, x0, x1);
  }

  /**
   * Thread `tid` calls exit(2) or __threxit(2) at `ts` (its Exit event is the caller's): Dead
   * comes at its last switch (see end()).
   */
  private exit(ts: number, tid: number): void {
    const s = this.slotOf(tid);
    const at = this.exitTs[s]!;
    if (at !== at) this.exited.push(tid); // NaN: its first exit line
    if (!(at <= ts)) this.exitTs[s] = ts;
  }
}

/** No event from a line ({@link BtraceReader.emit}'s kind). */
const NO_EVENT = -1;

/** A value that fits the table's Int32 columns, else -1. */
function int32(v: number): number {
  return v <= 0x7fffffff ? v : -1;
}
