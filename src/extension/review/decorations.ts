/**
 * Gutter and overview-ruler marks on the lines an open patch removes or changes, and on the line
 * after which it only adds lines, in every visible editor of a file the patch touches; the
 * number of lines added there is a hover on that whole line, so the mouse finds it anywhere on
 * the line (a decoration's own hover covers only its range: column 1 of an empty one). Those
 * editors of a C file (and of its unpatched/patched views) also get the tree's indentation: its
 * `.editorconfig`, else the kernel's style (KNF): tabs, 8 columns wide (editorconfig-indent.ts).
 */
import * as vscode from 'vscode';
import { insertionPoints } from '../../core/patch/apply/insertion-points';
import { lineMarks } from '../../core/patch/apply/line-marks';
import type { ReviewStore } from './review-session';
import { settings } from '../common/settings';
import { indentFor, KNF as KNF_FALLBACK, type Indent } from './editorconfig-indent';
import { PATCHED_SCHEME, reviewForVirtual, UNPATCHED_SCHEME } from './virtual-documents';

/** The hover text of a line after which the patch adds `added` lines. */
export function addedLinesMessage(added: number): string {
  return `The patch adds ${added} line${added === 1 ? '' : 's'} after this line.`;
}

/** The workspace file of a C document of the review (or of its unpatched/patched view); null for others. */
function reviewedC(store: ReviewStore, doc: vscode.TextDocument): vscode.Uri | null {
  const uri = doc.uri;
  const review = uri.scheme === PATCHED_SCHEME || uri.scheme === UNPATCHED_SCHEME ? reviewForVirtual(store, uri) : store.fileFor(uri);
  return review !== null && /\.[ch]$/.test(review.path) ? review.uri ?? uri : null;
}

export class PatchDecorations implements vscode.Disposable {
  readonly removedType: vscode.TextEditorDecorationType;
  readonly changedType: vscode.TextEditorDecorationType;
  readonly addedType: vscode.TextEditorDecorationType;
  private readonly subscriptions: vscode.Disposable[];
  /** Decorated ranges per editor document, for tests and the status of the last update. */
  readonly applied = new Map<string, { removed: number; changed: number; added: number }>();
  /** Indentation per workspace C file, read from its .editorconfig files once (until one of them changes). */
  private readonly indents = new Map<string, Promise<Indent>>();
  /** Settles when the indentation of the editors shown at the last refresh is set: for tests. */
  indentation: Promise<void> = Promise.resolve();

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
      vscode.languages.registerHoverProvider('*', { provideHover: (doc, position) => this.addedLinesHover(doc, position) }),
    ];
    const configs = vscode.workspace.createFileSystemWatcher('**/.editorconfig');
    const forget = (): void => {
      this.indents.clear();
      this.refresh();
    };
    this.subscriptions.push(configs, configs.onDidChange(forget), configs.onDidCreate(forget), configs.onDidDelete(forget));
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
      editor.setDecorations(this.addedType, added.map((a) => new vscode.Range(a.line - 1, 0, a.line - 1, 0)));
      if (review) this.applied.set(editor.document.uri.toString(), { removed: marks.removed.length, changed: marks.changed.length, added: added.length });
    }
    this.indentation = Promise.all(vscode.window.visibleTextEditors.map((editor) => this.indent(editor))).then(() => undefined);
  }

  /** "The patch adds N lines after this line." anywhere on such a line of a file the open patch touches. */
  private addedLinesHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const review = settings().decorations ? this.store.fileFor(doc.uri) : null;
    const point = review ? insertionPoints(review.file, review.placements).find((a) => a.line - 1 === position.line) : undefined;
    return point ? new vscode.Hover(addedLinesMessage(point.added), doc.lineAt(position.line).range) : undefined;
  }

  /** Sets a reviewed C file's editor to the tree's indentation (KNF unless its .editorconfig says otherwise). */
  private async indent(editor: vscode.TextEditor): Promise<void> {
    const file = reviewedC(this.store, editor.document);
    if (!file) return;
    const key = file.toString();
    let indent = this.indents.get(key);
    if (!indent) {
      indent = indentFor(file).catch(() => KNF_FALLBACK);
      this.indents.set(key, indent);
    }
    const want = await indent;
    const o = editor.options;
    if (o.tabSize !== want.tabSize || o.insertSpaces !== want.insertSpaces || (typeof want.indentSize === 'number' && o.indentSize !== want.indentSize)) {
      editor.options = { ...o, tabSize: want.tabSize, insertSpaces: want.insertSpaces, indentSize: want.indentSize };
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.removedType.dispose();
    this.changedType.dispose();
    this.addedType.dispose();
  }
}
