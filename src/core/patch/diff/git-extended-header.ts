/**
 * The extended header lines git writes between `diff --git` and the first hunk
 * (git-diff(1), "generating patch text with -p"): modes, renames, copies, similarity,
 * `index` blob ids, binary markers.
 */
import { plainPath } from './diff-paths';

/** What the extended header lines say about one file; filled in line by line. */
export interface GitHeaderFacts {
  oldMode?: string;
  newMode?: string;
  newFile?: boolean;
  deletedFile?: boolean;
  renameFrom?: string;
  renameTo?: string;
  copyFrom?: string;
  copyTo?: string;
  /** Percent. */
  similarity?: number;
  oldBlob?: string;
  newBlob?: string;
  binary?: boolean;
}

/**
 * Facts with every field present (undefined): all facts objects share one shape, which stays
 * alive with the literal (a shape grown field by field dies with its last object, and V8 then
 * drops the optimized code that checks for it).
 */
export function noGitHeaderFacts(): GitHeaderFacts {
  return {
    oldMode: undefined, newMode: undefined, newFile: undefined, deletedFile: undefined, renameFrom: undefined, renameTo: undefined,
    copyFrom: undefined, copyTo: undefined, similarity: undefined, oldBlob: undefined, newBlob: undefined, binary: undefined,
  };
}

type HeaderHandler = (facts: GitHeaderFacts, argument: string) => boolean;

/** The header lines other than `index` (read by readIndex, on nearly every file). */
const HANDLERS: [prefix: string, handler: HeaderHandler][] = [
  ['old mode ', (f, a) => { f.oldMode = a.trim(); return true; }],
  ['new mode ', (f, a) => { f.newMode = a.trim(); return true; }],
  ['new file mode ', (f, a) => { f.newFile = true; f.newMode = a.trim(); return true; }],
  ['deleted file mode ', (f, a) => { f.deletedFile = true; f.oldMode = a.trim(); return true; }],
  ['rename from ', (f, a) => { f.renameFrom = plainPath(a); return true; }],
  ['rename to ', (f, a) => { f.renameTo = plainPath(a); return true; }],
  ['rename old ', (f, a) => { f.renameFrom = plainPath(a); return true; }],
  ['rename new ', (f, a) => { f.renameTo = plainPath(a); return true; }],
  ['copy from ', (f, a) => { f.copyFrom = plainPath(a); return true; }],
  ['copy to ', (f, a) => { f.copyTo = plainPath(a); return true; }],
  ['similarity index ', (f, a) => { f.similarity = percent(a); return true; }],
  ['dissimilarity index ', (f, a) => { const d = percent(a); if (d !== undefined) f.similarity = 100 - d; return true; }],
];

function percent(argument: string): number | undefined {
  const match = /^(\d{1,3})%/.exec(argument.trim());
  return match ? Number(match[1]) : undefined;
}

/** True for 0-9, a-f, A-F. */
function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

/** The end of the run of hex digits of `text` from `at`, before `end`. */
function hexRunEnd(text: string, at: number, end: number): number {
  while (at < end && isHex(text.charCodeAt(at))) at++;
  return at;
}

/**
 * The argument of an `index` line, `text.slice(start, end)` = `<old blob>..<new blob>[ <mode>]`,
 * into `facts`; false when it is not one. The same as matching
 * `^([0-9a-fA-F]+)\.\.([0-9a-fA-F]+)(?: ([0-7]{6}))?\s*$`. Read in place: only what is kept
 * is copied out.
 */
function readIndex(facts: GitHeaderFacts, text: string, start: number, end: number): boolean {
  const oldEnd = hexRunEnd(text, start, end);
  if (oldEnd === start || oldEnd + 2 > end || !text.startsWith('..', oldEnd)) return false;
  const newEnd = hexRunEnd(text, oldEnd + 2, end);
  if (newEnd === oldEnd + 2) return false;
  const rest = newEnd === end ? '' : text.slice(newEnd, end).trimEnd();
  if (rest !== '' && !MODE_ARGUMENT.test(rest)) return false;
  facts.oldBlob = text.slice(start, oldEnd).toLowerCase();
  facts.newBlob = text.slice(oldEnd + 2, newEnd).toLowerCase();
  if (rest !== '') {
    facts.oldMode ??= rest.slice(1);
    facts.newMode ??= rest.slice(1);
  }
  return true;
}

/** What may follow the blob ids of an `index` line: the file's mode. */
const MODE_ARGUMENT = /^ [0-7]{6}$/;

/**
 * Reads the extended header line `text.slice(start, end)` into `facts`. Returns false when the
 * line is not one (the header ends there); `---`, `+++`, `@@` and binary lines are the caller's.
 */
export function readGitHeaderLine(facts: GitHeaderFacts, text: string, start: number, end: number): boolean {
  if (text.startsWith('index ', start)) return readIndex(facts, text, start + 'index '.length, end);
  for (let h = 0; h < HANDLERS.length; h++) {
    const [prefix, handler] = HANDLERS[h]!;
    if (text.startsWith(prefix, start) && start + prefix.length <= end) return handler(facts, text.slice(start + prefix.length, end));
  }
  return false;
}

const BINARY_DATA = /^(?:(?:literal|delta) \d+|[A-Za-z][0-9A-Za-z!#$%&()*+\-;<=>?@^_`{|}~]+|)$/;

/** True for the lines that follow `GIT binary patch`: `literal N`, `delta N`, base85 data, blanks. */
export function isBinaryPatchData(line: string): boolean {
  return BINARY_DATA.test(line);
}
