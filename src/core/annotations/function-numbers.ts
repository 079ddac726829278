/**
 * A loaded simulation's and trace's numbers for one function's part of the exit path, found
 * through the lock and scheduler sites in the function's body: the summed simulated wait on the
 * locks it takes, per variant, and the traced events of its sleep/wakeup/tracepoint sites. Pure.
 */
import type { ActivityView } from '../analysis/activity-view-model';
import { eventKindNameOf, findSites, formatNs, type Site, type TraceCounts } from './lock-sites';

/** The distinct sites in lines [from, to] (1-based, inclusive) of `lines`. */
export function sitesIn(lines: readonly string[], from: number, to: number): Site[] {
  const seen = new Set<string>();
  const out: Site[] = [];
  for (let i = from - 1; i < Math.min(to, lines.length); i++) {
    for (const s of findSites(lines[i]!)) {
      const key = `${s.kind}:${s.subject}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(s);
    }
  }
  return out;
}

const isLock = (s: Site): boolean => s.kind === 'mutex' || s.kind === 'kernel-lock' || s.kind === 'sched-lock';

/** `sim lock wait: baseline 1.20 ms · patched 310 µs`, or null when no lock site or no simulation. */
export function simulationSummary(sites: readonly Site[], simulation: ActivityView | null): string | null {
  return lockWaitSummary([...new Set(sites.filter(isLock).map((s) => s.subject))], simulation);
}

/** `sim wait on a, b: baseline 1.20 ms · patched 310 µs`: the summed wait on `locks` per run. */
export function lockWaitSummary(locks: readonly string[], simulation: ActivityView | null): string | null {
  if (!simulation || locks.length === 0) return null;
  const parts = simulation.runs.map((run) => `${run.label} ${formatNs(locks.reduce((sum, l) => sum + (run.lockWaitNs[l] ?? 0), 0))}`);
  return `sim wait on ${locks.join(', ')}: ${parts.join(' · ')}`;
}

/** `trace: 120 sleep, 340 wakeup`, or null when no counted site or no trace. */
export function traceSummary(sites: readonly Site[], trace: TraceCounts | null): string | null {
  if (!trace) return null;
  const kinds = [...new Set(sites.map(eventKindNameOf).filter((k): k is string => k !== null && k !== 'lock-wait'))];
  if (kinds.length === 0) return null;
  return `trace: ${kinds.map((k) => `${trace.byKind[k] ?? 0} ${k}`).join(', ')}`;
}
