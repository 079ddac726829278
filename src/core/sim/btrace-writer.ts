/**
 * Writes an event table as the text media/reaperscope.bt prints (line format version 1:
 * `NSECS CPU TID PID PROBE ARG0 ARG1 ARG2 COMM`), so a simulated run reads back through the
 * trace reader like a recording. Only what the script records is written: on/off-cpu, wakeup,
 * sleep, fork, steal, the exit syscalls and the reaper's uvm_exit/proc_free kprobes; dead-list
 * and lock events have no probe and are left out.
 *
 * Approximations, stated: the exit syscall line is written at the simulated Exit (end of exit1),
 * not at syscall entry; the kprobe lines at the end of the reap, not at the function's entry;
 * the fork line's CPU is the forking CPU.
 */
import type { EventTable } from '../trace/event-table';
import { EventKind } from '../trace/event-kind';

const LINES_PER_CHUNK = 4096;

/** The lines in chunks of text (each ends with a newline), to stream into a file. */
export function* btraceChunks(table: EventTable, baseNs: bigint = table.baseNs): Generator<string> {
  const pidOf = new Map<number, number>();
  const exitSyscall = new Map<number, number>();
  for (let i = 0; i < table.length; i++) {
    pidOf.set(table.tid[i]!, table.pid[i]!);
    if (table.kind[i] === EventKind.Exit) exitSyscall.set(table.tid[i]!, table.arg1[i] === 302 ? 302 : 1);
  }
  let lines: string[] = [];
  for (let i = 0; i < table.length; i++) {
    const line = btraceLine(table, i, baseNs, pidOf, exitSyscall);
    if (line === null) continue;
    lines.push(line);
    if (lines.length === LINES_PER_CHUNK) {
      yield lines.join('\n') + '\n';
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join('\n') + '\n';
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
    case EventKind.Exit: probe = 'raw_syscalls:sys_enter'; args = [exitSyscall.get(t.tid[i]!) ?? 1, 0, 0]; break;
    case EventKind.Reap:
      probe = exitSyscall.get(a0) === 302 ? 'kprobe:proc_free:entry' : 'kprobe:uvm_exit:entry';
      args = [0, 0, 0];
      break;
    default: return null;
  }
  const nsecs = baseNs + BigInt(Math.round(t.ts[i]!));
  return `${nsecs} ${cpu} ${t.tid[i]} ${Math.max(0, t.pid[i]!)} ${probe} ${args[0]} ${args[1]} ${args[2]} ${t.strings.get(t.comm[i]!)}`;
}
