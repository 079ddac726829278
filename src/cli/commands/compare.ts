/**
 * `reaperscope compare PATCH`: detects which exit-path variant the patch implements, simulates
 * baseline against it (and the lockless suggestion when the patch is the posted one) on the
 * same seeds over a sweep of CPU counts, and prints the differences with confidence intervals.
 */
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError, UsageError, EXIT_BAD_INPUT, EXIT_OK, type CliIo, type Command } from '../command';
import { fileError } from '../file-error';
import { htmlReport } from '../html-report';
import { readInputFile, inputName } from '../read-input-file';
import { parseCommandArgs } from '../parse-command-args';
import { numberOption, resolveCosts, SHARED_SIM_ARGS, SHARED_USAGE, sharedSimOptions, type SharedSimOptions } from '../sim-options';
import { defaultThreads, runJobs } from '../sim-workers';
import { readPatch } from '../../core/patch/read-patch';
import { comparisonJobs, comparisonView, summarizeComparison, type Comparison, type ComparisonPlan } from '../../core/compare/comparison';
import { formatComparisonMarkdown, formatComparisonText } from '../../core/compare/comparison-report';
import { detectVariant, type Detection } from '../../core/sim/variant-detection';
import type { Variant, VariantName } from '../../core/sim/variants';
import { derivePatchModels, type PatchModels } from '../../core/sim/derive/patch-models';
import { formatPatchModels, patchModelJson } from '../../core/sim/derive/model-report';
import { earlyHandovers } from '../../core/sim/derive/handover-check';
import type { Patch } from '../../core/patch/model';
import { readExitPathTree, requireCParser } from '../exit-path-tree';
import { pickVariant, readModelVariants } from '../model-files';
import { MAX_CPUS } from '../../core/sim/limits';

const DEFAULT_CPUS = [1, 2, 4, 8, 16, 32, 64];
const DEFAULT_SEEDS = 5;
const DEFAULT_DURATION_MS = 300;

const usage = `usage: reaperscope compare PATCH [--tree DIR] [--cpus 1,2,4,8,16,32,64] [--seeds K]
         [--workload W] [--format text|markdown|json] [--html FILE]
       reaperscope compare PATCH --model-before FILE --model-after FILE [...]

Reads PATCH (a diff, a mail, or a review reply quoting it). With --tree, derives
the exit-path models from the C source of DIR (before) and of DIR with the patch
applied in memory (after) and simulates one against the other; a patch that
does not touch the exit path says so and prints no numbers. Without it, says
which built-in variant the patch implements and why, then simulates baseline
against it on the same seeds (and lockless, the reviewer's suggestion, when the
patch is the posted one); a patch the built-in models do not cover gets "no
model for this patch".

  --tree DIR          the kernel tree before the patch (the directory with sys/)
  --model-before F    run the programs of model file F as the "before" side
  --model-after F     ... and of F as the "after" side (see reaperscope model)

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
  tree?: string;
  modelBefore?: string;
  modelAfter?: string;
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
    tree: { type: 'string' },
    'model-before': { type: 'string' },
    'model-after': { type: 'string' },
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
  o.tree = v.tree;
  o.modelBefore = v['model-before'];
  o.modelAfter = v['model-after'];
  if ((o.modelBefore === undefined) !== (o.modelAfter === undefined)) throw new UsageError('--model-before and --model-after go together');
  if (o.tree !== undefined && o.modelBefore !== undefined) throw new UsageError('--tree derives the models; do not give model files too');
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

function renderJson(c: Comparison, name: string, model: Record<string, unknown>): string {
  const { views: _views, plan: { models: _models, ...plan }, ...rest } = c;
  const points = rest.points.map((p) => ({ cpus: p.cpus, variants: p.variants.map(({ metrics: _m, ...v }) => v) }));
  return JSON.stringify({ patch: name, plan, model, ...rest, points }, null, 2) + '\n';
}

/** The models a comparison runs: derived from the tree, read from model files, or the built-in ones. */
interface ModelChoice {
  detection: Detection;
  variants: VariantName[];
  models?: Partial<Record<VariantName, Variant>>;
  /** The `model` block of the JSON output. */
  json: Record<string, unknown>;
  /** Printed before the comparison in text formats. */
  text: string;
  /** Invariant violations found on the programs themselves. */
  violations: string[];
}

function fromTree(pm: PatchModels): ModelChoice | { stop: string } {
  if (!pm.touchesExitPath || !pm.before.variant || !pm.after.variant) return { stop: formatPatchModels(pm) };
  const violations = [pm.before.variant, pm.after.variant].flatMap((v) => earlyHandovers(v).map((h) =>
    `${h.message}; the steps that allow it: ${h.steps.map((s) => `${s.file}:${s.line} ${s.op}${s.object ? ` ${s.object}` : ''}`).join(', ')}`));
  const detection: Detection = {
    kind: 'model', variant: 'patched', summary: 'models derived from the C source of the tree before and after the patch',
    evidence: pm.changes.map((c) => ({ what: `${c.program}: ${c.kind} ${c.op ?? ''} ${c.object ?? ''}`.trim(), file: c.file, side: c.side, line: c.line, text: c.text, sourceLine: 0 })),
  };
  return {
    detection, variants: ['baseline', 'patched'], models: { baseline: pm.before.variant, patched: { ...pm.after.variant, name: 'patched' } },
    json: patchModelJson(pm), text: formatPatchModels(pm), violations,
  };
}

function builtIn(patch: Patch): ModelChoice | { detection: Extract<Detection, { kind: 'no-model' }> } {
  const detection = detectVariant(patch);
  if (detection.kind === 'no-model') return { detection };
  const variants: VariantName[] = ['baseline', detection.variant];
  if (detection.variant === 'patched') variants.push('lockless');
  return { detection, variants, json: { source: 'built-in', variants: variants.map((name) => ({ name })) }, text: '', violations: [] };
}

async function fromFiles(o: Options, io: CliIo): Promise<ModelChoice> {
  const before = pickVariant(await readModelVariants(o.modelBefore!, io), undefined, o.modelBefore!);
  const afterAll = await readModelVariants(o.modelAfter!, io);
  const after = pickVariant(afterAll, afterAll.length > 1 ? afterAll[afterAll.length - 1]!.name : undefined, o.modelAfter!);
  const detection: Detection = { kind: 'model', variant: 'patched', summary: `model files ${o.modelBefore} (before) and ${o.modelAfter} (after)`, evidence: [] };
  const violations = [before, after].flatMap((v) => earlyHandovers(v).map((h) => h.message));
  return {
    detection, variants: ['baseline', 'patched'], models: { baseline: { ...before, name: 'baseline' }, patched: { ...after, name: 'patched' } },
    json: { source: 'file', files: [o.modelBefore, o.modelAfter] }, text: `Models from files: ${o.modelBefore} (before), ${o.modelAfter} (after).\n`, violations,
  };
}

async function run(args: string[], io: CliIo): Promise<number> {
  const o = parse(args);
  const path = o.patch!;
  const name = inputName(path);
  const patch = await readPatch(await readInputFile(path, io), { fileName: name });
  if (patch.files.length === 0) throw new InputError(`${name}: no diff found in the input`);
  let choice: ModelChoice;
  if (o.tree !== undefined) {
    const pm = derivePatchModels(await requireCParser(), await readExitPathTree(o.tree, patch, name), patch);
    const c = fromTree(pm);
    if ('stop' in c) {
      io.out(o.format === 'json' ? JSON.stringify({ patch: name, model: patchModelJson(pm) }, null, 2) + '\n' : c.stop);
      return EXIT_BAD_INPUT;
    }
    choice = c;
  } else if (o.modelBefore !== undefined) {
    choice = await fromFiles(o, io);
  } else {
    const c = builtIn(patch);
    if (!('variants' in c)) {
      io.out(renderNoModel(c.detection, name, o.format));
      return EXIT_BAD_INPUT;
    }
    choice = c;
  }
  const { detection, variants } = choice;
  if (detection.kind !== 'model') return EXIT_BAD_INPUT;
  const plan: ComparisonPlan = {
    variants, cpus: o.cpus, seeds: Array.from({ length: o.seeds }, (_, k) => k + 1), workload: o.workload,
    durationNs: o.durationNs, costs: await resolveCosts(o), jobs: o.jobs, exitRatePerSec: o.exitRatePerSec, reapCostNs: o.reapCostNs,
    viewCpus: o.viewCpus ?? o.cpus[o.cpus.length - 1]!, bins: 100, ...(choice.models ? { models: choice.models } : {}),
  };
  const jobs = comparisonJobs(plan);
  const threads = Math.min(o.threads ?? defaultThreads(), jobs.length);
  io.err(`reaperscope compare: ${jobs.length} simulations (${variants.join(', ')} × ${o.cpus.length} CPU counts × ${o.seeds} seeds) on ${threads} thread${threads === 1 ? '' : 's'}\n`);
  const comparison = summarizeComparison(plan, detection, jobs, await runJobs(jobs, threads));
  if (choice.violations.length > 0) {
    comparison.invariants = { ...comparison.invariants, ok: false, violations: [...choice.violations, ...comparison.invariants.violations] };
  }
  const title = basename(name);
  if (o.format === 'json') io.out(renderJson(comparison, name, choice.json));
  else io.out(choice.text + (o.format === 'markdown' ? formatComparisonMarkdown(comparison, title) : formatComparisonText(comparison, title)));
  if (o.html) {
    const notes = [
      `Simulated, not measured: ${plan.workload}, ${plan.durationNs / 1e6} ms per run, charts of seed 1 on ${plan.viewCpus} CPUs; metrics are means over ${o.seeds} seeds with differences against baseline (95 % CI).`,
      `Detected variant: ${detection.variant}, ${detection.summary}.`,
      ...detection.evidence.map((e) => `Evidence: ${e.file}:${e.line} (${e.side}) ${e.what}: ${e.text}`),
      'Model, defaults, sources and what it leaves out: docs/simulator.md.',
    ];
    const html = htmlReport(comparisonView(comparison, `Reaperscope: ${title}`, notes));
    try {
      await writeFile(o.html, html);
    } catch (error) {
      throw fileError(o.html, 'cannot write', error);
    }
    io.err(`reaperscope compare: wrote ${o.html}\n`);
  }
  return comparison.invariants.ok ? EXIT_OK : EXIT_BAD_INPUT;
}

export const compareCommand: Command = {
  usage,
  run,
};
