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
  exitAt = new Float64Array(1024).fill(NaN);
  switchAt = new Float64Array(1024).fill(NaN);
  deadAt = new Float64Array(1024).fill(NaN);

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

export function exitFreeSplit(table: EventTable): ExitFreeSplit {
  const { kind: kinds, tid: tids, ts, arg0 } = table;
  const tasks = new TaskTimes();
  const a: number[] = [];
  const b: number[] = [];
  const c: number[] = [];
  let freesWithoutExit = 0;
  /** Exits not yet paired with a free. */
  let openExits = 0;
  for (let i = 0; i < table.length; i++) {
    const kind = kinds[i]!;
    if (kind === EventKind.Exit) {
      const s = tasks.slotOf(tids[i]!);
      if (tasks.exitAt[s] !== tasks.exitAt[s]) openExits++; // NaN: no open exit of this task yet
      tasks.exitAt[s] = ts[i]!;
      tasks.switchAt[s] = NaN;
      tasks.deadAt[s] = NaN;
    } else if (kind === EventKind.OffCpu) {
      const s = tasks.find(tids[i]!);
      if (s >= 0 && tasks.exitAt[s] === tasks.exitAt[s]) tasks.switchAt[s] = ts[i]!;
    } else if (kind === EventKind.Dead) {
      const s = tasks.slotOf(tids[i]!); // first: it may grow the arrays
      tasks.deadAt[s] = ts[i]!;
    } else if (kind === EventKind.Reap && arg0[i]! >= 0) {
      const s = tasks.find(arg0[i]!);
      const exit = s >= 0 ? tasks.exitAt[s]! : NaN;
      const dead = s >= 0 ? tasks.deadAt[s]! : NaN;
      const last = dead === dead ? dead : s >= 0 ? tasks.switchAt[s]! : NaN;
      if (exit !== exit || last !== last) {
        freesWithoutExit++;
        continue;
      }
      const t = ts[i]!;
      a.push(last - exit);
      b.push(t - last);
      c.push(t - exit);
      tasks.exitAt[s] = NaN;
      tasks.switchAt[s] = NaN;
      tasks.deadAt[s] = NaN;
      openExits--;
    }
  }
  return {
    count: c.length,
    exitToSwitchNs: Float64Array.from(a),
    switchToFreeNs: Float64Array.from(b),
    exitToFreeNs: Float64Array.from(c),
    freesWithoutExit,
    unpairedExits: openExits,
  };
}

/** The three intervals summarised (ns). */
export function summarizeExitFree(split: ExitFreeSplit): { exitToSwitch: Summary; switchToFree: Summary; exitToFree: Summary } {
  return {
    exitToSwitch: summarize(split.exitToSwitchNs),
    switchToFree: summarize(split.switchToFreeNs),
    exitToFree: summarize(split.exitToFreeNs),
  };
}
