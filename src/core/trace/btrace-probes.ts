/**
 * The dt(4) probes Reaperscope understands, by every name a btrace line may print them with:
 * the full `provider:function:name` (what the `probe` builtin prints), `function:name`, or the
 * bare name for the sched probes.
 */
export const Probe = {
  OnCpu: 1,
  OffCpu: 2,
  Wakeup: 3,
  Sleep: 4,
  Enqueue: 5,
  Dequeue: 6,
  Fork: 7,
  Steal: 8,
  /** `raw_syscalls:sys_enter` (older copies of the script): ARG0 is the syscall number. */
  SysEnter: 9,
  /** `kprobe:uvm_exit:entry`: the current thread (a reaper) frees a dead process's address space. */
  UvmExit: 10,
  /** Known probes that carry nothing Reaperscope uses (remain__cpu, unsleep, stop, unstop, sys_exit). */
  Ignored: 11,
  /** `END`: the line media/reaperscope.bt's END clause prints when the recording stops. */
  End: 12,
  /** `BEGIN`: the line media/reaperscope.bt's BEGIN clause prints before the recording starts. */
  Begin: 13,
  /** `syscall:exit:entry`: the current thread calls exit(2); ARG0 is its status. */
  ExitCall: 14,
  /** `syscall:__threxit:entry`: the current thread calls __threxit(2). */
  ThrexitCall: 15,
  /**
   * `kprobe:proc_free:entry`: the current thread frees a dead thread's struct proc — a reaper
   * (a thread, or a PS_NOZOMBIE process after its uvm_exit) or a parent in wait4 (a zombie).
   */
  ProcFree: 16,
} as const;

export type Probe = (typeof Probe)[keyof typeof Probe];

const SCHED: Record<string, Probe> = {
  on__cpu: Probe.OnCpu,
  off__cpu: Probe.OffCpu,
  wakeup: Probe.Wakeup,
  sleep: Probe.Sleep,
  enqueue: Probe.Enqueue,
  dequeue: Probe.Dequeue,
  fork: Probe.Fork,
  steal: Probe.Steal,
  remain__cpu: Probe.Ignored,
  unsleep: Probe.Ignored,
  stop: Probe.Ignored,
  unstop: Probe.Ignored,
};

/** The probe column of the end-of-recording line (bt(5)'s special probe, no provider). */
export const END_PROBE = 'END';

/** The probe column of the start-of-recording line (bt(5)'s other special probe). */
export const BEGIN_PROBE = 'BEGIN';

const BY_NAME = new Map<string, Probe>();
for (const [name, probe] of Object.entries(SCHED)) {
  BY_NAME.set(`tracepoint:sched:${name}`, probe);
  BY_NAME.set(`sched:${name}`, probe);
  if (name.includes('__')) BY_NAME.set(name, probe);
}
BY_NAME.set('raw_syscalls:sys_enter', Probe.SysEnter);
BY_NAME.set('tracepoint:raw_syscalls:sys_enter', Probe.SysEnter);
BY_NAME.set('raw_syscalls:sys_exit', Probe.Ignored);
BY_NAME.set('tracepoint:raw_syscalls:sys_exit', Probe.Ignored);
BY_NAME.set(END_PROBE, Probe.End);
BY_NAME.set(BEGIN_PROBE, Probe.Begin);
for (const [fn, probe] of [['uvm_exit', Probe.UvmExit], ['proc_free', Probe.ProcFree]] as const) {
  BY_NAME.set(`kprobe:${fn}:entry`, probe);
  BY_NAME.set(`${fn}:entry`, probe);
}
for (const [fn, probe] of [['exit', Probe.ExitCall], ['__threxit', Probe.ThrexitCall]] as const) {
  BY_NAME.set(`syscall:${fn}:entry`, probe);
  BY_NAME.set(`${fn}:entry`, probe);
}

/** The probe a printed name denotes, or undefined for a probe Reaperscope does not know. */
export function probeOf(name: string): Probe | undefined {
  return BY_NAME.get(name);
}

/** Whether a bare token is a sched probe name (`on__cpu`), for finding the probe column. */
export function isKnownShortProbe(token: string): boolean {
  return token.includes('__') && BY_NAME.has(token);
}

/** Syscall number of exit(2). */
export const SYS_EXIT = 1;
/** Syscall number of __threxit(2). */
export const SYS_THREXIT = 302;
/** Syscall numbers after which a thread never returns. */
export const EXIT_SYSCALLS: ReadonlySet<number> = new Set([SYS_EXIT, SYS_THREXIT]);
