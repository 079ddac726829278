/**
 * The "Reaper activity" panel: header, optional simulation controls, status line, the charts,
 * the metrics table and notes. Renders an ActivityView; talks to the host through `Host`.
 */
import { Chart, type ChartConfiguration } from 'chart.js';
import type { ActivityView } from '../src/core/analysis/activity-view-model';
import type { HostToWebview, SimulationControls } from '../src/protocol/messages';
import { type ChartSpec } from './charts/common';
import { crossCpuWakeupsHeatmap, idleHopsHeatmap, reaperHeatmap, utilisationHeatmap } from './charts/per-cpu-heatmap';
import { backlogChart, cpuIdleChart, latencyChart, lockChart } from './charts/series-charts';
import { instantMarksChart } from './charts/instant-marks-chart';
import { controlsForm, type ControlsForm } from './controls';
import { metricsCsv } from './csv';
import { el } from './dom';
import type { Host } from './host';
import { metricsTable } from './metrics-table';
import { modelCostsSection } from './model-costs';
import { readPalette, withAlpha, type Palette } from './theme';

/** The charts, in display order. */
export const chartSpecs: ChartSpec[] = [
  reaperHeatmap, latencyChart, idleHopsHeatmap, crossCpuWakeupsHeatmap, backlogChart, lockChart, utilisationHeatmap, cpuIdleChart, instantMarksChart,
];

/** Fired on `document` once every chart of a `show` has painted; detail.ms = time since the data arrived. */
export const paintedEvent = 'reaperscope-painted';

export class Panel {
  private readonly charts = new Map<string, Chart>();
  private view: ActivityView | null = null;
  private controls: SimulationControls | null = null;
  private runIndex = 0;
  private palette: Palette;
  private form: ControlsForm | null = null;
  /** True from a progress message until the next show or error: only then can Cancel do anything. */
  private busy = false;
  private readonly status = el('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
  private readonly body = el('main', { class: 'panel-body' });

  constructor(private readonly root: HTMLElement, private readonly host: Host) {
    this.palette = readPalette(document);
    root.append(this.status, this.body);
  }

  /** Handles one host message (exhaustive over HostToWebview). */
  handle(message: HostToWebview): void {
    switch (message.type) {
      case 'show':
        this.show(message.view, message.controls, 0);
        return;
      case 'progress':
        this.setBusy(true);
        this.setStatus(message.message, message.fraction, false);
        return;
      case 'error':
        this.setBusy(false);
        this.setStatus(message.message, null, true);
        return;
      default: {
        // A message type added to the protocol must be handled here: this fails to compile until it is.
        const unhandled: never = message;
        this.setStatus(`Unknown message from the extension: ${JSON.stringify(unhandled)}`, null, true);
      }
    }
  }

  show(view: ActivityView, controls: SimulationControls | null, runIndex: number): void {
    const arrived = performance.now();
    this.view = view;
    this.controls = controls;
    this.runIndex = Math.min(Math.max(0, runIndex), Math.max(0, view.runs.length - 1));
    this.host.setState({ view, controls, runIndex: this.runIndex });
    this.busy = false;
    this.setStatus('', null, false);
    this.render(arrived);
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.form?.setBusy(busy);
  }

  /** Re-reads the theme and redraws (VS Code switched colour theme). */
  retheme(): void {
    this.palette = readPalette(document);
    if (this.view) this.render(performance.now());
  }

  private setStatus(text: string, fraction: number | null, isError: boolean): void {
    this.status.replaceChildren();
    this.status.classList.toggle('error', isError);
    if (!text) return;
    const bar = isError ? null : el('vscode-progress-bar', { 'aria-label': text, ...(fraction === null ? { indeterminate: true } : { value: String(fraction), max: '1' }) });
    this.status.append(...[bar, el('span', {}, text)].filter((n): n is HTMLElement => n !== null));
  }

  private render(arrived: number): void {
    const view = this.view!;
    for (const chart of this.charts.values()) chart.destroy();
    this.charts.clear();
    const figures = chartSpecs.filter((spec) => spec.shown?.(view) ?? true).map((spec) => this.figure(spec));
    this.form = this.host.interactive && this.controls ? controlsForm(this.controls, {
      run: (controls) => {
        this.setBusy(true);
        this.host.post({ type: 'run-simulation', controls });
      },
      cancel: () => this.host.post({ type: 'cancel' }),
    }) : null;
    this.form?.setBusy(this.busy);
    this.body.replaceChildren(
      this.header(view),
      ...(view.warnings?.length ? [el('div', { class: 'warnings', role: 'alert' }, ...view.warnings.map((w) => el('p', {}, el('span', { class: 'codicon codicon-warning' }), ' ', w)))] : []),
      ...(this.form ? [this.form.element] : []),
      view.runs.length ? el('div', { class: 'charts' }, ...figures.map((f) => f.figure)) : el('p', { class: 'empty' }, 'No runs to show.'),
      el('h2', {}, 'Metrics'),
      metricsTable(view),
      ...modelCostsSection(view),
      ...(view.notes.length ? [el('ul', { class: 'notes' }, ...view.notes.map((n) => el('li', {}, n)))] : []),
    );
    if (!view.runs.length) return;
    let pending = figures.length;
    const onFirstPaint = () => {
      if (--pending === 0) document.dispatchEvent(new CustomEvent(paintedEvent, { detail: { ms: performance.now() - arrived, charts: figures.length } }));
    };
    for (const { spec, canvas } of figures) this.draw(spec, canvas, onFirstPaint);
  }

  private draw(spec: ChartSpec, canvas: HTMLCanvasElement, onFirstPaint: () => void): void {
    const config = spec.build(this.view!, this.runIndex, this.palette) as ChartConfiguration & { options: { plugins: Record<string, unknown> } };
    config.options.plugins.paintProbe = { onFirstPaint };
    // Which colour each series has, for tests and tools (the same colour per variant in every chart).
    const series = (config.data.datasets as { label?: string; borderColor?: unknown; backgroundColor?: unknown }[])
      .filter((d) => d.label && config.type !== 'matrix')
      .map((d) => ({ label: d.label!, color: String(config.type === 'bar' ? d.backgroundColor : d.borderColor) }));
    canvas.dataset.series = JSON.stringify(series);
    canvas.dataset.background = this.palette.background;
    this.charts.set(spec.id, new Chart(canvas, config));
  }

  private header(view: ActivityView): HTMLElement {
    const origins = [...new Set(view.runs.map((r) => r.origin))].join(' and ');
    const csv = el('vscode-button', { id: 'export-csv', secondary: true, icon: 'table' }, 'Export CSV');
    csv.addEventListener('click', () => this.exportCsv());
    const parts: HTMLElement[] = [
      el('h1', {}, view.title),
      el('vscode-badge', { class: 'source' }, `${view.source}, ${origins || 'no runs'}`),
    ];
    if (view.runs.length > 1) parts.push(this.runPicker(view));
    parts.push(csv);
    return el('header', { class: 'panel-header' }, ...parts);
  }

  private runPicker(view: ActivityView): HTMLElement {
    const select = el('vscode-single-select', { id: 'run-picker', 'aria-label': 'Run shown per CPU' },
      ...view.runs.map((r, i) => el('vscode-option', { value: String(i), selected: i === this.runIndex }, `${r.label} (${r.origin})`)));
    select.addEventListener('change', () => {
      this.runIndex = Number((select as HTMLElement & { value: string }).value);
      this.host.setState({ view, controls: this.controls, runIndex: this.runIndex });
      for (const spec of chartSpecs.filter((s) => s.perRun)) {
        const old = this.charts.get(spec.id);
        if (!old) continue;
        const canvas = old.canvas;
        old.destroy();
        this.draw(spec, canvas, () => undefined);
        const figure = canvas.closest('figure');
        if (figure) this.annotate(spec, figure);
      }
    });
    return el('label', { class: 'field inline' }, el('span', {}, 'Per-CPU charts:'), select);
  }

  private figure(spec: ChartSpec): { spec: ChartSpec; figure: HTMLElement; canvas: HTMLCanvasElement } {
    const canvas = el('canvas', { id: `chart-${spec.id}`, role: 'img', 'aria-label': spec.title });
    canvas.addEventListener('dblclick', () => this.charts.get(spec.id)?.resetZoom());
    const png = el('vscode-button', { class: 'export-png', secondary: true, icon: 'device-camera', 'data-chart': spec.id, title: `Export ${spec.title} as PNG` }, 'PNG');
    png.addEventListener('click', () => this.exportPng(spec.id));
    const title = spec.titleFor && this.view ? spec.titleFor(this.view) : spec.title;
    const caption = el('figcaption', {}, el('span', { class: 'chart-title' }, title), png);
    const figure = el('figure', { class: `chart${spec.perRun ? ' per-run' : ''}`, 'data-chart': spec.id }, caption, el('div', { class: 'chart-box' }, canvas),
      ...(spec.id === instantMarksChart.id ? [el('p', { class: 'mark-detail', role: 'status', 'aria-live': 'polite' })] : []));
    this.annotate(spec, figure);
    return { spec, canvas, figure };
  }

  /** The figure's colour legend (heatmaps) and what it cannot show for this view, for the run shown. */
  private annotate(spec: ChartSpec, figure: HTMLElement): void {
    const view = this.view;
    if (!view) return;
    figure.querySelectorAll(':scope > .heat-legend, :scope > .caveat').forEach((n) => n.remove());
    if (spec.legend && view.runs.length) {
      const legend = spec.legend(view, this.runIndex);
      const ramp = el('span', { class: 'ramp', 'aria-hidden': 'true' });
      // Set through the CSSOM (allowed under the nonce-only CSP, unlike a style attribute).
      ramp.style.background = `linear-gradient(to right, ${withAlpha(this.palette.heat, 0.1)}, ${withAlpha(this.palette.heat, 1)})`;
      figure.append(el('div', { class: 'heat-legend', 'data-chart': spec.id },
        el('span', { class: 'legend-label' }, `${legend.label}:`), el('span', { class: 'low' }, legend.low), ramp, el('span', { class: 'high' }, legend.high)));
    }
    const caveat = view.runs.length ? spec.caveat?.(view, this.runIndex) : null;
    if (caveat) figure.append(el('p', { class: 'caveat', 'data-chart': spec.id }, caveat));
  }

  private exportPng(id: string): void {
    const chart = this.charts.get(id);
    if (!chart) return;
    const dataUrl = chart.toBase64Image('image/png');
    if (this.host.interactive) this.host.post({ type: 'export', format: 'png', dataUrl, chart: id });
    else download(dataUrl, `reaperscope-${id}.png`);
  }

  private exportCsv(): void {
    if (!this.view) return;
    const csv = metricsCsv(this.view);
    if (this.host.interactive) this.host.post({ type: 'export', format: 'csv', csv });
    else download(URL.createObjectURL(new Blob([csv], { type: 'text/csv' })), 'reaperscope-metrics.csv');
  }
}

/** Saves a URL as a file (HTML report only: VS Code webviews cannot download). */
function download(url: string, fileName: string): void {
  const link = el('a', { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
}
