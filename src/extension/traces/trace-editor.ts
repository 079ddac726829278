/**
 * The read-only custom editor for trace files (`*.btrace`, `*.ftrace`; an option for `.txt`,
 * `.log` and trace-cmd's binary `.dat`): reads the trace in the worker (a local file by its
 * path, see trace-input.ts: the worker reads a trace.dat by offset, text in pieces) and shows it
 * in a "Reaper activity" panel inside the editor. The file is never written.
 */
import * as vscode from 'vscode';
import { ActivityPanel, type PanelActions } from '../activity/activity-panel';
import type { AnalysisStore } from '../activity/analysis-store';
import type { WorkHost } from '../work/work-host';
import { runWithProgress } from '../work/work-host';
import { baseName } from '../common/workspace-files';
import { traceInputOf } from './trace-input';

export const TRACE_EDITOR_VIEW_TYPES = ['reaperscope.trace', 'reaperscope.traceText', 'reaperscope.traceDat'] as const;

class TraceDocument implements vscode.CustomDocument {
  constructor(readonly uri: vscode.Uri) {}
  dispose(): void {}
}

export class TraceEditorProvider implements vscode.CustomReadonlyEditorProvider<TraceDocument> {
  /** The panels of open trace editors, by document URI (for tests and "Export to Chrome Trace"). */
  readonly panels = new Map<string, ActivityPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly work: WorkHost,
    private readonly analysis: AnalysisStore,
    private readonly actions: PanelActions,
  ) {}

  openCustomDocument(uri: vscode.Uri): TraceDocument {
    return new TraceDocument(uri);
  }

  async resolveCustomEditor(document: TraceDocument, webviewPanel: vscode.WebviewPanel): Promise<void> {
    const panel = new ActivityPanel(webviewPanel, this.extensionUri, this.actions);
    const key = document.uri.toString();
    this.panels.set(key, panel);
    panel.onDidDispose(() => {
      if (this.panels.get(key) === panel) this.panels.delete(key);
    });
    const fileName = baseName(document.uri);
    try {
      const trace = await traceInputOf(document.uri, this.work);
      const result = await runWithProgress(this.work, `Reaperscope: reading ${fileName}`, { job: 'trace', trace },
        (fraction, message) => panel.progress(message, fraction));
      this.analysis.setTrace({ counts: result.counts, view: result.view });
      panel.show(result.view, null);
    } catch (error) {
      panel.error(`Could not read ${fileName} as a trace: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  static register(context: vscode.ExtensionContext, provider: TraceEditorProvider): void {
    for (const viewType of TRACE_EDITOR_VIEW_TYPES) {
      context.subscriptions.push(vscode.window.registerCustomEditorProvider(viewType, provider, {
        webviewOptions: { retainContextWhenHidden: false },
        supportsMultipleEditorsPerDocument: true,
      }));
    }
  }
}
