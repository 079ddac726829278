/**
 * A CodeLens above each function an open patch touches: lines added and removed and hunks,
 * and with a simulation or trace loaded, its numbers for that function's part of the exit path.
 */
import * as vscode from 'vscode';
import type { AnalysisStore } from '../activity/analysis-store';
import { exitPathSteps } from '../../core/annotations/exit-path-steps';
import { functionChanges, functionFigures, functionTrace } from '../../core/annotations/function-numbers';
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
    const lenses: vscode.CodeLens[] = [];
    for (const fn of touchedFunctions(review.file, review.placements, review.spans, review.functions)) {
      const range = new vscode.Range(fn.line - 1, 0, fn.line - 1, 0);
      lenses.push(new vscode.CodeLens(range, {
        title: `${fn.name}: ${describeChange(fn)}`,
        command: 'reaperscope.revealHunk',
        arguments: [review.path, fn.hunks[0] ?? 0],
        tooltip: `The patch changes ${fn.name} in hunk(s) ${fn.hunks.map((h) => h + 1).join(', ')}`,
      }));
      const changes = functionChanges(review.path, fn.name);
      if (changes) {
        const tooltip = exitPathSteps(review.path, fn.name).map((m) => `${m.variant}:\n${m.steps.map((x) => `  ${x.op}${x.lock ? ` ${x.lock}` : ''}  ${x.text}`).join('\n')}`).join('\n');
        lenses.push(new vscode.CodeLens(range, { title: changes, command: 'reaperscope.showActivity', arguments: ['simulation'], tooltip }));
      }
      // The figures of the sites the model has in this function: the table's mean [95 % CI] per variant.
      for (const figure of functionFigures(review.path, fn.name, this.analysis.simulation)) {
        lenses.push(new vscode.CodeLens(range, { title: figure, command: 'reaperscope.showActivity', arguments: ['simulation'] }));
      }
      const traced = functionTrace(review.path, fn.name, this.analysis.trace?.counts ?? null);
      if (traced) lenses.push(new vscode.CodeLens(range, { title: traced, command: 'reaperscope.showActivity', arguments: ['trace'] }));
    }
    return lenses;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
