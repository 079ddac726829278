// What the hovers and CodeLenses are shown: a simulation view as the panel's table holds it and
// the counts of an OpenBSD and a Linux trace, shared by the annotation tests.
import type { ActivityView, MetricRow, RunView } from '../../../../src/core/analysis/activity-view-model';
import type { TraceCounts } from '../../../../src/core/annotations/site-figures';

export const EXIT = 'sys/kern/kern_exit.c';

function run(label: string): RunView {
  return {
    label, origin: 'simulated', cpus: 4, spanNs: 1e9, binNs: 1e7, reaperBusyNs: [], reaps: [], utilisation: [], backlog: [],
    exitToReap: { edgesNs: [0], counts: [] }, exitToReapInferred: false, lockWaitNs: {}, kernel: 'openbsd',
    recorded: { locks: true, reaper: true }, idleHops: [], crossCpuWakeups: [],
  };
}

const row = (key: string, unit: MetricRow['unit'], values: number[], interval: [number, number][]): MetricRow =>
  ({ key, label: key, unit, values, interval: interval.map(([low, high]) => ({ low, high })) });

/** A simulation view of baseline and patched over seeds: means and 95 % intervals as the panel's table holds them. */
export const sim: ActivityView = {
  title: 'kernel-build, 4 CPUs, 5 seed(s)', source: 'simulation', notes: [], runs: [run('baseline'), run('patched')],
  metrics: [
    // seed 1 alone would be another number: the hover must show the mean, 12.3 µs, and its interval.
    row('lockWaitNs.deadproc_mutex', 'ns', [12_300, 0], [[11_000, 13_600], [0, 0]]),
    row('crossCpuWakeups.reaper', 'count', [2433.6, 0], [[2400, 2467.2], [0, 0]]),
    row('crossCpuWakeups.other', 'count', [310, 290], [[300, 320], [280, 300]]),
    row('idleHops', 'count', [8704, 0], [[8700, 8708], [0, 0]]),
  ],
};

export const btrace: TraceCounts = { label: 'kbuild.btrace', kernel: 'openbsd', byKind: {}, lockWaitNs: {}, sites: { reaperSleeps: 120, reaperWakeups: 340, reaperCrossCpuWakeups: 95, idleHops: 7 } };
export const linux: TraceCounts = { ...btrace, label: 'kbuild.ftrace', kernel: 'linux' };
