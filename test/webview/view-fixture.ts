/**
 * Real ActivityViews for the webview tests and the paint benchmark: the simulator
 * (src/core/sim) runs the baseline (one global reaper) and the patched kernel (one reaper per
 * CPU), and src/core/analysis bins the event tables exactly as the extension and the CLI do.
 */
import { buildActivityView } from '../../src/core/analysis/activity-view';
import { modelCosts } from '../../src/core/sim/model-costs';
import { simulate } from '../../src/core/sim/simulate';
import type { ActivityView } from '../../src/core/analysis/activity-view-model';

export interface SimulatedViewOptions {
  cpus?: number;
  /** Simulated time per run, ns. */
  durationNs?: number;
  /** Time bins per CPU in the view. */
  bins?: number;
  seed?: number;
}

export interface SimulatedView {
  view: ActivityView;
  /** Events in each run's table, in view.runs order. */
  events: number[];
  /** Wall time to simulate / to build the view, ms. */
  simulateMs: number;
  buildMs: number;
}

const variants = ['baseline', 'patched'] as const;

export function simulatedView(options: SimulatedViewOptions = {}): SimulatedView {
  const { cpus = 8, durationNs = 200e6, bins = 200, seed = 1 } = options;
  const t0 = performance.now();
  const runs = variants.map((variant) => simulate({ variant, cpus, workload: 'kernel-build', seed, durationNs }));
  const t1 = performance.now();
  const view = buildActivityView(
    runs.map((r) => ({ table: r.table, label: r.input.variant, origin: 'simulated' as const, spanNs: durationNs, cpus })),
    { title: `kernel-build, ${cpus} CPUs, seed ${seed}`, source: 'simulation', bins, notes: ['simulated with the default costs'], costs: modelCosts(runs[0]!.costs) },
  );
  return { view, events: runs.map((r) => r.table.length), simulateMs: t1 - t0, buildMs: performance.now() - t1 };
}

/**
 * A view whose runs each come from at least `minEvents` events: a short probe run measures the
 * event rate, then the duration is scaled (and grown until the baseline run is big enough).
 */
export function simulatedViewOfSize(minEvents: number, cpus: number, bins: number): SimulatedView {
  const probeNs = 50e6;
  const probe = simulatedView({ cpus, durationNs: probeNs, bins });
  let durationNs = Math.ceil((probeNs * minEvents * 1.05) / Math.max(1, Math.min(...probe.events)) / 1e6) * 1e6;
  for (;;) {
    const result = simulatedView({ cpus, durationNs, bins });
    if (Math.min(...result.events) >= minEvents) return result;
    durationNs = Math.ceil(durationNs * 1.2);
  }
}
