/**
 * The thread part of the Patch tree: series → version → patch (cover letter, patches by number,
 * missing ones named) → trailers with who gave them, replies, and the reviewers' remarks that are
 * about no line. The files and hunks of the version under review are added by patch-tree.ts.
 */
import * as vscode from 'vscode';
import type { SeriesPatch } from '../../core/patch/mail/series';
import { authorName } from './reviewer-threads';
import { versionName, versionsOf, seriesKey, type ThreadReview } from './thread-review';

export type ThreadNode =
  | { kind: 'series'; series: number }
  | { kind: 'version'; series: number }
  /** n 0: the cover letter. */
  | { kind: 'patch'; series: number; n: number }
  | { kind: 'trailer'; series: number; n: number; index: number }
  | { kind: 'reply'; series: number; n: number; message: number }
  /** A comment about no line (commit message, cover letter, general): index in the thread's comments. */
  | { kind: 'remark'; series: number; n: number; comment: number };

/** The subject without its leading `[PATCH v2 1/3]`-style tags. */
function bareSubject(subject: string): string {
  return subject.replace(/^\s*(?:\[[^\]]*\]\s*)+/, '');
}

function seriesPatch(review: ThreadReview, series: number, n: number): SeriesPatch | undefined {
  return review.grouped.series[series]?.patches.find((p) => p.n === n);
}

/** The message of a patch node: the cover letter (n 0) or the patch mail; null when the patch is missing. */
export function patchMessage(review: ThreadReview, series: number, n: number): number | null {
  const s = review.grouped.series[series];
  if (!s) return null;
  return n === 0 ? s.cover : seriesPatch(review, series, n)?.message ?? null;
}

/** Indexes (in the thread's comments) of the remarks about no line made on a patch or cover letter. */
export function remarksOn(review: ThreadReview, message: number): number[] {
  const { comments, patch } = review.comments;
  return comments.flatMap((c, k) => (c.certainty === 'not-a-line' && patch[k] === message ? [k] : []));
}

export function threadChildren(review: ThreadReview, node?: ThreadNode): ThreadNode[] {
  const { series } = review.grouped;
  if (!node) {
    const seen = new Set<string>();
    return series.flatMap((s, i) => {
      if (seen.has(seriesKey(s))) return [];
      seen.add(seriesKey(s));
      return [{ kind: 'series', series: i }];
    });
  }
  switch (node.kind) {
    case 'series': return versionsOf(review.grouped, node.series).map((i) => ({ kind: 'version', series: i }));
    case 'version': {
      const s = series[node.series]!;
      const numbers = Array.from({ length: Math.max(s.total, ...s.patches.map((p) => p.n)) }, (_, k) => k + 1);
      return [...(s.cover === null ? [] : [0]), ...numbers].map((n) => ({ kind: 'patch', series: node.series, n }));
    }
    case 'patch': {
      const s = series[node.series]!;
      const message = patchMessage(review, node.series, node.n);
      if (message === null) return [];
      const p = seriesPatch(review, node.series, node.n);
      const replies = node.n === 0 ? s.coverReplies : p?.replies ?? [];
      return [
        ...(p?.trailers ?? []).map((_, index): ThreadNode => ({ kind: 'trailer', series: node.series, n: node.n, index })),
        ...remarksOn(review, message).map((comment): ThreadNode => ({ kind: 'remark', series: node.series, n: node.n, comment })),
        ...replies.map((m): ThreadNode => ({ kind: 'reply', series: node.series, n: node.n, message: m })),
      ];
    }
    default: return [];
  }
}

export function threadParent(review: ThreadReview, node: ThreadNode): ThreadNode | undefined {
  switch (node.kind) {
    case 'series': return undefined;
    case 'version': return { kind: 'series', series: versionsOf(review.grouped, node.series)[0] ?? node.series };
    case 'patch': return { kind: 'version', series: node.series };
    default: return { kind: 'patch', series: node.series, n: node.n };
  }
}

const showMail = (message: number, title: string): vscode.Command => ({ command: 'reaperscope.showMail', title, arguments: [message] });

export function threadTreeItem(review: ThreadReview, node: ThreadNode): vscode.TreeItem {
  const { series } = review.grouped;
  const messages = review.thread.messages;
  const s = series[node.series]!;
  const open = (chosen: boolean): vscode.TreeItemCollapsibleState => (chosen ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  switch (node.kind) {
    case 'series': {
      const item = new vscode.TreeItem(s.title, vscode.TreeItemCollapsibleState.Expanded);
      const count = versionsOf(review.grouped, node.series).length;
      item.description = `${count} version${count === 1 ? '' : 's'} · ${authorName(s.from)}`;
      item.iconPath = new vscode.ThemeIcon('git-pull-request');
      item.contextValue = 'series';
      return item;
    }
    case 'version': {
      const chosen = node.series === review.chosen;
      const item = new vscode.TreeItem(versionName(s), open(chosen));
      item.description = `${s.patches.length}/${s.total} patch${s.total === 1 ? '' : 'es'}${s.missing.length ? `, ${s.missing.length} missing` : ''}${chosen ? ' · under review' : ''}`;
      item.iconPath = new vscode.ThemeIcon(chosen ? 'eye' : 'versions');
      item.contextValue = chosen ? 'version-reviewed' : 'version';
      item.tooltip = chosen ? `${versionName(s)} is under review.` : `Review ${versionName(s)}: its patches, comments and decorations replace the ones shown.`;
      if (!chosen) item.command = { command: 'reaperscope.chooseVersion', title: 'Review This Version', arguments: [node.series] };
      return item;
    }
    case 'patch': {
      const message = patchMessage(review, node.series, node.n);
      const of = s.total;
      if (message === null) {
        const item = new vscode.TreeItem(`[${node.n}/${of}] missing`, vscode.TreeItemCollapsibleState.None);
        item.description = 'not in the thread';
        item.tooltip = `Patch ${node.n} of ${of} of ${versionName(s)} is not in the input (never sent, or lost on the way).`;
        item.iconPath = new vscode.ThemeIcon('warning');
        item.contextValue = 'patch-missing';
        return item;
      }
      const m = messages[message]!;
      const p = seriesPatch(review, node.series, node.n);
      const replies = node.n === 0 ? s.coverReplies.length : p?.replies.length ?? 0;
      const trailers = p?.trailers.length ?? 0;
      const label = node.n === 0 ? `[0/${of}] ${bareSubject(m.subject)}` : `[${node.n}/${of}] ${bareSubject(m.subject)}`;
      const item = new vscode.TreeItem(label, open(node.series === review.chosen));
      item.description = [node.n === 0 ? 'cover letter' : '', trailers ? `${trailers} trailer${trailers === 1 ? '' : 's'}` : '', replies ? `${replies} repl${replies === 1 ? 'y' : 'ies'}` : '']
        .filter((x) => x).join(' · ');
      item.tooltip = `${m.subject}\n${m.from}, ${m.date}`;
      item.iconPath = new vscode.ThemeIcon(node.n === 0 ? 'book' : 'diff');
      item.contextValue = node.n === 0 ? 'cover' : 'patch';
      item.command = showMail(message, 'Show Mail');
      return item;
    }
    case 'trailer': {
      const t = seriesPatch(review, node.series, node.n)!.trailers[node.index]!;
      const item = new vscode.TreeItem(`${t.name}: ${authorName(t.value)}`, vscode.TreeItemCollapsibleState.None);
      item.description = `given by ${authorName(t.from)}${messages[t.message]?.parent === s.cover && s.cover !== null ? ' (to the cover letter)' : ''}`;
      item.tooltip = `${t.name}: ${t.value}\ngiven by ${t.from} in “${messages[t.message]?.subject ?? ''}”`;
      item.iconPath = new vscode.ThemeIcon('verified');
      item.contextValue = 'trailer';
      item.command = showMail(t.message, 'Show Mail');
      return item;
    }
    case 'reply': {
      const m = messages[node.message]!;
      const item = new vscode.TreeItem(authorName(m.from), vscode.TreeItemCollapsibleState.None);
      item.description = m.date;
      item.tooltip = `${m.subject}\n${m.from}, ${m.date}`;
      item.iconPath = new vscode.ThemeIcon('mail');
      item.contextValue = 'reply';
      item.command = showMail(node.message, 'Show Mail');
      return item;
    }
    case 'remark': {
      const c = review.comments.comments[node.comment]!;
      const about = { 'commit-message': 'on the commit message', 'cover-letter': 'on the cover letter', general: 'general', line: '' }[c.about];
      const item = new vscode.TreeItem(`${authorName(c.author)} ${about}`.trim(), vscode.TreeItemCollapsibleState.None);
      item.description = c.text.split('\n').find((l) => l.trim() !== '') ?? '';
      item.tooltip = new vscode.MarkdownString().appendText(`${c.author}, ${c.date}\n\n${c.text}`);
      item.iconPath = new vscode.ThemeIcon('comment-discussion');
      item.contextValue = 'remark';
      item.command = showMail(review.comments.message[node.comment]!, 'Show Mail');
      return item;
    }
  }
}
