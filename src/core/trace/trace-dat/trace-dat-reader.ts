/**
 * Reads trace-cmd's binary trace.dat (versions 6 and 7, see trace-dat-layout.ts) into an
 * event table, through the same Linux event mapping as the text readers (ftrace-events.ts):
 * the CPUs' pages are merged by time, one page per CPU in memory (plus one read window or
 * decompressed chunk per CPU), in the order `trace-cmd report` prints them (earliest first;
 * on a tie, the lower CPU), so the table equals the one read from that report's text.
 *
 * Task names follow `trace-cmd report`: the saved command lines first, then the names
 * sched_switch and the wakeups show for pids not in them, `<idle>` for pid 0, `<...>` for a
 * pid never named. Names are interned when a record uses them, in the order the text reader
 * interns them from that record's report line (the task, then the payload's names; an
 * instant's fields before its name), so the string table, and so the table hash, equals the
 * one read from the report: saved names of pids no event shows are not in it. Names in records
 * are read from their bytes as UTF-8, as the text reader reads the report's. Diagnostics carry the 1-based number of the record (in time order) as
 * their line. Progress is reported per page read; cancellation is checked between pages.
 */
import type { FormatError } from '../../common/diagnostic';
import { DiagnosticLog } from '../diagnostic-log';
import { TraceSink } from '../trace-sink';
import { IDLE_TASK, LinuxEvents, UNKNOWN_TASK } from '../ftrace-events';
import type { ReadTraceOptions, TraceReadResult } from '../trace-reader';
import type { ByteSource } from './byte-source';
import { CpuPages } from './cpu-pages';
import { PageEvents } from './page-events';
import { readTraceDatLayout, type TraceDatLayout } from './trace-dat-layout';
import type { EventFormat, FieldFormat } from './event-format';
import { fieldNumber, fieldStringRange, type ByteRange, type RecordRef } from './record-fields';
import { CommInterner } from '../btrace-names';
import { TidSlots } from '../tid-slots';
import { decodeLine } from '../line-splitter';
import { fieldRenderer } from './print-format';

/** Bytes of the ring buffer's per-event common fields: common_type (u16) at 0, common_pid (s32) at 4. */
const COMMON_PID_OFFSET = 4;
/** prev_state bits of an exiting task: EXIT_DEAD (0x10) and EXIT_ZOMBIE (0x20), printed X and Z. */
const EXIT_STATES = 0x30;

/** Maps one record; `pid` is its task (common_pid), `comm` the id of the task's name, interned before the handler runs. */
type Handler = (r: RecordRef, ts: number, cpu: number, pid: number, comm: number) => void;

/** One CPU's position in the merge. */
interface CpuCursor {
  cpu: number;
  pages: CpuPages;
  events: PageEvents;
  /** Whether `events` stands on a record. */
  ready: boolean;
}

export async function readTraceDat(source: ByteSource, options: ReadTraceOptions = {}): Promise<TraceReadResult | FormatError> {
  const layout = await readTraceDatLayout(source);
  if (typeof layout === 'string') return { kind: 'format-error', message: layout, line: 1 };
  const reader = new TraceDatReader(source, layout, options);
  return reader.read();
}

class TraceDatReader {
  private readonly log = new DiagnosticLog();
  private readonly sink: TraceSink;
  private readonly linux: LinuxEvents;
  /** Task name by pid, as `trace-cmd report` resolves it (interned only when an event uses it). */
  private readonly names = new Map<number, string>();
  private readonly handlers = new Map<number, Handler>();
  /** Names in records interned from their bytes (UTF-8, as the text reader decodes the report's). */
  private readonly comms: CommInterner;
  private readonly range: ByteRange = { start: 0, end: 0 };
  private readonly record: RecordRef;
  private bytesRead = 0;
  private records = 0;
  /** Records whose event id has no stored format, by id: count and first record. */
  private readonly unknownIds = new Map<number, { count: number; first: number }>();

  constructor(private readonly source: ByteSource, private readonly layout: TraceDatLayout, private readonly options: ReadTraceOptions) {
    const dataBytes = layout.cpus.reduce((s, c) => s + c.size, 0);
    this.sink = new TraceSink(layout.compressedData ? 0 : Math.ceil(dataBytes / 12));
    this.linux = new LinuxEvents(this.sink);
    this.comms = new CommInterner(this.sink, new TidSlots());
    for (const [pid, comm] of layout.cmdlines) this.names.set(pid, comm);
    this.names.set(0, IDLE_TASK);
    this.record = { bytes: new Uint8Array(0), view: new DataView(new ArrayBuffer(0)), at: 0, length: 0, littleEndian: layout.littleEndian };
    for (const format of layout.formats.values()) this.handlers.set(format.id, this.handlerFor(format));
  }

  async read(): Promise<TraceReadResult> {
    const layout = this.layout;
    for (const note of layout.notes) this.log.add(1, 'info', 'trace-dat-not-read', `${note}.`);
    if (layout.clock === 'x86-tsc' || layout.clock === 'counter') {
      this.log.add(1, 'warning', 'trace-clock', `the trace clock is '${layout.clock}': times are counter ticks, not ns, and are read as ns.`);
    }
    const cursors: CpuCursor[] = [];
    let base: bigint | null = null;
    const firstPages: Uint8Array[] = [];
    for (const data of layout.cpus) {
      if (data.size === 0) continue;
      const pages = new CpuPages(this.source, data, layout, (n) => { this.bytesRead += n; });
      const first = await pages.next();
      if (!first) {
        if (pages.problem) this.log.add(1, 'warning', 'trace-dat-cpu-data', `${pages.problem}.`);
        continue;
      }
      const ts = PageEvents.timestamp(first, layout.page, layout.littleEndian);
      if (base === null || ts < base) base = ts;
      firstPages.push(first);
      cursors.push({ cpu: data.cpu, pages, events: null as unknown as PageEvents, ready: false });
    }
    const origin = (base ?? 0n) + layout.offsetNs;
    const originSec = origin / 1_000_000_000n;
    const originNs = Number(origin % 1_000_000_000n);
    for (let i = 0; i < cursors.length; i++) {
      const c = cursors[i]!;
      c.events = new PageEvents(layout.page, layout.littleEndian, base ?? 0n);
      this.loadPage(c, firstPages[i]!);
      c.ready = c.events.next() || (await this.nextPage(c));
    }
    const split = { sec: 0, ns: 0 };
    let cancelled = false;
    let live = cursors.filter((c) => c.ready);
    while (live.length > 0) {
      let best = live[0]!;
      for (let i = 1; i < live.length; i++) {
        const c = live[i]!;
        if (c.events.time < best.events.time || (c.events.time === best.events.time && c.cpu < best.cpu)) best = c;
      }
      const e = best.events;
      const ns = originNs + e.time;
      const carry = Math.floor(ns / 1e9);
      split.sec = Number(originSec) + carry;
      split.ns = ns - carry * 1e9;
      this.dispatch(e, this.sink.relative(split), best.cpu);
      if (!e.next()) {
        if (!(await this.nextPage(best))) {
          best.ready = false;
          live = live.filter((c) => c.ready);
        }
        this.options.onProgress?.(this.bytesRead, this.source.size, this.sink.length);
        if (this.options.signal?.aborted) {
          cancelled = true;
          break;
        }
      }
    }
    for (const [id, u] of this.unknownIds) {
      this.log.add(u.first, 'warning', 'unknown-event-id', `${u.count} records of event id ${id} have no format in the file (first: record ${u.first}); skipped.`);
    }
    if (this.linux.fieldsDropped > 0) {
      this.log.add(this.records, 'info', 'instant-fields-dropped', `the fields of ${this.linux.fieldsDropped} generic events are not kept (memory bound).`);
    }
    const table = this.sink.finish();
    this.linux.adjust(table);
    if (table.length === 0) this.log.add(1, 'warning', 'no-events', 'no scheduler events found in the trace.');
    return {
      kind: 'trace',
      format: 'trace-dat',
      table,
      lines: this.records,
      unknownLines: this.linux.instants,
      junkLines: [...this.unknownIds.values()].reduce((s, u) => s + u.count, 0),
      diagnostics: this.log.list(),
      cancelled,
      headerCpus: layout.cpus.length,
    };
  }

  /** Loads a page into the cursor (and reports events lost before it). */
  private loadPage(c: CpuCursor, page: Uint8Array): void {
    c.events.load(page);
    if (c.events.missed >= 0) {
      const count = c.events.missed > 0 ? `${c.events.missed} events` : 'events';
      this.log.add(Math.max(1, this.records), 'warning', 'lost-events', `the ring buffer of CPU ${c.cpu} lost ${count} here; counts near this time are low.`);
    }
  }

  /** Loads the CPU's next pages until one has a record; false at the end of its data. */
  private async nextPage(c: CpuCursor): Promise<boolean> {
    for (;;) {
      const page = await c.pages.next();
      if (!page) {
        if (c.pages.problem) this.log.add(Math.max(1, this.records), 'warning', 'trace-dat-cpu-data', `${c.pages.problem}.`);
        return false;
      }
      this.loadPage(c, page);
      if (c.events.next()) return true;
    }
  }

  private dispatch(e: PageEvents, ts: number, cpu: number): void {
    this.records++;
    const r = this.record;
    r.bytes = e.bytes;
    r.view = e.view;
    r.at = e.at;
    r.length = e.length;
    if (r.length < 8) return;
    const id = r.view.getUint16(r.at, r.littleEndian);
    const handler = this.handlers.get(id);
    if (!handler) {
      const u = this.unknownIds.get(id);
      if (u) u.count++;
      else this.unknownIds.set(id, { count: 1, first: this.records });
      return;
    }
    const pid = r.view.getInt32(r.at + COMMON_PID_OFFSET, r.littleEndian);
    handler(r, ts, cpu, pid, this.comm(pid));
  }

  /** The id of the task name `trace-cmd report` shows for pid. */
  private comm(pid: number): number {
    return this.sink.intern(this.names.get(pid) ?? UNKNOWN_TASK);
  }

  /** The id of the name in field `f` of thread `pid`, and the pid registered under it when not named before (as trace-cmd does). */
  private registered(r: RecordRef, f: FieldFormat, pid: number): number {
    const at = fieldStringRange(r, f, this.range);
    const id = this.comms.intern(pid, r.bytes, at.start, at.end);
    if (!this.names.has(pid)) this.names.set(pid, this.sink.strings.get(id));
    return id;
  }

  /** Registers the name in field `f` for `pid` when not named before, without interning it. */
  private register(r: RecordRef, f: FieldFormat, pid: number): void {
    if (this.names.has(pid)) return;
    const at = fieldStringRange(r, f, this.range);
    this.names.set(pid, decodeLine(r.bytes, at.start, at.end));
  }

  /** The id of the name in field `f` (of thread `pid`). */
  private name(r: RecordRef, f: FieldFormat, pid: number): number {
    const at = fieldStringRange(r, f, this.range);
    return this.comms.intern(pid, r.bytes, at.start, at.end);
  }

  private handlerFor(format: EventFormat): Handler {
    const f = new Map<string, FieldFormat>(format.fields.map((x) => [x.name, x]));
    const linux = this.linux;
    const need = (...names: string[]): FieldFormat[] | null => {
      const out = names.map((n) => f.get(n));
      return out.every((x) => x !== undefined) ? (out as FieldFormat[]) : null;
    };
    const name = format.name;
    if (format.system === 'sched' || format.system === 'ftrace') {
      if (name === 'sched_switch') {
        const x = need('prev_comm', 'prev_pid', 'prev_state', 'next_comm', 'next_pid');
        if (x) {
          const [prevComm, prevPid, prevState, nextComm, nextPid] = x as [FieldFormat, FieldFormat, FieldFormat, FieldFormat, FieldFormat];
          return (r, ts, cpu) => {
            const prev = fieldNumber(r, prevPid);
            const next = fieldNumber(r, nextPid);
            const state = fieldNumber(r, prevState) & 0xff;
            // printed as its lowest set bit's letter (S D T t X Z P I), R when none
            const lowest = state & -state;
            const pc = this.registered(r, prevComm, prev);
            const nc = this.registered(r, nextComm, next);
            linux.switch(ts, cpu, -1, pc, prev, (lowest & EXIT_STATES) !== 0, nc, next, -1);
          };
        }
      } else if (name === 'sched_waking' || name === 'sched_wakeup' || name === 'sched_wakeup_new') {
        const x = need('comm', 'pid');
        const target = f.get('target_cpu');
        if (x) {
          const [comm, pid] = x as [FieldFormat, FieldFormat];
          return (r, ts, cpu, task, taskComm) => {
            const woken = fieldNumber(r, pid);
            this.register(r, comm, woken);
            linux.wakeup(name, ts, cpu, task, -1, taskComm, woken, target ? fieldNumber(r, target) : -1);
          };
        }
      } else if (name === 'sched_process_fork') {
        const x = need('parent_pid', 'child_pid');
        if (x) {
          const [parent, child] = x as [FieldFormat, FieldFormat];
          return (r, ts, cpu, _task, taskComm) => linux.fork(ts, cpu, fieldNumber(r, parent), -1, taskComm, fieldNumber(r, child));
        }
      } else if (name === 'sched_process_exit') {
        const x = need('comm', 'pid');
        if (x) {
          const [comm, pid] = x as [FieldFormat, FieldFormat];
          return (r, ts, cpu) => {
            const exited = fieldNumber(r, pid);
            linux.exit(ts, cpu, exited, -1, this.name(r, comm, exited));
          };
        }
      } else if (name === 'sched_process_free') {
        const x = need('pid');
        if (x) {
          const [pid] = x as [FieldFormat];
          return (r, ts, cpu, task, taskComm) => linux.free(ts, cpu, task, -1, taskComm, fieldNumber(r, pid));
        }
      } else if (name === 'sched_migrate_task') {
        const x = need('pid', 'orig_cpu');
        if (x) {
          const [pid, orig] = x as [FieldFormat, FieldFormat];
          return (r, ts, cpu, task, taskComm) => linux.migrate(ts, cpu, task, -1, taskComm, fieldNumber(r, pid), fieldNumber(r, orig));
        }
      }
    }
    const render = fieldRenderer(format);
    return (r, ts, cpu, task, taskComm) => linux.instant(ts, cpu, task, -1, taskComm, name, render(r));
  }
}
