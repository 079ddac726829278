/** A status bar item for the open patch: how many hunks apply here, and files at another version than its base; click for a dry run. */
import * as vscode from 'vscode';
import { differsFromBase, wholePatchApplied, type ReviewSession, type ReviewStore } from './review-session';

/**
 * `12/12 hunks apply · 4 file(s) differ from the patch's base`, `already applied (12 hunks in 4
 * files)`, or `3/6 hunks apply · 2 file(s) already applied`, for the status bar. Hunks of files
 * that hold the patch already are not counted as applying.
 */
export function statusText(session: ReviewSession): string {
  const hunks = session.files.reduce((n, f) => n + f.file.hunks.length, 0);
  if (wholePatchApplied(session)) return `already applied (${hunks} hunks in ${session.files.length} file(s))`;
  const failed = session.files.reduce((n, f) => n + f.failures.length, 0);
  const differ = session.files.filter(differsFromBase).length;
  const applied = session.files.filter((f) => f.applied !== null).length;
  return `${hunks - failed}/${hunks} hunks apply${applied > 0 ? ` · ${applied} file(s) already applied` : ''}${differ > 0 ? ` · ${differ} file(s) differ from the patch's base` : ''}`;
}

export class PatchStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('reaperscope.patch', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor(store: ReviewStore) {
    this.item.name = 'Reaperscope patch';
    this.item.command = 'reaperscope.dryRun';
    this.subscription = store.onDidChange((session) => {
      if (!session) {
        this.item.hide();
        return;
      }
      const applied = wholePatchApplied(session);
      const failed = !applied && session.files.some((f) => f.failures.length > 0);
      this.item.text = `$(${applied ? 'check' : failed ? 'warning' : 'git-pull-request'}) ${statusText(session)}`;
      this.item.tooltip = `Reaperscope: ${session.label} against this workspace. Click for a dry run.`;
      this.item.backgroundColor = failed ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      this.item.show();
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
