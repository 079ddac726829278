/**
 * A file patch turned around (`patch -R`, `git apply -R`): old and new sides swap, added lines
 * become removed lines and the other way round.
 */
import type { FilePatch, FileStatus, Hunk, PatchLine } from '../model';
import { plainHunk } from '../diff/parsed-hunk';

const REVERSED_STATUS: Record<FileStatus, FileStatus> = {
  modified: 'modified', added: 'deleted', deleted: 'added', renamed: 'renamed', copied: 'copied',
};

/** What a file's status becomes when its patch is turned around: added and deleted swap. */
export function reversedStatus(status: FileStatus): FileStatus {
  return REVERSED_STATUS[status];
}

function reverseLine(line: PatchLine): PatchLine {
  const kind = line.kind === 'add' ? 'remove' : line.kind === 'remove' ? 'add' : 'context';
  const reversed: PatchLine = { kind, text: line.text, oldLine: line.newLine, newLine: line.oldLine, sourceLine: line.sourceLine };
  if (line.noNewlineAtEnd) reversed.noNewlineAtEnd = true;
  return reversed;
}

/**
 * Within a run of changed lines, removed lines come before added ones (the unified diff
 * order), so a reversed run is reordered: its former added lines (now removed) go first.
 */
function reverseLines(lines: readonly PatchLine[]): PatchLine[] {
  const out: PatchLine[] = [];
  let removed: PatchLine[] = [];
  let added: PatchLine[] = [];
  const flush = (): void => {
    out.push(...removed, ...added);
    removed = [];
    added = [];
  };
  for (const line of lines) {
    const reversed = reverseLine(line);
    if (reversed.kind === 'context') {
      flush();
      out.push(reversed);
    } else if (reversed.kind === 'remove') {
      removed.push(reversed);
    } else {
      added.push(reversed);
    }
  }
  flush();
  return out;
}

function reverseHunk(hunk: Hunk): Hunk {
  return {
    // plainHunk: a parsed hunk's lines and functions are accessors, which spread would not copy.
    ...plainHunk(hunk),
    oldStart: hunk.newStart, oldLines: hunk.newLines, newStart: hunk.oldStart, newLines: hunk.oldLines,
    lines: reverseLines(hunk.lines),
  };
}

/** The patch that undoes `file`. */
export function reverseFilePatch(file: FilePatch): FilePatch {
  const reversed: FilePatch = {
    ...file,
    oldPath: file.newPath, newPath: file.oldPath, status: REVERSED_STATUS[file.status],
    oldMode: file.newMode, newMode: file.oldMode, oldBlob: file.newBlob, newBlob: file.oldBlob,
    hunks: file.hunks.map(reverseHunk), added: file.removed, removed: file.added,
  };
  return reversed;
}
