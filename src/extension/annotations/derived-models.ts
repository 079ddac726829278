/**
 * The exit-path models of the open patch, derived in the worker from the workspace tree: the
 * patch's C files as they are in the workspace (before the patch, or with it when it is applied
 * there already) and as the dry run says the patch leaves them, plus the exit path's other files
 * from the same tree. What the step-by-line view shows and what the panel's simulation runs;
 * when there is no tree (or it cannot be read), says why, and the built-in models are used.
 */
import * as vscode from 'vscode';
import { applyFilePatch } from '../../core/patch/apply/apply';
import type { CSourceFile } from '../../core/sim/derive/c-functions-index';
import { EXIT_PATH_FILES } from '../../core/sim/derive/exit-path-files';
import type { LineTime } from '../../core/sim/step-profile';
import type { Variant, VariantName } from '../../core/sim/variants';
import { IDENTITY_LINE_MAP, imageLineMap, type ImageLineMap } from '../../core/annotations/image-line-map';
import { withSimulatedTimes, type ModelLine } from '../../core/annotations/model-lines';
import type { DeriveModelsResult, EditorModel } from '../work/derive-models-job';
import type { WorkHost } from '../work/work-host';
import type { ReviewSession, ReviewStore } from '../review/review-session';
import { settings } from '../common/settings';
import { exists } from '../common/workspace-files';
import { log } from '../common/log';
import { cGrammarWasm } from './c-functions-host';

/** A file of the tree the models were read from, as the editor shows it. */
export interface ModelFile {
  /** Path in the tree (`sys/kern/kern_exit.c`). */
  path: string;
  uri: vscode.Uri;
  /** Which image the workspace file is: before the patch (`old`) or with it applied (`new`). */
  side: 'old' | 'new';
  /** Its lines before and after the patch. */
  map: ImageLineMap;
}

export type ModelsState =
  | { kind: 'none'; why: string }
  | { kind: 'deriving' }
  | { kind: 'ready'; result: DeriveModelsResult; files: ModelFile[] };

/** What the panel's simulation runs, and the note that says so. */
export interface SimulationModels {
  source: 'code' | 'built-in';
  models: Partial<Record<VariantName, Variant>>;
  note: string;
}

interface Gathered {
  before: CSourceFile[];
  after: CSourceFile[];
  touched: { file: string; func: string }[];
  files: ModelFile[];
}

const decoder = new TextDecoder('utf-8');

/** The tree root a file review's URI implies (its URI minus the patch path). */
function treeRoot(uri: vscode.Uri, path: string): vscode.Uri | null {
  return uri.path.endsWith(`/${path}`) ? uri.with({ path: uri.path.slice(0, -path.length - 1) }) : null;
}

/** The two images of the session's C files and the exit path's other files, or why there are none. */
async function gather(session: ReviewSession): Promise<Gathered | string> {
  const reviews = session.files.filter((f) => /\.c$/.test(f.path) && f.uri !== null);
  if (reviews.length === 0) return 'the patch changes no C file of this workspace';
  const out: Gathered = { before: [], after: [], touched: [], files: [] };
  for (const f of reviews) {
    const hunks = f.file.hunks;
    if (f.applied !== null) {
      // The workspace holds the patch already: it is the post-image; the pre-image is the patch undone.
      const undone = applyFilePatch(f.file, f.currentText, { reverse: true, blobIds: false });
      if (!undone.ok || undone.postImage === null) return `${f.path} holds the patch, but undoing it in memory fails`;
      out.before.push({ path: f.path, text: undone.postImage });
      out.after.push({ path: f.path, text: f.currentText });
      out.files.push({ path: f.path, uri: f.uri!, side: 'new', map: imageLineMap(hunks, hunks.map((h) => h.oldStart)) });
    } else {
      if (f.patchedText === null) return `${f.path}: ${f.failures.length} hunk(s) do not apply to the workspace's file`;
      out.before.push({ path: f.path, text: f.currentText });
      out.after.push({ path: f.path, text: f.patchedText });
      out.files.push({ path: f.path, uri: f.uri!, side: 'old', map: imageLineMap(hunks, f.placements.map((p) => p.startLine)) });
    }
    for (const func of new Set(f.functions.flat())) out.touched.push({ file: f.path, func });
  }
  const root = treeRoot(reviews[0]!.uri!, reviews[0]!.path);
  for (const path of EXIT_PATH_FILES) {
    if (!root || out.files.some((f) => f.path === path)) continue;
    const uri = vscode.Uri.joinPath(root, path);
    if (!(await exists(uri))) continue;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const text = doc ? doc.getText() : decoder.decode(await vscode.workspace.fs.readFile(uri));
    out.before.push({ path, text });
    out.after.push({ path, text });
    out.files.push({ path, uri, side: 'old', map: IDENTITY_LINE_MAP });
  }
  return out;
}

export class DerivedModels implements vscode.Disposable {
  private current: ModelsState = { kind: 'none', why: 'no patch is open' };
  private generation = 0;
  private pending: Promise<void> = Promise.resolve();
  private times: Partial<Record<VariantName, LineTime[]>> = {};
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly review: ReviewStore, private readonly work: WorkHost, private readonly extensionUri: vscode.Uri) {
    this.subscription = review.onDidChange(() => void this.refresh());
    if (review.session) void this.refresh();
  }

  get state(): ModelsState {
    return this.current;
  }

  /** Settles when the derivation for the current session has finished (whatever its outcome). */
  ready(): Promise<ModelsState> {
    return this.pending.then(() => (this.current.kind === 'deriving' ? this.ready() : this.current));
  }

  /** Derives again from the session as it is now (called on every change of the review). */
  refresh(): Promise<void> {
    const generation = ++this.generation;
    const session = this.review.session;
    const run = async (): Promise<void> => {
      if (!session) return this.settle(generation, { kind: 'none', why: 'no patch is open' });
      this.current = { kind: 'deriving' };
      const gathered = await gather(session);
      if (typeof gathered === 'string') return this.settle(generation, { kind: 'none', why: gathered });
      try {
        const result = await this.work.run({
          job: 'derive-models', wasm: await cGrammarWasm(this.extensionUri), before: gathered.before, after: gathered.after, touched: gathered.touched, costs: settings().costs,
        }, () => undefined);
        this.settle(generation, { kind: 'ready', result, files: gathered.files });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log().error(`deriving the exit-path models failed: ${message}`);
        this.settle(generation, { kind: 'none', why: `deriving the models failed: ${message}` });
      }
    };
    this.pending = run();
    return this.pending;
  }

  private settle(generation: number, state: ModelsState): void {
    if (generation !== this.generation) return;
    this.current = state;
    this.times = {};
    this.changed.fire();
  }

  /** The workspace file of the models' tree at `uri`, or null. */
  fileAt(uri: vscode.Uri): ModelFile | null {
    if (this.current.kind !== 'ready') return null;
    const key = uri.toString();
    return this.current.files.find((f) => f.uri.toString() === key) ?? null;
  }

  /** Both models, in display order (empty before they are derived). */
  models(): EditorModel[] {
    return this.current.kind === 'ready' ? this.current.result.models : [];
  }

  /** The per-line index, with the simulated times of the last simulation that ran these models. */
  index(): ModelLine[] {
    if (this.current.kind !== 'ready') return [];
    let index = this.current.result.index;
    for (const [variant, times] of Object.entries(this.times)) if (times) index = withSimulatedTimes(index, variant, times);
    return index;
  }

  /** Takes the simulated time per line of a simulation that ran these models. */
  setLineTimes(times: Partial<Record<VariantName, LineTime[]>>): void {
    this.times = times;
    this.changed.fire();
  }

  /**
   * The programs a simulation of `variants` runs: baseline and patched from the workspace's C
   * source when both derived ("code"), the built-in ones otherwise; the note says which and why.
   */
  forSimulation(variants: readonly VariantName[]): SimulationModels {
    const state = this.current;
    if (state.kind !== 'ready') {
      const why = state.kind === 'none' ? state.why : 'the models are still being derived';
      return { source: 'built-in', models: {}, note: `Models: built-in (${why}).` };
    }
    const broken = state.result.models.filter((m) => m.variant === null);
    if (broken.length > 0) {
      return { source: 'built-in', models: {}, note: `Models: built-in (the workspace's ${broken.map((m) => `${m.name} model`).join(' and ')} cannot run: ${broken.flatMap((m) => m.problems).join('; ')}).` };
    }
    const models: Partial<Record<VariantName, Variant>> = {};
    for (const m of state.result.models) if (variants.includes(m.name)) models[m.name] = m.variant!;
    const others = variants.filter((v) => !models[v]);
    const files = state.files.map((f) => f.path).join(', ');
    return {
      source: 'code', models,
      note: `Models: derived from the workspace's C source (${files}): ${Object.keys(models).join(' and ')}${others.length > 0 ? `; ${others.join(', ')} built-in` : ''}.`,
    };
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
