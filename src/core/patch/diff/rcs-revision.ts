/**
 * The CVS revision a patch was made against, and the revision a file is at. OpenBSD's source
 * is kept in CVS: `cvs diff -u` labels the repository side of each file with its revision
 * (`--- sys/kern/kern_sched.c<TAB>8 Jul 2024 14:46:47 -0000<TAB>1.99`), and every file carries
 * its RCS id in its first comment (`$OpenBSD: kern_sched.c,v 1.99 2024/07/08 14:46:47 mpi Exp $`),
 * which CVS keeps up to date on checkout. Comparing the two tells a reviewer whether the
 * patch was made against the version in the tree, as git's blob ids do.
 */

/** An RCS revision number: `1.99`, `1.1.1.1`. */
const REVISION = /^\d+(?:\.\d+)+$/;

/**
 * The revision in a `---` label's last tab-separated field (cvs diff), or undefined when the
 * label has none (git, got, diff -u: a date or nothing there).
 */
export function labelRevision(label: string): string | undefined {
  const tab = label.lastIndexOf('\t');
  if (tab < 0) return undefined;
  const field = label.slice(tab + 1).trim();
  return REVISION.test(field) ? field : undefined;
}

/** An RCS id keyword as CVS expands it: `$OpenBSD: name,v REV ...$`, likewise `$NetBSD`, `$FreeBSD`, `$Id`, `$Header` (with a path). */
const RCS_ID = /\$(?:OpenBSD|NetBSD|FreeBSD|Id|Header): (?:\S*\/)?[^\s/]+,v (\d+(?:\.\d+)+) /;

/** How far into a file the RCS id is looked for, in characters: it sits in the first comment. */
const HEAD_CHARS = 2048;

/** The revision in the first RCS id in the head of `text`, or null when it has none. */
export function rcsRevisionOf(text: string): string | null {
  return RCS_ID.exec(text.slice(0, HEAD_CHARS))?.[1] ?? null;
}

/**
 * Whether a file's text (null: it does not exist) is at `expected`, the revision a cvs diff
 * was made against; null when there is nothing to compare (no revision in the patch, or no
 * RCS id in the file).
 */
export function revisionMatches(expected: string | undefined, text: string | null): boolean | null {
  if (expected === undefined) return null;
  if (text === null) return false;
  const revision = rcsRevisionOf(text);
  return revision === null ? null : revision === expected;
}
