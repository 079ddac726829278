/** Options every panel chart shares: theme colours, no animation, zoom/pan along x. */
import type { ChartConfiguration, ChartOptions, ChartType } from 'chart.js';
import type { ActivityView } from '../../src/core/analysis/activity-view-model';
import type { Palette } from '../theme';

/** One chart of the panel: its id (used in export file names), title and configuration. */
export interface ChartSpec {
  id: string;
  title: string;
  /** True when it shows one run at a time (the run picker applies). */
  perRun: boolean;
  build(view: ActivityView, runIndex: number, palette: Palette): ChartConfiguration;
}

export function baseOptions<T extends ChartType>(palette: Palette, zoomable: boolean): ChartOptions<T> {
  const zoom = zoomable
    ? {
      zoom: { wheel: { enabled: true }, pinch: { enabled: true }, mode: 'x' as const },
      pan: { enabled: true, mode: 'x' as const },
      limits: { x: { min: 'original' as const, max: 'original' as const } },
    }
    : { zoom: { wheel: { enabled: false } }, pan: { enabled: false } };
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    color: palette.foreground,
    borderColor: palette.grid,
    plugins: {
      legend: { labels: { color: palette.foreground, boxWidth: 12 } },
      tooltip: { enabled: true },
      zoom,
      background: { color: palette.background },
    },
  } as ChartOptions<T>;
}

/** A themed linear/log/category axis with a title. */
export function axis(palette: Palette, title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: { display: true, text: title, color: palette.foreground },
    ticks: { color: palette.foreground },
    grid: { color: palette.grid },
    ...extra,
  };
}

/** Colour of run `i`. */
export function seriesColor(palette: Palette, i: number): string {
  return palette.series[i % palette.series.length]!;
}

/** Legend label of a run: its label, and whether it was simulated or traced. */
export function runLabel(view: ActivityView, i: number): string {
  const run = view.runs[i]!;
  return `${run.label} (${run.origin})`;
}
