/**
 * Both models of a patch: derived from the tree before it (the pre-image files given) and from
 * the same files with the patch applied in memory (patch/apply). Says what the patch changes in
 * the model, one line each with its file and line, or that it does not touch the exit path (and
 * which functions it does touch).
 */
import type { Parser } from 'web-tree-sitter';
import { applyFilePatch } from '../../patch/apply/apply';
import type { Patch } from '../../patch/model';
import type { VariantName } from '../variants';
import type { CSourceFile } from './c-functions-index';
import { deriveModel, type DerivedModel } from './derive-model';
import { modelChanges, type ModelChange } from './model-changes';

export interface PatchModels {
  before: DerivedModel;
  after: DerivedModel;
  /** The post-image files (pre-image files the patch does not touch included). */
  afterFiles: CSourceFile[];
  /** Files of the patch that did not apply, with why. */
  notApplied: { file: string; why: string }[];
  /** What the patch changed in the model (empty when nothing). */
  changes: ModelChange[];
  /** True when the patch changes the model or touches a function the model was read from. */
  touchesExitPath: boolean;
  /** The functions the patch's hunks touch, by file. */
  touchedFunctions: { file: string; func: string }[];
}

const samePath = (a: string, b: string): boolean => a === b || a.endsWith(`/${b}`) || b.endsWith(`/${a}`);

/** Applies `patch` to `files` in memory: the post-image set, and the files that failed. */
export function applyInMemory(files: readonly CSourceFile[], patch: Pick<Patch, 'files'>): { files: CSourceFile[]; notApplied: PatchModels['notApplied'] } {
  const out = files.map((f) => ({ ...f }));
  const notApplied: PatchModels['notApplied'] = [];
  for (const fp of patch.files) {
    const path = fp.oldPath ?? fp.newPath;
    if (!path || !/\.c$/.test(path)) continue; // the model reads C files; headers do not change it
    const at = fp.oldPath === null ? -1 : out.findIndex((f) => samePath(f.path, fp.oldPath!));
    if (fp.oldPath !== null && at < 0) {
      notApplied.push({ file: path, why: 'not in the tree given' });
      continue;
    }
    const result = applyFilePatch(fp, at < 0 ? null : out[at]!.text, { blobIds: false });
    if (!result.ok) {
      notApplied.push({ file: path, why: result.problem ?? 'a hunk did not apply' });
      continue;
    }
    if (result.deletesFile) out.splice(at, 1);
    else if (at < 0) out.push({ path: fp.newPath!, text: result.postImage ?? '' });
    else out[at] = { path: fp.newPath ?? out[at]!.path, text: result.postImage ?? '' };
  }
  return { files: out, notApplied };
}

export function derivePatchModels(parser: Parser, files: readonly CSourceFile[], patch: Pick<Patch, 'files'>, names: [VariantName, VariantName] = ['baseline', 'patched']): PatchModels {
  const applied = applyInMemory(files, patch);
  const touchedFunctions = patch.files.flatMap((f) => {
    const file = f.newPath ?? f.oldPath ?? '';
    return [...new Set(f.hunks.flatMap((h) => h.functions))].map((func) => ({ file, func }));
  });
  return { ...deriveImageModels(parser, files, applied.files, touchedFunctions, names), notApplied: applied.notApplied };
}

/**
 * Both models from the two images already at hand (the editor has the workspace's files and
 * their patched text from its dry run): the same as {@link derivePatchModels} without the apply.
 */
export function deriveImageModels(parser: Parser, before: readonly CSourceFile[], after: readonly CSourceFile[], touchedFunctions: PatchModels['touchedFunctions'],
  names: [VariantName, VariantName] = ['baseline', 'patched']): PatchModels {
  const beforeModel = deriveModel(parser, before, names[0], 'old');
  const afterModel = deriveModel(parser, after, names[1], 'new');
  const changes = modelChanges(beforeModel, afterModel);
  const modelFunctions = [...beforeModel.functions, ...afterModel.functions];
  const touchesModel = touchedFunctions.some((t) => modelFunctions.some((m) => m.func === t.func && samePath(m.file, t.file)));
  return { before: beforeModel, after: afterModel, afterFiles: [...after], notApplied: [], changes, touchesExitPath: changes.length > 0 || touchesModel, touchedFunctions };
}
