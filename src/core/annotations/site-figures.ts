/**
 * The figures a hover or CodeLens shows for a site of the exit path, from the same metric rows
 * as the panel's table (the mean over the seeds with its 95 % interval), so one figure reads the
 * same everywhere; variants that no longer run the site say so instead of showing a zero; trace
 * counts only from an OpenBSD trace and only for events that map to the site. Pure.
 */
import type { ActivityView } from '../analysis/activity-view-model';
import { formatMetricWithInterval } from '../common/format-metric';
import { isVariantName, VARIANT_NAMES, type VariantName } from '../sim/variants';
import type { LineFigure, LineStep, TraceSiteCounts } from './line-model';
import { stepAction } from './line-model';

/** What a loaded trace contributes to hovers and CodeLenses. */
export interface TraceCounts {
  label: string;
  /** The kernel the trace comes from: only an OpenBSD trace maps to OpenBSD source lines. */
  kernel: 'openbsd' | 'linux';
  /** Events per event-kind name (see EVENT_KIND_NAMES). */
  byKind: Record<string, number>;
  lockWaitNs: Record<string, number>;
  /** Counts that map to model sites (OpenBSD traces). */
  sites: TraceSiteCounts;
}

/** Where a line stands against the patch, for the wording of a variant that does not run it. */
export type LineSide = 'old' | 'new';

/** Why a variant has no step at a line: the baseline quotes the unpatched kernel, the others the patched one. */
export function absentText(name: VariantName): string {
  return name === 'baseline' ? 'not in the unpatched kernel (added by the patch)' : 'removed by the patch';
}

/** `baseline: takes deadproc_mutex, releases deadproc_mutex` per variant, or why it has none. */
export function stepLines(steps: readonly LineStep[]): string[] {
  return VARIANT_NAMES.map((name) => {
    const own = steps.filter((s) => s.variant === name);
    return own.length > 0 ? `${name}: ${[...new Set(own.map(stepAction))].join(', ')}` : `${name}: ${absentText(name)}`;
  });
}

/** One figure over the simulation's runs: `baseline 12.3 µs [11.9 µs – 12.8 µs] · patched removed by the patch`. */
export function figureRuns(figure: LineFigure, simulation: ActivityView): string | null {
  const row = simulation.metrics.find((m) => m.key === figure.key);
  if (!row) return null;
  const parts: string[] = [];
  simulation.runs.forEach((run, i) => {
    if (run.origin !== 'simulated' || !isVariantName(run.label)) return;
    parts.push(figure.variants.includes(run.label)
      ? `${run.label} ${formatMetricWithInterval(row.values[i] ?? null, row.interval?.[i], row.unit)}`
      : `${run.label} ${absentText(run.label)}`);
  });
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** The trace's count at a site, or why there is none. */
export function traceFigure(figures: readonly LineFigure[], trace: TraceCounts): string {
  if (trace.kernel !== 'openbsd') return `_${trace.label} is a Linux trace: its events do not map to OpenBSD source lines._`;
  const mapped = figures.filter((f) => f.trace);
  if (mapped.length === 0) return `_No event of ${trace.label} maps to this line._`;
  return `Traced (${trace.label}): ${mapped.map((f) => `${trace.sites[f.trace!].toLocaleString('en-US')} ${f.label}`).join(', ')}`;
}

/** Markdown lines of a hover over a line the model knows (or does not). */
export function lineHoverLines(heading: string, steps: readonly LineStep[], figures: readonly LineFigure[], simulation: ActivityView | null, trace: TraceCounts | null): string[] {
  const lines = [heading, ''];
  if (steps.length === 0) {
    lines.push('_Not a step of the exit-path model: no simulated figures belong to this line._');
  } else {
    lines.push('Exit-path model at this line:', '', ...stepLines(steps).map((l) => `- ${l}`));
    if (simulation) {
      for (const f of figures) {
        const text = figureRuns(f, simulation);
        if (text) lines.push('', `Simulated ${f.label}, mean over the seeds [95 % CI] (${simulation.title}): ${text}`);
      }
    }
  }
  if (trace) lines.push('', steps.length === 0 && trace.kernel === 'openbsd' ? `_No event of ${trace.label} maps to this line._` : traceFigure(figures, trace));
  if (!simulation && !trace) lines.push('', '_Run **Reaperscope: Simulate** or open a trace to see figures here._');
  return lines;
}
