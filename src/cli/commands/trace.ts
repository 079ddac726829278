/**
 * `reaperscope trace FILE [--json] [--export chrome|csv -o OUT]`,
 * `reaperscope trace A --against B [--json] [--export csv -o OUT]` and
 * `reaperscope trace FILE --simulate [--workload W] [--seed S] [--json]`: reads OpenBSD btrace or
 * Linux ftrace text, prints reaper activity per CPU and exit→reap latency, exports, and puts
 * simulations of the trace's machine next to it.
 */
import { UsageError, EXIT_OK, type CliIo, type Command } from '../command';
import { formatNs } from '../../core/common/format-ns';
import { readTraceFile } from '../trace-file-reader';
import { renderComparison, renderDiagnostics, renderSummary } from '../trace-output';
import { comparisonCsv, summaryCsv, writeChrome, writePieces } from '../trace-export';
import { summarizeTrace, type TraceSummary } from '../../core/analysis/trace-summary';
import { compareTraces } from '../../core/compare/trace-comparison';
import type { TraceReadResult } from '../../core/trace/trace-reader';
import { isWorkloadName, WORKLOAD_NAMES, type WorkloadName } from '../../core/sim/workload';
import { alternatives } from '../../core/common/word-list';
import { MAX_SIMULATED_SPAN_NS } from '../../core/compare/trace-vs-simulation';
import { renderTraceSimulation, simulateAlongside } from '../trace-simulation';

const usage = `usage: reaperscope trace FILE [--json] [--export chrome|csv -o OUT]
       reaperscope trace A --against B [--json] [--export csv -o OUT]
       reaperscope trace FILE --simulate [--workload W] [--seed S] [--json]

Reads a scheduler trace: OpenBSD btrace(8) output (media/reaperscope.bt, or btrace printf
lines in general) or Linux ftrace text (/sys/kernel/tracing/trace, trace-cmd report).
FILE may be - for standard input.

  --json            print the summary as JSON
  --export FORMAT   chrome: Chrome Trace Event JSON (opens in https://ui.perfetto.dev)
                    csv: the metrics as CSV
  -o, --output OUT  file to export to (required with --export)
  --against B       compare FILE (before) with trace B (after), same metrics side by side
  --simulate        also simulate baseline and patched on FILE's CPU count for FILE's
                    span (at most ${formatNs(MAX_SIMULATED_SPAN_NS)}, default costs) and print the panel's metrics
                    for the trace and both runs side by side (--json: the "simulation" key)
  --workload W      with --simulate: kernel-build (default), fork-storm, thread-churn
  --seed S          with --simulate: seed of the simulations (default 1)

Exit status: 0 read, 1 unreadable input (message names file and line), 2 usage.
`;

interface Options {
  files: string[];
  json: boolean;
  against?: string;
  exportFormat?: 'chrome' | 'csv';
  output?: string;
  simulate: boolean;
  workload: WorkloadName;
  seed: number;
  /** Whether --workload or --seed was given (they need --simulate). */
  simulationFlags: boolean;
}

function parseArgs(args: string[]): Options {
  const o: Options = { files: [], json: false, simulate: false, workload: 'kernel-build', seed: 1, simulationFlags: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--json') o.json = true;
    else if (a === '--against') o.against = value();
    else if (a === '--simulate') o.simulate = true;
    else if (a === '--workload') {
      const w = value();
      if (!isWorkloadName(w) || w === 'poisson') throw new UsageError(`--workload takes ${alternatives(WORKLOAD_NAMES.filter((n) => n !== 'poisson'))}, not '${w}' (poisson: use simulate)`);
      o.workload = w;
      o.simulationFlags = true;
    } else if (a === '--seed') {
      const v = value();
      if (!/^\d+$/.test(v)) throw new UsageError(`--seed wants a whole number, not '${v}'`);
      o.seed = Number(v);
      o.simulationFlags = true;
    }
    else if (a === '-o' || a === '--output') o.output = value();
    else if (a === '--export') {
      const f = value();
      if (f !== 'chrome' && f !== 'csv') throw new UsageError(`--export takes chrome or csv, not '${f}'`);
      o.exportFormat = f;
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}'`);
    else o.files.push(a);
  }
  if (o.files.length !== 1) throw new UsageError(o.files.length === 0 ? 'missing FILE' : `one FILE expected, got ${o.files.length}`);
  if (o.exportFormat && !o.output) throw new UsageError('--export needs -o OUT');
  if (o.output && !o.exportFormat) throw new UsageError('-o needs --export chrome|csv');
  if (o.against && o.exportFormat === 'chrome') throw new UsageError('--export chrome takes one trace; compare with --export csv');
  if (o.against && o.simulate) throw new UsageError('--simulate takes one trace, not --against');
  if (o.simulationFlags && !o.simulate) throw new UsageError('--workload and --seed go with --simulate');
  return o;
}

function summaryOf(r: TraceReadResult): TraceSummary {
  return summarizeTrace({ format: r.format, table: r.table, unknownLines: r.unknownLines, junkLines: r.junkLines, diagnostics: r.diagnostics });
}

async function run(args: string[], io: CliIo): Promise<number> {
  const o = parseArgs(args);
  const file = o.files[0]!;
  const a = await readTraceFile(file, io);
  const sa = summaryOf(a);
  if (o.against) {
    const b = await readTraceFile(o.against, io);
    const comparison = compareTraces(sa, summaryOf(b));
    if (o.exportFormat === 'csv') await writePieces(o.output!, [comparisonCsv(comparison)]);
    if (o.json) io.out(`${JSON.stringify({ a: { file, ...sa }, b: { file: o.against, ...comparison.b }, rows: comparison.rows }, null, 2)}\n`);
    else {
      io.err(renderDiagnostics(file, a.diagnostics) + renderDiagnostics(o.against, b.diagnostics));
      io.out(renderSummary(file, sa) + renderSummary(o.against, comparison.b) + renderComparison(file, o.against, comparison));
    }
    return EXIT_OK;
  }
  if (o.exportFormat === 'chrome') await writeChrome(o.output!, a.table);
  else if (o.exportFormat === 'csv') await writePieces(o.output!, [summaryCsv(sa)]);
  const simulation = o.simulate ? simulateAlongside(file, a.table, { workload: o.workload, seed: o.seed }) : undefined;
  if (o.json) io.out(`${JSON.stringify({ file, ...sa, ...(simulation ? { simulation } : {}) }, null, 2)}\n`);
  else {
    io.err(renderDiagnostics(file, a.diagnostics));
    io.out(renderSummary(file, sa) + (simulation ? renderTraceSimulation(simulation) : ''));
  }
  return EXIT_OK;
}

export const traceCommand: Command = {
  usage,
  run,
};
