/**
 * Writes an event table as the text media/reaperscope.bt prints (line format version 1:
 * `NSECS CPU TID PID PROBE ARG0 ARG1 ARG2 COMM`), so a simulated run reads back through the
 * trace reader like a recording. Only what the script records is written: on/off-cpu, wakeup,
 * sleep, fork, steal, the exit syscalls and the reaper's uvm_exit/proc_free kprobes; dead-list
 * and lock events have no probe and are left out.
 *
 * Where each line goes, and why (each at its event's time, rounded to the ns):
 * - `BEGIN` (first line): at the table's base (ts = 0, or its `startTs` when it has one), where
 *   the simulation starts, as the script's BEGIN clause prints it before btrace records: the
 *   trace reader starts the recording there, so the trace spans the simulated duration, idle
 *   head included (not just first event → end).
 * - `syscall:exit:entry` (ARG0 the exit status, 0 when the Exit has none) or
 *   `syscall:__threxit:entry`, by the Exit's arg1 (event-kind.ts): at the simulated Exit (end
 *   of exit1), not at syscall entry, which the simulator does not model.
 *   The exact exit→reap pairs start at that Exit, and the trace's inferred pairs start at
 *   this line, so both measure the same interval.
 * - `kprobe:uvm_exit:entry` (a process) / `kprobe:proc_free:entry` (a P_THREAD thread), as
 *   reaperscope-ddbprof.bt prints them in the reaper: at the simulated Reap (end of the reap), not at the function's entry; the exact pairs end at
 *   that Reap, the inferred ones at this line. On a real machine the probe fires earlier, at
 *   the entry of uvm_exit/proc_free, so real latencies read a little shorter.
 * - `off__cpu` / `on__cpu`: at the simulated switch-out and switch-in; `off__cpu` names the
 *   incoming thread, as dt(4) does.
 * - `fork`: ARG2 is the forking CPU (the simulator does not record the CPU chosen for the child).
 * - `END` (last line): at the table's end of recording, the simulated duration, as the
 *   script's END clause prints it when btrace stops. A switch the end cut off (its `off__cpu`
 *   written, the incoming thread's `on__cpu` not yet reached) stays that way: the reader drops
 *   the on-cpu it would synthesize, as the simulated table has none (the thread never ran).
 */
import type { EventTable } from '../events/event-table';
import { EventKind } from '../events/event-kind';

const LINES_PER_CHUNK = 4096;

/** The lines in chunks of text (each ends with a newline), to stream into a file. */
export function* btraceChunks(table: EventTable, baseNs: bigint = table.baseNs): Generator<string> {
  const pidOf = new Map<number, number>();
  const exitSyscall = new Map<number, number>();
  for (let i = 0; i < table.length; i++) {
    pidOf.set(table.tid[i]!, table.pid[i]!);
    if (table.kind[i] === EventKind.Exit) exitSyscall.set(table.tid[i]!, table.arg1[i] === 302 ? 302 : 1);
  }
  let lines: string[] = [beginLine(baseNs, table.startTs ?? 0)];
  for (let i = 0; i < table.length; i++) {
    const line = btraceLine(table, i, baseNs, pidOf, exitSyscall);
    if (line === null) continue;
    lines.push(line);
    if (lines.length === LINES_PER_CHUNK) {
      yield lines.join('\n') + '\n';
      lines = [];
    }
  }
  if (table.endTs !== undefined) lines.push(endLine(baseNs, table.endTs));
  if (lines.length > 0) yield lines.join('\n') + '\n';
}

/** The line media/reaperscope.bt's BEGIN clause prints (CPU, TID, PID and arguments 0, COMM `-`). */
export function beginLine(baseNs: bigint, startTs: number): string {
  return specialLine(baseNs, startTs, 'BEGIN');
}

/** The line media/reaperscope.bt's END clause prints (CPU, TID, PID and arguments 0, COMM `-`). */
export function endLine(baseNs: bigint, endTs: number): string {
  return specialLine(baseNs, endTs, 'END');
}

function specialLine(baseNs: bigint, ts: number, probe: 'BEGIN' | 'END'): string {
  return `${baseNs + BigInt(Math.round(ts))} 0 0 0 ${probe} 0 0 0 -`;
}

function btraceLine(t: EventTable, i: number, baseNs: bigint, pidOf: Map<number, number>, exitSyscall: Map<number, number>): string | null {
  const a0 = t.arg0[i]!;
  const a1 = t.arg1[i]!;
  const cpu = t.cpu[i]!;
  let probe: string;
  let args: [number, number, number];
  switch (t.kind[i]) {
    case EventKind.OnCpu: probe = 'tracepoint:sched:on__cpu'; args = [0, 0, 0]; break;
    case EventKind.OffCpu: probe = 'tracepoint:sched:off__cpu'; args = [a0, a1, 0]; break;
    case EventKind.Wakeup: probe = 'tracepoint:sched:wakeup'; args = [a0, pidOf.get(a0) ?? 0, a1]; break;
    case EventKind.Sleep: probe = 'tracepoint:sched:sleep'; args = [0, 0, 0]; break;
    case EventKind.Fork: probe = 'tracepoint:sched:fork'; args = [a0, a1, cpu]; break;
    case EventKind.Steal: probe = 'tracepoint:sched:steal'; args = [a0, pidOf.get(a0) ?? 0, a1]; break;
    case EventKind.Exit:
      if (exitSyscall.get(t.tid[i]!) === 302) {
        probe = 'syscall:__threxit:entry';
        args = [0, 0, 0];
      } else {
        probe = 'syscall:exit:entry';
        args = [Math.max(0, a0), 0, 0];
      }
      break;
    case EventKind.Reap:
      probe = exitSyscall.get(a0) === 302 ? 'kprobe:proc_free:entry' : 'kprobe:uvm_exit:entry';
      args = [0, 0, 0];
      break;
    default: return null;
  }
  const nsecs = baseNs + BigInt(Math.round(t.ts[i]!));
  return `${nsecs} ${cpu} ${t.tid[i]} ${Math.max(0, t.pid[i]!)} ${probe} ${args[0]} ${args[1]} ${args[2]} ${t.strings.get(t.comm[i]!)}`;
}
