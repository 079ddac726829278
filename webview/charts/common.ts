/** Options every panel chart shares: theme colours, no animation, zoom/pan along x, one colour per run role. */
import type { ChartConfiguration, ChartOptions, ChartType } from 'chart.js';
import type { ActivityView } from '../../src/core/analysis/activity-view-model';
import type { Palette, SeriesRole } from '../theme';

/** A colour scale drawn under a heatmap: what full intensity means. */
export interface HeatLegend {
  /** What the colour measures, with its unit, e.g. `reaper busy, % of the bin`. */
  label: string;
  /** Values at the light and the full end of the ramp, as text. */
  low: string;
  high: string;
}

/** One chart of the panel: its id (used in export file names), title and configuration. */
export interface ChartSpec {
  id: string;
  title: string;
  /** True when it shows one run at a time (the run picker applies). */
  perRun: boolean;
  /** The title for this view when it depends on it (Linux runs: exit→free). */
  titleFor?(view: ActivityView): string;
  /** What the chart cannot show for this view ("not recorded in this trace"), shown under it. */
  caveat?(view: ActivityView, runIndex: number): string | null;
  /** Whether the chart is drawn for this view at all (default: always). */
  shown?(view: ActivityView): boolean;
  /** Heatmaps: the colour scale. */
  legend?(view: ActivityView, runIndex: number): HeatLegend;
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

/**
 * A themed linear/log/category axis with a title. Tick labels never overlap: horizontal, and
 * skipped (with padding) when they do not fit.
 */
export function axis(palette: Palette, title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { ticks, ...rest } = extra as { ticks?: Record<string, unknown> };
  return {
    title: { display: true, text: title, color: palette.foreground },
    ticks: { color: palette.foreground, autoSkip: true, autoSkipPadding: 12, maxRotation: 0, ...ticks },
    grid: { color: palette.grid },
    ...rest,
  };
}

/** The axes of a chart over time with a row per CPU: time in ms over the run's span, CPUs top to bottom. */
export function cpuTimeScales(palette: Palette, run: { spanNs: number; cpus: number }): Record<string, unknown> {
  return {
    x: axis(palette, 'time (ms)', { type: 'linear', min: 0, max: run.spanNs / 1e6 }),
    y: axis(palette, 'CPU', {
      type: 'linear', reverse: true, min: -0.5, max: run.cpus - 0.5,
      // One tick per CPU (every k-th when there are many), at the row centres.
      afterBuildTicks: (scale: { ticks: { value: number }[] }) => {
        const step = Math.max(1, Math.ceil(run.cpus / 16));
        scale.ticks = Array.from({ length: Math.ceil(run.cpus / step) }, (_, i) => ({ value: i * step }));
      },
    }),
  };
}

/** What run `i` is: its variant when simulated; a trace alone, or before/after in a comparison of two. */
export function runRole(view: ActivityView, i: number): SeriesRole {
  const run = view.runs[i]!;
  if (run.origin === 'simulated') return run.label === 'baseline' || run.label === 'patched' || run.label === 'lockless' ? run.label : 'other';
  const traced = view.runs.map((r, k) => (r.origin === 'traced' ? k : -1)).filter((k) => k >= 0);
  if (traced.length === 1) return 'trace';
  return traced.indexOf(i) === 0 ? 'before' : traced.indexOf(i) === 1 ? 'after' : 'other';
}

/** Colour of run `i`: the colour of its role, the same in every chart. */
export function seriesColor(palette: Palette, view: ActivityView, i: number): string {
  return palette.roles[runRole(view, i)];
}

/** Legend label of a run: its label, and whether it was simulated or traced. */
export function runLabel(view: ActivityView, i: number): string {
  const run = view.runs[i]!;
  return `${run.label} (${run.origin})`;
}
