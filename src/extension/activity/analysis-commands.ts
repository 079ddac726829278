/**
 * Simulation, traces and the "Reaper activity" panel: the commands, the work host, the panel
 * serializer and the trace custom editor, wired together. The trace commands hand a local
 * file to the worker by its path, as the trace editor does (trace-input.ts: the worker reads it
 * in pieces, the extension host never holds it); other files go as bytes.
 */
import * as vscode from 'vscode';
import type { ActivityView } from '../../core/analysis/activity-view-model';
import type { SimulationControls } from '../../protocol/messages';
import { ActivityPanel, PANEL_VIEW_TYPE, type PanelActions } from './activity-panel';
import type { AnalysisStore } from './analysis-store';
import { log } from '../common/log';
import { settings } from '../common/settings';
import { TraceEditorProvider } from '../traces/trace-editor';
import { createWorkHost } from '../work/create-work-host';
import { runWithProgress, type WorkHost } from '../work/work-host';
import { baseName } from '../common/workspace-files';
import { traceInputOf } from '../traces/trace-input';
import { pickTrace, pickTracePair } from './trace-pair-picker';
import type { DerivedModels } from '../annotations/derived-models';

/**
 * The panels the commands open, one of each: a simulation, a trace or comparison of traces, and
 * a trace set against a simulation each keep their own panel (one does not replace the other).
 */
export type PanelKind = 'simulation' | 'trace' | 'trace-vs-simulation';

export interface AnalysisApi {
  work: WorkHost;
  /** The panel of that kind opened by the commands, or the one used last (not the ones inside trace editors). */
  panel(kind?: PanelKind): ActivityPanel | null;
  traceEditors: TraceEditorProvider;
  /** What the serializer does with a panel VS Code restores after a reload. */
  restore(webviewPanel: vscode.WebviewPanel): ActivityPanel;
  /** Simulations run the models derived from the workspace tree from now on (the built-in ones when there are none). */
  useModels(models: DerivedModels): void;
}

export function registerAnalysis(context: vscode.ExtensionContext, analysis: AnalysisStore): AnalysisApi {
  const work = createWorkHost(context.extensionUri);
  const panels = new Map<PanelKind, ActivityPanel>();
  let lastUsed: ActivityPanel | null = null;
  let cancelSource: vscode.CancellationTokenSource | null = null;
  let derived: DerivedModels | null = null;

  const simulateInto = async (controls: SimulationControls, panel: ActivityPanel | null): Promise<ActivityView | null> => {
    cancelSource?.cancel();
    const source = new vscode.CancellationTokenSource();
    cancelSource = source;
    const title = `Reaperscope: simulating ${controls.variants.join(', ')} on ${controls.cpus} CPUs`;
    const { costs, durationNs } = settings();
    try {
      // The models of the open patch derived from the workspace tree ("code"), else the built-in ones, with a note saying which.
      await derived?.ready();
      const chosen = derived?.forSimulation(controls.variants) ?? null;
      const models = chosen ? { models: chosen.models, modelNote: chosen.note } : {};
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
        token.onCancellationRequested(() => source.cancel());
        return work.run({ job: 'simulate', controls, costs, durationNs, ...models }, (fraction, message) => {
          progress.report({ message });
          panel?.progress(message, fraction);
        }, source.token);
      });
      if (result.errors.length > 0) void vscode.window.showWarningMessage(`Reaperscope: reaperscope.costs: ${result.errors.join('; ')}`);
      analysis.setSimulation(result.view);
      if (chosen?.source === 'code') derived?.setLineTimes(result.lineTimes);
      panel?.show(result.view, controls);
      return result.view;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      panel?.error(message === 'cancelled' ? 'Simulation cancelled.' : `Simulation failed: ${message}`);
      if (message !== 'cancelled') {
        log().error(`simulation failed: ${message}`);
        void vscode.window.showErrorMessage(`Reaperscope: simulation failed: ${message}`);
      }
      return null;
    } finally {
      if (cancelSource === source) cancelSource = null;
      source.dispose();
    }
  };

  const actions: PanelActions = {
    runSimulation: async (controls, panel) => {
      await simulateInto(controls, panel);
    },
    cancel: () => cancelSource?.cancel(),
  };

  const titles: Record<PanelKind, string> = { 'simulation': 'Reaper activity: simulation', 'trace': 'Reaper activity: trace', 'trace-vs-simulation': 'Reaper activity: trace vs simulation' };
  const panel = (kind: PanelKind = 'trace'): ActivityPanel => {
    const existing = panels.get(kind);
    if (existing) {
      existing.panel.reveal(undefined, true);
      lastUsed = existing;
      return existing;
    }
    const created = ActivityPanel.create(context.extensionUri, actions, titles[kind]);
    panels.set(kind, created);
    lastUsed = created;
    created.onDidDispose(() => {
      if (panels.get(kind) === created) panels.delete(kind);
      if (lastUsed === created) lastUsed = null;
    });
    return created;
  };

  const traceEditors = new TraceEditorProvider(context.extensionUri, work, analysis, actions);
  TraceEditorProvider.register(context, traceEditors);
  // The webview restores its own charts from getState; the host re-attaches and waits for `ready`.
  const restore = (webviewPanel: vscode.WebviewPanel): ActivityPanel => {
    const restored = new ActivityPanel(webviewPanel, context.extensionUri, actions);
    // Its kind from its title (activity-panel.ts show: `Reaper activity: <view title>`).
    const kind: PanelKind = / vs simulation$/.test(webviewPanel.title) ? 'trace-vs-simulation' : /seed\(s\)$|: simulation$/.test(webviewPanel.title) ? 'simulation' : 'trace';
    if (!panels.has(kind)) {
      panels.set(kind, restored);
      restored.onDidDispose(() => {
        if (panels.get(kind) === restored) panels.delete(kind);
      });
    }
    lastUsed ??= restored;
    restored.onDidDispose(() => {
      if (lastUsed === restored) lastUsed = null;
    });
    return restored;
  };
  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
    async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel): Promise<void> {
      restore(webviewPanel);
    },
  }));

  const command = (id: string, run: (...args: never[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, run as (...args: unknown[]) => unknown));
  };

  command('reaperscope.simulate', (controls?: SimulationControls) => simulateInto(controls ?? settings().controls, panel('simulation')));

  command('reaperscope.showActivity', async (which?: 'simulation' | 'trace') => {
    const view = which === 'trace' ? analysis.trace?.view : which === 'simulation' ? analysis.simulation : analysis.simulation ?? analysis.trace?.view;
    const p = panel(view?.source === 'simulation' || !view ? 'simulation' : 'trace');
    if (view) p.show(view, view.source === 'simulation' ? settings().controls : null);
    else await simulateInto(settings().controls, p);
    return p;
  });

  command('reaperscope.openTrace', async (uri?: vscode.Uri) => {
    const target = uri instanceof vscode.Uri ? uri : await pickTrace('Open a trace', 'the trace to open');
    if (!target) return null;
    const fileName = baseName(target);
    const p = panel();
    const result = await runWithProgress(work, `Reaperscope: reading ${fileName}`, { job: 'trace', trace: await traceInputOf(target, work) },
      (fraction, message) => p.progress(message, fraction));
    analysis.setTrace({ counts: result.counts, view: result.view });
    p.show(result.view, null);
    return result.view;
  });

  // Before, then after (quick picks of the workspace's traces), or the explorer's two selected files.
  command('reaperscope.compareTraces', async (a?: unknown, b?: unknown) => {
    const pair = await pickTracePair(a, b);
    if (!pair) return null;
    const [ua, ub] = pair;
    const p = panel();
    const result = await runWithProgress(work, 'Reaperscope: comparing traces', {
      job: 'compare-traces',
      traces: [await traceInputOf(ua, work), await traceInputOf(ub, work)],
    }, (fraction, message) => p.progress(message, fraction));
    p.show(result.view, null);
    return result.view;
  });

  // A trace next to baseline and patched simulated on its CPU count for its span (≤ 2 s), one view.
  command('reaperscope.compareTraceWithSimulation', async (uri?: vscode.Uri) => {
    const target = uri instanceof vscode.Uri ? uri : activeTraceUri() ?? await pickTrace('Compare which trace with a simulation?', 'the trace to set against the simulation');
    if (!target) return null;
    const fileName = baseName(target);
    const { controls, costs } = settings();
    const p = panel('trace-vs-simulation');
    try {
      const result = await runWithProgress(work, `Reaperscope: ${fileName} vs simulation`, {
        job: 'trace-vs-simulation', trace: await traceInputOf(target, work), settings: { workload: controls.workload, costs, seed: 1 },
      }, (fraction, message) => p.progress(message, fraction));
      if (result.errors.length > 0) void vscode.window.showWarningMessage(`Reaperscope: reaperscope.costs: ${result.errors.join('; ')}`);
      p.show(result.view, null);
      // An OS mismatch (a Linux trace against the OpenBSD model): said in the panel and here.
      for (const warning of result.view.warnings ?? []) void vscode.window.showWarningMessage(`Reaperscope: ${warning}`);
      return result.view;
    } catch (error) {
      // As simulateInto: the panel opened for this command says why it has nothing new to show.
      const message = error instanceof Error ? error.message : String(error);
      p.error(message === 'cancelled' ? 'Cancelled.' : `Trace vs simulation failed: ${message}`);
      if (message !== 'cancelled') void vscode.window.showErrorMessage(`Reaperscope: trace vs simulation failed: ${message}`);
      return null;
    }
  });

  command('reaperscope.exportChromeTrace', async (uri?: vscode.Uri, target?: vscode.Uri) => {
    const source = uri instanceof vscode.Uri ? uri : activeTraceUri() ?? await pickTrace('Export which trace?', 'the trace to export');
    if (!source) return null;
    const fileName = baseName(source);
    const destination = target instanceof vscode.Uri ? target : await vscode.window.showSaveDialog({
      title: 'Export to Chrome Trace JSON', filters: { 'Chrome Trace JSON': ['json'] },
      defaultUri: source.with({ path: source.path.replace(/\.[^./]*$/, '') + '.trace.json' }),
    });
    if (!destination) return null;
    const result = await runWithProgress(work, `Reaperscope: exporting ${fileName}`, { job: 'chrome-trace', trace: await traceInputOf(source, work) });
    await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(result.json));
    void vscode.window.showInformationMessage(`Reaperscope: wrote ${result.events} events to ${baseName(destination)} (open in Perfetto or chrome://tracing).`);
    return destination;
  });

  command('reaperscope.clearAnalysis', () => {
    analysis.setSimulation(null);
    analysis.setTrace(null);
  });

  context.subscriptions.push(work);
  return {
    work, panel: (kind?: PanelKind) => (kind ? panels.get(kind) ?? null : lastUsed), traceEditors, restore,
    useModels: (models) => { derived = models; },
  };
}

/** The trace behind the active custom editor tab, if any. */
function activeTraceUri(): vscode.Uri | null {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom && input.viewType.startsWith('reaperscope.trace') ? input.uri : null;
}
