/**
 * A touched function's part of the exit path for its CodeLenses: what each variant changes
 * there against the baseline (`patched: −deadproc_mutex, +KERNEL_LOCK around tsleep`), the
 * simulated figures of the sites the model has in it (the same mean [95 % CI] as the panel's
 * table, "removed by the patch" for variants that no longer run it), and the counts of an
 * OpenBSD trace that map to those sites. Pure.
 */
import type { ActivityView } from '../analysis/activity-view-model';
import { VARIANT_NAMES } from '../sim/variants';
import { changesAgainstBaseline, lineFigures, modelStepsIn } from './line-model';
import { figureRuns, type TraceCounts } from './site-figures';

/** `model: patched −deadproc_mutex, +KERNEL_LOCK around tsleep · lockless −deadproc_mutex`, or null when the model has no step in `func`. */
export function functionChanges(path: string, func: string): string | null {
  if (modelStepsIn(path, func).length === 0) return null;
  const parts = VARIANT_NAMES.filter((v) => v !== 'baseline').map((v) => {
    const changes = changesAgainstBaseline(v, path, func);
    return `${v} ${changes.length > 0 ? changes.join(', ') : 'unchanged'}`;
  });
  return `${func} in the model vs baseline: ${parts.join(' · ')}`;
}

/** One lens title per figure of the function's sites, e.g. `sim wait on deadproc_mutex (all its sites): baseline 12.3 µs [..] · patched removed by the patch`. */
export function functionFigures(path: string, func: string, simulation: ActivityView | null): string[] {
  if (!simulation) return [];
  const out: string[] = [];
  for (const figure of lineFigures(modelStepsIn(path, func))) {
    const text = figureRuns(figure, simulation);
    if (text) out.push(`sim ${figure.label}: ${text}`);
  }
  return out;
}

/** `trace (x.btrace): 120 reaper sleeps, 3 cross-CPU wakeups of a reaper`, or null when no count maps (or the trace is not OpenBSD's). */
export function functionTrace(path: string, func: string, trace: TraceCounts | null): string | null {
  if (!trace || trace.kernel !== 'openbsd') return null;
  const mapped = lineFigures(modelStepsIn(path, func)).filter((f) => f.trace);
  if (mapped.length === 0) return null;
  return `trace (${trace.label}): ${mapped.map((f) => `${trace.sites[f.trace!].toLocaleString('en-US')} ${f.label}`).join(', ')}`;
}
