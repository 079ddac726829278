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
import { reaperIndexOfComm } from './reaper-activity';

interface DeadThread {
  /** The pair's start: Exit when recorded, else the last off-cpu, ns. */
  startNs: number;
  startIsExit: boolean;
  /** When it counts as enlisted, ns. */
  enlistNs: number;
}

interface ReaperTimes {
  /** Its on-cpu times, ns, ascending. */
  runs: number[];
  /** Per Reap event: when the reaper took the thread (estimate, ns) and the reap time, ns. */
  takes: number[];
  reaps: number[];
  /** Per Reap event: its index in the table (reap order across lists). */
  reapIndex: number[];
  /** Its last wake-up run so far (on-cpu after a Sleep), ns. */
  lastWake: number;
  /** Its last on-cpu so far, ns (stands for lastWake when it never sleeps). */
  lastOn: number;
  sleeping: boolean;
  hasSleeps: boolean;
}

/** Everything the replay needs, from one pass over the table. */
interface Scan {
  /** Per list key (-1 global, N for CPU N): its dead threads in enlisting order. */
  dead: Map<number, DeadThread[]>;
  /** Per list key: what its reaper(s) did, in time order. */
  reapers: Map<number, ReaperTimes>;
  hasExits: boolean;
}

export function replayDeadLists(table: EventTable, exitedTids: Iterable<number>): ExitToReap {
  const scan = scanTable(table, exitedTids);
  const useReaps = [...scan.reapers.values()].some((r) => r.reaps.length > 0);
  const out = new PairList();
  for (const [key, reaper] of scan.reapers) {
    const dead = scan.dead.get(key) ?? [];
    if (useReaps) pairReaps(dead, reaper, out);
    else pairRuns(dead, reaper.runs, out);
  }
  return out.finish(true, scan.hasExits);
}

/** Each reap takes the most recently enlisted thread not yet taken at its take time. */
function pairReaps(dead: DeadThread[], reaper: ReaperTimes, out: PairList): void {
  const stack: DeadThread[] = [];
  let next = 0;
  for (let k = 0; k < reaper.reaps.length; k++) {
    const take = reaper.takes[k]!;
    const reap = reaper.reaps[k]!;
    while (next < dead.length && dead[next]!.enlistNs <= take) stack.push(dead[next++]!);
    // the list was not empty, so the take came later than estimated: the first thread enlisted
    const d = stack.pop() ?? (next < dead.length && dead[next]!.enlistNs <= reap ? dead[next++] : undefined);
    if (d) out.add(d.startNs, reap, d.startIsExit, reaper.reapIndex[k]!);
  }
}

/** Each dead thread ends at the first run of its reaper starting at or after its enlisting. */
function pairRuns(dead: DeadThread[], runs: number[], out: PairList): void {
  let j = 0;
  for (const d of dead) {
    while (j < runs.length && runs[j]! < d.enlistNs) j++;
    if (j === runs.length) return;
    out.add(d.startNs, runs[j]!, d.startIsExit, runs[j]!);
  }
}

function scanTable(table: EventTable, exitedTids: Iterable<number>): Scan {
  const exited = new Set<number>(exitedTids);
  const exitAt = new Map<number, number>();
  /** Per thread: the index of its last off-cpu, of its last Dead event. */
  const lastOff = new Map<number, number>();
  const lastDead = new Map<number, number>();
  /** Per reaper tid: its list index as reaperIndexOfComm gives it, and its times. */
  const byTid = new Map<number, { index: number; times: ReaperTimes }>();
  const indexOfComm = new Map<number, number | null>();
  let perCpu = false;
  for (let i = 0; i < table.length; i++) {
    const kind = table.kind[i]!;
    const tid = table.tid[i]!;
    const t = table.ts[i]!;
    if (isExitEvent(table, i)) {
      exited.add(tid);
      if (!exitAt.has(tid)) exitAt.set(tid, t);
    } else if (kind === EventKind.Dead) {
      exited.add(tid);
      lastDead.set(tid, i);
    } else if (kind === EventKind.OffCpu) {
      lastOff.set(tid, i);
    }
    if (kind !== EventKind.OnCpu && kind !== EventKind.Reap && kind !== EventKind.Sleep) continue;
    const comm = table.comm[i]!;
    let index = indexOfComm.get(comm);
    if (index === undefined) indexOfComm.set(comm, (index = reaperIndexOfComm(table.strings.get(comm))));
    if (index === null) continue;
    if (index >= 0) perCpu = true;
    let r = byTid.get(tid);
    if (!r) byTid.set(tid, (r = { index, times: newTimes() }));
    recordReaperEvent(r.times, kind, t, i);
  }
  const reapers = new Map<number, ReaperTimes>();
  for (const { index, times } of byTid.values()) {
    if (perCpu && index < 0) continue;
    const key = perCpu ? index : -1;
    const have = reapers.get(key);
    reapers.set(key, have ? mergeTimes(have, times) : times);
  }
  /** Per dead thread: [index of its last off-cpu, index of its enlisting event]. */
  const found: [number, number][] = [];
  for (const tid of exited) {
    const off = lastOff.get(tid);
    // an Exit after the last off-cpu seen: the final switch is not in the table
    if (off === undefined || (exitAt.get(tid) ?? -Infinity) > table.ts[off]!) continue;
    found.push([off, lastDead.get(tid) ?? off]);
  }
  found.sort((a, b) => table.ts[a[1]]! - table.ts[b[1]]! || a[1] - b[1]);
  const dead = new Map<number, DeadThread[]>();
  for (const [off, enlist] of found) {
    const key = perCpu ? table.cpu[off]! : -1;
    const exit = exitAt.get(table.tid[off]!);
    const d: DeadThread = { startNs: exit ?? table.ts[off]!, startIsExit: exit !== undefined, enlistNs: table.ts[enlist]! };
    const list = dead.get(key);
    if (list) list.push(d);
    else dead.set(key, [d]);
  }
  return { dead, reapers, hasExits: exitAt.size > 0 };
}

function newTimes(): ReaperTimes {
  return { runs: [], takes: [], reaps: [], reapIndex: [], lastWake: -Infinity, lastOn: -Infinity, sleeping: true, hasSleeps: false };
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
    const previous = times.reaps.length > 0 ? times.reaps[times.reaps.length - 1]! : -Infinity;
    const take = Math.max(previous, times.hasSleeps ? times.lastWake : times.lastOn);
    times.takes.push(take === -Infinity ? t : take);
    times.reaps.push(t);
    times.reapIndex.push(i);
  }
}

/** Two reaper threads serving one list (a trace that shows a reaper restart): their times merged, by take time. */
function mergeTimes(a: ReaperTimes, b: ReaperTimes): ReaperTimes {
  const runs = [...a.runs, ...b.runs].sort((x, y) => x - y);
  const all = [a, b].flatMap((r) => r.takes.map((take, k) => ({ take, reap: r.reaps[k]!, index: r.reapIndex[k]! })));
  all.sort((x, y) => x.take - y.take || x.index - y.index);
  return { ...newTimes(), runs, takes: all.map((o) => o.take), reaps: all.map((o) => o.reap), reapIndex: all.map((o) => o.index) };
}
