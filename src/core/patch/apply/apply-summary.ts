/**
 * What the editor says after it applied a patch: which files changed, and whether they are on
 * disk already (files.autoSave, or a file the edit creates, deletes or renames, which VS Code
 * writes at once) or only in the editors. Pure: no `vscode`.
 */

/** VS Code's `files.autoSave` values. */
export type AutoSaveMode = 'off' | 'afterDelay' | 'onFocusChange' | 'onWindowChange';

export interface AppliedFiles {
  /** Files whose text the edit changed in their editors. */
  edited: number;
  /** Files the edit created, deleted or renamed: on disk as soon as the edit is applied. */
  onDisk: number;
}

/** How VS Code saves edited files here: `files.autoSave` and `files.autoSaveDelay` (ms). */
export interface SaveSetting {
  mode: AutoSaveMode;
  delayMs: number;
}

/** Reads a `files.autoSave` value; anything unknown counts as `off` (nothing assumed saved). */
export function autoSaveMode(value: unknown): AutoSaveMode {
  return value === 'afterDelay' || value === 'onFocusChange' || value === 'onWindowChange' ? value : 'off';
}

const files = (n: number): string => `${n} file${n === 1 ? '' : 's'}`;

/** The message shown once `label` was applied. */
export function appliedMessage(label: string, changed: AppliedFiles, save: SaveSetting): string {
  const parts = [`applied ${label} to ${files(changed.edited + changed.onDisk)}.`];
  if (changed.onDisk > 0) parts.push(`${files(changed.onDisk)} created, deleted or renamed on disk at once.`);
  if (changed.edited > 0) {
    const when = {
      off: 'Not saved: the changes are in the editors only; save them, or Undo to revert all of them.',
      afterDelay: `Auto-save is on (files.autoSave: afterDelay): VS Code writes the changed files to disk ${save.delayMs} ms after the edit. Undo still reverts the text, and auto-save then writes the old text back.`,
      onFocusChange: 'Auto-save is on (files.autoSave: onFocusChange): VS Code writes the changed files to disk when their editor loses focus. Undo still reverts the text, and auto-save then writes the old text back.',
      onWindowChange: 'Auto-save is on (files.autoSave: onWindowChange): VS Code writes the changed files to disk when the window loses focus. Undo still reverts the text, and auto-save then writes the old text back.',
    } satisfies Record<AutoSaveMode, string>;
    parts.push(when[save.mode]);
  }
  return parts.join(' ');
}
