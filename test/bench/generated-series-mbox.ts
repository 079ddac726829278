/**
 * A generated git format-patch series as an mbox for the thread reading benchmark: a cover letter
 * and `count` patches, threaded to the cover as `git send-email --thread` does, each with the
 * headers format-patch writes, a commit message, a diffstat that matches, and some files of the
 * generated kernel-style patch (deterministic: same text every run). Also the diff part of every
 * patch alone, for jsdiff.
 */
import { generatePatch } from './generated-kernel-patch';

export interface GeneratedSeries {
  mbox: string;
  /** The diff parts of the patches joined: what jsdiff reads. */
  diffs: string;
  patches: number;
}

/** Added and removed lines of one file's diff. */
function fileCounts(diff: string): { path: string; added: number; removed: number } {
  let added = 0;
  let removed = 0;
  const lines = diff.split('\n');
  for (const line of lines.slice(4)) {
    if (line.startsWith('+')) added++;
    else if (line.startsWith('-')) removed++;
  }
  return { path: /^diff --git a\/(\S+)/.exec(lines[0]!)![1]!, added, removed };
}

function diffstat(files: readonly string[]): string[] {
  const counts = files.map(fileCounts);
  const width = Math.max(...counts.map((c) => c.path.length));
  const lines = counts.map((c) => ` ${c.path.padEnd(width)} | ${c.added + c.removed} ${'+'.repeat(Math.min(c.added, 30))}${'-'.repeat(Math.min(c.removed, 30))}`);
  const added = counts.reduce((n, c) => n + c.added, 0);
  const removed = counts.reduce((n, c) => n + c.removed, 0);
  lines.push(` ${counts.length} file${counts.length === 1 ? '' : 's'} changed, ${added} insertion${added === 1 ? '' : 's'}(+), ${removed} deletion${removed === 1 ? '' : 's'}(-)`);
  return lines;
}

/** A series of `count` patches in about `targetBytes` of mbox. */
export function generateSeriesMbox(count: number, targetBytes: number): GeneratedSeries {
  const files = generatePatch(targetBytes * 0.9).split(/(?=^diff --git )/m).filter((f) => f.startsWith('diff --git '));
  const per = Math.max(1, Math.floor(files.length / count));
  const id = (n: number): string => `<20240710120000.${n}-1-cludwig@example.org>`;
  const header = (n: number, subject: string): string[] => [
    `From ${(n * 2654435761 >>> 0).toString(16).padStart(8, '0')}${'0'.repeat(32)} Mon Sep 17 00:00:00 2001`,
    'From: Christian Ludwig <cludwig@example.org>',
    `Date: Wed, 10 Jul 2024 ${String(12 + Math.floor(n / 60) % 12).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:00 +0200`,
    `Subject: [PATCH ${String(n).padStart(3, '0')}/${count}] ${subject}`,
    `Message-Id: ${id(n)}`,
    ...n > 0 ? [`In-Reply-To: ${id(0)}`, `References: ${id(0)}`] : [],
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    '',
  ];
  const messages: string[] = [[...header(0, 'sched: generated series'), `This series changes ${count} files groups.`, '', '-- ', '2.45.2', ''].join('\n')];
  const diffs: string[] = [];
  for (let n = 1; n <= count; n++) {
    const mine = files.slice((n - 1) * per, n === count ? files.length : n * per);
    const diff = mine.join('');
    diffs.push(diff);
    messages.push([
      ...header(n, `sched: generated change ${n}`),
      `Change ${mine.length} generated files.`, '', 'Signed-off-by: Christian Ludwig <cludwig@example.org>', '---',
      ...diffstat(mine), '', diff + '-- ', '2.45.2', '',
    ].join('\n'));
  }
  return { mbox: messages.join('\n'), diffs: diffs.join(''), patches: count };
}
