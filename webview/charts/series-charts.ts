/**
 * Charts that compare runs side by side: exit→reap latency distributions, dead-thread backlog
 * over time, lock wait totals, and mean utilisation per CPU.
 */
import type { ChartConfiguration } from 'chart.js';
import type { ActivityView, Histogram } from '../../src/core/analysis/activity-view-model';
import { formatNs } from '../format';
import { withAlpha, type Palette } from '../theme';
import { axis, baseOptions, runLabel, seriesColor, type ChartSpec } from './common';

/** Histogram as step points: x = bin start in µs, y = % of that run's exits. */
function histogramPoints(h: Histogram): { x: number; y: number }[] {
  const total = h.counts.reduce((a, b) => a + b, 0) || 1;
  const points = h.counts.map((c, i) => ({ x: h.edgesNs[i]! / 1e3, y: (100 * c) / total }));
  const last = h.edgesNs.at(-1);
  if (last !== undefined && points.length) points.push({ x: last / 1e3, y: 0 });
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
    return edges.length ? [Math.min(...edges), Math.max(...edges)] : [0, 1];
  }
  return [lo, hi];
}

export const latencyChart: ChartSpec = {
  id: 'exit-to-reap',
  title: 'Exit → reap latency',
  perRun: false,
  build(view: ActivityView, _run: number, palette: Palette): ChartConfiguration {
    const [loNs, hiNs] = occupiedRange(view.runs.map((r) => r.exitToReap));
    const spread = loNs > 0 ? hiNs / loNs : 1;
    const log = spread > 100;
    return {
      type: 'line',
      data: {
        datasets: view.runs.map((run, i) => ({
          label: `${runLabel(view, i)}${run.exitToReapInferred ? ', inferred' : ''}`,
          data: histogramPoints(run.exitToReap),
          stepped: 'before' as const,
          borderColor: seriesColor(palette, i),
          backgroundColor: withAlpha(seriesColor(palette, i), 0.15),
          fill: true,
          pointRadius: 0,
          borderWidth: 2,
        })),
      },
      options: {
        ...baseOptions<'line'>(palette, true),
        scales: {
          x: axis(palette, 'exit → reap', {
            type: log ? 'logarithmic' : 'linear',
            min: loNs / 1e3, max: hiNs / 1e3,
            ticks: {
              color: palette.foreground,
              // Log axes: label the 1-2-5 steps only, as durations.
              callback: (value: number | string) => {
                const us = Number(value);
                const lead = us / 10 ** Math.floor(Math.log10(us));
                return !log || [1, 2, 5].some((d) => Math.abs(lead - d) < 1e-6) ? formatNs(us * 1e3) : '';
              },
            },
          }),
          y: axis(palette, '% of exits', { beginAtZero: true }),
        },
      },
    } as ChartConfiguration;
  },
};

export const backlogChart: ChartSpec = {
  id: 'backlog',
  title: 'Dead threads waiting to be reaped',
  perRun: false,
  build(view: ActivityView, _run: number, palette: Palette): ChartConfiguration {
    return {
      type: 'line',
      data: {
        datasets: view.runs.map((run, i) => ({
          label: runLabel(view, i),
          data: run.backlog.map((n, bin) => ({ x: (bin * run.binNs) / 1e6, y: n })),
          borderColor: seriesColor(palette, i),
          backgroundColor: seriesColor(palette, i),
          pointRadius: 0,
          borderWidth: 1.5,
          stepped: 'after' as const,
        })),
      },
      options: {
        ...baseOptions<'line'>(palette, true),
        scales: {
          x: axis(palette, 'time (ms)', { type: 'linear', min: 0 }),
          y: axis(palette, 'dead threads', { beginAtZero: true, ticks: { color: palette.foreground, precision: 0 } }),
        },
      },
    } as ChartConfiguration;
  },
};

export const lockChart: ChartSpec = {
  id: 'lock-waits',
  title: 'Lock wait time',
  perRun: false,
  build(view: ActivityView, _run: number, palette: Palette): ChartConfiguration {
    const locks = [...new Set(view.runs.flatMap((r) => Object.keys(r.lockWaitNs)))].sort();
    return {
      type: 'bar',
      data: {
        labels: locks,
        datasets: view.runs.map((run, i) => ({
          label: runLabel(view, i),
          data: locks.map((lock) => (run.lockWaitNs[lock] ?? 0) / 1e6),
          backgroundColor: seriesColor(palette, i),
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

export const cpuUtilisationChart: ChartSpec = {
  id: 'cpu-utilisation-mean',
  title: 'Mean utilisation per CPU',
  perRun: false,
  build(view: ActivityView, _run: number, palette: Palette): ChartConfiguration {
    const cpus = Math.max(0, ...view.runs.map((r) => r.cpus));
    const mean = (row: number[] | undefined) => (row && row.length ? (100 * row.reduce((a, b) => a + b, 0)) / row.length : 0);
    return {
      type: 'bar',
      data: {
        labels: Array.from({ length: cpus }, (_, c) => String(c)),
        datasets: view.runs.map((run, i) => ({
          label: runLabel(view, i),
          data: Array.from({ length: cpus }, (_, c) => mean(run.utilisation[c])),
          backgroundColor: seriesColor(palette, i),
        })),
      },
      options: {
        ...baseOptions<'bar'>(palette, false),
        scales: { x: axis(palette, 'CPU'), y: axis(palette, 'utilisation (%)', { beginAtZero: true, max: 100 }) },
      },
    } as ChartConfiguration;
  },
};
