/**
 * A reviewer's proposal (a diff written in their reply) as a suggested change: "Preview Suggested
 * Change" shows, in the diff editor, the file and the file with the proposal applied, writing
 * nothing; "Apply Suggested Change" makes that change in the workspace file through one undoable
 * edit of the lines it changes, and only when the user runs it. The proposal is applied to the
 * workspace file as it is when it fits there (the patch already applied), else to the file as the
 * patch under review leaves it, else (a comment on an older version of the series) to the file as
 * that version leaves it: those two are previews only, applying them would also need the patch.
 */
import * as vscode from 'vscode';
import { applyFilePatch } from '../../core/patch/apply/apply';
import type { FilePatch } from '../../core/patch/model';
import { readPatch } from '../../core/patch/read-patch';
import type { ReviewNote } from './review-comments';
import { authorName } from './reviewer-threads';
import type { FileReview, ReviewStore } from './review-session';

export const PROPOSAL_SCHEME = 'reaperscope-proposal';

/**
 * The proposal applied: to which text (`current`: the workspace file; `patched`: as the patch
 * under review leaves it; `older`: as the older version the comment was made on leaves it), before and after.
 */
export interface ProposedChange {
  review: FileReview;
  base: 'current' | 'patched' | 'older';
  before: string;
  after: string;
  author: string;
}

/** The proposal's diff for `path`; a proposal written without file headers is about the comment's file. */
async function proposalFile(diff: string, path: string): Promise<FilePatch | null> {
  const read = await readPatch(diff, { fileName: 'the proposal' });
  const files = read.files.length > 0 ? read.files : (await readPatch(`--- a/${path}\n+++ b/${path}\n${diff}\n`, { fileName: 'the proposal' })).files;
  return files.find((f) => (f.newPath ?? f.oldPath) === path) ?? files[0] ?? null;
}

/** The change a note proposes, or a message saying why it cannot be shown. */
export async function proposedChange(store: ReviewStore, note: ReviewNote): Promise<ProposedChange | string> {
  const proposal = note.proposal;
  if (!proposal) return 'this comment proposes no change';
  const review = store.session?.files.find((f) => f.path === proposal.path);
  if (!review) return `${proposal.path} is not a file of the patch under review`;
  const file = await proposalFile(proposal.diff, proposal.path);
  if (!file) return 'the proposal holds no hunk that can be read';
  const doc = review.uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === review.uri!.toString()) : undefined;
  const current = doc?.getText() ?? review.currentText;
  const older = proposal.madeOn ? applyFilePatch(proposal.madeOn.file, review.currentText).postImage : null;
  const bases: [ProposedChange['base'], string | null][] = [['current', review.uri ? current : null], ['patched', review.patchedText], ['older', older]];
  for (const [base, before] of bases) {
    if (before === null) continue;
    const result = applyFilePatch(file, before);
    if (result.ok && result.postImage !== null) return { review, base, before, after: result.postImage, author: proposal.author };
  }
  return `the proposal does not apply to ${proposal.path}, neither as it is nor as the patch leaves it`;
}

/** The virtual documents of the previews: before and after texts by URI. */
export class ProposalDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this);
  private count = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** `reaperscope.previewProposal`: the diff editor on the file and the file with the proposal applied. */
  async preview(store: ReviewStore, note: ReviewNote): Promise<{ change: ProposedChange; left: vscode.Uri; right: vscode.Uri } | null> {
    const change = await proposedChange(store, note);
    if (typeof change === 'string') {
      void vscode.window.showWarningMessage(`Reaperscope: ${change}.`);
      return null;
    }
    this.count++;
    const uri = (side: string): vscode.Uri => vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${this.count}/${side}/${change.review.path}` });
    const left = uri(change.base);
    const right = uri('suggested');
    this.texts.set(left.toString(), change.before);
    this.texts.set(right.toString(), change.after);
    const of = change.base === 'current' ? '' : change.base === 'patched' ? ' (on the patched file)' : ` (on the file as v${note.proposal?.madeOn?.version ?? '?'} leaves it)`;
    await vscode.commands.executeCommand('vscode.diff', left, right, `${change.review.path}: suggested by ${authorName(change.author)}${of}`, { preview: true });
    return { change, left, right };
  }

  dispose(): void {
    this.registration.dispose();
    this.texts.clear();
  }
}

/** The smallest whole-line replacement that turns `before` into `after`. */
export function lineReplacement(before: string, after: string): { startLine: number; endLine: number; text: string } {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let tail = 0;
  while (tail < a.length - start && tail < b.length - start && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { startLine: start, endLine: a.length - tail, text: b.slice(start, b.length - tail).map((l) => `${l}\n`).join('') };
}

/** `reaperscope.applyProposal`: the suggested change made in the workspace file (one undoable edit), when it fits the file as it is. */
export async function applyProposal(store: ReviewStore, note: ReviewNote): Promise<boolean> {
  const change = await proposedChange(store, note);
  if (typeof change === 'string') {
    void vscode.window.showWarningMessage(`Reaperscope: ${change}.`);
    return false;
  }
  if (change.base !== 'current' || !change.review.uri) {
    const as = change.base === 'older' ? `as v${note.proposal?.madeOn?.version ?? '?'} of the series leaves it` : 'as the patch leaves it';
    void vscode.window.showInformationMessage(`Reaperscope: this suggestion changes ${change.review.path} ${as}; apply that patch first (Apply Patch to Workspace…), then the suggestion.`);
    return false;
  }
  const r = lineReplacement(change.before, change.after);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(change.review.uri, new vscode.Range(r.startLine, 0, r.endLine, 0), r.text);
  const done = await vscode.workspace.applyEdit(edit);
  if (done) void vscode.window.showInformationMessage(`Reaperscope: ${authorName(change.author)}'s suggestion is made in ${change.review.path} (not saved; Undo takes it back).`);
  return done;
}
