/**
 * Per-CPU metrics of a trace's event table that the trace summary needs: utilisation (share of
 * time a non-idle thread ran), cross-CPU wakeups, and idle hops (an exiting thread's final
 * switch going to the idle thread, the old exit path of DESIGN.md).
 */
import type { EventTable } from '../trace/event-table';
import { EventKind } from '../trace/event-kind';

/** Idle threads: OpenBSD `idleN`, Linux `swapper/N` and `<idle>`. */
export function isIdleComm(comm: string): boolean {
  return /^idle\d+$/.test(comm) || /^swapper(\/\d+)?$/.test(comm) || comm === '<idle>';
}

export interface CpuMetrics {
  cpu: number;
  /** ns a non-idle thread was on this CPU. */
  busyNs: number;
  /** busyNs / the trace's span (0..1). */
  utilisation: number;
  /** Wakeups recorded on this CPU for a thread that runs on another CPU. */
  crossCpuWakeups: number;
  /** Final switches of exiting threads on this CPU that went to the idle thread. */
  idleHops: number;
}

export function cpuMetrics(table: EventTable): CpuMetrics[] {
  const n = table.cpuCount;
  const span = table.length > 0 ? table.ts[table.length - 1]! - table.ts[0]! : 0;
  const out: CpuMetrics[] = Array.from({ length: n }, (_, cpu) => ({ cpu, busyNs: 0, utilisation: 0, crossCpuWakeups: 0, idleHops: 0 }));
  const idleIds = new Set<number>();
  table.strings.all().forEach((s, id) => {
    if (isIdleComm(s)) idleIds.add(id);
  });
  const since = new Float64Array(n).fill(-1);
  const lastOffTo = new Map<number, { cpu: number; toIdle: boolean }>();
  const idleTids = new Set<number>();
  for (let i = 0; i < table.length; i++) if (table.kind[i] === EventKind.OnCpu && idleIds.has(table.comm[i]!)) idleTids.add(table.tid[i]!);
  for (let i = 0; i < table.length; i++) {
    const kind = table.kind[i]!;
    const cpu = table.cpu[i]!;
    const t = table.ts[i]!;
    if (kind === EventKind.OnCpu || kind === EventKind.OffCpu) {
      if (since[cpu]! >= 0) {
        out[cpu]!.busyNs += t - since[cpu]!;
        since[cpu] = -1;
      }
      if (kind === EventKind.OnCpu && !idleIds.has(table.comm[i]!)) since[cpu] = t;
      if (kind === EventKind.OffCpu) lastOffTo.set(table.tid[i]!, { cpu, toIdle: idleTids.has(table.arg0[i]!) });
    } else if (kind === EventKind.Wakeup) {
      const target = table.arg1[i]!;
      if (target >= 0 && target !== cpu) out[cpu]!.crossCpuWakeups++;
    } else if (kind === EventKind.Dead) {
      const off = lastOffTo.get(table.tid[i]!);
      if (off?.toIdle) out[off.cpu]!.idleHops++;
    }
  }
  const end = table.length > 0 ? table.ts[table.length - 1]! : 0;
  for (let c = 0; c < n; c++) {
    if (since[c]! >= 0) out[c]!.busyNs += end - since[c]!;
    out[c]!.utilisation = span > 0 ? out[c]!.busyNs / span : 0;
  }
  return out;
}
