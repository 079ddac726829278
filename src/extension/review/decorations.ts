/**
 * Gutter and overview-ruler marks on the lines an open patch removes or changes, and on the line
 * after which it only adds lines, in every visible editor of a file the patch touches. Those
 * editors of a C file also get the kernel's style (KNF): tabs, 8 columns wide.
 */
import * as vscode from 'vscode';
import { insertionPoints } from '../../core/patch/apply/insertion-points';
import { lineMarks } from '../../core/patch/apply/line-marks';
import type { ReviewStore } from './review-session';
import { settings } from '../common/settings';
import { PATCHED_SCHEME, reviewForVirtual, UNPATCHED_SCHEME } from './virtual-documents';

/** Whether a document is a C file of the review (or its unpatched/patched view): KNF, tabs of 8. */
function isReviewedC(store: ReviewStore, doc: vscode.TextDocument): boolean {
  const uri = doc.uri;
  const review = uri.scheme === PATCHED_SCHEME || uri.scheme === UNPATCHED_SCHEME ? reviewForVirtual(store, uri) : store.fileFor(uri);
  return review !== null && /\.[ch]$/.test(review.path);
}

export class PatchDecorations implements vscode.Disposable {
  readonly removedType: vscode.TextEditorDecorationType;
  readonly changedType: vscode.TextEditorDecorationType;
  readonly addedType: vscode.TextEditorDecorationType;
  private readonly subscriptions: vscode.Disposable[];
  /** Decorated ranges per editor document, for tests and the status of the last update. */
  readonly applied = new Map<string, { removed: number; changed: number; added: number }>();

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
    this.addedType = vscode.window.createTextEditorDecorationType({
      gutterIconPath: vscode.Uri.joinPath(mediaRoot, 'gutter-added.svg'),
      gutterIconSize: 'contain',
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.addedForeground'),
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
      const added = review ? insertionPoints(review.file, review.placements) : [];
      editor.setDecorations(this.addedType, added.map((a) => ({
        range: new vscode.Range(a.line - 1, 0, a.line - 1, 0),
        hoverMessage: `The patch adds ${a.added} line${a.added === 1 ? '' : 's'} after this line.`,
      })));
      if (review) this.applied.set(editor.document.uri.toString(), { removed: marks.removed.length, changed: marks.changed.length, added: added.length });
      // Kernel C (KNF) is indented with tabs 8 columns wide; VS Code's default of 4 misaligns it.
      if (isReviewedC(this.store, editor.document) && (editor.options.tabSize !== 8 || editor.options.insertSpaces !== false)) {
        editor.options = { ...editor.options, tabSize: 8, insertSpaces: false };
      }
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.removedType.dispose();
    this.changedType.dispose();
    this.addedType.dispose();
  }
}
