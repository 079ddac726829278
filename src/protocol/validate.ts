/**
 * Validation of every message the webview sends to the extension host. The webview is
 * untrusted input: the host calls `validateWebviewMessage` on each `onDidReceiveMessage`
 * payload and uses only the returned, well-typed copy (never the raw object). The other
 * direction (host → webview) is validate-view.ts.
 */
import type { ModelCost } from '../core/analysis/activity-view-model';
import { SIMULATION_LIMITS } from '../core/sim/limits';
import { VARIANT_NAMES, type VariantName } from '../core/sim/variants';
import { WORKLOAD_NAMES, type WorkloadName } from '../core/sim/workload';
import type { SimulationControls, WebviewToHost } from './messages';

/** The names and bounds the controls accept: core's lists (the webview builds its controls from these). */
export const variantNames: readonly VariantName[] = VARIANT_NAMES;
export const workloadNames: readonly WorkloadName[] = WORKLOAD_NAMES;
/** Bounds of the simulation controls (inclusive). */
export const controlLimits = SIMULATION_LIMITS;
/** Largest PNG data URL accepted, in characters (≈ 24 MiB of base64). */
export const maxDataUrlChars = 32 * 1024 * 1024;
/** Largest CSV accepted, in characters. */
export const maxCsvChars = 64 * 1024 * 1024;

export type Validation<T> = { ok: true; value: T } | { ok: false; error: string };

export const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function integerIn(value: unknown, name: string, limits: { min: number; max: number }): Validation<number> {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < limits.min || value > limits.max) {
    return fail(`${name} must be an integer in ${limits.min}..${limits.max}`);
  }
  return { ok: true, value };
}

/** Checks simulation controls; returns a fresh object holding only the known fields. */
export function validateControls(raw: unknown): Validation<SimulationControls> {
  if (!isRecord(raw)) return fail('controls must be an object');
  const { variants, workload } = raw;
  if (!Array.isArray(variants) || variants.length === 0) return fail('controls.variants must be a non-empty array');
  const known = new Set<unknown>(variantNames);
  if (!variants.every((v) => known.has(v))) return fail(`controls.variants must be among ${variantNames.join(', ')}`);
  if (new Set(variants).size !== variants.length) return fail('controls.variants has duplicates');
  if (!(workloadNames as readonly unknown[]).includes(workload)) return fail(`controls.workload must be one of ${workloadNames.join(', ')}`);
  const cpus = integerIn(raw.cpus, 'controls.cpus', controlLimits.cpus);
  if (!cpus.ok) return cpus;
  const seeds = integerIn(raw.seeds, 'controls.seeds', controlLimits.seeds);
  if (!seeds.ok) return seeds;
  return { ok: true, value: { variants: [...variants] as VariantName[], workload: workload as WorkloadName, cpus: cpus.value, seeds: seeds.value } };
}

/** Chart names become parts of file names on the host: keep them to `[A-Za-z0-9_-]`, 1..64 chars. */
const chartName = /^[A-Za-z0-9_-]{1,64}$/;
const pngDataUrl = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;

/** Validates one message from the webview; unknown types and extra shapes are rejected. */
export function validateWebviewMessage(raw: unknown): Validation<WebviewToHost> {
  if (!isRecord(raw)) return fail('message must be an object');
  switch (raw.type) {
    case 'ready':
      return { ok: true, value: { type: 'ready' } };
    case 'cancel':
      return { ok: true, value: { type: 'cancel' } };
    case 'run-simulation': {
      const controls = validateControls(raw.controls);
      return controls.ok ? { ok: true, value: { type: 'run-simulation', controls: controls.value } } : controls;
    }
    case 'export':
      return validateExport(raw);
    default:
      return fail(`unknown message type ${JSON.stringify(raw.type)?.slice(0, 40)}`);
  }
}

function validateExport(raw: Record<string, unknown>): Validation<WebviewToHost> {
  if (raw.format === 'png') {
    const { dataUrl, chart } = raw;
    if (typeof chart !== 'string' || !chartName.test(chart)) return fail('export.chart must match [A-Za-z0-9_-]{1,64}');
    if (typeof dataUrl !== 'string' || dataUrl.length > maxDataUrlChars || !pngDataUrl.test(dataUrl)) {
      return fail('export.dataUrl must be a base64 PNG data URL');
    }
    return { ok: true, value: { type: 'export', format: 'png', dataUrl, chart } };
  }
  if (raw.format === 'csv') {
    if (typeof raw.csv !== 'string' || raw.csv.length > maxCsvChars) return fail('export.csv must be a string');
    return { ok: true, value: { type: 'export', format: 'csv', csv: raw.csv } };
  }
  return fail('export.format must be png or csv');
}

/** Largest cost list accepted (the model has about 25). */
export const maxModelCosts = 256;
/** Longest cost description or source accepted, in characters. */
const maxCostText = 1000;
const costName = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
const costDists: readonly ModelCost['dist'][] = ['fixed', 'exponential', 'lognormal', 'uniform'];
const nsValue = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const costText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= maxCostText;

/**
 * Checks a view's `costs` (data the webview renders, from the host or a report's embedded JSON):
 * every entry a cost name, ns values ≥ 0, a known distribution, non-empty description and source,
 * a boolean `overridden`. Returns fresh copies holding only the known fields.
 */
export function validateModelCosts(raw: unknown): Validation<ModelCost[]> {
  if (!Array.isArray(raw) || raw.length > maxModelCosts) return fail(`costs must be an array of at most ${maxModelCosts} entries`);
  const out: ModelCost[] = [];
  for (const [i, entry] of raw.entries()) {
    const at = `costs[${i}]`;
    if (!isRecord(entry)) return fail(`${at} must be an object`);
    const { name, valueNs, dist, defaultNs, description, source, overridden } = entry;
    if (typeof name !== 'string' || !costName.test(name)) return fail(`${at}.name must be a cost name`);
    if (!nsValue(valueNs) || !nsValue(defaultNs)) return fail(`${at}: valueNs and defaultNs must be finite numbers ≥ 0`);
    if (!(costDists as readonly unknown[]).includes(dist)) return fail(`${at}.dist must be one of ${costDists.join(', ')}`);
    if (!costText(description) || !costText(source)) return fail(`${at}: description and source must be strings of 1..${maxCostText} characters`);
    if (typeof overridden !== 'boolean') return fail(`${at}.overridden must be a boolean`);
    out.push({ name, valueNs, dist: dist as ModelCost['dist'], defaultNs, description, source, overridden });
  }
  return { ok: true, value: out };
}
