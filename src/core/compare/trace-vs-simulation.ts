/**
 * A trace next to simulations of the same machine: baseline and patched simulated on the
 * trace's CPU count for the trace's span, so "real vs simulated" goes through the same metrics
 * and views as everything else (DESIGN.md). Used by `reaperscope trace --simulate` and the
 * extension's "Compare Trace with Simulation".
 */
import type { ViewRun } from '../analysis/activity-view';
import { computeMetrics, windowOf, type RunMetrics } from '../analysis/run-metrics';
import { formatNs } from '../common/format-ns';
import type { EventTable } from '../events/event-table';
import type { Costs } from '../sim/costs';
import { simulate, type RunResult } from '../sim/simulate';
import type { VariantName } from '../sim/variants';
import type { WorkloadName } from '../sim/workload';
import { MAX_CPUS } from '../sim/machine';

/** The longest simulated time, ns (2 s): a longer trace is simulated for its first 2 s only. */
export const MAX_SIMULATED_SPAN_NS = 2e9;
/** Simulated time when the trace covers no time at all (one event), ns (1 ms). */
export const EMPTY_TRACE_SPAN_NS = 1e6;
/** The variants put next to a trace: the kernel without and with the patch. */
export const TRACE_COMPARISON_VARIANTS: readonly VariantName[] = ['baseline', 'patched'];

/** The machine and time a trace covers, as the simulation will reproduce them. */
export interface TraceMachine {
  /** CPUs of the trace, within 1..{@link MAX_CPUS} (the most the simulator models). */
  cpus: number;
  /** The trace's span (recording start to end), ns. */
  traceSpanNs: number;
  /** Simulated time, ns: the trace's span, within 1 ns..{@link MAX_SIMULATED_SPAN_NS}. */
  durationNs: number;
  /** Why cpus or durationNs differ from the trace's, or null when they do not. */
  clampNote: string | null;
}

export function traceMachine(table: EventTable): TraceMachine {
  const cpus = Math.min(MAX_CPUS, Math.max(1, table.cpuCount));
  const cpuNote = table.cpuCount > MAX_CPUS ? `The trace has ${table.cpuCount} CPUs; simulated ${MAX_CPUS}, the most the model has.` : null;
  const traceSpanNs = windowOf(table, {}).spanNs;
  const withNotes = (durationNs: number, spanNote: string | null): TraceMachine => {
    const notes = [cpuNote, spanNote].filter((n): n is string => n !== null);
    return { cpus, traceSpanNs, durationNs, clampNote: notes.length > 0 ? notes.join(' ') : null };
  };
  if (!(traceSpanNs > 0)) return withNotes(EMPTY_TRACE_SPAN_NS, `The trace covers no time; simulated ${formatNs(EMPTY_TRACE_SPAN_NS)} instead.`);
  if (traceSpanNs > MAX_SIMULATED_SPAN_NS) {
    return withNotes(MAX_SIMULATED_SPAN_NS, `The trace covers ${formatNs(traceSpanNs)}; simulated ${formatNs(MAX_SIMULATED_SPAN_NS)} only.`);
  }
  return withNotes(Math.max(1, Math.round(traceSpanNs)), null);
}

export interface TraceSimulationOptions {
  workload: WorkloadName;
  /** Costs before the workload's adjustments. */
  costs: Costs;
  seed: number;
  variants?: readonly VariantName[];
  jobs?: number;
  exitRatePerSec?: number;
  reapCostNs?: number;
}

/** Simulates each variant (default baseline, patched) on the trace's machine, one seed. */
export function simulateTraceMachine(machine: TraceMachine, options: TraceSimulationOptions, onVariant?: (variant: VariantName) => void): RunResult[] {
  return (options.variants ?? TRACE_COMPARISON_VARIANTS).map((variant) => {
    onVariant?.(variant);
    return simulate({
      variant, cpus: machine.cpus, durationNs: machine.durationNs, workload: options.workload, seed: options.seed, costs: options.costs,
      jobs: options.jobs, exitRatePerSec: options.exitRatePerSec, reapCostNs: options.reapCostNs,
    });
  });
}

/** One line saying what was simulated, for notes and the CLI. */
export function traceSimulationNote(machine: TraceMachine, options: TraceSimulationOptions): string {
  const variants = (options.variants ?? TRACE_COMPARISON_VARIANTS).join(' and ');
  return `Simulated ${variants} on the trace's ${machine.cpus} CPU(s) for ${formatNs(machine.durationNs)} (${options.workload}, seed ${options.seed}): a model, not a measurement.`
    + (machine.clampNote ? ` ${machine.clampNote}` : '');
}

/**
 * The trace (its own CPUs and span) then the simulated runs (the machine's CPUs, the simulated
 * duration as span), ready for buildActivityView: one code path for real and simulated.
 */
export function traceAndSimulatedRuns(trace: { table: EventTable; label: string }, simulated: readonly RunResult[]): ViewRun[] {
  return [
    { table: trace.table, label: trace.label, origin: 'traced' },
    ...simulated.map((r): ViewRun => ({ table: r.table, label: r.input.variant, origin: 'simulated', spanNs: r.input.durationNs, cpus: r.input.cpus })),
  ];
}

/** The metrics of each run, over the same window buildActivityView uses. */
export function runMetrics(runs: readonly ViewRun[]): RunMetrics[] {
  return runs.map((r) => computeMetrics(r.table, { spanNs: r.spanNs, cpus: r.cpus }));
}
