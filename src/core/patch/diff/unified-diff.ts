/**
 * Reads unified diffs and git diffs (git-diff(1) "generating patch text"): `diff --git`
 * headers with modes, renames, copies, similarity and `index` blob ids; plain `---`/`+++`
 * diffs; binary markers; `\ No newline at end of file`; CRLF input. Text around the diff
 * (mail prose, signatures) is skipped. Never throws on bad input: what cannot be read becomes
 * a diagnostic with its input line.
 */
import { diagnostic, type Diagnostic } from '../../common/diagnostic';
import { AT, isLowerAscii, MINUS } from './char-classes';
import { DiffCursor } from './diff-cursor';
import { gitDiffPaths, headerPath, stripAbPrefixes } from './diff-paths';
import { isBinaryPatchData, noGitHeaderFacts, readGitHeaderLine, type GitHeaderFacts } from './git-extended-header';
import { readGotBlobLine } from './got-diff-header';
import { labelRevision } from './rcs-revision';
import { parseHunkHeaderAt, type HunkRange } from './hunk-header';
import { isFileHeaderPairAt, readHunk } from './hunk-reader';
import type { FilePatch, FileStatus } from '../model';

export interface DiffParseOptions {
  /** Maps a 0-based line index of `text` to the 1-based input line stored in sourceLine / diagnostics. Default i + 1. */
  sourceLineOf?: (index: number) => number;
  /** The text lost its indentation / trailing blanks (flattened archive): be tolerant, and say so. */
  whitespaceDamaged?: boolean;
}

export interface DiffParseResult {
  files: FilePatch[];
  diagnostics: Diagnostic[];
  /** 0-based index in `text` of the first line belonging to the diff (`diff --git`/`---`), or -1 when none. */
  firstDiffLine: number;
}

const BINARY_FILES = /^Binary files (.+) and (.+) differ$/;

/** First characters of `Binary files ...`, `blob - ...` and `diff --git ...`. */
const UPPER_B = 0x42;
const LOWER_B = 0x62;
const LOWER_D = 0x64;

/** Parses every file patch in `text`. */
export function parseDiff(text: string, options: DiffParseOptions = {}): DiffParseResult {
  const cursor = new DiffCursor(text, options.sourceLineOf ?? nextLine, options.whitespaceDamaged ?? false);
  const files: FilePatch[] = [];
  let firstDiffLine = -1;
  // got(1)'s `blob -`/`blob +` lines, for the `---`/`+++` pair right below them.
  const gotBlobs: GotBlobs = { ids: {}, index: -3 };
  while (!cursor.done) {
    const index = cursor.index;
    const c = text.charCodeAt(cursor.pos);
    let file: FilePatch | null = null;
    if (c === LOWER_D && cursor.startsWith('diff --git ')) {
      file = readGitFile(cursor);
    } else if (c === LOWER_D && (cursor.startsWith('diff --cc ') || cursor.startsWith('diff --combined '))) {
      skipCombinedDiff(cursor);
    } else if (c === MINUS && isFileHeaderPairAt(text, cursor.pos)) {
      file = readPlainFile(cursor);
      if (gotBlobs.index >= index - 2) Object.assign(file, gotBlobs.ids);
    } else if (c === LOWER_B && readGotBlob(cursor, gotBlobs)) {
      cursor.advance();
    } else if (c === UPPER_B && cursor.startsWith('Binary files ')) {
      file = plainBinaryFile(cursor);
      cursor.advance();
    } else if (c === AT && cursor.startsWith('@@ ') && hunkHeaderHere(cursor)) {
      const last = files[files.length - 1];
      if (last) {
        const at = cursor.sourceLineHere;
        readHunks(cursor, last);
        cursor.diagnostics.push(diagnostic(at, 'info', 'text-between-hunks',
          'Text between two hunks of the same file was skipped.'));
      } else {
        cursor.diagnostics.push(diagnostic(cursor.sourceLineHere, 'warning', 'hunk-without-file',
          'Hunk header without a file header (`diff --git` or `---`/`+++`) before it; the hunk is skipped.'));
        cursor.advance();
      }
    } else {
      cursor.advance();
    }
    if (file) {
      if (firstDiffLine < 0) firstDiffLine = index;
      files.push(file);
    }
  }
  if (cursor.crLines > 0) {
    // Said first: the line breaks were read before anything else.
    cursor.diagnostics.unshift(diagnostic(cursor.sourceLine(cursor.firstCrLine), 'info', 'crlf-line-breaks',
      `${cursor.crLines} line(s) end with CR LF; the CR was removed before reading the diff.`));
  }
  if (options.whitespaceDamaged && files.length > 0) {
    cursor.diagnostics.push(diagnostic(files[0]!.sourceLine, 'info', 'whitespace-damaged',
      'The patch lost its white space on the way: context lines without a leading space were read as context.'));
  }
  return { files, diagnostics: cursor.diagnostics, firstDiffLine };
}

/**
 * Line index → 1-based input line when the caller gives no mapping. One function for every
 * parse: optimized code that calls it may inline it, and a new closure per parse would throw
 * that code away each time the old one is garbage-collected.
 */
const nextLine = (i: number): number => i + 1;

/**
 * Skips a combined diff (`git show` of a merge: `diff --cc`, `@@@` hunks with one column per
 * parent) up to the next file, with a warning: its hunks are not a patch one can apply or
 * review line by line against one parent.
 */
function skipCombinedDiff(cursor: DiffCursor): void {
  cursor.diagnostics.push(diagnostic(cursor.sourceLineHere, 'warning', 'combined-diff',
    'Combined diff of a merge (`diff --cc`) skipped: show the merge against one parent (`git show --first-parent` or `-m`) to read it.'));
  for (cursor.advance(); !cursor.done && !cursor.startsWith('diff '); cursor.advance());
}

/** The blob ids of got's header lines seen last, and the index of the line that gave the last one. */
interface GotBlobs {
  ids: { oldBlob?: string; newBlob?: string };
  index: number;
}

/** Reads the cursor's line into `blobs` when it is a got `blob -`/`blob +` line; false when it is not one. */
function readGotBlob(cursor: DiffCursor, blobs: GotBlobs): boolean {
  const blob = readGotBlobLine(cursor.text, cursor.pos, cursor.lineEnd);
  if (!blob) return false;
  // A `blob -` starts a file's header: ids from an earlier file's lines are not this one's.
  if (blob.side === 'old' || blobs.index < cursor.index - 1) blobs.ids = {};
  blobs.ids[blob.side === 'old' ? 'oldBlob' : 'newBlob'] = blob.id;
  blobs.index = cursor.index;
  return true;
}

/** The cursor's line read as a hunk header, or null when it is not one. */
function hunkHeaderHere(cursor: DiffCursor): HunkRange | null {
  return parseHunkHeaderAt(cursor.text, cursor.pos, cursor.lineEnd);
}

function emptyFile(oldPath: string | null, newPath: string | null, sourceLine: number): FilePatch {
  return { oldPath, newPath, status: 'modified', binary: false, hunks: [], added: 0, removed: 0, sourceLine };
}

/** Reads a `diff --git` section: extended header, optional `---`/`+++`, hunks or binary data. */
function readGitFile(cursor: DiffCursor): FilePatch {
  const paths = gitDiffPaths(cursor.line().slice('diff --git '.length));
  const file = emptyFile(paths?.oldPath ?? null, paths?.newPath ?? null, cursor.sourceLineHere);
  if (!paths) {
    cursor.diagnostics.push(diagnostic(file.sourceLine, 'warning', 'bad-diff-git-line',
      'Cannot read the two paths of this `diff --git` line; paths are taken from the lines below.'));
  }
  const facts: GitHeaderFacts = noGitHeaderFacts();
  let oldHeader: string | null | undefined;
  let newHeader: string | null | undefined;
  for (cursor.advance(); !cursor.done; ) {
    const c = cursor.text.charCodeAt(cursor.pos);
    // Every extended header line starts with a lower-case word (`index`, `new file mode`, ...).
    if (isLowerAscii(c) && readGitHeaderLine(facts, cursor.text, cursor.pos, cursor.lineEnd)) {
      cursor.advance();
      continue;
    }
    if (c === MINUS && isFileHeaderPairAt(cursor.text, cursor.pos)) {
      oldHeader = headerPath(cursor.line().slice(4));
      cursor.advance();
      newHeader = headerPath(cursor.line().slice(4));
      cursor.advance();
      break;
    }
    const line = c === AT ? '' : cursor.line();
    if (BINARY_FILES.test(line)) {
      facts.binary = true;
      cursor.advance();
      break;
    }
    if (line === 'GIT binary patch') {
      facts.binary = true;
      for (cursor.advance(); !cursor.done && isBinaryPatchData(cursor.line()); cursor.advance());
      break;
    }
    break;
  }
  if (oldHeader !== undefined || newHeader !== undefined) {
    const stripped = paths?.prefixed !== false ? stripAbPrefixes(oldHeader ?? null, newHeader ?? null) : { oldPath: oldHeader ?? null, newPath: newHeader ?? null };
    if (stripped.oldPath === null) facts.newFile = true;
    else file.oldPath = stripped.oldPath;
    if (stripped.newPath === null) facts.deletedFile = true;
    else file.newPath = stripped.newPath;
  }
  applyFacts(file, facts);
  readHunks(cursor, file);
  return file;
}
/** Copies the extended header facts onto the file and settles its status. */
function applyFacts(file: FilePatch, facts: GitHeaderFacts): void {
  if (facts.renameFrom !== undefined) file.oldPath = facts.renameFrom;
  if (facts.renameTo !== undefined) file.newPath = facts.renameTo;
  if (facts.copyFrom !== undefined) file.oldPath = facts.copyFrom;
  if (facts.copyTo !== undefined) file.newPath = facts.copyTo;
  if (facts.oldMode !== undefined) file.oldMode = facts.oldMode;
  if (facts.newMode !== undefined) file.newMode = facts.newMode;
  if (facts.oldBlob !== undefined) file.oldBlob = facts.oldBlob;
  if (facts.newBlob !== undefined) file.newBlob = facts.newBlob;
  if (facts.similarity !== undefined) file.similarity = facts.similarity;
  if (facts.binary) file.binary = true;
  let status: FileStatus = 'modified';
  if (facts.newFile) status = 'added';
  else if (facts.deletedFile) status = 'deleted';
  else if (facts.renameFrom !== undefined || facts.renameTo !== undefined) status = 'renamed';
  else if (facts.copyFrom !== undefined || facts.copyTo !== undefined) status = 'copied';
  file.status = status;
  if (status === 'added') {
    file.oldPath = null;
    delete file.oldMode;
  }
  if (status === 'deleted') {
    file.newPath = null;
    delete file.newMode;
  }
}

/** Reads a plain `---`/`+++` file (no `diff --git` line) and its hunks. */
function readPlainFile(cursor: DiffCursor): FilePatch {
  const sourceLine = cursor.sourceLineHere;
  const oldLabel = cursor.line().slice(4);
  const oldHeader = headerPath(oldLabel);
  cursor.advance();
  const { oldPath, newPath } = stripAbPrefixes(oldHeader, headerPath(cursor.line().slice(4)));
  cursor.advance();
  const file = emptyFile(oldPath, newPath, sourceLine);
  if (oldPath === null) file.status = 'added';
  else if (newPath === null) file.status = 'deleted';
  const revision = labelRevision(oldLabel);
  if (revision !== undefined) file.oldRevision = revision;
  readHunks(cursor, file);
  return file;
}

/** `Binary files a/x and b/x differ` outside a git header (plain `diff -r`): the cursor's line. */
function plainBinaryFile(cursor: DiffCursor): FilePatch | null {
  const match = BINARY_FILES.exec(cursor.line());
  if (!match) return null;
  const { oldPath, newPath } = stripAbPrefixes(headerPath(match[1]!), headerPath(match[2]!));
  const file = emptyFile(oldPath, newPath, cursor.sourceLineHere);
  file.binary = true;
  if (oldPath === null) file.status = 'added';
  else if (newPath === null) file.status = 'deleted';
  return file;
}

/** Reads consecutive hunks from the cursor's line into `file`; the cursor ends at the first line after them. */
function readHunks(cursor: DiffCursor, file: FilePatch): void {
  while (!cursor.done) {
    const range = hunkHeaderHere(cursor);
    if (!range) break;
    readHunk(cursor, range, file);
  }
}
