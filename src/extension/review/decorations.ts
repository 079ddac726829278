/**
 * Gutter and overview-ruler marks on the lines an open patch removes or changes, in every
 * visible editor of a file the patch touches.
 */
import * as vscode from 'vscode';
import { lineMarks } from '../../core/patch/apply/line-marks';
import type { ReviewStore } from './review-session';
import { settings } from '../common/settings';

export class PatchDecorations implements vscode.Disposable {
  readonly removedType: vscode.TextEditorDecorationType;
  readonly changedType: vscode.TextEditorDecorationType;
  private readonly subscriptions: vscode.Disposable[];
  /** Decorated ranges per editor document, for tests and the status of the last update. */
  readonly applied = new Map<string, { removed: number; changed: number }>();

  constructor(private readonly store: ReviewStore, mediaRoot: vscode.Uri) {
    this.removedType = vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      gutterIconPath: vscode.Uri.joinPath(mediaRoot, 'gutter-removed.svg'),
      gutterIconSize: 'contain',
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.deletedForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
      backgroundColor: new vscode.ThemeColor('diffEditor.removedLineBackground'),
    });
    this.changedType = vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      gutterIconPath: vscode.Uri.joinPath(mediaRoot, 'gutter-changed.svg'),
      gutterIconSize: 'contain',
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.modifiedForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
    });
    this.subscriptions = [
      store.onDidChange(() => this.refresh()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('reaperscope.review')) this.refresh(); }),
    ];
  }

  refresh(): void {
    this.applied.clear();
    for (const editor of vscode.window.visibleTextEditors) {
      const review = settings().decorations ? this.store.fileFor(editor.document.uri) : null;
      const marks = review ? lineMarks(review.file, review.placements) : { removed: [], changed: [] };
      const toRanges = (lines: number[]): vscode.Range[] => lines.map((l) => new vscode.Range(l - 1, 0, l - 1, 0));
      editor.setDecorations(this.removedType, toRanges(marks.removed));
      editor.setDecorations(this.changedType, toRanges(marks.changed));
      if (review) this.applied.set(editor.document.uri.toString(), { removed: marks.removed.length, changed: marks.changed.length });
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.removedType.dispose();
    this.changedType.dispose();
  }
}
