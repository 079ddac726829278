/**
 * What changed between two versions of a series, patch by patch, the way `git range-diff` (which
 * `b4 diff` runs) shows it without needing the base tree: patches are paired by title, then by
 * number when their texts are alike (at most a third of their lines differ: range-diff weighs
 * the same with its creation factor); each pair's patch text (commit message and diff, with the `@@` line numbers and the
 * `index` blob ids left out, as range-diff does, since they move with every earlier change) is
 * compared line by line, and the differing lines are shown with three lines of context.
 */
import { diffLines } from '../../common/line-diff';
import type { FilePatch, Patch } from '../model';
import { subjectTags } from './mail-subject';
import type { PatchSeries } from './series';
import type { ThreadMessage } from './thread';

/** One patch of the older version and its counterpart in the newer. */
export interface VersionPair {
  /** Number of the patch in the older version, or null for a patch new in the newer one. */
  fromN: number | null;
  toN: number | null;
  /** Title (subject without tags) of the newer patch, else of the older. */
  title: string;
  status: 'same' | 'changed' | 'dropped' | 'added';
  /** For a changed pair: the differing lines of the patch text, `-`/`+`/` ` first, hunks of context separated by `@@`. */
  lines: string[];
}

const PREFIX = { context: ' ', add: '+', remove: '-' } as const;

function fileText(file: FilePatch): string[] {
  const out = [`diff --git a/${file.oldPath ?? file.newPath ?? ''} b/${file.newPath ?? file.oldPath ?? ''}`];
  for (const hunk of file.hunks) {
    out.push(`@@${hunk.header ? ` ${hunk.header}` : ''}`);
    for (const line of hunk.lines) out.push(PREFIX[line.kind] + line.text);
  }
  return out;
}

/** The text range-diff compares: the commit message, then every file's diff without line numbers and blob ids. */
export function patchText(patch: Patch): string[] {
  return [...patch.prose.split('\n'), '', ...patch.files.flatMap(fileText)];
}

const CONTEXT = 3;

/** The differing lines of `a` and `b` with up to three lines of context, `@@` between separate places. */
function changedLines(a: readonly string[], b: readonly string[]): string[] {
  const rows: string[] = [];
  for (const e of diffLines(a, b)) {
    for (let i = 0; i < e.count; i++) {
      if (e.kind === 'equal') rows.push(` ${a[e.aStart + i]}`);
      else if (e.kind === 'delete') rows.push(`-${a[e.aStart + i]}`);
      else rows.push(`+${b[e.bStart + i]}`);
    }
  }
  const keep = rows.map(() => false);
  rows.forEach((row, i) => {
    if (row[0] === ' ') return;
    for (let k = Math.max(0, i - CONTEXT); k <= Math.min(rows.length - 1, i + CONTEXT); k++) keep[k] = true;
  });
  const out: string[] = [];
  rows.forEach((row, i) => {
    if (!keep[i]) return;
    if (out.length > 0 && !keep[i - 1]) out.push('@@');
    out.push(row);
  });
  return out;
}

/** True when at most a third of the lines of `a` and `b` together are changed. */
function alike(a: readonly string[], b: readonly string[]): boolean {
  const changed = diffLines(a, b).reduce((n, e) => n + (e.kind === 'equal' ? 0 : e.count), 0);
  return changed * 3 <= a.length + b.length;
}

const titleOf = (m: ThreadMessage): string => subjectTags(m.subject).title;

/** The pairs of `from` and `to` (two versions of one series) in the newer version's order, dropped patches after their predecessor. */
export function diffVersions(messages: readonly ThreadMessage[], from: PatchSeries, to: PatchSeries): VersionPair[] {
  const older = from.patches.map((p) => ({ n: p.n, m: messages[p.message]! }));
  const newer = to.patches.map((p) => ({ n: p.n, m: messages[p.message]! }));
  const partner = new Map<number, number>();
  const taken = new Set<number>();
  const pairUp = (same: (a: ThreadMessage, b: ThreadMessage, an: number, bn: number) => boolean): void => {
    for (const b of newer) {
      if (partner.has(b.n)) continue;
      const a = older.find((o) => !taken.has(o.n) && same(o.m, b.m, o.n, b.n));
      if (a) {
        partner.set(b.n, a.n);
        taken.add(a.n);
      }
    }
  };
  pairUp((a, b) => titleOf(a).toLowerCase() === titleOf(b).toLowerCase());
  pairUp((a, b, an, bn) => an === bn && alike(patchText(a.patch), patchText(b.patch)));
  const pairs: { order: number; pair: VersionPair }[] = [];
  for (const b of newer) {
    const an = partner.get(b.n);
    const a = older.find((o) => o.n === an);
    if (!a) {
      pairs.push({ order: b.n, pair: { fromN: null, toN: b.n, title: titleOf(b.m), status: 'added', lines: [] } });
      continue;
    }
    const lines = changedLines(patchText(a.m.patch), patchText(b.m.patch));
    pairs.push({ order: b.n, pair: { fromN: a.n, toN: b.n, title: titleOf(b.m), status: lines.length ? 'changed' : 'same', lines } });
  }
  for (const a of older.filter((o) => !taken.has(o.n))) {
    // After the newer patch paired with the older patch before it.
    const before = [...partner].filter(([, an]) => an < a.n).map(([bn]) => bn);
    pairs.push({ order: (before.length ? Math.max(...before) : 0) + 0.5, pair: { fromN: a.n, toN: null, title: titleOf(a.m), status: 'dropped', lines: [] } });
  }
  return pairs.sort((x, y) => x.order - y.order).map((p) => p.pair);
}

const MARK = { same: '=', changed: '!', dropped: '<', added: '>' } as const;

/** The pairs as text, one line per pair (`1/3 ! 1/3  title`), changed lines indented under it. */
export function formatVersionDiff(from: PatchSeries, to: PatchSeries, pairs: readonly VersionPair[]): string {
  const out = [`v${from.version} → v${to.version}: ${from.patches.length} patch(es) in v${from.version}, ${to.patches.length} in v${to.version}`];
  const width = String(Math.max(from.total, to.total)).length * 2 + 1;
  const num = (n: number | null, total: number): string => (n === null ? '-' : `${n}/${total}`).padEnd(width);
  for (const p of pairs) {
    out.push(`${num(p.fromN, from.total)} ${MARK[p.status]} ${num(p.toN, to.total)}  ${p.title}`);
    out.push(...p.lines.map((l) => `    ${l}`));
  }
  return out.join('\n') + '\n';
}

/**
 * The two versions as texts to show side by side (a diff editor): each patch's text under a
 * `# n/m title` line, in the order of `pairs`, a dropped or added patch on its own side only, so
 * paired patches face each other.
 */
export function versionTexts(messages: readonly ThreadMessage[], from: PatchSeries, to: PatchSeries, pairs: readonly VersionPair[]): { older: string; newer: string } {
  const section = (series: PatchSeries, n: number | null): string[] => {
    const p = n === null ? undefined : series.patches.find((q) => q.n === n);
    if (!p) return [];
    const m = messages[p.message]!;
    return [`# ${p.n}/${series.total} ${titleOf(m)}`, ...patchText(m.patch), ''];
  };
  return {
    older: pairs.flatMap((p) => section(from, p.fromN)).join('\n'),
    newer: pairs.flatMap((p) => section(to, p.toN)).join('\n'),
  };
}
