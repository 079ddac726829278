/**
 * Kinds of scheduler events shared by trace readers and the simulator (DESIGN.md "Data model").
 * Numeric so the event table can hold them in a Uint8Array.
 *
 * Argument conventions (arg0, arg1 of the event table; -1 when unknown):
 * - OnCpu / OffCpu: arg0 = the other thread's tid (incoming for OffCpu, outgoing for OnCpu), arg1 = its pid.
 * - Wakeup: arg0 = woken tid, arg1 = CPU the woken thread will run on.
 * - Sleep: arg0 = wait channel id (interned string), arg1 = -1.
 * - Enqueue / Dequeue: arg0 = tid, arg1 = run-queue CPU.
 * - Fork: arg0 = child tid, arg1 = child pid.
 * - Steal: arg0 = stolen tid, arg1 = CPU it was stolen from.
 * - Exit: the thread leaves exit1; arg0 = exit status or -1, arg1 = the exit syscall it came
 *   from (1 exit, 302 __threxit; the simulator: 302 for a P_THREAD thread, else 1) or -1
 *   (Linux sched_process_exit). The btrace reader makes Exit from the exit syscall's
 *   sys_enter line (arg0 -1, arg1 its number); the btrace writer writes that line from it.
 * - Dead: the thread is enlisted for reaping; arg0 = dead-list id (interned string), arg1 = list owner CPU or -1 (global).
 * - Reap: resources freed by the reaper (tid = reaper); arg0 = reaped tid or -1 when a trace cannot tell, arg1 = reaped pid or -1.
 * - LockWait / LockAcquire / LockRelease: arg0 = lock name id (interned string), arg1 = -1.
 * - Syscall: arg0 = syscall number, arg1 = -1.
 * - Instant: an event no other kind models, kept as it was recorded (Linux tracepoints such as
 *   sched_process_exec or sched_stat_runtime): arg0 = its name (interned string), arg1 = its
 *   fields as printed (interned string; -1 once the readers' budget for field text is spent).
 */
export const EventKind = {
  OnCpu: 0,
  OffCpu: 1,
  Wakeup: 2,
  Sleep: 3,
  Enqueue: 4,
  Dequeue: 5,
  Fork: 6,
  Exit: 7,
  Dead: 8,
  Reap: 9,
  LockWait: 10,
  LockAcquire: 11,
  LockRelease: 12,
  Steal: 13,
  Syscall: 14,
  Instant: 15,
} as const;

export type EventKind = (typeof EventKind)[keyof typeof EventKind];

export const EVENT_KIND_NAMES: readonly string[] = [
  'on-cpu', 'off-cpu', 'wakeup', 'sleep', 'enqueue', 'dequeue', 'fork', 'exit', 'dead', 'reap',
  'lock-wait', 'lock-acquire', 'lock-release', 'steal', 'syscall', 'instant',
];

export function eventKindName(kind: number): string {
  return EVENT_KIND_NAMES[kind] ?? `unknown(${kind})`;
}
