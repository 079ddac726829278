/**
 * The summary `reaperscope trace --json` prints and the comparison, CSV and views use: what a
 * trace says about reapers per CPU, exit→reap latency (always labelled inferred for traces),
 * and per-CPU metrics; on a Linux trace, the exit→free split instead of reapers.
 */
import type { Diagnostic } from '../common/diagnostic';
import type { EventTable } from '../events/event-table';
import type { TraceFormat } from '../trace/format-reader';
import type { LatencyStart } from './exit-to-reap';
import type { Summary } from './stats';
import { summarizeExitFree } from './exit-free-split';
import { utilisationOfBusy } from './trace-cpu-metrics';
import { baseMetrics } from './run-metrics';

export interface TraceSummary {
  format: TraceFormat;
  events: number;
  cpus: number;
  spanNs: number;
  unknownLines: number;
  junkLines: number;
  reapers: { cpu: number; comm: string; tid: number; runs: number; busyNs: number; reaps: number }[];
  /** Always inferred for btrace; `startsAt`: the exit syscall when recorded, else the last off-cpu. */
  exitToReapNs: Summary & { inferred: boolean; startsAt: LatencyStart };
  /** Exits followed directly by a switch to the idle thread (the old exit path's idle hop). */
  idleHops: number;
  /** Wakeups that put the woken thread on another CPU than the waker's. */
  crossCpuWakeups: number;
  contextSwitches: number;
  /** Threads that exited. */
  exits: number;
  /** Share of CPU time running non-idle threads, whole machine, 0..1. */
  utilisation: number;
  /** The same per CPU (index = CPU). */
  utilisationPerCpu: number[];
  /**
   * Linux traces: exit → final switch → free, ns; `count` exits paired with a later free of the
   * same pid, `unpairedExits` with none after them, `freesWithoutExit` frees whose exit was not recorded.
   */
  exitToFree?: ReturnType<typeof summarizeExitFree> & { count: number; unpairedExits: number; freesWithoutExit: number };
  diagnostics: Diagnostic[];
}

export interface SummaryInput {
  format: TraceFormat;
  table: EventTable;
  unknownLines: number;
  junkLines: number;
  diagnostics: Diagnostic[];
}

export function summarizeTrace(input: SummaryInput): TraceSummary {
  const { table } = input;
  // baseMetrics' one pass over the table gives the reapers and utilisationPerCpu too
  const linux = input.format !== 'btrace';
  const m = baseMetrics(table, {}, { exitFreeSplit: linux });
  const summary: TraceSummary = {
    format: input.format,
    events: table.length,
    cpus: table.cpuCount,
    spanNs: m.spanNs,
    unknownLines: input.unknownLines,
    junkLines: input.junkLines,
    reapers: m.reapers,
    exitToReapNs: { ...m.exitToReapNs, inferred: m.exitToReapInferred, startsAt: m.exitToReapStartsAt },
    idleHops: m.idleHops,
    crossCpuWakeups: m.crossCpuWakeups,
    contextSwitches: m.contextSwitches,
    exits: m.exits,
    utilisation: m.utilisation,
    utilisationPerCpu: utilisationOfBusy(m.busyNsPerCpu, m.spanNs),
    diagnostics: input.diagnostics,
  };
  if (linux) {
    const split = m.exitFree!;
    summary.exitToFree = { count: split.count, unpairedExits: split.unpairedExits, freesWithoutExit: split.freesWithoutExit, ...summarizeExitFree(split) };
  }
  return summary;
}
