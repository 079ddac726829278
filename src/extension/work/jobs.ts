/**
 * What the worker does: read traces (in 1 MiB pieces, with progress and cancel), simulate the
 * variants over seeds, build the panel's views, export Chrome Trace JSON. Pure of `vscode`:
 * runs in a worker thread or in process.
 */
import type { FormatError } from '../../core/common/diagnostic';
import { applyCostOverrides, defaultCosts } from '../../core/sim/costs';
import { simulate } from '../../core/sim/simulate';
import { chromeTracePieces } from '../../core/trace/chrome-trace-export';
import { readTrace, type ReadTraceOptions, type TraceReadResult } from '../../core/trace/trace-reader';
import { memoryByteSource } from '../../core/trace/trace-dat/byte-source';
import type { TraceCounts } from '../../core/annotations/site-figures';
import { traceCounts } from '../../core/annotations/trace-counts';
import { traceVsSimulation } from './trace-vs-simulation-job';
import { deriveModelsJob } from './derive-models-job';
import { sumLineTimes, type LineTime } from '../../core/sim/step-profile';
import type { VariantName } from '../../core/sim/variants';
import { comparisonView, simulationView, traceKernel, traceView } from './views';
import { JobCancelled, type JobContext, type OpenedFile, type OpenFile, type TraceInput, type WorkRequest, type WorkResult } from './work-protocol';
import { isTraceDat, TRACE_DAT_MAGIC } from '../../core/trace/trace-dat/trace-dat-layout';
import { readTraceDat } from '../../core/trace/trace-dat/trace-dat-reader';
import type { ByteSource } from '../../core/trace/trace-dat/byte-source';

const PIECE_BYTES = 1 << 20;

/** Lets the thread take messages (cancel) between pieces of work. */
const breathe = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** @param openFile how to open a trace given by path (the Node worker's); null where there are only bytes */
export async function runJob(request: WorkRequest, context: JobContext, openFile: OpenFile | null = null): Promise<WorkResult> {
  const readTraceInput = (input: TraceInput, from: number, share: number): Promise<TraceReadResult> => readInput(input, context, from, share, openFile);
  switch (request.job) {
    case 'trace': {
      const read = await readTraceInput(request.trace, 0, 1);
      return { job: 'trace', view: traceView(read, request.trace.fileName), counts: countEvents(read, request.trace.fileName), diagnostics: read.diagnostics };
    }
    case 'compare-traces': {
      const [a, b] = request.traces;
      const ra = await readTraceInput(a, 0, 0.5);
      const rb = await readTraceInput(b, 0.5, 0.5);
      return { job: 'compare-traces', view: comparisonView([ra, rb], [a.fileName, b.fileName]), counts: [countEvents(ra, a.fileName), countEvents(rb, b.fileName)] };
    }
    case 'simulate': {
      const { costs, errors } = applyCostOverrides(defaultCosts(), request.costs);
      const { controls } = request;
      const total = controls.variants.length * controls.seeds;
      const runs = [];
      const lineTimes: Partial<Record<VariantName, LineTime[]>> = {};
      for (const variant of controls.variants) {
        const seeds = [];
        const model = request.models?.[variant];
        for (let seed = 1; seed <= controls.seeds; seed++) {
          if (context.cancelled) throw new JobCancelled();
          context.progress(runs.length * controls.seeds + seed - 1 === 0 ? 0 : (runs.length * controls.seeds + seed - 1) / total, `${variant}, seed ${seed} of ${controls.seeds}`);
          await breathe();
          // A derived model's lines are the workspace's: profile them for the step-by-line view.
          seeds.push(simulate({ variant, cpus: controls.cpus, workload: controls.workload, seed, durationNs: request.durationNs, costs, ...(model ? { model, profileSteps: true } : {}) }));
        }
        if (model) lineTimes[variant] = sumLineTimes(seeds.map((s) => s.lineTimes ?? []));
        runs.push({ variant, seeds });
      }
      context.progress(1, 'building the view');
      const view = simulationView(runs, controls);
      if (request.modelNote) view.notes.unshift(request.modelNote);
      return { job: 'simulate', view, errors, lineTimes };
    }
    case 'derive-models':
      return { job: 'derive-models', ...(await deriveModelsJob(request)) };
    case 'trace-vs-simulation': {
      const read = await readTraceInput(request.trace, 0, 0.5);
      return { job: 'trace-vs-simulation', ...traceVsSimulation(read, request.trace.fileName, request.settings, context) };
    }
    case 'chrome-trace': {
      const read = await readTraceInput(request.trace, 0, 0.8);
      const pieces: string[] = [];
      for (const piece of chromeTracePieces(read.table)) {
        if (context.cancelled) throw new JobCancelled();
        pieces.push(piece);
      }
      return { job: 'chrome-trace', json: pieces.join(''), events: read.table.length };
    }
  }
}

/**
 * Reads one trace; progress goes from `from` to `from + share`. Throws on a format error. A
 * trace given by path is read through `openFile`: a trace.dat by file offset, text in 1 MiB
 * pieces, so at most a piece (and the trace.dat reader's bounded window) is held besides the table.
 */
async function readInput(input: TraceInput, context: JobContext, from: number, share: number, openFile: OpenFile | null): Promise<TraceReadResult> {
  const options: ReadTraceOptions = {
    signal: { get aborted() { return context.cancelled; } },
    onProgress: (read, total) => context.progress(from + share * (total ? read / total : 0), `reading ${input.fileName}: ${(read / 1048576).toFixed(1)} MiB`),
  };
  if (!('bytes' in input) && !openFile) throw new Error(`${input.fileName}: this host cannot open files by path`);
  const file: OpenedFile = 'bytes' in input ? { ...memoryByteSource(input.bytes), close: () => Promise.resolve() } : await openFile!(input.path);
  let result: TraceReadResult | FormatError;
  try {
    if (isTraceDat(await file.read(0, TRACE_DAT_MAGIC.length))) result = await readTraceDat(file, options);
    else result = await readTrace(pieces(file), { ...options, totalBytes: file.size });
  } finally {
    await file.close();
  }
  if (result.kind === 'format-error') throw new Error(`${input.fileName}: ${result.message}`);
  if (result.cancelled) throw new JobCancelled();
  return result;
}

/** The source's bytes in pieces, letting the thread take messages (cancel) between them. */
async function* pieces(source: ByteSource): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < source.size; at += PIECE_BYTES) {
    await breathe();
    yield await source.read(at, PIECE_BYTES);
  }
}

/** Events per kind name and the counts that map to model sites, for hovers and CodeLenses. */
export function countEvents(read: TraceReadResult, label: string): TraceCounts {
  return traceCounts(read.table, label, traceKernel(read));
}
