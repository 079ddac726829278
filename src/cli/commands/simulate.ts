/**
 * `reaperscope simulate`: one run of the exit-path simulator (docs/simulator.md), or the
 * validation against queueing theory (`--validate`).
 */
import { UsageError, EXIT_BAD_INPUT, EXIT_OK, type CliIo, type Command } from '../command';
import { parseCommandArgs } from '../parse-command-args';
import { writeChrome, writePieces } from '../trace-export';
import { numberOption, resolveCosts, SHARED_SIM_ARGS, SHARED_USAGE, sharedSimOptions, type SharedSimOptions } from '../sim-options';
import { defaultThreads, runJobs } from '../sim-workers';
import { computeMetrics, type RunMetrics } from '../../core/analysis/run-metrics';
import { btraceChunks } from '../../core/trace/btrace-writer';
import type { InvariantReport } from '../../core/sim/invariants';
import { simulate, type SimulationInput } from '../../core/sim/simulate';
import { tableHash } from '../../core/events/table-hash';
import { formatValidationTable, validationPlan, validationRow, type ValidationRow } from '../../core/sim/validation';
import { isVariantName, VARIANT_NAMES, type VariantName } from '../../core/sim/variants';
import { earlyHandovers } from '../../core/sim/derive/handover-check';
import { pickVariant, readModelVariants } from '../model-files';
import { MAX_CPUS } from '../../core/sim/limits';
import { alternatives } from '../../core/common/word-list';
import { formatUs } from '../../core/common/format-ns';

const DEFAULT_DURATION_MS = 200;

const usage = `usage: reaperscope simulate [--variant ${VARIANT_NAMES.join('|')}] [--cpus N]
         [--workload W] [--exit-rate PER_S --reap-cost-us MEAN]
         [--duration-ms D] [--seed S] [--costs FILE] [--json] [--trace-out FILE] [--chrome-out FILE]
       reaperscope simulate --validate [--cpus N] [--reap-cost-us MEAN] [--json]

Simulates the OpenBSD exit path on a multiprocessor (docs/simulator.md).

  --variant V         baseline (default; before the patch), patched (as posted),
                      lockless (without the kernel lock around the reaper's sleep)
  --model FILE        run the programs of a model file (reaperscope model --out),
                      its variant named by --variant, else its first
  --cpus N            1..${MAX_CPUS} (default 8; --validate: 4)
  --seed S            seed of the random streams (default 1)
${SHARED_USAGE.replace('DEFAULT_DURATION', `${DEFAULT_DURATION_MS} ms`)}  --json              print the result as JSON
  --trace-out FILE    write the run as btrace text (media/reaperscope.bt format)
  --chrome-out FILE   write the run as Chrome Trace Event JSON (opens in https://ui.perfetto.dev,
                      a track per CPU, reaper slices marked), as trace --export chrome does
  --validate          poisson exits, exponential reap cost: compare the mean
                      exit→reap latency with 1/(μ−λ) (one reaper) and 1/(μ−λ/N)
                      (a reaper per CPU) at ρ = 0.3, 0.6, 0.9

Exit status: 0 done, 1 bad input or broken invariants/validation, 2 usage.
`;

interface Options extends SharedSimOptions {
  variant: VariantName;
  cpus?: number;
  seed: number;
  json: boolean;
  traceOut?: string;
  chromeOut?: string;
  validate: boolean;
  model?: string;
  /** --variant was given (it picks the variant of a model file). */
  variantGiven: boolean;
}

function parse(args: string[]): Options {
  const { values: v, positionals } = parseCommandArgs(args, {
    ...SHARED_SIM_ARGS,
    variant: { type: 'string' },
    cpus: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
    'trace-out': { type: 'string' },
    'chrome-out': { type: 'string' },
    validate: { type: 'boolean' },
    model: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`unknown argument '${positionals[0]}'`);
  const o: Options = { ...sharedSimOptions(v, DEFAULT_DURATION_MS), variant: 'baseline', seed: 1, json: v.json ?? false, validate: v.validate ?? false, model: v.model, variantGiven: v.variant !== undefined };
  if (o.model !== undefined && o.validate) throw new UsageError('--validate runs the built-in models; --model does not apply');
  if (v.variant !== undefined) {
    if (!isVariantName(v.variant)) throw new UsageError(`--variant takes ${alternatives(VARIANT_NAMES)}, not '${v.variant}'`);
    o.variant = v.variant;
  }
  if (v.cpus !== undefined) {
    o.cpus = numberOption(v.cpus, 'cpus', true);
    if (o.cpus > MAX_CPUS) throw new UsageError(`--cpus is at most ${MAX_CPUS}`);
  }
  if (v.seed !== undefined) {
    if (!/^\d+$/.test(v.seed)) throw new UsageError(`--seed wants a whole number, not '${v.seed}'`);
    o.seed = Number(v.seed) | 0;
  }
  if (v['trace-out'] !== undefined) o.traceOut = v['trace-out'];
  if (v['chrome-out'] !== undefined) o.chromeOut = v['chrome-out'];
  if (o.workload === 'poisson' && !o.validate && (o.exitRatePerSec === undefined || o.reapCostNs === undefined)) {
    throw new UsageError('--workload poisson needs --exit-rate and --reap-cost-us');
  }
  return o;
}

const us = (ns: number): string => `${formatUs(ns)} µs`;

export function renderRun(input: SimulationInput, events: number, m: RunMetrics, inv: InvariantReport): string {
  const e = m.exitToReapNs;
  const lines = [
    `${input.variant} on ${input.cpus} CPUs, ${input.workload}, ${input.durationNs / 1e6} ms, seed ${input.seed}: ${events} events`,
    `exit→reap: mean ${us(e.mean)}, p50 ${us(e.p50)}, p90 ${us(e.p90)}, p99 ${us(e.p99)}, max ${us(e.max)} (${e.count} reaps)`,
    `backlog max ${m.backlogMax}, ${m.exitsPerSec.toFixed(0)} exits/s, utilisation ${(m.utilisation * 100).toFixed(1)} %`,
    `lock wait: ${Object.entries(m.lockWaitNs).map(([k, v]) => `${k} ${us(v)}`).join(', ')}`,
    `idle hops ${m.idleHops}, cross-CPU wakeups ${m.crossCpuWakeups}, context switches ${m.contextSwitches}`,
    'CPU  reaps  reaper busy',
    ...m.reapsPerCpu.map((r, c) => `${String(c).padStart(3)}  ${String(r).padStart(5)}  ${us(m.reaperBusyNsPerCpu[c]!).padStart(11)}`),
    `invariants: ${inv.ok ? 'ok' : `${inv.violationCount} VIOLATED`} (${inv.reaps} reaped, ${inv.unreapedAtEnd} still dead at the end, ` +
      `global list touched from another CPU ${inv.globalListCrossCpuTouches} times)`,
    ...inv.violations.map((v) => `  violation: ${v}`),
  ];
  return lines.join('\n') + '\n';
}

async function runValidation(o: Options, io: CliIo): Promise<number> {
  const plan = validationPlan({ cpus: o.cpus ?? 4, reapCostNs: o.reapCostNs, seed: o.seed });
  const jobs = plan.flatMap((p) => p.runs.map((input) => ({ kind: 'replication' as const, input })))
    .map((j, id) => ({ ...j, id }));
  const results = await runJobs(jobs, o.threads ?? defaultThreads());
  let k = 0;
  const rows: ValidationRow[] = plan.map((p) => validationRow(p, p.runs.map(() => {
    const r = results[k++]!;
    return r.kind === 'replication' ? r.result : { sumNs: 0, count: 0 };
  })));
  io.out(o.json ? JSON.stringify(rows, null, 2) + '\n' : formatValidationTable(rows));
  return rows.every((r) => r.ok) ? EXIT_OK : EXIT_BAD_INPUT;
}

async function run(args: string[], io: CliIo): Promise<number> {
  const o = parse(args);
  if (o.validate) return runValidation(o, io);
  const model = o.model === undefined ? undefined : pickVariant(await readModelVariants(o.model, io), o.variantGiven ? o.variant : undefined, o.model);
  const input: SimulationInput = {
    variant: model?.name ?? o.variant, cpus: o.cpus ?? 8, workload: o.workload, seed: o.seed, durationNs: o.durationNs,
    costs: await resolveCosts(o), jobs: o.jobs, exitRatePerSec: o.exitRatePerSec, reapCostNs: o.reapCostNs, ...(model ? { model } : {}),
  };
  const result = simulate(input);
  for (const h of model ? earlyHandovers(model) : []) result.invariants.violations.unshift(`${h.message} (the model's own steps)`);
  if (model && earlyHandovers(model).length > 0) {
    result.invariants.ok = false;
    result.invariants.violationCount += earlyHandovers(model).length;
  }
  const metrics = computeMetrics(result.table, { spanNs: input.durationNs, cpus: input.cpus });
  if (o.traceOut) await writePieces(o.traceOut, btraceChunks(result.table));
  if (o.chromeOut) await writeChrome(o.chromeOut, result.table);
  if (o.json) {
    io.out(JSON.stringify({
      variant: input.variant, ...(o.model ? { model: o.model } : {}), cpus: input.cpus, workload: input.workload, seed: input.seed, durationNs: input.durationNs,
      events: result.table.length, eventsSha256: tableHash(result.table), metrics, invariants: result.invariants, costs: result.costs,
    }, null, 2) + '\n');
  } else {
    io.out(renderRun(input, result.table.length, metrics, result.invariants));
  }
  return result.invariants.ok ? EXIT_OK : EXIT_BAD_INPUT;
}

export const simulateCommand: Command = {
  usage,
  run,
};
