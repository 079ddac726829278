/**
 * The events a trace keeps only as instants (Linux events besides the scheduler's) on the
 * timeline: a mark per event at its time, in its CPU's row, one shape and colour per event
 * name. Hovering a mark shows its name and fields in the tooltip and in the line under the
 * chart (readable by screen readers). Shown only for views whose runs have instants.
 */
import type { ChartConfiguration, ChartEvent, ActiveElement, Chart, TooltipItem } from 'chart.js';
import type { ActivityView } from '../../src/core/analysis/activity-view-model';
import type { InstantMarks } from '../../src/core/analysis/instant-marks';
import type { Palette, SeriesRole } from '../theme';
import { baseOptions, cpuTimeScales, type ChartSpec } from './common';

interface Point { x: number; y: number; fields: string }

/** Colours and shapes the names take in turn. */
const ROLES: SeriesRole[] = ['trace', 'baseline', 'patched', 'lockless', 'before', 'after', 'other'];
const SHAPES = ['rectRot', 'triangle', 'circle', 'rect', 'star', 'crossRot', 'rectRounded'] as const;

/** A mark as text: `NAME on CPU C at T ms: FIELDS`. */
export function describeMark(name: string, p: Point): string {
  return `${name} on CPU ${p.y} at ${p.x.toFixed(3)} ms${p.fields ? `: ${p.fields}` : ''}`;
}

function datasets(marks: InstantMarks, palette: Palette): { label: string; data: Point[]; backgroundColor: string; borderColor: string; pointStyle: string; pointRadius: number; pointHoverRadius: number }[] {
  const byName = marks.names.map((): Point[] => []);
  for (const m of marks.marks) byName[m.name]!.push({ x: m.tNs / 1e6, y: m.cpu, fields: m.fields });
  return marks.names.map((label, i) => {
    const color = palette.roles[ROLES[i % ROLES.length]!];
    return { label, data: byName[i]!, backgroundColor: color, borderColor: color, pointStyle: SHAPES[i % SHAPES.length]!, pointRadius: 5, pointHoverRadius: 8 };
  });
}

export const instantMarksChart: ChartSpec = {
  id: 'other-events',
  title: 'Other events per CPU over time (hover a mark for its fields)',
  perRun: true,
  shown: (view: ActivityView) => view.runs.some((r) => r.instants !== undefined),
  caveat: (view, runIndex) => {
    const run = view.runs[runIndex];
    if (!run) return null;
    if (!run.instants) return `None in ${run.label}.`;
    const { total, marks } = run.instants;
    return total > marks.length ? `${marks.length} of ${total} events shown, evenly spaced over the recording.` : null;
  },
  build(view: ActivityView, runIndex: number, palette: Palette): ChartConfiguration {
    const run = view.runs[runIndex]!;
    const options = baseOptions<'scatter'>(palette, true);
    const detail = (chart: Chart): HTMLElement | null => chart.canvas.closest('figure')?.querySelector('.mark-detail') ?? null;
    return {
      type: 'scatter',
      data: { datasets: run.instants ? datasets(run.instants, palette) : [] },
      options: {
        ...options,
        onHover: (_event: ChartEvent, active: ActiveElement[], chart: Chart) => {
          const line = detail(chart);
          const hit = active[0];
          if (!line || !hit) return;
          const dataset = chart.data.datasets[hit.datasetIndex]!;
          line.textContent = describeMark(String(dataset.label), dataset.data[hit.index] as Point);
        },
        plugins: {
          ...options.plugins,
          tooltip: { callbacks: { label: (item: TooltipItem<'scatter'>) => describeMark(String(item.dataset.label), item.raw as Point) } },
        },
        scales: cpuTimeScales(palette, run),
      },
    } as unknown as ChartConfiguration;
  },
};
