/**
 * Heatmaps over time, one row per CPU (chartjs-chart-matrix): reaper activity (busy fraction of
 * each time bin) and CPU utilisation. Cells are coloured by intensity in the theme's colour.
 */
import type { ChartConfiguration, Plugin, TooltipItem } from 'chart.js';
import type { ActivityView, RunView } from '../../src/core/analysis/activity-view-model';
import { withAlpha, type Palette } from '../theme';
import { axis, baseOptions, type ChartSpec } from './common';

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

/** `full`: the cell value drawn at full intensity (values are fractions of a bin, 0..1). */
function heatmap(run: RunView, data: Cell[], palette: Palette, label: string, full: number): ChartConfiguration {
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
            return `CPU ${c.y} at ${c.x.toFixed(2)} ms: ${(c.v * 100).toFixed(0)} %`;
          },
        },
      } },
      scales: {
        x: axis(palette, 'time (ms)', { type: 'linear', min: 0, max: run.spanNs / 1e6 }),
        y: axis(palette, 'CPU', {
          type: 'linear', reverse: true, min: -0.5, max: run.cpus - 0.5,
          // One tick per CPU (every k-th when there are many), at the row centres.
          afterBuildTicks: (scale: { ticks: { value: number }[] }) => {
            const step = Math.max(1, Math.ceil(run.cpus / 16));
            scale.ticks = Array.from({ length: Math.ceil(run.cpus / step) }, (_, i) => ({ value: i * step }));
          },
        }),
      },
    },
  } as unknown as ChartConfiguration;
}

export const reaperHeatmap: ChartSpec = {
  id: 'reaper-activity',
  title: 'Reaper activity per CPU over time',
  perRun: true,
  build(view: ActivityView, runIndex: number, palette: Palette) {
    const run = view.runs[runIndex]!;
    // Colour scale: the busiest bin of any run is full intensity, so switching runs keeps one scale.
    const peak = Math.max(...view.runs.map((r) => Math.max(0, ...r.reaperBusyNs.flat()) / r.binNs), 1e-9);
    return heatmap(run, cells(run.reaperBusyNs, run, (ns) => ns / run.binNs), palette, 'reaper busy', peak);
  },
};

export const utilisationHeatmap: ChartSpec = {
  id: 'cpu-utilisation',
  title: 'CPU utilisation over time',
  perRun: true,
  build(view: ActivityView, runIndex: number, palette: Palette) {
    const run = view.runs[runIndex]!;
    return heatmap(run, cells(run.utilisation, run, (u) => u), palette, 'utilisation', 1);
  },
};
