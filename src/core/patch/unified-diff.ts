/**
 * Reads unified diffs and git diffs (git-diff(1) "generating patch text"): `diff --git`
 * headers with modes, renames, copies, similarity and `index` blob ids; plain `---`/`+++`
 * diffs; binary markers; `\ No newline at end of file`; CRLF input. Text around the diff
 * (mail prose, signatures) is skipped. Never throws on bad input: what cannot be read becomes
 * a diagnostic with its input line.
 */
import { diagnostic, type Diagnostic } from '../common/diagnostic';
import { gitDiffPaths, headerPath, stripAbPrefixes } from './diff-paths';
import { isBinaryPatchData, noGitHeaderFacts, readGitHeaderLine, type GitHeaderFacts } from './git-extended-header';
import { parseHunkHeader, parseHunkHeaderAt } from './hunk-header';
import { isFileHeaderPair, readHunk } from './hunk-reader';
import { indexLines, type LineSource } from './line-index';
import type { FilePatch, FileStatus } from './model';

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

/** Parses every file patch in `text`. */
export function parseDiff(text: string, options: DiffParseOptions = {}): DiffParseResult {
  const source = lineSource(text, options);
  const files: FilePatch[] = [];
  let firstDiffLine = -1;
  let i = 0;
  while (i < source.count) {
    const line = source.lineAt(i);
    let next = i + 1;
    let file: FilePatch | null = null;
    if (line.startsWith('diff --git ')) {
      ({ file, next } = readGitFile(source, i));
    } else if (isFileHeaderPair(source, i)) {
      ({ file, next } = readPlainFile(source, i));
    } else if (line.startsWith('Binary files ')) {
      file = plainBinaryFile(source, i);
    } else if (line.startsWith('@@ ') && files.length > 0 && parseHunkHeader(line)) {
      next = readHunks(source, i, files[files.length - 1]!);
      source.diagnostics.push(diagnostic(source.sourceLine(i), 'info', 'text-between-hunks',
        'Text between two hunks of the same file was skipped.'));
    } else if (line.startsWith('@@ ') && parseHunkHeader(line)) {
      source.diagnostics.push(diagnostic(source.sourceLine(i), 'warning', 'hunk-without-file',
        'Hunk header without a file header (`diff --git` or `---`/`+++`) before it; the hunk is skipped.'));
    }
    if (file) {
      if (firstDiffLine < 0) firstDiffLine = i;
      files.push(file);
    }
    i = next;
  }
  if (options.whitespaceDamaged && files.length > 0) {
    source.diagnostics.push(diagnostic(files[0]!.sourceLine, 'info', 'whitespace-damaged',
      'The patch lost its white space on the way: context lines without a leading space were read as context.'));
  }
  return { files, diagnostics: source.diagnostics, firstDiffLine };
}

/**
 * Line index → 1-based input line when the caller gives no mapping. One function for every
 * parse: optimized code that calls it may inline it, and a new closure per parse would throw
 * that code away each time the old one is garbage-collected.
 */
const nextLine = (i: number): number => i + 1;

/** Indexes the input's lines; CRLF line breaks are read as line breaks (with one diagnostic). */
function lineSource(text: string, options: DiffParseOptions): LineSource {
  const source = indexLines(text, options.sourceLineOf ?? nextLine, options.whitespaceDamaged ?? false);
  if (source.crLines > 0) {
    source.diagnostics.push(diagnostic(source.sourceLine(source.firstCrLine), 'info', 'crlf-line-breaks',
      `${source.crLines} line(s) end with CR LF; the CR was removed before reading the diff.`));
  }
  return source;
}

function emptyFile(oldPath: string | null, newPath: string | null, sourceLine: number): FilePatch {
  return { oldPath, newPath, status: 'modified', binary: false, hunks: [], added: 0, removed: 0, sourceLine };
}

/** Reads a `diff --git` section: extended header, optional `---`/`+++`, hunks or binary data. */
function readGitFile(source: LineSource, start: number): { file: FilePatch; next: number } {
  const paths = gitDiffPaths(source.lineAt(start).slice('diff --git '.length));
  const file = emptyFile(paths?.oldPath ?? null, paths?.newPath ?? null, source.sourceLine(start));
  if (!paths) {
    source.diagnostics.push(diagnostic(file.sourceLine, 'warning', 'bad-diff-git-line',
      'Cannot read the two paths of this `diff --git` line; paths are taken from the lines below.'));
  }
  const facts: GitHeaderFacts = noGitHeaderFacts();
  let i = start + 1;
  let oldHeader: string | null | undefined;
  let newHeader: string | null | undefined;
  for (; i < source.count; i++) {
    const line = source.lineAt(i);
    if (readGitHeaderLine(facts, line)) continue;
    if (isFileHeaderPair(source, i)) {
      oldHeader = headerPath(line.slice(4));
      newHeader = headerPath(source.lineAt(i + 1).slice(4));
      i += 2;
      break;
    }
    if (BINARY_FILES.test(line)) {
      facts.binary = true;
      i++;
      break;
    }
    if (line === 'GIT binary patch') {
      facts.binary = true;
      for (i++; i < source.count && isBinaryPatchData(source.lineAt(i)); i++);
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
  return { file, next: readHunks(source, i, file) };
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
function readPlainFile(source: LineSource, start: number): { file: FilePatch; next: number } {
  const { oldPath, newPath } = stripAbPrefixes(headerPath(source.lineAt(start).slice(4)), headerPath(source.lineAt(start + 1).slice(4)));
  const file = emptyFile(oldPath, newPath, source.sourceLine(start));
  if (oldPath === null) file.status = 'added';
  else if (newPath === null) file.status = 'deleted';
  return { file, next: readHunks(source, start + 2, file) };
}

/** `Binary files a/x and b/x differ` outside a git header (plain `diff -r`). */
function plainBinaryFile(source: LineSource, i: number): FilePatch | null {
  const match = BINARY_FILES.exec(source.lineAt(i));
  if (!match) return null;
  const { oldPath, newPath } = stripAbPrefixes(headerPath(match[1]!), headerPath(match[2]!));
  const file = emptyFile(oldPath, newPath, source.sourceLine(i));
  file.binary = true;
  if (oldPath === null) file.status = 'added';
  else if (newPath === null) file.status = 'deleted';
  return file;
}

/** Reads consecutive hunks starting at line `i` into `file`; returns the first line after them. */
function readHunks(source: LineSource, i: number, file: FilePatch): number {
  while (i < source.count) {
    const range = parseHunkHeaderAt(source.text, source.starts[i]!, source.lineEnd(i));
    if (!range) break;
    const { hunk, next, added, removed } = readHunk(source, i, range);
    file.hunks.push(hunk);
    file.added += added;
    file.removed += removed;
    i = next;
  }
  return i;
}
