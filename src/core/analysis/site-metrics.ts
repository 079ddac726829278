/**
 * Metrics that belong to one kind of source site of the exit path, so a hover over that site
 * shows its own figure (annotations/line-model.ts): wakeups split by who is woken (a reaper, by
 * `wakeup(&deadproc)` / `wakeup_one(&spc->spc_deadproc)`; anyone else, e.g. the parent by
 * `wakeup(pr->ps_pptr)`), and the sleeps of reaper threads. Counted from the event table, so
 * simulations and OpenBSD traces alike.
 */
import type { MetricRow } from './activity-view-model';
import type { EventTable } from '../events/event-table';
import { EventKind } from '../events/event-kind';
import { reaperCommIds } from './reaper-activity';

export interface SiteCounts {
  /** Wakeups of a reaper thread (events). */
  reaperWakeups: number;
  /** Of those, the ones that put the reaper on another CPU than the waker's. */
  reaperCrossCpuWakeups: number;
  /** Wakeups of any other thread that crossed CPUs. */
  otherCrossCpuWakeups: number;
  /** Sleeps of reaper threads (events). */
  reaperSleeps: number;
}

/** Thread ids seen running under a reaper name (`reaper`, `reaperN`). */
export function reaperTids(table: EventTable): Set<number> {
  const reaper = reaperCommIds(table);
  const tids = new Set<number>();
  for (let i = 0; i < table.length; i++) if (reaper[table.comm[i]!] === 1) tids.add(table.tid[i]!);
  return tids;
}

export function siteCounts(table: EventTable): SiteCounts {
  const reapers = reaperTids(table);
  const out: SiteCounts = { reaperWakeups: 0, reaperCrossCpuWakeups: 0, otherCrossCpuWakeups: 0, reaperSleeps: 0 };
  for (let i = 0; i < table.length; i++) {
    const kind = table.kind[i]!;
    if (kind === EventKind.Wakeup) {
      const cross = table.arg1[i]! >= 0 && table.arg1[i]! !== table.cpu[i]!;
      if (reapers.has(table.arg0[i]!)) {
        out.reaperWakeups++;
        if (cross) out.reaperCrossCpuWakeups++;
      } else if (cross) out.otherCrossCpuWakeups++;
    } else if (kind === EventKind.Sleep && reapers.has(table.tid[i]!)) out.reaperSleeps++;
  }
  return out;
}

/** The site metrics the views add after the catalogue's rows: key, label, accessor. */
export const SITE_METRICS: readonly { key: string; label: string; get(c: SiteCounts): number }[] = [
  { key: 'crossCpuWakeups.reaper', label: 'cross-CPU wakeups of a reaper', get: (c) => c.reaperCrossCpuWakeups },
  { key: 'crossCpuWakeups.other', label: 'cross-CPU wakeups of other threads', get: (c) => c.otherCrossCpuWakeups },
  { key: 'reaperSleeps', label: 'reaper sleeps', get: (c) => c.reaperSleeps },
];

/** One row per site metric, one value per table. */
export function siteMetricRows(tables: readonly EventTable[]): MetricRow[] {
  const counts = tables.map(siteCounts);
  return SITE_METRICS.map((d) => ({ key: d.key, label: d.label, unit: 'count' as const, values: counts.map((c) => d.get(c)) }));
}
