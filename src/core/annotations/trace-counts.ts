/** What a loaded trace contributes to hovers and CodeLenses (site-figures.ts TraceCounts), from its event table. Pure. */
import { EVENT_KIND_NAMES } from '../events/event-kind';
import type { EventTable } from '../events/event-table';
import { computeMetrics } from '../analysis/run-metrics';
import { siteCounts } from '../analysis/site-metrics';
import type { TraceCounts } from './site-figures';

export function traceCounts(table: EventTable, label: string, kernel: TraceCounts['kernel']): TraceCounts {
  const counts = new Array<number>(EVENT_KIND_NAMES.length).fill(0);
  for (let i = 0; i < table.length; i++) counts[table.kind[i]!] = (counts[table.kind[i]!] ?? 0) + 1;
  const byKind: Record<string, number> = {};
  EVENT_KIND_NAMES.forEach((name, k) => { byKind[name] = counts[k] ?? 0; });
  const sites = siteCounts(table);
  return {
    label, kernel, byKind, lockWaitNs: {},
    sites: { reaperSleeps: sites.reaperSleeps, reaperWakeups: sites.reaperWakeups, reaperCrossCpuWakeups: sites.reaperCrossCpuWakeups, idleHops: computeMetrics(table).idleHops },
  };
}
