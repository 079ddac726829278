/**
 * One simulation run: a variant on a machine under a workload, for a duration, from a seed.
 * The same input gives the same events, byte for byte (DESIGN.md).
 */
import type { EventTable } from '../events/event-table';
import { defaultCosts, type Costs } from './costs';
import type { InvariantReport } from './invariants';
import type { LineTime } from './step-profile';
import { Machine } from './machine';
import { StreamFactory } from './prng';
import { variant, type Variant, type VariantName } from './variants';
import { makeWorkload, workloadCosts, type WorkloadName } from './workload';

export interface SimulationInput {
  variant: VariantName;
  cpus: number;
  workload: WorkloadName;
  seed: number;
  /** Simulated time, ns. */
  durationNs: number;
  /** Costs before the workload's adjustments; defaults when absent. */
  costs?: Costs;
  /** CPUs per socket (lock hand-off cost within or across sockets); default 16. */
  cpusPerSocket?: number;
  /** Concurrent jobs of the workload; default per workload. */
  jobs?: number;
  /** poisson: exits per second over the machine. */
  exitRatePerSec?: number;
  /** Mean reap cost (uvm_exit), ns; poisson makes it exponential. */
  reapCostNs?: number;
  /** The programs to run (a model derived from C or read from a model file); default: the built-in `variant`. */
  model?: Variant;
  /** Also sum the simulated time per C line of the steps (RunResult.lineTimes). */
  profileSteps?: boolean;
}

/** DESIGN.md's `RunResult`: the event table plus the inputs that made it. */
export interface RunResult {
  input: SimulationInput;
  /** The costs the run used (after the workload's adjustments). */
  costs: Costs;
  table: EventTable;
  invariants: InvariantReport;
  /** Simulated time per C line (when `profileSteps` was asked for). */
  lineTimes?: LineTime[];
}

export const DEFAULT_CPUS_PER_SOCKET = 16;

export function simulate(input: SimulationInput): RunResult {
  const costs = workloadCosts(input.workload, input.costs ?? defaultCosts(), input.reapCostNs);
  const workload = makeWorkload(input.workload, { cpus: input.cpus, jobs: input.jobs, exitRatePerSec: input.exitRatePerSec });
  const streams = new StreamFactory(input.seed);
  const machineStream = streams.next();
  const arrivals = streams.next();
  const machine = new Machine(
    { cpus: input.cpus, cpusPerSocket: input.cpusPerSocket ?? DEFAULT_CPUS_PER_SOCKET, durationNs: input.durationNs, costs, ...(input.profileSteps ? { profileSteps: true } : {}) },
    input.model ?? variant(input.variant),
    workload,
    { machine: machineStream, arrivals, spawner: () => streams.next() },
  );
  machine.run();
  const unreaped = machine.exits - machine.invariants.reaps;
  const lineTimes = machine.profile?.result();
  return { input, costs, table: machine.out.finish(input.durationNs), invariants: machine.invariants.report(unreaped), ...(lineTimes ? { lineTimes } : {}) };
}
