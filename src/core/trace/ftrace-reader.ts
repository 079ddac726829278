/**
 * Reads Linux ftrace text (/sys/kernel/tracing/trace and `trace-cmd report`) into an event
 * table through the Linux event mapping (ftrace-events.ts): scheduler events become their
 * kinds, every other event an Instant with its payload. Header and comment lines (`#…`,
 * `cpus=N`, `version = N`) are skipped; lost-event notices are reported. Lines that are not
 * events, and events whose payload is not understood, are counted by event name and reported
 * once per name (count and first line).
 *
 * Three paths give the same rows. Most lines are read in one forward pass over their bytes
 * (ftrace-line-scan.ts: the prefix, the event, a switch's or a wakeup's fields). What it leaves
 * takes the byte path: the prefix (ftrace-prefix-scan.ts) and the kernel-printed payloads of the
 * modelled sched events (ftrace-payload-scan.ts) read backwards from the bytes, as the greedy
 * expressions match. Names are interned on bytes (name-interner.ts): text is decoded only
 * for what is kept as text (a name seen for the first time, an instant's fields, the rarer
 * payloads). Whatever the byte path declines takes the text path: the line decoded and read by
 * the expressions of ftrace-line.ts and ftrace-payloads.ts.
 */
import type { EventTable } from '../events/event-table';
import { clip, type DiagnosticLog } from './diagnostic-log';
import type { FormatReader } from './format-reader';
import type { TraceSink } from './trace-sink';
import { scanSecondsDotFraction, type SplitNs } from './number-scan';
import { parseFtraceLine } from './ftrace-line';
import { parseFork, parseMigrate, parseSwitch, parseTask, parseWakeup } from './ftrace-payloads';
import { decodeLine } from './line-splitter';
import { LinuxEvents } from './ftrace-events';
import { SkippedLines } from './skipped-lines';
import { isAsciiSpace, scanFtracePrefix } from './ftrace-prefix-scan';
import { LineScan, newFtraceLineFields, scanFtraceLine } from './ftrace-line-scan';
import { NameInterner } from './name-interner';
import { afterSpaces, viewOf } from './ftrace-literals';
import {
  newSwitchFields, newTaskFields, newWakeupFields, scanForkPayload, scanMigratePayload, scanSwitchPayload, scanTaskPayload, scanWakeupPayload, type TaskFields,
} from './ftrace-payload-scan';
import { FtraceEvent as FtraceEvents, FtraceEventNames, ftraceEventOf } from './ftrace-event-names';

// a module-level copy: read on every line, and a transpiled module namespace would make each read a getter call
const FtraceEvent = FtraceEvents;
type FtraceEvent = FtraceEvents;

const LOST = /LOST (\d+) EVENTS/;
const HEADER = /^(cpus=\d+|version\s*=|CPU \d+ is empty|CPU:?\d+ \[)/;
/** The name skipped lines that are not event lines at all are counted under. */
const NOT_AN_EVENT = '(not an event line)';
/** Characters `.` does not match: a line holding one is not an event line to the expressions. */
const LINE_TERMINATOR = /[\r\u2028\u2029]/;

const HASH = 35;
/** The first bytes of {@link HEADER_STARTS}. */
const UPPER_C = 67;
const LOWER_C = 99;
const LOWER_V = 118;
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
/** The literal beginnings of {@link HEADER}'s alternatives: a line starting otherwise is no header. */
const HEADER_STARTS = [ascii('cpus='), ascii('version'), ascii('CPU')];
/** prev_state of a task's final switch: EXIT_DEAD, EXIT_ZOMBIE. */
const STATE_X = 88;
const STATE_Z = 90;

const WAKEUP_NAMES = { [FtraceEvent.Waking]: 'sched_waking', [FtraceEvent.Wakeup]: 'sched_wakeup', [FtraceEvent.WakeupNew]: 'sched_wakeup_new' } as const;

export class FtraceReader implements FormatReader {
  readonly format = 'ftrace' as const;
  private readonly skipped = new SkippedLines();
  private readonly linux: LinuxEvents;
  /** CPUs the header announces (`#P:4`, `cpus=4`), 0 when absent. */
  headerCpus = 0;
  private readonly t: SplitNs = { sec: 0, ns: 0 };
  /** Thread group (process) of each task seen with a TGID column, for the tasks switched to. */
  private readonly tgidOf = new Map<number, number>();
  /** The line being read: its prefix (both byte paths), a switch's or a wakeup's fields (the forward pass). */
  private readonly prefix = newFtraceLineFields();
  private readonly switchFields = newSwitchFields();
  private readonly wakeupFields = newWakeupFields();
  private readonly taskFields = newTaskFields();
  private readonly names = new FtraceEventNames();
  private readonly comms: NameInterner;

  constructor(private readonly sink: TraceSink, private readonly log: DiagnosticLog) {
    this.linux = new LinuxEvents(sink);
    this.comms = new NameInterner(sink);
  }

  /** Events kept only as generic instants. */
  get unknownLines(): number {
    return this.linux.instants;
  }

  get junkLines(): number {
    return this.skipped.total;
  }

  line(bytes: Uint8Array, start: number, end: number, lineNo: number): void {
    // task names are printed right-aligned: most lines start with spaces
    let i = afterSpaces(viewOf(bytes), start, end);
    while (i < end && isAsciiSpace(bytes[i]!)) i++;
    if (i === end) return;
    const c = bytes[i]!;
    // a line that may be a header (`#…`, `cpus=`, `version =`, `CPU …`) or starts outside ASCII is read as text
    if (c === HASH || c >= 0x80 || ((c === LOWER_C || c === LOWER_V || c === UPPER_C) && startsLikeHeader(bytes, i, end) && HEADER.test(decodeLine(bytes, i, end)))) {
      this.textLine(bytes, start, end, lineNo);
      return;
    }
    const f = this.prefix;
    const scan = scanFtraceLine(bytes, i, end, f);
    if (scan === LineScan.Event) {
      if (f.event === FtraceEvent.Switch || f.event === FtraceEvent.Waking || f.event === FtraceEvent.Wakeup || f.event === FtraceEvent.WakeupNew) this.scannedEvent(bytes);
      else this.addTaskEvent(f.event, bytes, f.task);
    }
    else if ((scan === LineScan.Declined && !scanFtracePrefix(bytes, i, end, this.prefix)) || !this.byteEvent(bytes, end, lineNo)) this.textLine(bytes, start, end, lineNo);
  }

  /** A switch or wakeup the forward pass read whole. */
  private scannedEvent(bytes: Uint8Array): void {
    const f = this.prefix;
    const comms = this.comms;
    this.noteTgid(f.pid, f.tgid);
    // the line's own task first, as on the other paths: names get their ids in the order first seen
    const comm = comms.intern(f.commHash, bytes, f.commStart, f.commEnd);
    const code = f.event;
    if (code === FtraceEvent.Switch) {
      const prev = comms.intern(f.prevCommHash, bytes, f.prevCommStart, f.prevCommEnd);
      const next = comms.intern(f.nextCommHash, bytes, f.nextCommStart, f.nextCommEnd);
      const dead = f.prevState === STATE_X || f.prevState === STATE_Z;
      this.linux.switch(this.sink.relative(f.t), f.cpu, f.tgid, prev, f.prevPid, dead, next, f.nextPid, this.tgidOfTask(f.nextPid));
    } else {
      this.linux.wakeup(WAKEUP_NAMES[code as keyof typeof WAKEUP_NAMES], this.sink.relative(f.t), f.cpu, f.pid, f.tgid, comm, f.wokenPid, f.targetCpu);
    }
  }

  end(): void {
    this.skipped.report(this.log, 'skipped-lines');
  }

  adjust(table: EventTable): void {
    this.linux.adjust(table);
  }

  /** The line decoded and read by the expressions. */
  private textLine(bytes: Uint8Array, start: number, end: number, lineNo: number): void {
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
    this.noteTgid(f.pid, f.tgid);
    const comm = this.sink.intern(f.comm);
    this.payloadEvent(ftraceEventOf(f.event), f.event, this.sink.relative(this.t), f.cpu, f.pid, f.tgid, comm, f.payload, lineNo);
  }

  /** The event of the line whose prefix was just scanned; false when the line must be read as text. */
  private byteEvent(bytes: Uint8Array, end: number, lineNo: number): boolean {
    const p = this.prefix;
    const code = this.names.match(bytes, p.eventStart, p.eventEnd);
    if (code === FtraceEvent.Switch) {
      const s = this.switchFields;
      if (scanSwitchPayload(bytes, p.payloadStart, end, s)) {
        this.noteTgid(p.pid, p.tgid);
        const comms = this.comms;
        comms.internBytes(bytes, p.commStart, p.commEnd);
        const prev = comms.internBytes(bytes, s.prevCommStart, s.prevCommEnd);
        const next = comms.internBytes(bytes, s.nextCommStart, s.nextCommEnd);
        const dead = s.prevState === STATE_X || s.prevState === STATE_Z;
        this.linux.switch(this.sink.relative(p.t), p.cpu, p.tgid, prev, s.prevPid, dead, next, s.nextPid, this.tgidOfTask(s.nextPid));
        return true;
      }
    } else if (code === FtraceEvent.Waking || code === FtraceEvent.Wakeup || code === FtraceEvent.WakeupNew) {
      const w = this.wakeupFields;
      if (scanWakeupPayload(bytes, p.payloadStart, end, w)) {
        this.noteTgid(p.pid, p.tgid);
        const comm = this.comms.internBytes(bytes, p.commStart, p.commEnd);
        this.linux.wakeup(WAKEUP_NAMES[code], this.sink.relative(p.t), p.cpu, p.pid, p.tgid, comm, w.pid, w.targetCpu);
        return true;
      }
    } else if ((code === FtraceEvent.Fork || code === FtraceEvent.Exit || code === FtraceEvent.Free || code === FtraceEvent.Migrate) && this.taskEvent(code, bytes, end)) {
      return true;
    }
    const payload = decodeLine(bytes, p.payloadStart, end);
    if (LINE_TERMINATOR.test(payload)) return false;
    this.noteTgid(p.pid, p.tgid);
    const comm = this.comms.internBytes(bytes, p.commStart, p.commEnd);
    this.payloadEvent(code, this.names.name, this.sink.relative(p.t), p.cpu, p.pid, p.tgid, comm, payload, lineNo);
    return true;
  }

  /** A fork, exit, free or migrate line whose prefix was just scanned, read from its payload's bytes; false when the scanner declines it. */
  private taskEvent(code: FtraceEvent, bytes: Uint8Array, end: number): boolean {
    const p = this.prefix;
    const t = this.taskFields;
    const scanned = code === FtraceEvent.Fork ? scanForkPayload(bytes, p.payloadStart, end, t)
      : code === FtraceEvent.Migrate ? scanMigratePayload(bytes, p.payloadStart, end, t)
      : scanTaskPayload(bytes, p.payloadStart, end, t);
    if (!scanned) return false;
    this.addTaskEvent(code, bytes, t);
    return true;
  }

  /** The row of a fork, exit, free or migrate line whose prefix is {@link prefix} and payload `t`. */
  private addTaskEvent(code: FtraceEvent, bytes: Uint8Array, t: TaskFields): void {
    const p = this.prefix;
    this.noteTgid(p.pid, p.tgid);
    const comms = this.comms;
    const comm = comms.internBytes(bytes, p.commStart, p.commEnd);
    const ts = this.sink.relative(p.t);
    const linux = this.linux;
    if (code === FtraceEvent.Fork) linux.fork(ts, p.cpu, t.pid, p.tgid, comm, t.other);
    else if (code === FtraceEvent.Exit) linux.exit(ts, p.cpu, t.pid, this.tgidOfTask(t.pid), comms.internBytes(bytes, t.commStart, t.commEnd));
    else if (code === FtraceEvent.Free) linux.free(ts, p.cpu, p.pid, p.tgid, comm, t.pid);
    else linux.migrate(ts, p.cpu, p.pid, p.tgid, comm, t.pid, t.other);
  }

  private noteTgid(pid: number, tgid: number): void {
    if (tgid >= 0 && this.tgidOf.get(pid) !== tgid) this.tgidOf.set(pid, tgid);
  }

  /** The thread group of `pid` when a line of its own showed it, else -1. */
  private tgidOfTask(pid: number): number {
    return this.tgidOf.size === 0 ? -1 : (this.tgidOf.get(pid) ?? -1);
  }

  private header(line: string, lineNo: number): void {
    const cpus = /#P:(\d+)/.exec(line) ?? /^cpus=(\d+)/.exec(line);
    if (cpus) this.headerCpus = Number(cpus[1]);
    const lost = LOST.exec(line);
    if (lost) this.log.add(lineNo, 'warning', 'lost-events', `the tracer lost ${lost[1]} events here; counts near this time are low.`);
  }

  private bad(name: string, payload: string, lineNo: number): void {
    this.skipped.add(name, lineNo, `payload not understood: '${clip(payload)}'`);
  }

  /** An event whose payload is read from its text (`name` is the event's name, `code` its {@link FtraceEvent}). */
  private payloadEvent(code: FtraceEvent, name: string, ts: number, cpu: number, pid: number, tgid: number, comm: number, payload: string, lineNo: number): void {
    const sink = this.sink;
    const linux = this.linux;
    switch (code) {
      case FtraceEvent.Switch: {
        const s = parseSwitch(payload);
        if (!s) return this.bad(name, payload, lineNo);
        const dead = s.prevState.startsWith('X') || s.prevState.startsWith('Z');
        linux.switch(ts, cpu, tgid, sink.intern(s.prevComm), s.prevPid, dead, sink.intern(s.nextComm), s.nextPid, this.tgidOfTask(s.nextPid));
        return;
      }
      case FtraceEvent.Waking:
      case FtraceEvent.Wakeup:
      case FtraceEvent.WakeupNew: {
        const w = parseWakeup(payload);
        if (!w) return this.bad(name, payload, lineNo);
        linux.wakeup(WAKEUP_NAMES[code], ts, cpu, pid, tgid, comm, w.pid, w.targetCpu);
        return;
      }
      case FtraceEvent.Fork: {
        const k = parseFork(payload);
        if (!k) return this.bad(name, payload, lineNo);
        linux.fork(ts, cpu, k.pid, tgid, comm, k.childPid);
        return;
      }
      case FtraceEvent.Exit: {
        const x = parseTask(payload);
        if (!x) return this.bad(name, payload, lineNo);
        linux.exit(ts, cpu, x.pid, this.tgidOfTask(x.pid), sink.intern(x.comm));
        return;
      }
      case FtraceEvent.Free: {
        const x = parseTask(payload);
        if (!x) return this.bad(name, payload, lineNo);
        linux.free(ts, cpu, pid, tgid, comm, x.pid);
        return;
      }
      case FtraceEvent.Migrate: {
        const m = parseMigrate(payload);
        if (!m) return this.bad(name, payload, lineNo);
        linux.migrate(ts, cpu, pid, tgid, comm, m.pid, m.origCpu);
        return;
      }
      default:
        linux.instant(ts, cpu, pid, tgid, comm, name, payload.trimEnd());
    }
  }
}

/** Whether bytes[i, end) starts with a literal one of the header lines starts with. */
function startsLikeHeader(bytes: Uint8Array, i: number, end: number): boolean {
  for (const word of HEADER_STARTS) {
    if (end - i < word.length) continue;
    let k = 0;
    while (k < word.length && bytes[i + k] === word[k]) k++;
    if (k === word.length) return true;
  }
  return false;
}
