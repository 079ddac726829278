/**
 * The sched event payloads of Linux ftrace text, in both printings: the kernel's own TP_printk
 * (`/sys/kernel/tracing/trace`: `prev_comm=… prev_pid=…`) and trace-cmd report's sched plugin
 * (`comm:pid [prio] …`). Thread names may hold spaces, so the patterns anchor on the fields
 * around them.
 */

export interface Switch {
  prevComm: string;
  prevPid: number;
  /** prev_state as printed: R, S, D, R+, X, Z, … */
  prevState: string;
  nextComm: string;
  nextPid: number;
}

const SWITCH_KERNEL = /^prev_comm=(.*) prev_pid=(\d+) prev_prio=-?\d+ prev_state=(\S+) ==> next_comm=(.*) next_pid=(\d+) next_prio=-?\d+\s*$/;
const SWITCH_PLUGIN = /^(.*):(\d+) \[-?\d+\] (\S+) ==> (.*):(\d+) \[-?\d+\]\s*$/;

export function parseSwitch(payload: string): Switch | null {
  const m = SWITCH_KERNEL.exec(payload) ?? SWITCH_PLUGIN.exec(payload);
  if (!m) return null;
  return { prevComm: m[1]!, prevPid: Number(m[2]), prevState: m[3]!, nextComm: m[4]!, nextPid: Number(m[5]) };
}

export interface Wakeup {
  comm: string;
  pid: number;
  /** The CPU the woken task will run on, -1 when not printed. */
  targetCpu: number;
}

const WAKEUP_KERNEL = /^comm=(.*) pid=(\d+) prio=-?\d+(?: success=\d+)?(?: target_cpu=(\d+))?\s*$/;
const WAKEUP_PLUGIN = /^(.*):(\d+) \[-?\d+\](?: success=\d+)?(?: CPU:(\d+))?\s*$/;

export function parseWakeup(payload: string): Wakeup | null {
  const m = WAKEUP_KERNEL.exec(payload) ?? WAKEUP_PLUGIN.exec(payload);
  if (!m) return null;
  return { comm: m[1]!, pid: Number(m[2]), targetCpu: m[3] === undefined ? -1 : Number(m[3]) };
}

const FORK = /^comm=(.*) pid=(\d+) child_comm=(.*) child_pid=(\d+)\s*$/;

export function parseFork(payload: string): { pid: number; childComm: string; childPid: number } | null {
  const m = FORK.exec(payload);
  return m ? { pid: Number(m[2]), childComm: m[3]!, childPid: Number(m[4]) } : null;
}

/** `comm=… pid=… prio=…` (sched_process_exit / _free; newer kernels add `group_dead=…`). */
const TASK = /^comm=(.*) pid=(\d+)(?: prio=-?\d+)?(?: \w+=\S+)*\s*$/;

export function parseTask(payload: string): { comm: string; pid: number } | null {
  const m = TASK.exec(payload);
  return m ? { comm: m[1]!, pid: Number(m[2]) } : null;
}

const MIGRATE = /^comm=(.*) pid=(\d+) prio=-?\d+ orig_cpu=(\d+) dest_cpu=(\d+)\s*$/;

export function parseMigrate(payload: string): { comm: string; pid: number; origCpu: number; destCpu: number } | null {
  const m = MIGRATE.exec(payload);
  return m ? { comm: m[1]!, pid: Number(m[2]), origCpu: Number(m[3]), destCpu: Number(m[4]) } : null;
}
