/**
 * The worker side of "Compare Trace with Simulation": baseline and patched simulated on the
 * trace's CPU count for its span (core/sim/trace-vs-simulation.ts), then one view of the three
 * runs on shared bins. Pure of `vscode`: runs in the worker thread or in process.
 */
import { buildActivityView } from '../../core/analysis/activity-view';
import { applyCostOverrides, defaultCosts } from '../../core/sim/costs';
import { modelCosts } from '../../core/sim/model-costs';
import { simulateTraceMachine, TRACE_COMPARISON_VARIANTS, traceAndSimulatedRuns, traceMachine, traceSimulationNote } from '../../core/compare/trace-vs-simulation';
import type { TraceReadResult } from '../../core/trace/trace-reader';
import type { ActivityView } from '../../core/analysis/activity-view-model';
import type { WorkloadName } from '../../protocol/messages';
import { readNote, traceKernel } from './views';
import { JobCancelled, type JobContext } from './work-protocol';

export interface TraceVsSimulationSettings {
  workload: WorkloadName;
  /** Cost overrides as the user wrote them (`reaperscope.costs`). */
  costs: Record<string, unknown>;
  seed: number;
}

/** The warning over a Linux trace set against the OpenBSD model. */
export function linuxAgainstModel(fileName: string): string {
  return `${fileName} is a Linux trace; the simulator models OpenBSD's exit path. Its exit→free (sched_process_exit → sched_process_free) is not the model's exit→reap, and Linux has no reaper thread: read the two side by side as different kernels, not as a check of the model.`;
}

/** Simulates next to an already read trace; reports progress at 0.5, 0.7 and 0.95. */
export function traceVsSimulation(read: TraceReadResult, fileName: string, s: TraceVsSimulationSettings, context: JobContext): { view: ActivityView; errors: string[] } {
  const { costs, errors } = applyCostOverrides(defaultCosts(), s.costs);
  const machine = traceMachine(read.table);
  const options = { workload: s.workload, costs, seed: s.seed };
  let done = 0;
  const simulated = simulateTraceMachine(machine, options, (variant) => {
    if (context.cancelled) throw new JobCancelled();
    context.progress(0.5 + (0.4 * done++) / TRACE_COMPARISON_VARIANTS.length, `simulating ${variant} on ${machine.cpus} CPUs`);
  });
  context.progress(0.95, 'building the view');
  const kernel = traceKernel(read);
  const runs = traceAndSimulatedRuns({ table: read.table, label: fileName }, simulated);
  runs[0] = { ...runs[0]!, kernel };
  const view = buildActivityView(runs, {
    title: `${fileName} vs simulation`,
    source: 'comparison',
    // The costs the simulated runs used (after the workload's adjustments), as the simulate view cites them.
    ...(simulated[0] ? { costs: modelCosts(simulated[0].costs) } : {}),
    ...(kernel === 'linux' ? { warnings: [linuxAgainstModel(fileName)] } : {}),
    notes: [
      readNote(read, fileName),
      traceSimulationNote(machine, options),
      'Exit→reap in the trace is inferred from its switches and reaps; the simulations know each pair.',
    ],
  });
  return { view, errors };
}
