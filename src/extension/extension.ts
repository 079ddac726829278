/** Extension entry point: the only layer that imports `vscode`. Wires the review, the annotations and the panel. */
import * as vscode from 'vscode';
import { AnalysisStore } from './activity/analysis-store';
import { applyPatchCommand, type ApplyCommandOptions } from './review/apply-command';
import { PatchCodeLenses } from './annotations/code-lens';
import { PatchDecorations } from './review/decorations';
import { showDiff } from './review/diff-view';
import { SiteHovers } from './annotations/hovers';
import { closePatchCommand } from './review/close-command';
import { chooseVersionCommand, openExampleCommand, openFromClipboardCommand, openFromEditorCommand, openPatchCommand, openThreadFromUris, refreshReview, restoreReview, type OpenOptions } from './review/patch-input';
import { MailDocuments } from './review/mail-documents';
import { applyProposal, ProposalDocuments } from './review/suggested-change';
import { PatchTreeProvider, revealPatchView, type PatchNode } from './review/patch-tree';
import { PatchProblems } from './review/problems';
import { composeReplyCommand, openReplyInMailClient, saveReplyEml } from './review/reply-command';
import { revealHunk } from './review/reveal-hunk';
import { ReviewComments, ReviewNote } from './review/review-comments';
import { differsFromBase, ReviewStore, wholePatchApplied } from './review/review-session';
import { log } from './common/log';
import { PatchStatus } from './review/status-bar';
import { VirtualDocuments } from './review/virtual-documents';
import { compareVersionsCommand } from './review/version-diff-command';
import { registerAnalysis, type AnalysisApi } from './activity/analysis-commands';
import { DerivedModels } from './annotations/derived-models';
import { StepHints, toggleModelSteps } from './annotations/step-hints';

/** What `activate` returns: the extension's state, for the integration tests and other extensions. */
export interface ReaperscopeApi {
  review: ReviewStore;
  tree: PatchTreeProvider;
  comments: ReviewComments;
  decorations: PatchDecorations;
  codeLenses: PatchCodeLenses;
  problems: PatchProblems;
  analysis: AnalysisStore;
  panels: AnalysisApi;
  status: PatchStatus;
  /** The open patch's exit-path models derived from the workspace tree. */
  models: DerivedModels;
  stepHints: StepHints;
  mails: MailDocuments;
  proposals: ProposalDocuments;
}

export function activate(context: vscode.ExtensionContext): ReaperscopeApi {
  const review = new ReviewStore(context.extensionUri, context.workspaceState);
  const analysis = new AnalysisStore();
  const tree = new PatchTreeProvider(review);
  const comments = new ReviewComments(review);
  const problems = new PatchProblems(review);
  const decorations = new PatchDecorations(review, vscode.Uri.joinPath(context.extensionUri, 'media'));
  const codeLenses = new PatchCodeLenses(review, analysis);
  const docs = new VirtualDocuments(review);
  const status = new PatchStatus(review);
  const mails = new MailDocuments(review);
  const proposals = new ProposalDocuments();
  const treeView = vscode.window.createTreeView('reaperscope.patch', { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(review, analysis, tree, comments, problems, decorations, codeLenses, docs, mails, proposals, treeView, new SiteHovers(analysis, context.extensionUri), status, log());
  // A newly opened patch shows the Patch view (its files and hunks) at once.
  let shownLabel: string | null = null;
  review.onDidChange((s) => {
    if (s && s.label !== shownLabel) void revealPatchView(treeView, review).catch(() => undefined);
    shownLabel = s?.label ?? null;
    const diffstat = s?.patch.diffstat.matches === false ? ' — the diffstat in the mail does not match the diff' : '';
    treeView.message = s ? `${s.label}: ${s.patch.mail?.subject ?? 'patch'}${diffstat}` : undefined;
  }, undefined, context.subscriptions);

  const command = (id: string, run: (...args: never[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, run as (...args: unknown[]) => unknown));
  };
  // From the explorer with several files selected, the second argument lists them: one thread.
  command('reaperscope.openPatch', (uri?: vscode.Uri, second?: OpenOptions | vscode.Uri[]) => (Array.isArray(second)
    ? second.length > 1 ? openThreadFromUris(review, second) : openPatchCommand(review, uri)
    : openPatchCommand(review, uri, second ?? {})));
  command('reaperscope.chooseVersion', (version?: number | { series: number }) => chooseVersionCommand(review, typeof version === 'object' && version ? version.series : version));
  command('reaperscope.showMail', (message: number) => mails.show(message));
  command('reaperscope.previewProposal', (note: vscode.Comment) => (note instanceof ReviewNote ? proposals.preview(review, note) : null));
  command('reaperscope.applyProposal', (note: vscode.Comment) => (note instanceof ReviewNote ? applyProposal(review, note) : false));
  command('reaperscope.openPatchFromEditor', () => openFromEditorCommand(review));
  command('reaperscope.openPatchFromClipboard', () => openFromClipboardCommand(review));
  command('reaperscope.openExample', () => openExampleCommand(review, context.extensionUri));
  command('reaperscope.closePatch', (choice?: 'keep' | 'discard') => closePatchCommand(review, comments, typeof choice === 'string' ? choice : undefined));
  command('reaperscope.compareVersions', (uri?: vscode.Uri) => compareVersionsCommand(review, uri));
  // From the tree's inline action the argument is the tree node, from code a patch path.
  command('reaperscope.showDiff', (target?: string | PatchNode) => showDiff(review, typeof target === 'object' && target && 'review' in target ? target.review.path : typeof target === 'string' ? target : undefined));
  command('reaperscope.dryRun', async () => {
    const s = await refreshReview(review);
    if (!s) return null;
    const failed = s.files.reduce((n, f) => n + f.failures.length, 0);
    const mismatched = s.files.filter(differsFromBase).length;
    if (wholePatchApplied(s)) void vscode.window.showInformationMessage(`Reaperscope: ${s.label} is already applied here (every file holds its changes).`);
    else void vscode.window.showInformationMessage(failed === 0
      ? `Reaperscope: every hunk of ${s.label} applies${mismatched ? ` (${mismatched} file(s) differ from the patch's base version)` : ''}.`
      : `Reaperscope: ${failed} hunk(s) do not apply (see Problems).`);
    return s;
  });
  command('reaperscope.applyPatch', (options?: ApplyCommandOptions) => applyPatchCommand(review, options));
  command('reaperscope.revealHunk', (path: string, hunk: number, line?: number) => revealHunk(review, path, hunk, line));
  command('reaperscope.createComment', (reply: vscode.CommentReply) => comments.addUserComment(reply.thread, reply.text));
  command('reaperscope.replyComment', (reply: vscode.CommentReply) => comments.addUserComment(reply.thread, reply.text));
  command('reaperscope.deleteComment', (comment: vscode.Comment) => comments.deleteComment(comment));
  command('reaperscope.composeReply', (options?: { offer?: boolean }) => composeReplyCommand(review, comments, options ?? {}));
  command('reaperscope.openReplyInMailClient', () => openReplyInMailClient(comments));
  command('reaperscope.saveReplyEml', (target?: vscode.Uri) => saveReplyEml(comments, undefined, target instanceof vscode.Uri ? target : undefined));

  // Edits, saves and undo change where hunks apply: redo the dry run shortly after.
  let timer: ReturnType<typeof setTimeout> | undefined;
  context.subscriptions.push(vscode.workspace.onDidChangeTextDocument((e) => {
    if (!review.fileFor(e.document.uri) || e.contentChanges.length === 0) return;
    clearTimeout(timer);
    timer = setTimeout(() => void refreshReview(review), 300);
  }), { dispose: () => clearTimeout(timer) });

  // The review the window had before a reload comes back, with the user's comments on it.
  void restoreReview(review);

  const panels = registerAnalysis(context, analysis);
  const models = new DerivedModels(review, panels.work, context.extensionUri);
  panels.useModels(models);
  const stepHints = new StepHints(models);
  context.subscriptions.push(models, stepHints);
  command('reaperscope.toggleModelSteps', () => toggleModelSteps());
  return { review, tree, status, comments, decorations, codeLenses, problems, analysis, panels, models, stepHints, mails, proposals };
}

export function deactivate(): void {}
