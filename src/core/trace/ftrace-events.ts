/**
 * How Linux scheduler tracepoints become event-table rows, for every Linux reader (tracefs
 * text, `trace-cmd report` text, trace.dat), so the same recording gives the same table:
 * - sched_switch → OffCpu + OnCpu (a final switch, prev_state X or Z, also gives Dead);
 * - sched_waking → Wakeup: the wakeup point (ttwu starts); sched_wakeup_new → Wakeup;
 * - sched_wakeup → Enqueue (the woken task is queued, arg1 = its CPU) when the recording has
 *   sched_waking, else Wakeup (a recording of sched_wakeup alone): decided at the end, see
 *   {@link LinuxEvents.adjust};
 * - sched_process_fork → Fork, sched_process_exit → Exit, sched_process_free → Reap (tid = the
 *   freeing task, arg0 = the freed pid), sched_migrate_task → Steal (arg1 = orig_cpu);
 * - any other event → Instant (arg0 = its name, arg1 = its fields as printed).
 */
import type { EventTable } from '../events/event-table';
import { EventKind } from '../events/event-kind';
import type { TraceSink } from './trace-sink';

/**
 * Characters of instants' field text kept, summed over the distinct texts (about 2 bytes each
 * in memory): field texts past it are not kept (arg1 = -1), so memory stays bounded.
 */
export const INSTANT_FIELDS_BUDGET_CHARS = 16 << 20;

/** The name a thread seen only by pid has in `trace-cmd report` (`<...>`), and pid 0's. */
export const UNKNOWN_TASK = '<...>';
export const IDLE_TASK = '<idle>';

export class LinuxEvents {
  /** Events kept only as Instant (not modelled as a scheduler kind). */
  instants = 0;
  /** Instants whose field text was not kept (budget spent). */
  fieldsDropped = 0;
  private fieldsChars = 0;
  private sawWaking = false;
  private sawWakeup = false;
  private readonly dead: number;

  constructor(private readonly sink: TraceSink) {
    this.dead = sink.intern('linux-exit-dead');
  }

  /** `prevDead`: prev_state printed as X (EXIT_DEAD) or Z (EXIT_ZOMBIE): the task's final switch. */
  switch(ts: number, cpu: number, tgid: number, prevComm: number, prevPid: number, prevDead: boolean, nextComm: number, nextPid: number, nextTgid: number): void {
    const sink = this.sink;
    sink.push(ts, cpu, EventKind.OffCpu, prevPid, tgid, prevComm, nextPid, -1);
    if (prevDead) sink.push(ts, cpu, EventKind.Dead, prevPid, tgid, prevComm, this.dead, -1);
    sink.push(ts, cpu, EventKind.OnCpu, nextPid, nextTgid, nextComm, prevPid, tgid);
  }

  /** sched_waking, sched_wakeup or sched_wakeup_new of `woken` by the task `pid`. */
  wakeup(event: 'sched_waking' | 'sched_wakeup' | 'sched_wakeup_new', ts: number, cpu: number, pid: number, tgid: number, comm: number, woken: number, targetCpu: number): void {
    let kind: EventKind = EventKind.Wakeup;
    if (event === 'sched_waking') this.sawWaking = true;
    else if (event === 'sched_wakeup') {
      this.sawWakeup = true;
      kind = EventKind.Enqueue;
    }
    this.sink.push(ts, cpu, kind, pid, tgid, comm, woken, targetCpu);
  }

  fork(ts: number, cpu: number, parentPid: number, tgid: number, comm: number, childPid: number): void {
    this.sink.push(ts, cpu, EventKind.Fork, parentPid, tgid, comm, childPid, -1);
  }

  exit(ts: number, cpu: number, pid: number, tgid: number, comm: number): void {
    this.sink.push(ts, cpu, EventKind.Exit, pid, tgid, comm);
  }

  free(ts: number, cpu: number, pid: number, tgid: number, comm: number, freedPid: number): void {
    this.sink.push(ts, cpu, EventKind.Reap, pid, tgid, comm, freedPid, -1);
  }

  migrate(ts: number, cpu: number, pid: number, tgid: number, comm: number, movedPid: number, origCpu: number): void {
    this.sink.push(ts, cpu, EventKind.Steal, pid, tgid, comm, movedPid, origCpu);
  }

  /** Any other event, with its fields as printed. */
  instant(ts: number, cpu: number, pid: number, tgid: number, comm: number, name: string, fields: string): void {
    this.instants++;
    const strings = this.sink.strings;
    let text = strings.lookup(fields);
    if (text < 0 && this.fieldsChars + fields.length <= INSTANT_FIELDS_BUDGET_CHARS) {
      this.fieldsChars += fields.length;
      text = strings.intern(fields);
    }
    if (text < 0) this.fieldsDropped++;
    this.sink.push(ts, cpu, EventKind.Instant, pid, tgid, comm, this.sink.intern(name), text);
  }

  /** After sorting: a recording with sched_wakeup but no sched_waking has its wakeups at sched_wakeup. */
  adjust(table: EventTable): void {
    if (this.sawWaking || !this.sawWakeup) return;
    const kind = table.kind;
    for (let i = 0; i < table.length; i++) if (kind[i] === EventKind.Enqueue) kind[i] = EventKind.Wakeup;
  }
}
