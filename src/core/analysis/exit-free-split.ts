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

export function exitFreeSplit(table: EventTable): ExitFreeSplit {
  const exitAt = new Map<number, number>();
  const switchAt = new Map<number, number>();
  const deadAt = new Map<number, number>();
  const a: number[] = [];
  const b: number[] = [];
  const c: number[] = [];
  let freesWithoutExit = 0;
  for (let i = 0; i < table.length; i++) {
    const kind = table.kind[i]!;
    const tid = table.tid[i]!;
    const t = table.ts[i]!;
    if (kind === EventKind.Exit) {
      exitAt.set(tid, t);
      switchAt.delete(tid);
      deadAt.delete(tid);
    } else if (kind === EventKind.OffCpu && exitAt.has(tid)) switchAt.set(tid, t);
    else if (kind === EventKind.Dead) deadAt.set(tid, t);
    else if (kind === EventKind.Reap && table.arg0[i]! >= 0) {
      const freed = table.arg0[i]!;
      const exit = exitAt.get(freed);
      const last = deadAt.get(freed) ?? switchAt.get(freed);
      if (exit === undefined || last === undefined) {
        freesWithoutExit++;
        continue;
      }
      a.push(last - exit);
      b.push(t - last);
      c.push(t - exit);
      exitAt.delete(freed);
      switchAt.delete(freed);
      deadAt.delete(freed);
    }
  }
  return {
    count: c.length,
    exitToSwitchNs: Float64Array.from(a),
    switchToFreeNs: Float64Array.from(b),
    exitToFreeNs: Float64Array.from(c),
    freesWithoutExit,
    unpairedExits: exitAt.size,
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
