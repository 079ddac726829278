/**
 * The step-by-line view: an inlay hint at the end of each line of kern_exit.c / kern_sched.c
 * (any file of the models' tree) that became a step of the exit-path models derived from the
 * workspace, saying what it does in each variant and its cost (and, after a simulation of these
 * models, its simulated time and wait); lines a model did not understand are marked `⚠`, the
 * why in the hint's tooltip. Quiet by default: off until `reaperscope.review.modelSteps` is on
 * (the command Toggle Model Steps on Lines flips it).
 */
import * as vscode from 'vscode';
import { modelLineHints } from '../../core/annotations/model-line-hints';
import type { DerivedModels } from './derived-models';

export const MODEL_STEPS_SETTING = 'review.modelSteps';

/** Whether the view is on (`reaperscope.review.modelSteps`). */
export function modelStepsShown(): boolean {
  return vscode.workspace.getConfiguration('reaperscope').get<boolean>(MODEL_STEPS_SETTING) ?? false;
}

/** Flips the setting where it is set (the workspace's value wins over the user's); returns the new value. */
export async function toggleModelSteps(): Promise<boolean> {
  const config = vscode.workspace.getConfiguration('reaperscope');
  const next = !modelStepsShown();
  const inspected = config.inspect<boolean>(MODEL_STEPS_SETTING);
  const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update(MODEL_STEPS_SETTING, next, target);
  return next;
}

export class StepHints implements vscode.InlayHintsProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly models: DerivedModels) {
    this.subscriptions = [
      models.onDidChange(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`reaperscope.${MODEL_STEPS_SETTING}`)) this.changed.fire();
      }),
      vscode.languages.registerInlayHintsProvider([{ language: 'c', scheme: 'file' }, { language: 'c', scheme: 'vscode-vfs' }], this),
    ];
  }

  provideInlayHints(doc: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    if (!modelStepsShown()) return [];
    const file = this.models.fileAt(doc.uri);
    if (!file) return [];
    const variants = this.models.models().map((m) => ({ name: m.name, side: m.side }));
    const out: vscode.InlayHint[] = [];
    for (const h of modelLineHints(this.models.index(), file.path, file.side, file.map, variants)) {
      if (h.line < 1 || h.line > doc.lineCount || h.line - 1 < range.start.line || h.line - 1 > range.end.line) continue;
      const hint = new vscode.InlayHint(doc.lineAt(h.line - 1).range.end, `${h.notUnderstood ? '⚠ ' : ''}${h.label}`);
      hint.paddingLeft = true;
      hint.tooltip = h.tooltip;
      out.push(hint);
    }
    return out;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
