/**
 * A CodeLens above each function an open patch touches: lines added and removed and hunks,
 * and with a simulation or trace loaded, its numbers for that function's part of the exit path.
 */
import * as vscode from 'vscode';
import type { AnalysisStore } from '../activity/analysis-store';
import { describeSteps, exitPathSteps, stepLocks } from '../../core/annotations/exit-path-steps';
import { lockWaitSummary, simulationSummary, sitesIn, traceSummary } from '../../core/annotations/function-numbers';
import { describeChange, touchedFunctions } from '../../core/patch/c/touched-functions';
import type { ReviewStore } from '../review/review-session';
import { settings } from '../common/settings';

export class PatchCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly store: ReviewStore, private readonly analysis: AnalysisStore) {
    this.subscriptions = [
      store.onDidChange(() => this.changed.fire()),
      analysis.onDidChange(() => this.changed.fire()),
      vscode.languages.registerCodeLensProvider([{ scheme: 'file' }, { scheme: 'vscode-vfs' }, { scheme: 'untitled' }], this),
    ];
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const review = settings().codeLens ? this.store.fileFor(doc.uri) : null;
    if (!review) return [];
    const text = doc.getText();
    const lines = text.split(/\r?\n/);
    const lenses: vscode.CodeLens[] = [];
    for (const fn of touchedFunctions(review.file, review.placements, review.spans, review.functions)) {
      const range = new vscode.Range(fn.line - 1, 0, fn.line - 1, 0);
      lenses.push(new vscode.CodeLens(range, {
        title: `${fn.name}: ${describeChange(fn)}`,
        command: 'reaperscope.revealHunk',
        arguments: [review.path, fn.hunks[0] ?? 0],
        tooltip: `The patch changes ${fn.name} in hunk(s) ${fn.hunks.map((h) => h + 1).join(', ')}`,
      }));
      const sites = fn.span ? sitesIn(lines, fn.span.startLine, fn.span.endLine) : [];
      const model = exitPathSteps(review.path, fn.name);
      const described = describeSteps(model);
      if (described) {
        const tooltip = model.map((m) => `${m.variant}:\n${m.steps.map((x) => `  ${x.op}${x.lock ? ` ${x.lock}` : ''}  ${x.text}`).join('\n')}`).join('\n');
        lenses.push(new vscode.CodeLens(range, { title: described, command: 'reaperscope.showActivity', arguments: ['simulation'], tooltip }));
      }
      // The locks the model takes here when it models this function; else the lock sites in the code.
      const locks = stepLocks(model);
      const sim = locks.length > 0 ? lockWaitSummary(locks, this.analysis.simulation) : simulationSummary(sites, this.analysis.simulation);
      if (sim) lenses.push(new vscode.CodeLens(range, { title: sim, command: 'reaperscope.showActivity', arguments: ['simulation'] }));
      const traced = traceSummary(sites, this.analysis.trace?.counts ?? null);
      if (traced) lenses.push(new vscode.CodeLens(range, { title: traced, command: 'reaperscope.showActivity', arguments: ['trace'] }));
    }
    return lenses;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
