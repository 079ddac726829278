/**
 * The data model of a kernel patch as a reviewer gets it: a diff, possibly inside a mail,
 * possibly quoted in a review reply. See DESIGN.md "Data model".
 */
import type { Diagnostic } from '../common/diagnostic';

export type PatchLineKind = 'context' | 'add' | 'remove';

export interface PatchLine {
  kind: PatchLineKind;
  /** The line's text without the leading ' ', '+' or '-' and without the line break. */
  text: string;
  /** 1-based line number in the old file, or null for an added line. */
  oldLine: number | null;
  /** 1-based line number in the new file, or null for a removed line. */
  newLine: number | null;
  /** 1-based line of the input (patch file, decoded mail body, or recovered archive text) it came from. */
  sourceLine: number;
  /** True when followed by `\ No newline at end of file`. */
  noNewlineAtEnd?: boolean;
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The text after the second `@@` (git's function context), trimmed; '' when absent. */
  header: string;
  /**
   * C function(s) the hunk touches: from tree-sitter when the source is at hand, else from
   * `header` and the hunk's own lines. Hunks from parseDiff make them on first read.
   */
  functions: string[];
  /**
   * The hunk's lines. Hunks from parseDiff make them on first read and are class instances
   * (parsed-hunk.ts): copy one with `plainHunk`, not spread.
   */
  lines: PatchLine[];
  /** 1-based input line of the `@@` header. */
  sourceLine: number;
}

export type FileStatus = 'modified' | 'added' | 'deleted' | 'renamed' | 'copied';

export interface FilePatch {
  /** Path without the `a/` prefix; null when the file is new (/dev/null). */
  oldPath: string | null;
  /** Path without the `b/` prefix; null when the file is deleted (/dev/null). */
  newPath: string | null;
  status: FileStatus;
  oldMode?: string;
  newMode?: string;
  /** Abbreviated or full git blob id of the pre-image from the `index` line. */
  oldBlob?: string;
  /** Abbreviated or full git blob id of the post-image from the `index` line. */
  newBlob?: string;
  /** CVS revision of the pre-image (`1.99`), from a `cvs diff` label; see rcs-revision.ts. */
  oldRevision?: string;
  /** Similarity index of a rename or copy, in percent. */
  similarity?: number;
  binary: boolean;
  hunks: Hunk[];
  /** Lines added and removed over all hunks. */
  added: number;
  removed: number;
  /** 1-based input line of the `diff --git` (or first `---`) line. */
  sourceLine: number;
}

export interface MailHeaders {
  from: string;
  date: string;
  subject: string;
  messageId?: string;
  inReplyTo?: string;
  /** `To:` addresses, each as `Name <addr>` or as written. */
  to?: string[];
  /** `Cc:` addresses, as `to`. */
  cc?: string[];
  /** `Reply-To:` addresses, as `to`: where a reply goes instead of `from`. */
  replyTo?: string[];
  /** `References:` message ids, oldest first, each with its angle brackets. */
  references?: string[];
}

/**
 * How sure the place of a comment is: `exact` when the quoted line above it was aligned with the
 * message it answers (or the quoted hunk alone proves its line), `approximate` when the line is
 * inferred (the reason says why), `not-a-line` for words about the commit message, the cover
 * letter or the patch as a whole.
 */
export type CommentCertainty = 'exact' | 'approximate' | 'not-a-line';

/** What a comment that is not about a patch line is about. */
export type CommentSubject = 'line' | 'commit-message' | 'cover-letter' | 'general';

/** A reviewer's words anchored to the last quoted patch line above them. */
export interface ReviewComment {
  author: string;
  text: string;
  /** Path of the file (new path, or old path for a deleted file). */
  file: string;
  side: 'old' | 'new';
  /** 1-based line in that side's file. */
  line: number;
  /** 1-based input line where the comment starts. */
  sourceLine: number;
  /** Absent on comments read from a lone reply by its quoted hunks (the bundled review): exact. */
  certainty?: CommentCertainty;
  /** Why the line is only approximate, or why it could not be checked. */
  reason?: string;
  /** The `Date:` of the reply the comment comes from. */
  date?: string;
  /** The Message-ID of the reply the comment comes from. */
  messageId?: string;
  /** A diff the reviewer wrote in the comment: a suggested change, never the patch under review. */
  proposal?: string;
  /** Index (in the same list) of the comment this one answers: a reply to a reply, on the same line. */
  replyTo?: number;
}

/**
 * A comment read from a reply in a thread, wherever it belongs: on a patch line (`file`, `side`,
 * `line` set) or not (`about` says what it is about, the three are null).
 */
export interface ThreadComment {
  /** `Name <address>` of the reply's author. */
  author: string;
  date: string;
  messageId: string;
  text: string;
  file: string | null;
  side: 'old' | 'new' | null;
  line: number | null;
  about: CommentSubject;
  certainty: CommentCertainty;
  reason?: string;
  /** The reviewer's own diff inside the comment, as they wrote it. */
  proposal?: string;
  /** Index in the same list of the comment this one answers (a reply to a reply). */
  replyTo?: number;
  /** Message-ID of the patch mail the comment is about, when known. */
  patchMessageId?: string;
  /** 1-based line of the reply's body where the comment starts. */
  bodyLine: number;
  /** False when the answered message was not in the input: placed by the quoted text alone. */
  checked: boolean;
}

export interface DiffstatEntry {
  path: string;
  /** Total changed lines the diffstat bar claims (added + removed); null for binary entries. */
  changes: number | null;
}

export interface Diffstat {
  files: DiffstatEntry[];
  totals: { files: number; added: number; removed: number };
  /** 1-based input line of the summary line (`N files changed, ...`). */
  sourceLine: number;
}

export interface Patch {
  /** Mail headers when the patch came in a mail; null for a bare diff. */
  mail: MailHeaders | null;
  /** The commit message / cover text before the diff. */
  prose: string;
  /** `[PATCH n/m]` position in a series, when the subject has one. */
  series?: { index: number; total: number };
  files: FilePatch[];
  comments: ReviewComment[];
  diffstat: { claimed: Diffstat | null; matches: boolean | null };
  /** True when white space was lost on the way (flattened archive text, stripped quotes). */
  whitespaceDamaged: boolean;
  diagnostics: Diagnostic[];
}
