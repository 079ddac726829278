/**
 * The diffstat a patch mail claims (`git format-patch` puts it after `---`), and its check
 * against the hunks actually read:
 *
 *     sys/kern/kern_exit.c  | 59 ++++++-------
 *     .../dev/pci/if_foo.c  |  2 +-
 *     doc/logo.png          | Bin 0 -> 123 bytes
 *     4 files changed, 44 insertions(+), 64 deletions(-)
 */
import { diagnostic, type Diagnostic } from '../../common/diagnostic';
import type { Diffstat, DiffstatEntry, FilePatch } from '../model';

/** A claimed diffstat plus the input line of each entry (for diagnostics naming the file). */
export interface ClaimedDiffstat {
  diffstat: Diffstat;
  /** 1-based input line of `diffstat.files[i]`. */
  entryLines: number[];
}

const SUMMARY = /^\s*(\d+) files? changed(?:, (\d+) insertions?\(\+\))?(?:, (\d+) deletions?\(-\))?\s*$/;
const ENTRY = /^\s*(\S.*?)\s+\|\s+(?:(\d+)(?: +[+-]*)?|Bin(?: +\d+ +-> +\d+ +bytes)?)\s*$/;

/**
 * Finds the last diffstat in `lines` (text before the diff): the summary line and the entry
 * lines right above it. `lineOf` maps a 0-based index of `lines` to a 1-based input line.
 */
export function readDiffstat(lines: readonly string[], lineOf: (index: number) => number): ClaimedDiffstat | null {
  for (let s = lines.length - 1; s >= 0; s--) {
    const summary = SUMMARY.exec(lines[s]!);
    if (!summary) continue;
    const files: DiffstatEntry[] = [];
    const entryLines: number[] = [];
    for (let i = s - 1; i >= 0; i--) {
      const entry = lines[i]!.includes('|') ? ENTRY.exec(lines[i]!) : null;
      if (!entry) break;
      files.unshift({ path: entry[1]!, changes: entry[2] === undefined ? null : Number(entry[2]) });
      entryLines.unshift(lineOf(i));
    }
    const diffstat: Diffstat = {
      files,
      totals: { files: Number(summary[1]), added: Number(summary[2] ?? 0), removed: Number(summary[3] ?? 0) },
      sourceLine: lineOf(s),
    };
    return { diffstat, entryLines };
  }
  return null;
}

/** The path a diffstat entry names once a rename (`a/{x => y}/z`, `x => y`) is resolved. */
function resolvedPath(path: string): string {
  const braced = path.replace(/\{([^{}]*) => ([^{}]*)\}/, '$2').replace(/\/\/+/g, '/');
  const arrow = braced.lastIndexOf(' => ');
  return arrow < 0 ? braced : braced.slice(arrow + 4);
}

/** True when diffstat entry `path` (possibly truncated to `.../tail`) names `file`. */
function namesFile(path: string, file: FilePatch): boolean {
  const wanted = resolvedPath(path);
  return [file.newPath, file.oldPath].some((p) => {
    if (p === null) return false;
    if (wanted.startsWith('.../')) return p.endsWith(wanted.slice(3));
    return p === wanted;
  });
}

function fileName(file: FilePatch): string {
  return file.newPath ?? file.oldPath ?? '(unnamed)';
}

/**
 * Compares the claimed diffstat with the files read. Each difference is a warning naming the
 * file; `matches` is true only when every entry, every file and the totals agree.
 */
export function checkDiffstat(claimed: ClaimedDiffstat, files: readonly FilePatch[]): { matches: boolean; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const { diffstat, entryLines } = claimed;
  const seen = new Set<FilePatch>();
  diffstat.files.forEach((entry, i) => {
    const line = entryLines[i] ?? diffstat.sourceLine;
    const file = files.find((f) => !seen.has(f) && namesFile(entry.path, f));
    if (!file) {
      diagnostics.push(diagnostic(line, 'warning', 'diffstat-mismatch', `The diffstat lists ${entry.path}, but the patch has no such file.`));
      return;
    }
    seen.add(file);
    const changes = file.added + file.removed;
    if (entry.changes !== null && entry.changes !== changes) {
      diagnostics.push(diagnostic(line, 'warning', 'diffstat-mismatch',
        `The diffstat claims ${entry.changes} changed lines in ${fileName(file)}, the hunks have ${changes} (+${file.added} -${file.removed}).`));
    }
  });
  for (const file of files) {
    if (!seen.has(file)) {
      diagnostics.push(diagnostic(diffstat.sourceLine, 'warning', 'diffstat-mismatch', `${fileName(file)} is in the patch but not in its diffstat.`));
    }
  }
  const added = files.reduce((n, f) => n + f.added, 0);
  const removed = files.reduce((n, f) => n + f.removed, 0);
  const { totals } = diffstat;
  if (totals.files !== files.length || totals.added !== added || totals.removed !== removed) {
    diagnostics.push(diagnostic(diffstat.sourceLine, 'warning', 'diffstat-mismatch',
      `The diffstat claims ${totals.files} files, +${totals.added} -${totals.removed}; the patch has ${files.length} files, +${added} -${removed}.`));
  }
  return { matches: diagnostics.length === 0, diagnostics };
}
