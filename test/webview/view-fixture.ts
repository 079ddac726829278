/**
 * ActivityViews for the webview tests and the paint benchmark, shaped like what
 * src/core/analysis builds: a baseline run with the single global reaper (comm `reaper`, busy
 * on one CPU at a time, a growing dead-thread backlog) and a patched run with one reaper per CPU
 * (`reaperN`, busy on its own CPU, short backlog). Deterministic (seeded LCG); dimensions follow
 * the trace size: a 1 M-event trace over `spanNs` binned into `bins` time bins per CPU.
 */
import type { ActivityView, Histogram, MetricRow, RunView } from '../../src/protocol/activity-view';

export interface FixtureOptions {
  cpus?: number;
  bins?: number;
  /** Trace span, ns. */
  spanNs?: number;
  /** Exits in the trace (each gives one exit→reap latency). */
  exits?: number;
  seed?: number;
}

function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Log-spaced histogram of latencies drawn around `medianNs` (log-normal-ish). */
function latencyHistogram(random: () => number, exits: number, medianNs: number): Histogram {
  const edgesNs = Array.from({ length: 41 }, (_, i) => Math.round(1e3 * 10 ** (i / 10))); // 1 µs .. 10 ms
  const counts = new Array<number>(40).fill(0);
  for (let e = 0; e < exits; e++) {
    const gaussian = (random() + random() + random() - 1.5) * 2;
    const ns = medianNs * Math.exp(gaussian);
    const bin = Math.min(39, Math.max(0, Math.floor(10 * Math.log10(ns / 1e3))));
    counts[bin]! += 1;
  }
  return { edgesNs, counts };
}

function run(label: string, perCpuReaper: boolean, o: Required<FixtureOptions>, random: () => number): RunView {
  const binNs = Math.ceil(o.spanNs / o.bins);
  const reaperBusyNs: number[][] = [];
  const reaps: number[][] = [];
  const utilisation: number[][] = [];
  for (let cpu = 0; cpu < o.cpus; cpu++) {
    reaperBusyNs.push([]); reaps.push([]); utilisation.push([]);
    for (let bin = 0; bin < o.bins; bin++) {
      const load = 0.55 + 0.4 * Math.sin((bin / o.bins) * Math.PI) * random();
      utilisation[cpu]!.push(Math.min(1, load));
      // Baseline: the one reaper runs on CPU 0 mostly, migrating now and then.
      const reaperHere = perCpuReaper || cpu === (random() < 0.85 ? 0 : Math.floor(random() * o.cpus));
      const busy = reaperHere ? binNs * (perCpuReaper ? 0.02 + 0.05 * random() : 0.2 + 0.6 * random()) : 0;
      reaperBusyNs[cpu]!.push(Math.round(busy));
      reaps[cpu]!.push(reaperHere ? Math.round((busy / binNs) * 40) : 0);
    }
  }
  let waiting = 0;
  const backlog = Array.from({ length: o.bins }, () => {
    waiting = Math.max(0, waiting + (perCpuReaper ? Math.round(random() * 4 - 2) : Math.round(random() * 10 - 4.5)));
    return waiting;
  });
  return {
    label, origin: 'traced', cpus: o.cpus, spanNs: o.spanNs, binNs, reaperBusyNs, reaps, utilisation, backlog,
    exitToReap: latencyHistogram(random, o.exits, perCpuReaper ? 20e3 : 400e3),
    exitToReapInferred: true,
    lockWaitNs: perCpuReaper
      ? { deadproc_mutex: 0, kernel_lock: 9.1e6, sched_lock: 3.2e6 }
      : { deadproc_mutex: 4.4e6, kernel_lock: 31.5e6, sched_lock: 3.4e6 },
  };
}

export function fixtureView(options: FixtureOptions = {}): ActivityView {
  const o: Required<FixtureOptions> = { cpus: 8, bins: 200, spanNs: 2e9, exits: 20_000, seed: 7, ...options };
  const random = lcg(o.seed);
  const runs = [run('unpatched.btrace', false, o, random), run('patched.btrace', true, o, random)];
  const total = (grid: number[][]) => grid.flat().reduce((a, b) => a + b, 0);
  const metrics: MetricRow[] = [
    { key: 'exitToReapNs.p50', label: 'exit→reap p50', unit: 'ns', values: [412_000, 19_800] },
    { key: 'exitToReapNs.p99', label: 'exit→reap p99', unit: 'ns', values: [2_950_000, 88_000] },
    { key: 'reaps', label: 'reaps', unit: 'count', values: runs.map((r) => total(r.reaps)) },
    { key: 'backlog.max', label: 'max dead threads waiting', unit: 'count', values: runs.map((r) => Math.max(...r.backlog)) },
    { key: 'reaperBusy', label: 'reaper busy', unit: 'ratio', values: runs.map((r) => total(r.reaperBusyNs) / (r.spanNs * r.cpus)) },
    { key: 'exits.rate', label: 'exits, per second', unit: '1/s', values: [o.exits / (o.spanNs / 1e9), o.exits / (o.spanNs / 1e9)] },
  ];
  return {
    title: 'One reaper per CPU: unpatched.btrace vs patched.btrace',
    source: 'comparison',
    runs,
    metrics,
    notes: ['exit→reap latencies are inferred from scheduler events (the traces do not say which thread a reap freed).'],
  };
}
