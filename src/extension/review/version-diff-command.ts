/**
 * "Compare Versions of a Series": reads a thread (the open review's mbox, or one picked), lets the
 * user choose two versions of a series when there are more than two, and shows them side by side
 * in VS Code's diff editor, patch facing patch (core/patch/mail/version-diff.ts).
 */
import * as vscode from 'vscode';
import { groupSeries, type PatchSeries } from '../../core/patch/mail/series';
import { readThread } from '../../core/patch/mail/thread';
import { diffVersions, versionTexts } from '../../core/patch/mail/version-diff';
import type { ReviewStore } from './review-session';
import { baseName, readBytes } from '../common/workspace-files';

async function pickVersion(series: readonly PatchSeries[], title: string): Promise<PatchSeries | undefined> {
  const items = series.map((s) => ({ label: `v${s.version}${s.flags.length ? ` ${s.flags.join(' ')}` : ''}: ${s.title}`, description: `${s.patches.length} patch(es), ${s.from}`, s }));
  return (await vscode.window.showQuickPick(items, { title }))?.s;
}

/** Runs the command on `uri`, the open review's source, or a picked file. False when nothing was shown. */
export async function compareVersionsCommand(store: ReviewStore, uri?: vscode.Uri): Promise<boolean> {
  let target = uri instanceof vscode.Uri ? uri : store.session?.sourceUri ?? undefined;
  if (!target) {
    target = (await vscode.window.showOpenDialog({ canSelectMany: false, title: 'A thread holding two versions of a series', filters: { Mailboxes: ['mbox', 'eml', 'txt'], 'All files': ['*'] } }))?.[0];
  }
  if (!target) return false;
  const name = baseName(target);
  const thread = await readThread([{ name, data: await readBytes(target) }]);
  const series = groupSeries(thread).series;
  if (series.length < 2) {
    void vscode.window.showInformationMessage(`Reaperscope: ${name} holds ${series.length === 1 ? `only v${series[0]!.version}` : 'no series'}; nothing to compare.`);
    return false;
  }
  const older = series.length === 2 ? series[0] : await pickVersion(series, 'The older version');
  const newer = series.length === 2 ? series[1] : await pickVersion(series.filter((s) => s !== older), 'The newer version');
  if (!older || !newer) return false;
  const { older: left, newer: right } = versionTexts(thread.messages, older, newer, diffVersions(thread.messages, older, newer));
  const [a, b] = await Promise.all([left, right].map((content) => vscode.workspace.openTextDocument({ content, language: 'diff' })));
  await vscode.commands.executeCommand('vscode.diff', a!.uri, b!.uri, `${name}: v${older.version} ↔ v${newer.version}`, { preview: true });
  return true;
}
