/**
 * Validation of what the webview draws: each message from the extension host, the state VS Code
 * gives back after a reload, and the view embedded in an HTML report. The webview checks them
 * before drawing, as the host checks what the webview sends (validate.ts): a malformed view is
 * refused with a reason instead of drawn half. Numbers must be finite, arrays of a CPU × bin
 * grid must have the view's shape, and the sizes are bounded.
 */
import type { ActivityView, Histogram, MetricRow, RunView } from '../core/analysis/activity-view-model';
import type { InstantMarks } from '../core/analysis/instant-marks';
import type { HostToWebview } from './messages';
import { fail, isRecord, validateControls, validateModelCosts, type Validation } from './validate';

/**
 * Bounds: runs per view, CPUs per run (the trace readers accept CPU numbers up to 0xffff),
 * bins per chart, histogram edges, metrics, notes, text length (characters).
 */
export const viewLimits = { runs: 64, cpus: 0x10000, bins: 10_000, edges: 10_000, metrics: 1000, notes: 100, text: 10_000, marks: 10_000 } as const;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const text = (v: unknown): v is string => typeof v === 'string' && v.length <= viewLimits.text;
const numbers = (v: unknown, length: number | null, max: number): v is number[] =>
  Array.isArray(v) && v.length <= max && (length === null || v.length === length) && v.every(finite);

function grid(v: unknown, cpus: number, bins: number): v is number[][] {
  return Array.isArray(v) && v.length === cpus && v.every((row) => numbers(row, bins, viewLimits.bins));
}

function histogram(v: unknown): v is Histogram {
  return isRecord(v) && numbers(v.edgesNs, null, viewLimits.edges) && numbers(v.counts, Math.max(0, v.edgesNs.length - 1), viewLimits.edges);
}

const index = (v: unknown, below: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < below;

/** A run's instant marks: names, a total at least the marks', each mark at a CPU of the run and a known name. */
function validateInstants(raw: unknown, cpus: number, at: string): Validation<InstantMarks> {
  if (!isRecord(raw) || !Array.isArray(raw.names) || !Array.isArray(raw.marks)) return fail(`${at} must have names and marks`);
  const { names, marks, total } = raw;
  if (names.length > viewLimits.marks || !names.every(text)) return fail(`${at}.names must be at most ${viewLimits.marks} strings`);
  if (marks.length > viewLimits.marks) return fail(`${at}.marks must be at most ${viewLimits.marks}`);
  if (!index(total, Number.MAX_SAFE_INTEGER) || total < marks.length) return fail(`${at}.total must be a count of at least the marks`);
  const out: InstantMarks['marks'] = [];
  for (const m of marks) {
    if (!isRecord(m) || !finite(m.tNs) || !index(m.cpu, cpus) || !index(m.name, names.length) || !text(m.fields)) {
      return fail(`${at}.marks[${out.length}] must have a finite tNs, a CPU of the run, a name index and fields text`);
    }
    out.push({ tNs: m.tNs, cpu: m.cpu, name: m.name, fields: m.fields });
  }
  return { ok: true, value: { names: [...names] as string[], total, marks: out } };
}

function validateRun(raw: unknown, at: string): Validation<RunView> {
  if (!isRecord(raw)) return fail(`${at} must be an object`);
  const { label, origin, cpus, spanNs, binNs, backlog, exitToReap, exitToReapInferred, lockWaitNs, kernel, recorded } = raw;
  if (!text(label)) return fail(`${at}.label must be a string`);
  if (origin !== 'simulated' && origin !== 'traced') return fail(`${at}.origin must be simulated or traced`);
  if (typeof cpus !== 'number' || !Number.isInteger(cpus) || cpus < 1 || cpus > viewLimits.cpus) return fail(`${at}.cpus must be an integer in 1..${viewLimits.cpus}`);
  if (!finite(spanNs) || spanNs < 0 || !finite(binNs) || binNs <= 0) return fail(`${at}: spanNs must be ≥ 0 and binNs > 0`);
  if (!numbers(backlog, null, viewLimits.bins)) return fail(`${at}.backlog must be finite numbers, one per bin`);
  const bins = backlog.length;
  for (const name of ['reaperBusyNs', 'reaps', 'utilisation', 'idleHops', 'crossCpuWakeups'] as const) {
    if (!grid(raw[name], cpus, bins)) return fail(`${at}.${name} must be ${cpus} rows of ${bins} finite numbers`);
  }
  if (!histogram(exitToReap)) return fail(`${at}.exitToReap must have edges and one count fewer`);
  if (typeof exitToReapInferred !== 'boolean') return fail(`${at}.exitToReapInferred must be a boolean`);
  if (!isRecord(lockWaitNs) || !Object.values(lockWaitNs).every(finite)) return fail(`${at}.lockWaitNs must map lock names to finite numbers`);
  if (kernel !== 'openbsd' && kernel !== 'linux') return fail(`${at}.kernel must be openbsd or linux`);
  if (!isRecord(recorded) || typeof recorded.locks !== 'boolean' || typeof recorded.reaper !== 'boolean') return fail(`${at}.recorded must say (booleans) whether locks and a reaper were recorded`);
  const instants = raw.instants === undefined ? null : validateInstants(raw.instants, cpus, `${at}.instants`);
  if (instants && !instants.ok) return instants;
  return {
    ok: true,
    value: {
      label, origin, cpus, spanNs, binNs, backlog,
      reaperBusyNs: raw.reaperBusyNs as number[][], reaps: raw.reaps as number[][], utilisation: raw.utilisation as number[][],
      exitToReap: { edgesNs: exitToReap.edgesNs, counts: exitToReap.counts }, exitToReapInferred, lockWaitNs: { ...lockWaitNs } as Record<string, number>,
      kernel, recorded: { locks: recorded.locks, reaper: recorded.reaper },
      idleHops: raw.idleHops as number[][], crossCpuWakeups: raw.crossCpuWakeups as number[][],
      ...(instants ? { instants: instants.value } : {}),
    },
  };
}

const units: readonly MetricRow['unit'][] = ['ns', 'count', '1/s', 'ratio'];

function validateMetric(raw: unknown, runs: number, at: string): Validation<MetricRow> {
  if (!isRecord(raw)) return fail(`${at} must be an object`);
  const { key, label, unit, values, difference, interval: bounds } = raw;
  if (!text(key) || !text(label)) return fail(`${at}: key and label must be strings`);
  if (!(units as readonly unknown[]).includes(unit)) return fail(`${at}.unit must be one of ${units.join(', ')}`);
  if (!Array.isArray(values) || values.length !== runs || !values.every((v) => v === null || finite(v))) return fail(`${at}.values must hold one number or null per run`);
  const row: MetricRow = { key, label, unit: unit as MetricRow['unit'], values: [...values] as (number | null)[] };
  if (bounds !== undefined) {
    const lowHigh = (d: unknown): boolean => d === null || (isRecord(d) && finite(d.low) && finite(d.high));
    if (!Array.isArray(bounds) || bounds.length !== runs || !bounds.every(lowHigh)) return fail(`${at}.interval must hold one interval or null per run`);
    row.interval = bounds.map((d) => (isRecord(d) ? { low: d.low as number, high: d.high as number } : null));
  }
  if (difference === undefined) return { ok: true, value: row };
  const interval = (d: unknown): boolean => d === null || (isRecord(d) && finite(d.mean) && finite(d.low) && finite(d.high));
  if (!Array.isArray(difference) || difference.length !== runs || !difference.every(interval)) return fail(`${at}.difference must hold one interval or null per run`);
  return { ok: true, value: { ...row, difference: difference.map((d) => (isRecord(d) ? { mean: d.mean as number, low: d.low as number, high: d.high as number } : null)) } };
}

/** Checks a whole view; returns a copy holding only the known fields (its number arrays are the caller's). */
export function validateActivityView(raw: unknown): Validation<ActivityView> {
  if (!isRecord(raw)) return fail('view must be an object');
  const { title, source, runs, metrics, notes, costs, warnings } = raw;
  if (!text(title)) return fail('view.title must be a string');
  if (source !== 'trace' && source !== 'simulation' && source !== 'comparison') return fail('view.source must be trace, simulation or comparison');
  if (!Array.isArray(runs) || runs.length > viewLimits.runs) return fail(`view.runs must be an array of at most ${viewLimits.runs} runs`);
  const checkedRuns: RunView[] = [];
  for (const [i, run] of runs.entries()) {
    const checked = validateRun(run, `view.runs[${i}]`);
    if (!checked.ok) return checked;
    checkedRuns.push(checked.value);
  }
  if (!Array.isArray(metrics) || metrics.length > viewLimits.metrics) return fail(`view.metrics must be an array of at most ${viewLimits.metrics} rows`);
  const checkedMetrics: MetricRow[] = [];
  for (const [i, metric] of metrics.entries()) {
    const checked = validateMetric(metric, runs.length, `view.metrics[${i}]`);
    if (!checked.ok) return checked;
    checkedMetrics.push(checked.value);
  }
  if (!Array.isArray(notes) || notes.length > viewLimits.notes || !notes.every(text)) return fail('view.notes must be strings');
  const view: ActivityView = { title, source, runs: checkedRuns, metrics: checkedMetrics, notes: [...notes] as string[] };
  if (warnings !== undefined) {
    if (!Array.isArray(warnings) || warnings.length > viewLimits.notes || !warnings.every(text)) return fail('view.warnings must be strings');
    view.warnings = [...warnings] as string[];
  }
  if (costs === undefined) return { ok: true, value: view };
  const checkedCosts = validateModelCosts(costs);
  return checkedCosts.ok ? { ok: true, value: { ...view, costs: checkedCosts.value } } : checkedCosts;
}

/** Validates one message from the extension host; unknown types are rejected. */
export function validateHostMessage(raw: unknown): Validation<HostToWebview> {
  if (!isRecord(raw)) return fail('message must be an object');
  switch (raw.type) {
    case 'show': {
      const view = validateActivityView(raw.view);
      if (!view.ok) return view;
      if (raw.controls === null) return { ok: true, value: { type: 'show', view: view.value, controls: null } };
      const controls = validateControls(raw.controls);
      return controls.ok ? { ok: true, value: { type: 'show', view: view.value, controls: controls.value } } : controls;
    }
    case 'progress': {
      const { message, fraction } = raw;
      if (!text(message)) return fail('progress.message must be a string');
      if (fraction !== null && !(finite(fraction) && fraction >= 0 && fraction <= 1)) return fail('progress.fraction must be null or in 0..1');
      return { ok: true, value: { type: 'progress', message, fraction } };
    }
    case 'error':
      return text(raw.message) ? { ok: true, value: { type: 'error', message: raw.message } } : fail('error.message must be a string');
    default:
      return fail(`unknown message type ${JSON.stringify(raw.type)?.slice(0, 40)}`);
  }
}
