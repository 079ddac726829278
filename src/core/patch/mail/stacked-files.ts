/**
 * The files of a series' patches as one patch set against the tree before the series: when two
 * patches of one version change the same file, the later patch's hunks are written against the
 * file as the earlier one left it. Stacking moves them back onto the lines of the file before
 * the series (minus what earlier hunks above them added or removed), so the file is one file
 * patch that the tree it applies to, the decorations and the comments all see whole. Each hunk
 * keeps where it came from (which patch, which of its files, which of its hunks).
 *
 * Hunks of the later patch that touch lines an earlier hunk wrote (their ranges meet) cannot be
 * told apart on the old file: that file stays two file patches, as it was sent.
 */
import type { FilePatch, Hunk, PatchLine } from '../model';

/** Where a hunk of a stacked file comes from: patch (index in the input list), its file, its hunk. */
export interface HunkSource {
  patch: number;
  file: number;
  hunk: number;
}

export interface StackedFiles {
  files: FilePatch[];
  /** Per file, per hunk: where the hunk comes from. */
  sources: HunkSource[][];
}

/** A 1-based line interval; an empty range (0 lines after line `start`) is the point `start + 0.5`. */
function span(start: number, count: number): [number, number] {
  return count > 0 ? [start, start + count - 1] : [start + 0.5, start + 0.5];
}

const moved = (line: PatchLine, oldBy: number, newBy: number): PatchLine => {
  const copy: PatchLine = {
    kind: line.kind, text: line.text, sourceLine: line.sourceLine,
    oldLine: line.oldLine === null ? null : line.oldLine + oldBy,
    newLine: line.newLine === null ? null : line.newLine + newBy,
  };
  if (line.noNewlineAtEnd) copy.noNewlineAtEnd = true;
  return copy;
};

/** `hunk` with its old lines moved by `oldBy` and its new lines by `newBy`. */
function shifted(hunk: Hunk, oldBy: number, newBy: number): Hunk {
  return {
    oldStart: hunk.oldStart + oldBy, oldLines: hunk.oldLines, newStart: hunk.newStart + newBy, newLines: hunk.newLines,
    header: hunk.header, functions: hunk.functions, lines: hunk.lines.map((l) => moved(l, oldBy, newBy)), sourceLine: hunk.sourceLine,
  };
}

/**
 * `later`'s hunks (old side: the file as `earlier` leaves it) stacked on `earlier` (old side:
 * the file before both); null when a hunk of `later` meets one of `earlier`.
 */
function stack(earlier: { file: FilePatch; sources: HunkSource[] }, later: FilePatch, from: (hunk: number) => HunkSource): { file: FilePatch; sources: HunkSource[] } | null {
  const before = earlier.file.hunks.map((h) => span(h.newStart, h.newLines));
  const placed: { hunk: Hunk; source: HunkSource }[] = [];
  // Each earlier hunk moves on the new side by what the later hunks above it add or remove.
  const newShift = earlier.file.hunks.map(() => 0);
  for (const [k, hunk] of later.hunks.entries()) {
    const [lo, hi] = span(hunk.oldStart, hunk.oldLines);
    if (before.some(([a, b]) => a <= hi && lo <= b)) return null;
    let oldBy = 0;
    earlier.file.hunks.forEach((g, i) => {
      if (before[i]![1] < lo) oldBy -= g.newLines - g.oldLines;
      else newShift[i]! += hunk.newLines - hunk.oldLines;
    });
    placed.push({ hunk: shifted(hunk, oldBy, 0), source: from(k) });
  }
  earlier.file.hunks.forEach((h, i) => placed.push({ hunk: shifted(h, 0, newShift[i]!), source: earlier.sources[i]! }));
  placed.sort((a, b) => a.hunk.oldStart - b.hunk.oldStart || a.hunk.newStart - b.hunk.newStart);
  const hunks = placed.map((p) => p.hunk);
  const file: FilePatch = {
    ...earlier.file,
    hunks,
    added: earlier.file.added + later.added,
    removed: earlier.file.removed + later.removed,
  };
  if (later.newBlob !== undefined) file.newBlob = later.newBlob;
  else delete file.newBlob;
  return { file, sources: placed.map((p) => p.source) };
}

/** True when `file` can take a later patch of the same path on top (a text file kept, not deleted or renamed away). */
const stackable = (file: FilePatch): boolean => !file.binary && file.newPath !== null && file.hunks.length > 0;

/** The files of `patches` (in order), those of one path stacked where they can be (see the file comment). */
export function stackFiles(patches: readonly (readonly FilePatch[])[]): StackedFiles {
  const out: { file: FilePatch; sources: HunkSource[] }[] = [];
  const byPath = new Map<string, number>();
  patches.forEach((files, p) => {
    files.forEach((file, f) => {
      const from = (hunk: number): HunkSource => ({ patch: p, file: f, hunk });
      const at = file.oldPath === null ? undefined : byPath.get(file.oldPath);
      const earlier = at === undefined ? undefined : out[at];
      const merged = earlier && stackable(earlier.file) && stackable(file) && file.status === 'modified' ? stack(earlier, file, from) : null;
      if (merged) {
        out[at!] = merged;
        return;
      }
      byPath.set(file.newPath ?? file.oldPath ?? '', out.length);
      out.push({ file, sources: file.hunks.map((_, k) => from(k)) });
    });
  });
  return { files: out.map((o) => o.file), sources: out.map((o) => o.sources) };
}
