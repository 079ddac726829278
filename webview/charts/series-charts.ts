/**
 * Charts that compare runs side by side: the exit→reap (Linux: exit→free) latency as a CDF on a
 * log axis, the dead-thread backlog over time, lock wait totals, and idle share per CPU. Each
 * run has its role's colour; what a run did not record is said, not drawn as zero.
 */
import type { ChartConfiguration } from 'chart.js';
import { latencyName, type ActivityView, type Histogram } from '../../src/core/analysis/activity-view-model';
import { formatNs } from '../format';
import { withAlpha, type Palette } from '../theme';
import { axis, baseOptions, runLabel, seriesColor, type ChartSpec } from './common';

/** Cumulative distribution as points: x = bin end in µs, y = % of the run's exits at or below it. */
export function cdfPoints(h: Histogram): { x: number; y: number }[] {
  const total = h.counts.reduce((a, b) => a + b, 0);
  if (total === 0) return [];
  let sum = 0;
  const points = [{ x: h.edgesNs[0]! / 1e3, y: 0 }];
  h.counts.forEach((c, i) => {
    sum += c;
    points.push({ x: h.edgesNs[i + 1]! / 1e3, y: (100 * sum) / total });
  });
  return points;
}

/** The span of bins that hold any count, over all histograms, ns (the whole edge range when all are empty). */
function occupiedRange(histograms: Histogram[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const h of histograms) {
    h.counts.forEach((c, i) => {
      if (c > 0) { lo = Math.min(lo, h.edgesNs[i]!); hi = Math.max(hi, h.edgesNs[i + 1]!); }
    });
  }
  if (lo > hi) {
    const edges = histograms.flatMap((h) => h.edgesNs);
    return edges.length ? [Math.min(...edges), Math.max(...edges)] : [1, 10];
  }
  return [lo, hi];
}

/** `exit→reap`, `exit→free`, or both when the view mixes OpenBSD and Linux runs. */
function latencyNames(view: ActivityView): string {
  return [...new Set(view.runs.map(latencyName))].join(' / ') || 'exit→reap';
}

export const latencyChart: ChartSpec = {
  id: 'exit-to-reap',
  title: 'Exit → reap latency (CDF)',
  perRun: false,
  titleFor: (view) => `${latencyNames(view).replaceAll('→', ' → ').replace(/^./, (c) => c.toUpperCase())} latency (CDF)`,
  caveat(view) {
    const empty = view.runs.filter((r) => r.exitToReap.counts.every((c) => c === 0)).map((r) => `${r.label}: no ${latencyName(r)} pair in this ${r.origin === 'traced' ? 'trace' : 'run'}`);
    return empty.length ? `${empty.join('; ')}.` : null;
  },
  build(view: ActivityView, _run: number, palette: Palette): ChartConfiguration {
    const [loNs, hiNs] = occupiedRange(view.runs.map((r) => r.exitToReap));
    return {
      type: 'line',
      data: {
        datasets: view.runs.map((run, i) => ({
          label: `${runLabel(view, i)}${run.kernel === 'linux' ? ', exit→free' : ''}${run.exitToReapInferred ? ', inferred' : ''}`,
          data: cdfPoints(run.exitToReap),
          stepped: 'after' as const,
          borderColor: seriesColor(palette, view, i),
          backgroundColor: withAlpha(seriesColor(palette, view, i), 0.15),
          fill: false,
          pointRadius: 0,
          borderWidth: 2,
        })),
      },
      options: {
        ...baseOptions<'line'>(palette, true),
        scales: {
          // A log axis: 58 µs and 64 µs stay apart, and a 20 ms tail still fits.
          x: axis(palette, `${latencyNames(view)} (log scale)`, {
            type: 'logarithmic',
            min: loNs / 1e3, max: hiNs / 1e3,
            ticks: {
              // Label the 1-2-5 steps as durations; within less than a decade every whole step
              // (60, 70, 80 µs), never the axis ends (58.0 µs next to 60.0 µs would overlap).
              callback: (value: number | string) => {
                const us = Number(value);
                const lead = us / 10 ** Math.floor(Math.log10(us));
                const whole = Math.abs(lead - Math.round(lead)) < 1e-6;
                return (hiNs / loNs < 10 ? whole : [1, 2, 5].some((d) => Math.abs(lead - d) < 1e-6)) ? formatNs(us * 1e3) : '';
              },
            },
          }),
          y: axis(palette, '% of exits at or below', { min: 0, max: 100 }),
        },
      },
    } as ChartConfiguration;
  },
};

export const backlogChart: ChartSpec = {
  id: 'backlog',
  title: 'Dead threads waiting to be reaped',
  perRun: false,
  caveat(view) {
    const missing = view.runs.filter((r) => !r.recorded.reaper).map((r) => r.label);
    return missing.length ? `Not recorded in ${missing.join(', ')}: no reaper thread ran (the backlog needs one).` : null;
  },
  build(view: ActivityView, _run: number, palette: Palette): ChartConfiguration {
    return {
      type: 'line',
      data: {
        datasets: view.runs.flatMap((run, i) => (run.recorded.reaper ? [{
          label: runLabel(view, i),
          data: run.backlog.map((n, bin) => ({ x: (bin * run.binNs) / 1e6, y: n })),
          borderColor: seriesColor(palette, view, i),
          backgroundColor: seriesColor(palette, view, i),
          pointRadius: 0,
          borderWidth: 1.5,
          stepped: 'after' as const,
        }] : [])),
      },
      options: {
        ...baseOptions<'line'>(palette, true),
        scales: {
          x: axis(palette, 'time (ms)', { type: 'linear', min: 0 }),
          y: axis(palette, 'dead threads', { beginAtZero: true, ticks: { precision: 0 } }),
        },
      },
    } as ChartConfiguration;
  },
};

export const lockChart: ChartSpec = {
  id: 'lock-waits',
  title: 'Lock wait time',
  perRun: false,
  caveat(view) {
    const missing = view.runs.filter((r) => !r.recorded.locks).map((r) => r.label);
    return missing.length ? `Not recorded in this trace: ${missing.join(', ')} has no lock events (btrace and ftrace do not see lock waits), so no bar is drawn for it.` : null;
  },
  build(view: ActivityView, _run: number, palette: Palette): ChartConfiguration {
    const shown = view.runs.map((r, i) => ({ r, i })).filter(({ r }) => r.recorded.locks);
    const locks = [...new Set(shown.flatMap(({ r }) => Object.keys(r.lockWaitNs)))].sort();
    return {
      type: 'bar',
      data: {
        labels: locks,
        datasets: shown.map(({ r: run, i }) => ({
          label: runLabel(view, i),
          data: locks.map((lock) => (run.lockWaitNs[lock] ?? 0) / 1e6),
          backgroundColor: seriesColor(palette, view, i),
        })),
      },
      options: {
        ...baseOptions<'bar'>(palette, false),
        plugins: {
          ...baseOptions<'bar'>(palette, false).plugins,
          tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${formatNs(Number(item.raw) * 1e6)}` } },
        },
        scales: { x: axis(palette, 'lock'), y: axis(palette, 'total wait (ms)', { beginAtZero: true }) },
      },
    } as ChartConfiguration;
  },
};

export const cpuIdleChart: ChartSpec = {
  id: 'cpu-idle',
  title: 'Idle share per CPU',
  perRun: false,
  build(view: ActivityView, _run: number, palette: Palette): ChartConfiguration {
    const cpus = Math.max(0, ...view.runs.map((r) => r.cpus));
    // Idle, not busy: on a loaded machine busy is a wall near 100 % and the differences vanish.
    const idle = (row: number[] | undefined) => (row && row.length ? 100 - (100 * row.reduce((a, b) => a + b, 0)) / row.length : 100);
    return {
      type: 'bar',
      data: {
        labels: Array.from({ length: cpus }, (_, c) => String(c)),
        datasets: view.runs.map((run, i) => ({
          label: runLabel(view, i),
          data: Array.from({ length: cpus }, (_, c) => idle(run.utilisation[c])),
          backgroundColor: seriesColor(palette, view, i),
        })),
      },
      options: {
        ...baseOptions<'bar'>(palette, false),
        scales: { x: axis(palette, 'CPU'), y: axis(palette, 'idle (% of the run)', { beginAtZero: true }) },
      },
    } as ChartConfiguration;
  },
};
