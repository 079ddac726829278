/**
 * Linux has no reaper: a task leaves do_exit (`sched_process_exit`), switches away for the last
 * time (`sched_switch` with prev_state X or Z, or its last off-cpu), and its task_struct is
 * freed later (`sched_process_free`, after an RCU grace period or the parent's wait). This
 * splits each exit→free interval into exit→final switch and final switch→free, the Linux
 * counterpart of OpenBSD's exit→reap latency. Works on any table whose Reap events name the
 * freed thread (arg0 ≥ 0).
 *
 * Each exit pairs only with a later free of the same pid, once: an exit with no free after it
 * (the task was still waiting for its RCU grace period or its parent when the recording
 * stopped) stays unpaired and is counted, as is a free whose exit was not recorded (it exited
 * before the recording, or the pid was reused).
 */
import type { EventTable } from '../events/event-table';
import { EventKind } from '../events/event-kind';
import { summarize, type Summary } from './stats';
import { TidSlots } from '../trace/tid-slots';
import { roomFor } from '../events/typed-array-growth';
import { NumberColumn } from './number-column';

export interface ExitFreeSplit {
  /** Tasks with an exit, a final switch and a free, in free order. */
  count: number;
  /** Per task, ns. */
  exitToSwitchNs: Float64Array;
  switchToFreeNs: Float64Array;
  exitToFreeNs: Float64Array;
  /** Frees whose task's exit is not in the trace (it exited before tracing started). */
  freesWithoutExit: number;
  /** Exits with no later free of the same pid in the trace. */
  unpairedExits: number;
}

/** Per thread (by slot), the times the split needs, ns; NaN: none (yet, or any more). */
class TaskTimes {
  private readonly slots = new TidSlots();
  // small at first, so the first growth comes before the loop feeding them is compiled (dead-list-replay.ts)
  exitAt = new Float64Array(16).fill(NaN);
  switchAt = new Float64Array(16).fill(NaN);
  deadAt = new Float64Array(16).fill(NaN);

  /** The slot of `tid`, with room for it in the columns. */
  slotOf(tid: number): number {
    const s = this.slots.slot(tid);
    if (s >= this.exitAt.length) {
      this.exitAt = roomFor(this.exitAt, s + 1, NaN);
      this.switchAt = roomFor(this.switchAt, s + 1, NaN);
      this.deadAt = roomFor(this.deadAt, s + 1, NaN);
    }
    return s;
  }

  /** The slot of `tid`, or -1 when it was never seen. */
  find(tid: number): number {
    return this.slots.find(tid);
  }
}

/**
 * The split, fed the table's Exit, off-cpu, Dead and Reap events one at a time in time order
 * (exitFreeSplit's loop, or a pass gathering more, run-pass.ts).
 */
export class ExitFreeSplitter {
  private readonly tasks = new TaskTimes();
  private readonly exitToSwitch = new NumberColumn();
  private readonly switchToFree = new NumberColumn();
  private readonly exitToFree = new NumberColumn();
  private freesWithoutExit = 0;
  /** Exits not yet paired with a free. */
  private openExits = 0;

  /** Thread `tid` left do_exit at `t` ns. */
  exit(tid: number, t: number): void {
    const tasks = this.tasks;
    const s = tasks.slotOf(tid);
    if (tasks.exitAt[s] !== tasks.exitAt[s]) this.openExits++; // NaN: no open exit of this task yet
    tasks.exitAt[s] = t;
    tasks.switchAt[s] = NaN;
    tasks.deadAt[s] = NaN;
  }

  /** Thread `tid` switched off at `t` ns. */
  offCpu(tid: number, t: number): void {
    const tasks = this.tasks;
    const s = tasks.find(tid);
    if (s >= 0 && tasks.exitAt[s] === tasks.exitAt[s]) tasks.switchAt[s] = t;
  }

  /** A Dead event of thread `tid` at `t` ns. */
  dead(tid: number, t: number): void {
    const s = this.tasks.slotOf(tid); // first: it may grow the arrays
    this.tasks.deadAt[s] = t;
  }

  /** A Reap event at `t` ns naming the freed thread `reaped` (≥ 0). */
  reap(reaped: number, t: number): void {
    const tasks = this.tasks;
    const s = tasks.find(reaped);
    const exit = s >= 0 ? tasks.exitAt[s]! : NaN;
    const dead = s >= 0 ? tasks.deadAt[s]! : NaN;
    const last = dead === dead ? dead : s >= 0 ? tasks.switchAt[s]! : NaN;
    if (exit !== exit || last !== last) {
      this.freesWithoutExit++;
      return;
    }
    this.exitToSwitch.push(last - exit);
    this.switchToFree.push(t - last);
    this.exitToFree.push(t - exit);
    tasks.exitAt[s] = NaN;
    tasks.switchAt[s] = NaN;
    tasks.deadAt[s] = NaN;
    this.openExits--;
  }

  finish(): ExitFreeSplit {
    return {
      count: this.exitToFree.length,
      exitToSwitchNs: this.exitToSwitch.toFloat64(),
      switchToFreeNs: this.switchToFree.toFloat64(),
      exitToFreeNs: this.exitToFree.toFloat64(),
      freesWithoutExit: this.freesWithoutExit,
      unpairedExits: this.openExits,
    };
  }
}

export function exitFreeSplit(table: EventTable): ExitFreeSplit {
  const { kind: kinds, tid: tids, ts, arg0 } = table;
  const splitter = new ExitFreeSplitter();
  for (let i = 0; i < table.length; i++) {
    const kind = kinds[i]!;
    if (kind === EventKind.Exit) splitter.exit(tids[i]!, ts[i]!);
    else if (kind === EventKind.OffCpu) splitter.offCpu(tids[i]!, ts[i]!);
    else if (kind === EventKind.Dead) splitter.dead(tids[i]!, ts[i]!);
    else if (kind === EventKind.Reap && arg0[i]! >= 0) splitter.reap(arg0[i]!, ts[i]!);
  }
  return splitter.finish();
}

/** The three intervals summarised (ns). */
export function summarizeExitFree(split: ExitFreeSplit): { exitToSwitch: Summary; switchToFree: Summary; exitToFree: Summary } {
  return {
    exitToSwitch: summarize(split.exitToSwitchNs),
    switchToFree: summarize(split.switchToFreeNs),
    exitToFree: summarize(split.exitToFreeNs),
  };
}
