/**
 * Registers the chart.js pieces the panel uses (tree-shaken), the matrix controller (heatmaps),
 * the zoom/pan plugin, and two small plugins of our own: a background fill (so exported PNGs
 * carry the theme's background) and a first-paint probe for tests and the benchmark.
 */
import {
  BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController,
  LineElement, LogarithmicScale, PointElement, ScatterController, Title, Tooltip, type Plugin,
} from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import zoomPlugin from 'chartjs-plugin-zoom';

/** Fills the canvas with `options.plugins.background.color` before anything is drawn. */
const background: Plugin = {
  id: 'background',
  beforeDraw(chart, _args, options: { color?: string }) {
    if (!options.color) return;
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = options.color;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** Calls `options.plugins.paintProbe.onFirstPaint(chart)` once, after the first full render. */
const paintProbe: Plugin = {
  id: 'paintProbe',
  afterRender(chart, _args, options: { onFirstPaint?: (chart: Chart) => void }) {
    const marked = chart as Chart & { reaperscopePainted?: boolean };
    if (marked.reaperscopePainted) return;
    marked.reaperscopePainted = true;
    options.onFirstPaint?.(chart);
  },
};

let registered = false;

export function registerCharts(): void {
  if (registered) return;
  registered = true;
  Chart.register(
    BarController, BarElement, CategoryScale, Filler, Legend, LinearScale, LineController,
    LineElement, LogarithmicScale, PointElement, ScatterController, Title, Tooltip,
    MatrixController, MatrixElement, zoomPlugin, background, paintProbe,
  );
}
