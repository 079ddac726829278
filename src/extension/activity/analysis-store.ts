/**
 * The simulation and the trace loaded last: what CodeLenses, hovers and the panel show numbers
 * from. Holds binned views and counts only, never raw events.
 */
import * as vscode from 'vscode';
import type { ActivityView } from '../../core/analysis/activity-view-model';
import type { TraceCounts } from '../../core/annotations/site-figures';

export interface LoadedTrace {
  counts: TraceCounts;
  view: ActivityView;
}

export class AnalysisStore implements vscode.Disposable {
  private sim: ActivityView | null = null;
  private traced: LoadedTrace | null = null;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  get simulation(): ActivityView | null {
    return this.sim;
  }

  get trace(): LoadedTrace | null {
    return this.traced;
  }

  setSimulation(view: ActivityView | null): void {
    this.sim = view;
    this.changed.fire();
  }

  setTrace(trace: LoadedTrace | null): void {
    this.traced = trace;
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
