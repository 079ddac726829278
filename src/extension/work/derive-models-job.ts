/**
 * The editor's models of the exit path, derived in the worker from the workspace's C files (the
 * tree before the patch, and the same files as the dry run says the patch leaves them): both
 * programs for the simulator, and the per-line index the step-by-line view shows. Pure of
 * `vscode`: runs in a worker thread or in process.
 */
import type { Parser } from 'web-tree-sitter';
import { loadCParser, type CGrammarWasm } from '../../core/patch/c/c-functions';
import { applyCostOverrides, defaultCosts } from '../../core/sim/costs';
import type { CSourceFile } from '../../core/sim/derive/c-functions-index';
import type { DerivedModel } from '../../core/sim/derive/derive-model';
import { deriveImageModels } from '../../core/sim/derive/patch-models';
import { modelLineIndex, type ModelLine } from '../../core/annotations/model-lines';
import type { Variant } from '../../core/sim/variants';

export interface DeriveModelsRequest {
  /** tree-sitter's runtime and C grammar (read by the host from dist/). */
  wasm: CGrammarWasm;
  /** The tree before the patch: the exit path's files and the patch's C files, by tree path. */
  before: CSourceFile[];
  /** The same files with the patch applied. */
  after: CSourceFile[];
  /** The functions the patch's hunks touch, by file. */
  touched: { file: string; func: string }[];
  /** Cost overrides as the user wrote them (`reaperscope.costs`). */
  costs: Record<string, unknown>;
}

/** One side's model, as the editor needs it. */
export interface EditorModel {
  name: 'baseline' | 'patched';
  side: 'old' | 'new';
  /** The runnable programs, or null with `problems` saying why. */
  variant: Variant | null;
  problems: string[];
  statements: number;
  notUnderstood: number;
}

export interface DeriveModelsResult {
  models: [EditorModel, EditorModel];
  /** Every line of both models (steps, quiet lines, lines not understood). */
  index: ModelLine[];
  /** What the patch changes in the model, one line each with its file:line. */
  changes: string[];
  touchesExitPath: boolean;
}

let parser: Promise<Parser> | null = null;

const editorModel = (m: DerivedModel): EditorModel => ({
  name: m.name === 'baseline' ? 'baseline' : 'patched', side: m.side, variant: m.variant, problems: m.problems,
  statements: m.statements, notUnderstood: m.notUnderstood.length,
});

export async function deriveModelsJob(request: DeriveModelsRequest): Promise<DeriveModelsResult> {
  // The grammar is loaded once per worker; later requests reuse the parser.
  parser ??= loadCParser(request.wasm);
  const models = deriveImageModels(await parser, request.before, request.after, request.touched);
  const { costs } = applyCostOverrides(defaultCosts(), request.costs);
  return {
    models: [editorModel(models.before), editorModel(models.after)],
    index: modelLineIndex([models.before, models.after], costs),
    changes: models.changes.map((c) => c.summary),
    touchesExitPath: models.touchesExitPath,
  };
}
