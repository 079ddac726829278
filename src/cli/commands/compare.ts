/**
 * `reaperscope compare PATCH`: detects which exit-path variant the patch implements, simulates
 * baseline against it (and the lockless suggestion when the patch is the posted one) on the
 * same seeds over a sweep of CPU counts, and prints the differences with confidence intervals.
 */
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError, UsageError, EXIT_BAD_INPUT, EXIT_OK, type CliIo, type Command } from '../command';
import { htmlReport } from '../html-report';
import { readInputFile, inputName } from '../read-input-file';
import { parseCommandArgs } from '../parse-command-args';
import { numberOption, resolveCosts, SHARED_SIM_ARGS, SHARED_USAGE, sharedSimOptions, type SharedSimOptions } from '../sim-options';
import { defaultThreads, runJobs } from '../sim-workers';
import { readPatch } from '../../core/patch/read-patch';
import { comparisonJobs, comparisonView, summarizeComparison, type Comparison, type ComparisonPlan } from '../../core/compare/comparison';
import { formatComparisonMarkdown, formatComparisonText } from '../../core/compare/comparison-report';
import { detectVariant, type Detection } from '../../core/sim/variant-detection';
import type { VariantName } from '../../core/sim/variants';
import { MAX_CPUS } from '../../core/sim/limits';

const DEFAULT_CPUS = [1, 2, 4, 8, 16, 32, 64];
const DEFAULT_SEEDS = 5;
const DEFAULT_DURATION_MS = 300;

const usage = `usage: reaperscope compare PATCH [--cpus 1,2,4,8,16,32,64] [--seeds K]
         [--workload W] [--format text|markdown|json] [--html FILE]

Reads PATCH (a diff, a mail, or a review reply quoting it), says which variant
of the exit path it implements and why, then simulates baseline against it on
the same seeds (and lockless, the reviewer's suggestion, when the patch is the
posted one). A patch the model does not cover gets "no model for this patch".

  --cpus LIST         CPU counts to sweep (default ${DEFAULT_CPUS.join(',')})
  --seeds K           seeds per point (default ${DEFAULT_SEEDS}); CIs need K ≥ 2
  --format F          text (72 columns, for a mail; default), markdown, json
  --html FILE         also write a self-contained HTML report with the charts
  --view-cpus N       CPU count the charts show (default: the largest)
${SHARED_USAGE.replace('DEFAULT_DURATION', `${DEFAULT_DURATION_MS} ms`)}
Exit status: 0 compared, 1 unreadable patch / no model / broken invariants,
2 usage.
`;

interface Options extends SharedSimOptions {
  patch?: string;
  cpus: number[];
  seeds: number;
  format: 'text' | 'markdown' | 'json';
  html?: string;
  viewCpus?: number;
}

function parse(args: string[]): Options {
  const { values: v, positionals } = parseCommandArgs(args, {
    ...SHARED_SIM_ARGS,
    cpus: { type: 'string' },
    seeds: { type: 'string' },
    format: { type: 'string' },
    html: { type: 'string' },
    'view-cpus': { type: 'string' },
  });
  if (positionals.length > 1) throw new UsageError('one PATCH expected');
  const o: Options = { ...sharedSimOptions(v, DEFAULT_DURATION_MS), cpus: DEFAULT_CPUS, seeds: DEFAULT_SEEDS, format: 'text' };
  o.patch = positionals[0];
  if (v.cpus !== undefined) {
    const list = v.cpus.split(',').map((s) => numberOption(s, 'cpus', true));
    if (list.some((n) => n > MAX_CPUS)) throw new UsageError(`--cpus: at most ${MAX_CPUS} CPUs`);
    o.cpus = [...new Set(list)].sort((x, y) => x - y);
  }
  if (v.seeds !== undefined) o.seeds = numberOption(v.seeds, 'seeds', true);
  if (v.format !== undefined) {
    const f = v.format;
    if (f !== 'text' && f !== 'markdown' && f !== 'json') throw new UsageError(`--format takes text, markdown or json, not '${f}'`);
    o.format = f;
  }
  if (v.html !== undefined) o.html = v.html;
  if (v['view-cpus'] !== undefined) o.viewCpus = numberOption(v['view-cpus'], 'view-cpus', true);
  if (o.patch === undefined) throw new UsageError('missing PATCH');
  if (o.viewCpus !== undefined && !o.cpus.includes(o.viewCpus)) throw new UsageError(`--view-cpus ${o.viewCpus} is not in --cpus`);
  if (o.workload === 'poisson' && (o.exitRatePerSec === undefined || o.reapCostNs === undefined)) {
    throw new UsageError('--workload poisson needs --exit-rate and --reap-cost-us');
  }
  return o;
}

function renderNoModel(d: Extract<Detection, { kind: 'no-model' }>, name: string, format: Options['format']): string {
  if (format === 'json') return JSON.stringify({ patch: name, detection: d }, null, 2) + '\n';
  const lines = [`${name}: ${d.reason}.`];
  for (const e of d.evidence) lines.push(`  ${e.file}:${e.line} (${e.side === 'old' ? 'removed' : 'added'}): ${e.what}`);
  return lines.join('\n') + '\n';
}

function renderJson(c: Comparison, name: string): string {
  const { views: _views, plan, ...rest } = c;
  const points = rest.points.map((p) => ({ cpus: p.cpus, variants: p.variants.map(({ metrics: _m, ...v }) => v) }));
  return JSON.stringify({ patch: name, plan, ...rest, points }, null, 2) + '\n';
}

async function run(args: string[], io: CliIo): Promise<number> {
  const o = parse(args);
  const path = o.patch!;
  const name = inputName(path);
  const patch = await readPatch(await readInputFile(path, io), { fileName: name });
  if (patch.files.length === 0) throw new InputError(`${name}: no diff found in the input`);
  const detection = detectVariant(patch);
  if (detection.kind === 'no-model') {
    io.out(renderNoModel(detection, name, o.format));
    return EXIT_BAD_INPUT;
  }
  const variants: VariantName[] = ['baseline', detection.variant];
  if (detection.variant === 'patched') variants.push('lockless');
  const plan: ComparisonPlan = {
    variants, cpus: o.cpus, seeds: Array.from({ length: o.seeds }, (_, k) => k + 1), workload: o.workload,
    durationNs: o.durationNs, costs: await resolveCosts(o), jobs: o.jobs, exitRatePerSec: o.exitRatePerSec, reapCostNs: o.reapCostNs,
    viewCpus: o.viewCpus ?? o.cpus[o.cpus.length - 1]!, bins: 100,
  };
  const jobs = comparisonJobs(plan);
  const threads = Math.min(o.threads ?? defaultThreads(), jobs.length);
  io.err(`reaperscope compare: ${jobs.length} simulations (${variants.join(', ')} × ${o.cpus.length} CPU counts × ${o.seeds} seeds) on ${threads} thread${threads === 1 ? '' : 's'}\n`);
  const comparison = summarizeComparison(plan, detection, jobs, await runJobs(jobs, threads));
  const title = basename(name);
  if (o.format === 'json') io.out(renderJson(comparison, name));
  else io.out(o.format === 'markdown' ? formatComparisonMarkdown(comparison, title) : formatComparisonText(comparison, title));
  if (o.html) {
    const notes = [
      `Simulated, not measured: ${plan.workload}, ${plan.durationNs / 1e6} ms per run, charts of seed 1 on ${plan.viewCpus} CPUs; metrics are means over ${o.seeds} seeds with differences against baseline (95 % CI).`,
      `Detected variant: ${detection.variant}, ${detection.summary}.`,
      ...detection.evidence.map((e) => `Evidence: ${e.file}:${e.line} (${e.side}) ${e.what}: ${e.text}`),
      'Model, defaults, sources and what it leaves out: README, "The simulator".',
    ];
    const html = htmlReport(comparisonView(comparison, `Reaperscope: ${title}`, notes));
    try {
      await writeFile(o.html, html);
    } catch (error) {
      throw new InputError(`${o.html}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    io.err(`reaperscope compare: wrote ${o.html}\n`);
  }
  return comparison.invariants.ok ? EXIT_OK : EXIT_BAD_INPUT;
}

export const compareCommand: Command = {
  name: 'compare',
  summary: 'detect the variant a patch implements and simulate it against baseline',
  usage,
  run,
};
