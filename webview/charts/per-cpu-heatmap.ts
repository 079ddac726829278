/**
 * Heatmaps over time, one row per CPU (chartjs-chart-matrix): reaper activity (busy fraction of
 * each time bin), CPU utilisation (coloured over the range it spans, so a machine near 100 % is
 * not a flat wall), idle hops and cross-CPU wakeups. Cells are coloured by intensity in the
 * theme's colour; each has a legend saying what full intensity is.
 */
import type { ChartConfiguration, Plugin, TooltipItem } from 'chart.js';
import type { ActivityView, RunView } from '../../src/core/analysis/activity-view-model';
import { withAlpha, type Palette } from '../theme';
import { baseOptions, cpuTimeScales, type ChartSpec, type HeatLegend } from './common';
import { formatMetric } from '../format';

interface Cell { x: number; y: number; v: number }

/** Intensity levels of the heatmap colour ramp. */
const RAMP_STEPS = 32;

/** Builds cells from a [cpu][bin] grid; `scale` maps a value to 0..1. */
function cells(grid: number[][], run: RunView, scale: (v: number) => number): Cell[] {
  const out: Cell[] = [];
  const binMs = run.binNs / 1e6;
  grid.forEach((row, cpu) => row.forEach((value, bin) => {
    if (value > 0) out.push({ x: (bin + 0.5) * binMs, y: cpu, v: Math.min(1, scale(value)) });
  }));
  return out;
}

/**
 * `full`: the cell value drawn at full intensity (cells hold 0..1 after their scale);
 * `describe`: a cell's value for its tooltip.
 */
function heatmap(run: RunView, data: Cell[], palette: Palette, label: string, full: number, describe: (v: number) => string = (v) => `${(v * 100).toFixed(0)} %`): ChartConfiguration {
  const binMs = run.binNs / 1e6;
  const options = baseOptions<'matrix'>(palette, true);
  // Colours precomputed once: parsing a colour per cell costs ~40 µs, times thousands of cells.
  const ramp = Array.from({ length: RAMP_STEPS + 1 }, (_, i) => withAlpha(palette.heat, 0.1 + (0.9 * i) / RAMP_STEPS));
  // One dataset per intensity level with constant options: chart.js then shares one resolved
  // options object across the level's cells instead of resolving scriptables per cell.
  const levels = new Map<number, Cell[]>();
  for (const cell of data) {
    const level = Math.round(RAMP_STEPS * Math.min(1, cell.v / full));
    let cells = levels.get(level);
    if (!cells) levels.set(level, (cells = []));
    cells.push(cell);
  }
  const datasets = [...levels].sort((a, b) => a[0] - b[0]).map(([level, cells]) => ({
    label, data: cells, backgroundColor: ramp[level], borderWidth: 0, width: 1, height: 1,
  }));
  /** Sizes the cells from the laid-out scales (one bin wide, one CPU high) before the datasets update. */
  const cellSize: Plugin<'matrix'> = {
    id: 'cellSize',
    beforeDatasetsUpdate(chart) {
      const x = chart.scales.x;
      const width = x ? Math.max(1, Math.abs(x.getPixelForValue(binMs) - x.getPixelForValue(0))) : 1;
      const height = Math.max(1, (chart.chartArea?.height ?? 0) / Math.max(1, run.cpus) - 1);
      for (const dataset of chart.data.datasets as { width: number; height: number }[]) {
        dataset.width = width;
        dataset.height = height;
      }
    },
  };
  return {
    type: 'matrix',
    data: { datasets },
    plugins: [cellSize],
    options: {
      ...options,
      plugins: { ...options.plugins, legend: { display: false }, tooltip: {
        callbacks: {
          title: () => '',
          label: (item: TooltipItem<'matrix'>) => {
            const c = item.raw as Cell;
            return `CPU ${c.y} at ${c.x.toFixed(2)} ms: ${describe(c.v)}`;
          },
        },
      } },
      scales: cpuTimeScales(palette, run),
    },
  } as unknown as ChartConfiguration;
}

const percent = (v: number): string => `${(v * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })} %`;

/** The busiest bin of any run as a fraction of a bin, so switching runs keeps one scale. */
const reaperPeak = (view: ActivityView): number => Math.max(...view.runs.map((r) => Math.max(0, ...r.reaperBusyNs.flat()) / r.binNs), 1e-9);

export const reaperHeatmap: ChartSpec = {
  id: 'reaper-activity',
  title: 'Reaper activity per CPU over time',
  perRun: true,
  caveat: (view, runIndex) => (view.runs[runIndex]?.recorded.reaper === false
    ? `Not recorded in this trace: no reaper thread ran in ${view.runs[runIndex]!.label}${view.runs[runIndex]!.kernel === 'linux' ? ' (Linux has no reaper; see exit→free)' : ''}.`
    : null),
  legend: (view): HeatLegend => ({ label: 'reaper busy, share of the time bin', low: '0 %', high: percent(reaperPeak(view)) }),
  build(view: ActivityView, runIndex: number, palette: Palette) {
    const run = view.runs[runIndex]!;
    return heatmap(run, cells(run.reaperBusyNs, run, (ns) => ns / run.binNs), palette, 'reaper busy', reaperPeak(view));
  },
};

/** The range the utilisation cells span over all runs: the colour ramp covers it, not 0..100 %. */
function utilisationRange(view: ActivityView): [number, number] {
  let lo = 1;
  let hi = 0;
  for (const r of view.runs) for (const row of r.utilisation) for (const u of row) {
    lo = Math.min(lo, u);
    hi = Math.max(hi, u);
  }
  return hi > lo ? [lo, hi] : [Math.max(0, hi - 0.01), Math.max(hi, 0.01)];
}

export const utilisationHeatmap: ChartSpec = {
  id: 'cpu-utilisation',
  title: 'CPU utilisation over time',
  perRun: true,
  legend: (view): HeatLegend => {
    const [lo, hi] = utilisationRange(view);
    return { label: 'busy share of the time bin (the colours span the range seen)', low: percent(lo), high: percent(hi) };
  },
  build(view: ActivityView, runIndex: number, palette: Palette) {
    const run = view.runs[runIndex]!;
    const [lo, hi] = utilisationRange(view);
    // A bin at the bottom of the range still gets the ramp's lightest colour (cells of 0 are not drawn).
    const scaled = run.utilisation.map((row) => row.map((u) => (u > 0 ? Math.max(1e-6, (u - lo) / (hi - lo)) : 0)));
    return heatmap(run, cells(scaled, run, (v) => v), palette, 'utilisation', 1, (v) => percent(lo + v * (hi - lo)));
  },
};

/** A per-CPU count over time (events per bin), one scale over all runs. */
function countHeatmap(id: string, title: string, what: string, grid: (r: RunView) => number[][]): ChartSpec {
  const peak = (view: ActivityView): number => Math.max(1, ...view.runs.map((r) => Math.max(0, ...grid(r).flat())));
  return {
    id, title, perRun: true,
    legend: (view): HeatLegend => ({ label: `${what} per CPU per time bin`, low: '1', high: formatMetric(peak(view), 'count') }),
    caveat: (view, runIndex) => {
      const run = view.runs[runIndex];
      return run && grid(run).every((row) => row.every((v) => v === 0)) ? `None in ${run.label}.` : null;
    },
    build(view: ActivityView, runIndex: number, palette: Palette) {
      const run = view.runs[runIndex]!;
      const full = peak(view);
      return heatmap(run, cells(grid(run), run, (n) => n / full), palette, what, 1, (v) => `${formatMetric(Math.round(v * full), 'count')} ${what}`);
    },
  };
}

export const idleHopsHeatmap = countHeatmap('idle-hops', 'Idle hops per CPU over time', 'idle hops', (r) => r.idleHops);
export const crossCpuWakeupsHeatmap = countHeatmap('cross-cpu-wakeups', 'Cross-CPU wakeups per CPU over time (waker\'s CPU)', 'cross-CPU wakeups', (r) => r.crossCpuWakeups);
