/**
 * Inferred exit→reap pairs for a table whose reaps do not name the reaped thread (a btrace
 * trace): the kernel's dead lists replayed from what the trace shows.
 *
 * The lists: one global `deadproc` list when the reaper is the single `reaper` (before the
 * patch), one `spc_deadproc` list per CPU when the reapers are `reaper0`, `reaper1`, … (after
 * it); a dead thread belongs to the list of the CPU of its last off-cpu, `reaperN` serves
 * list N. Both lists are LIFO in the kernel: `LIST_INSERT_HEAD` to enlist (exit2 for
 * `deadproc`, sched_exit for `spc_deadproc`), `LIST_FIRST` to take (reaper()).
 *
 * When a dead thread counts as enlisted: at its last Dead event (the simulator records the
 * real moment; the btrace reader puts one at the last off-cpu), else at its last off-cpu.
 * After the patch sched_exit enlists it just before that switch, on the CPU its pegged
 * reaper runs on, so no decision of that reaper falls in between and the last off-cpu is as
 * good as the real moment. Before the patch the idle thread enlists it in exit2 right after
 * the switch; that moment (the rest of the context switch plus the time accounting, about
 * 2 µs by the simulator's defaults) is not in a trace, so a reaper that takes a thread within
 * that window after another's switch can be paired with the wrong one of the two.
 *
 * When a reaper takes a thread: reaper() loops without sleeping while its list is not empty,
 * so the take for a reap happens right after the reaper's previous reap, or, when it slept in
 * between, when it was switched in again: at max(previous reap, its last wake-up run before
 * the reap) (the reap itself comes later, after uvm_uarea_free and uvm_exit/proc_free). A
 * wake-up run is an on-cpu after the reaper's Sleep event (every on-cpu when the table has
 * no Sleep event of it): a run after a preemption continues where it stopped. It takes the
 * most recently enlisted thread not yet taken; when none was enlisted by then, the list was
 * not empty all the same (a reap happened), so the take came later than estimated: it takes
 * the first thread enlisted after that, if before the reap.
 *
 * With Reap events (reaperscope-ddbprof.bt's kprobes: uvm_exit for a process, proc_free for a
 * thread, both in the reaper; a normal process's own proc_free runs later in its parent's
 * wait4 and is no reap, the reader drops it; a PS_NOZOMBIE process shows both calls, two
 * reaps) every reap is paired that way; the pairs come out in reap order. Without them the reaps are not seen: each dead thread ends at the first run of its
 * reaper that starts at or after its enlisting, in enlisting order.
 */
import type { EventTable } from '../events/event-table';
import { EventKind } from '../events/event-kind';
import { isExitEvent, PairList, type ExitToReap } from './latency-pairs';
import { orderByIntegerKey } from './integer-key-order';
import { TidSlots } from '../trace/tid-slots';
import { roomFor } from '../events/typed-array-growth';
import { NumberColumn } from './number-column';
import { NOT_A_REAPER, reaperIndexByComm } from './reaper-activity';

/** The dead threads of every list, list after list, each list in enlisting order: a column per field. */
interface DeadColumns {
  /** The pair's start: Exit when recorded, else the last off-cpu, ns. */
  startNs: Float64Array;
  /** 1 when the start is the Exit, 0 when the last off-cpu. */
  startIsExit: Uint8Array;
  /** When it counts as enlisted, ns. */
  enlistNs: Float64Array;
}

/** A list's dead threads in enlisting order: entries [from, to) of the columns. */
class DeadThreads {
  constructor(private readonly columns: DeadColumns, private readonly from: number, private readonly to: number) {}

  get length(): number {
    return this.to - this.from;
  }

  /** When dead thread k counts as enlisted, ns. */
  enlistAt(k: number): number {
    return this.columns.enlistNs[this.from + k]!;
  }

  /** Adds dead thread k's pair ending at `endNs` to `out`. */
  pair(k: number, endNs: number, out: PairList, order: number): void {
    const j = this.from + k;
    out.add(this.columns.startNs[j]!, endNs, this.columns.startIsExit[j] === 1, order);
  }
}

const NO_DEAD_THREADS = new DeadThreads({ startNs: new Float64Array(0), startIsExit: new Uint8Array(0), enlistNs: new Float64Array(0) }, 0, 0);

interface ReaperTimes {
  /** Its on-cpu times, ns, ascending. */
  runs: NumberColumn;
  /** Per Reap event: when the reaper took the thread (estimate, ns) and the reap time, ns. */
  takes: NumberColumn;
  reaps: NumberColumn;
  /** Per Reap event: its index in the table (reap order across lists). */
  reapIndex: NumberColumn;
  /** Its last wake-up run so far (on-cpu after a Sleep), ns. */
  lastWake: number;
  /** Its last on-cpu so far, ns (stands for lastWake when it never sleeps). */
  lastOn: number;
  sleeping: boolean;
  hasSleeps: boolean;
}

/** Everything the replay needs, from one pass over the table. */
export interface DeadListScan {
  /** Per list key (-1 global, N for CPU N): its dead threads in enlisting order. */
  dead: Map<number, DeadThreads>;
  /** Per list key: what its reaper(s) did, in time order. */
  reapers: Map<number, ReaperTimes>;
  hasExits: boolean;
}

export function replayDeadLists(table: EventTable, exitedTids: Iterable<number>): ExitToReap {
  const { kind: kinds, tid: tids, ts, arg0, comm: comms } = table;
  const scanner = new DeadListScanner(table, exitedTids);
  const reaperIndex = scanner.reaperIndex;
  for (let i = 0; i < table.length; i++) {
    const kind = kinds[i]!;
    if (kind === EventKind.OffCpu) scanner.offCpu(i, tids[i]!);
    else if (kind === EventKind.Fork) scanner.forked(arg0[i]!);
    else if (isExitEvent(table, i)) scanner.exit(tids[i]!, ts[i]!);
    else if (kind === EventKind.Dead) scanner.dead(i, tids[i]!);
    else if ((kind === EventKind.OnCpu || kind === EventKind.Reap || kind === EventKind.Sleep) && reaperIndex[comms[i]!] !== NOT_A_REAPER) {
      scanner.reaperEvent(kind, i, tids[i]!, comms[i]!, ts[i]!);
    }
  }
  const scan = scanner.finish();
  return replayPairs(scan).finish(true, scan.hasExits);
}

/** The pairs of a finished scan (see the top of this file), not yet in reap order. */
export function replayPairs(scan: DeadListScan): PairList {
  let useReaps = false;
  for (const r of scan.reapers.values()) useReaps ||= r.reaps.length > 0;
  let deadThreads = 0;
  for (const list of scan.dead.values()) deadThreads += list.length;
  const out = new PairList(deadThreads); // each dead thread pairs once at most
  for (const [key, reaper] of scan.reapers) {
    const dead = scan.dead.get(key) ?? NO_DEAD_THREADS;
    if (useReaps) pairReaps(dead, reaper, out);
    else pairRuns(dead, reaper.runs, out);
  }
  return out;
}

/** Each reap takes the most recently enlisted thread not yet taken at its take time. */
function pairReaps(dead: DeadThreads, reaper: ReaperTimes, out: PairList): void {
  /** Dead threads enlisted and not taken yet, by their index in `dead` (a stack of `top` entries). */
  const stack = new Int32Array(dead.length);
  let top = 0;
  let next = 0;
  for (let k = 0; k < reaper.reaps.length; k++) {
    const take = reaper.takes.at(k);
    const reap = reaper.reaps.at(k);
    while (next < dead.length && dead.enlistAt(next) <= take) stack[top++] = next++;
    // the list was not empty, so the take came later than estimated: the first thread enlisted
    const d = top > 0 ? stack[--top]! : next < dead.length && dead.enlistAt(next) <= reap ? next++ : -1;
    if (d >= 0) dead.pair(d, reap, out, reaper.reapIndex.at(k));
  }
}

/** Each dead thread ends at the first run of its reaper starting at or after its enlisting. */
function pairRuns(dead: DeadThreads, runs: NumberColumn, out: PairList): void {
  let j = 0;
  for (let k = 0; k < dead.length; k++) {
    const enlist = dead.enlistAt(k);
    while (j < runs.length && runs.at(j) < enlist) j++;
    if (j === runs.length) return;
    dead.pair(k, runs.at(j), out, runs.at(j));
  }
}

/**
 * The one pass over the table the replay needs, fed event by event (replayDeadLists' loop, or
 * a pass gathering more, run-pass.ts): the dead threads' exits, last off-cpu and Dead events,
 * and what the reapers did.
 */
export class DeadListScanner {
  /** Per interned string id: which reaper it names (reaper-activity.ts reaperIndexByComm). */
  readonly reaperIndex: Int32Array;
  private readonly threads = new ThreadScan();
  /** Per reaper tid: its list index as reaperIndexOfComm gives it, and its times. */
  private readonly byTid = new Map<number, { index: number; times: ReaperTimes }>();
  /** Per interned name: the reaper thread last seen with it and its times (a cache of byTid). */
  private readonly tidByComm: Float64Array;
  private readonly timesByComm: (ReaperTimes | undefined)[];
  private perCpu = false;
  private hasExits = false;

  /** @param exitedTids threads known to have exited besides those the table shows */
  constructor(private readonly table: EventTable, exitedTids: Iterable<number>, reaperIndex = reaperIndexByComm(table)) {
    this.reaperIndex = reaperIndex;
    this.tidByComm = new Float64Array(reaperIndex.length).fill(NaN);
    this.timesByComm = new Array<ReaperTimes | undefined>(reaperIndex.length).fill(undefined);
    for (const tid of exitedTids) {
      const s = this.threads.slotOf(tid); // first: it may grow the arrays
      this.threads.exited[s] = 1;
    }
  }

  /** Event i is an off-cpu of thread `tid`. */
  offCpu(i: number, tid: number): void {
    const threads = this.threads;
    const s = threads.slotOf(tid); // first: it may grow the arrays
    threads.lastOff[s] = i;
  }

  /**
   * Thread `tid` left exit1 at `t` ns (an Exit event or an exit syscall); true the first time
   * (an exit of a thread that already died is a new thread's with the same id).
   */
  exit(tid: number, t: number): boolean {
    const threads = this.threads;
    if (threads.died(threads.find(tid))) threads.retire(tid);
    const s = threads.slotOf(tid);
    threads.exited[s] = 1;
    this.hasExits = true;
    if (threads.exitAt[s] === threads.exitAt[s]) return false;
    threads.exitAt[s] = t; // was NaN: its first exit
    return true;
  }

  /** Whether thread `tid` left exit1 in the events seen so far (an Exit event or an exit syscall). */
  hasExited(tid: number): boolean {
    const s = this.threads.find(tid);
    return s >= 0 && this.threads.exitAt[s] === this.threads.exitAt[s];
  }

  /** A fork made thread `tid`: if the id named a thread that exited, that thread is gone. */
  forked(tid: number): void {
    this.threads.retire(tid);
  }

  /** Event i is a Dead event of thread `tid`. */
  dead(i: number, tid: number): void {
    const threads = this.threads;
    const s = threads.slotOf(tid);
    threads.exited[s] = 1;
    threads.lastDead[s] = i;
  }

  /** Event i, at `t` ns, is an OnCpu, Reap or Sleep (`kind`) of thread `tid` whose name `comm` is a reaper's. */
  reaperEvent(kind: number, i: number, tid: number, comm: number, t: number): void {
    recordReaperEvent(this.timesOf(tid, comm), kind, t, i);
  }

  private timesOf(tid: number, comm: number): ReaperTimes {
    if (this.tidByComm[comm] === tid) return this.timesByComm[comm]!;
    const index = this.reaperIndex[comm]!;
    if (index >= 0) this.perCpu = true;
    let r = this.byTid.get(tid);
    if (!r) this.byTid.set(tid, (r = { index, times: newTimes() }));
    this.tidByComm[comm] = tid;
    this.timesByComm[comm] = r.times;
    return r.times;
  }

  finish(): DeadListScan {
    const { table, threads, perCpu, hasExits } = this;
    const ts = table.ts;
    const reapers = new Map<number, ReaperTimes>();
    for (const { index, times } of this.byTid.values()) {
      if (perCpu && index < 0) continue;
      const key = perCpu ? index : -1;
      const have = reapers.get(key);
      reapers.set(key, have ? mergeTimes(have, times) : times);
    }
    const dead = new Map<number, DeadThreads>();
    // only the lists a reaper serves are replayed
    if (reapers.size === 0) return { dead, reapers, hasExits };
    // a dead thread's list: the CPU of its last off-cpu (per-CPU lists) or the global one (key
    // -1); list number key + 1, -1 for a list no reaper serves
    const listOfKey = new Int32Array(table.cpuCount + 1).fill(-1);
    for (const key of reapers.keys()) if (key < table.cpuCount) listOfKey[key + 1] = key + 1;
    const order = threads.deadInEnlistOrder(table);
    const listOf = new Int32Array(order.length);
    /** Per list number: where its entries start in the columns, then (after the fill) end. */
    const ends = new Int32Array(listOfKey.length + 1);
    for (let k = 0; k < order.length; k++) {
      const list = listOfKey[(perCpu ? table.cpu[threads.lastOff[order[k]!]!]! : -1) + 1]!;
      listOf[k] = list;
      if (list >= 0) ends[list + 1]!++;
    }
    for (let l = 1; l < ends.length; l++) ends[l]! += ends[l - 1]!;
    const starts = ends.slice(0, listOfKey.length);
    const total = ends[listOfKey.length]!;
    const columns: DeadColumns = { startNs: new Float64Array(total), startIsExit: new Uint8Array(total), enlistNs: new Float64Array(total) };
    for (let k = 0; k < order.length; k++) {
      const list = listOf[k]!;
      if (list < 0) continue;
      const s = order[k]!;
      const j = ends[list]!++;
      const exit = threads.exitAt[s]!;
      const startIsExit = exit === exit;
      columns.startNs[j] = startIsExit ? exit : ts[threads.lastOff[s]!]!;
      columns.startIsExit[j] = startIsExit ? 1 : 0;
      columns.enlistNs[j] = ts[threads.enlistOf(s)]!;
    }
    for (let list = 0; list < listOfKey.length; list++) {
      if (ends[list]! > starts[list]!) dead.set(list - 1, new DeadThreads(columns, starts[list]!, ends[list]!));
    }
    return { dead, reapers, hasExits };
  }
}

/** Threads the per-thread columns have room for at first. */
const INITIAL_SLOTS = 16;

/** Per thread (by slot): what the replay needs of the dead, in typed arrays. */
class ThreadScan {
  private readonly slots = new TidSlots();
  // The columns start small: they are replaced as they grow, and the first replacement had
  // better come before the loops feeding them are compiled (code compiled while a field was
  // never reassigned is thrown away when it is).
  /** Its first exit time, ns (NaN: none). */
  exitAt = new Float64Array(INITIAL_SLOTS).fill(NaN);
  /** Table index of its last off-cpu, of its last Dead event (-1: none). */
  lastOff = new Int32Array(INITIAL_SLOTS).fill(-1);
  lastDead = new Int32Array(INITIAL_SLOTS).fill(-1);
  /** 1 when it exited (Exit, exit syscall, Dead, or named by the caller). */
  exited = new Uint8Array(INITIAL_SLOTS);

  /** The slot of the thread `tid` names now (see {@link retire}). */
  slotOf(tid: number): number {
    const s = this.slots.slot(tid);
    if (s >= this.exited.length) {
      this.exitAt = roomFor(this.exitAt, s + 1, NaN);
      this.lastOff = roomFor(this.lastOff, s + 1, -1);
      this.lastDead = roomFor(this.lastDead, s + 1, -1);
      this.exited = roomFor(this.exited, s + 1, 0);
    }
    return s;
  }

  /** The slot of `tid`, or -1 when it has none. */
  find(tid: number): number {
    return this.slots.find(tid);
  }

  /**
   * Id `tid` goes to a new thread from now on, when the thread it named exited (ids are reused:
   * OpenBSD draws them at random below 100000, Linux wraps at pid_max): the new thread gets a
   * slot of its own, the old one keeps what was seen of it.
   */
  retire(tid: number): void {
    const s = this.slots.find(tid);
    if (s >= 0 && s < this.exited.length && this.exited[s] === 1) this.slots.retire(tid);
  }

  /** Whether the thread slot `s` has a Dead event: it died. */
  died(s: number): boolean {
    return s < this.lastDead.length && this.lastDead[s]! >= 0;
  }

  /** Table index of the event that enlists thread slot `s`: its last Dead, else its last off-cpu. */
  enlistOf(s: number): number {
    const dead = this.lastDead[s]!;
    return dead >= 0 ? dead : this.lastOff[s]!;
  }

  /**
   * The slots of the dead threads seen switching off for the last time (an Exit after the last
   * off-cpu seen means the final switch is not in the table), by enlisting time, then table
   * index. The table is in time order, so that is the order of the enlisting events' indices,
   * each one thread's.
   */
  deadInEnlistOrder(table: EventTable): Int32Array {
    const ts = table.ts;
    const dead = new Int32Array(this.slots.count);
    let n = 0;
    for (let s = 0; s < dead.length; s++) {
      if (this.exited[s] !== 1) continue;
      const off = this.lastOff[s]!;
      if (off < 0 || this.exitAt[s]! > ts[off]!) continue;
      dead[n++] = s;
    }
    const order = orderByIntegerKey(n, (k) => this.enlistOf(dead[k]!));
    for (let k = 0; k < n; k++) order[k] = dead[order[k]!]!;
    return order;
  }
}

function newTimes(): ReaperTimes {
  return { runs: new NumberColumn(), takes: new NumberColumn(), reaps: new NumberColumn(), reapIndex: new NumberColumn(), lastWake: -Infinity, lastOn: -Infinity, sleeping: true, hasSleeps: false };
}

/** One OnCpu, Sleep or Reap event (table index i) of a reaper at `t` ns. */
function recordReaperEvent(times: ReaperTimes, kind: number, t: number, i: number): void {
  if (kind === EventKind.Sleep) {
    times.sleeping = true;
    times.hasSleeps = true;
  } else if (kind === EventKind.OnCpu) {
    times.runs.push(t);
    times.lastOn = t;
    if (times.sleeping) times.lastWake = t;
    times.sleeping = false;
  } else {
    const previous = times.reaps.last(-Infinity);
    const take = Math.max(previous, times.hasSleeps ? times.lastWake : times.lastOn);
    times.takes.push(take === -Infinity ? t : take);
    times.reaps.push(t);
    times.reapIndex.push(i);
  }
}

/** Two reaper threads serving one list (a trace that shows a reaper restart): their times merged, by take time. */
function mergeTimes(a: ReaperTimes, b: ReaperTimes): ReaperTimes {
  const runs = [...a.runs.toArray(), ...b.runs.toArray()].sort((x, y) => x - y);
  const all = [a, b].flatMap((r) => r.takes.toArray().map((take, k) => ({ take, reap: r.reaps.at(k), index: r.reapIndex.at(k) })));
  all.sort((x, y) => x.take - y.take || x.index - y.index);
  return {
    ...newTimes(),
    runs: NumberColumn.of(runs),
    takes: NumberColumn.of(all.map((o) => o.take)),
    reaps: NumberColumn.of(all.map((o) => o.reap)),
    reapIndex: NumberColumn.of(all.map((o) => o.index)),
  };
}
