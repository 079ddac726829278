/**
 * One entry point for a patch in any form a reviewer gets it: a bare diff, a git format-patch
 * mail (MIME or not), an mbox (a series), a review reply quoting the patch with comments in it,
 * or mail-archive text whose line breaks were lost.
 *
 * Line numbers (PatchLine.sourceLine, comments, diagnostics) are 1-based lines of the input as
 * given (for a quoted-printable mail, the raw line where the decoded line starts); for a base64
 * or multipart mail, of the decoded body; for a patch attachment, of the attachment; for
 * flattened archive text, of the recovered lines (see flattened-archive.ts), with the column in
 * the original text on diagnostics.
 *
 * Diagnostic codes added here, besides parseDiff's: `hunk-repaired` (info: blank context put back
 * where a reply comment replaced it), `quote-rewrapped` (warning: a diff line a mail client wrapped,
 * joined back), `archive-lines-recovered` and `archive-gt-joined` (info: flattened text),
 * `diffstat-mismatch` (warning, names the file), `patch-attachment` (info), `no-diff` (warning).
 */
import { diagnostic, type Diagnostic } from '../common/diagnostic';
import { checkDiffstat, readDiffstat } from './diff/diffstat';
import { isFlattenedArchive, recoverFlattenedArchive } from './mail/flattened-archive';
import { repairHunks, rewrappedDiagnostic } from './mail/hunk-repair';
import { bodySourceLine, looksLikeMail, readMail, type MailMessage } from './mail/mail-message';
import { seriesPosition } from './mail/mail-subject';
import { lineStartOffsets, looksLikeMbox, mboxMessageBytes, splitMbox } from './mail/mbox';
import type { MailHeaders, Patch } from './model';
import { readQuotedPatch } from './mail/quoted-reply';
import { anchorComments, type PendingComment } from './mail/review-comments';
import { parseDiff } from './diff/unified-diff';

export interface ReadPatchOptions {
  /** Name of the input, used in messages. */
  fileName?: string;
}

/** How body lines map to input lines, and what is known about the text. */
interface BodyContext {
  mail: MailHeaders | null;
  /** Plain name of the mail's author, for comments written in the reply itself. */
  author: string;
  /** 1-based input line of body line `index`. */
  lineOf: (index: number) => number;
  whitespaceDamaged: boolean;
}

/** Header lines a reply client quotes above the quoted mail (`> Date: ...`, `> From: ...`). */
const QUOTED_HEADER = /^(?:From|Date|Subject|To|Cc|Message-I[Dd]):\s/;

/**
 * The commit message or cover text: the lines before the diff, cut at the `---` above the
 * diffstat; for a reply, without the quoted mail's header lines at its top.
 */
function proseOf(lines: readonly string[], quoted: boolean): string {
  let start = 0;
  while (quoted && start < lines.length && QUOTED_HEADER.test(lines[start]!)) start++;
  let end = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i] === '---') {
      end = i;
      break;
    }
  }
  return lines.slice(start, Math.max(start, end)).join('\n').trim();
}

/** The first `count` lines of `text` (every line when `count` < 0), without splitting the rest. */
function leadingLines(text: string, count: number): string[] {
  if (count < 0) return text.split('\n');
  let end = 0;
  for (let k = 0; k < count && end >= 0; k++) end = text.indexOf('\n', end) + 1 || -1;
  return count === 0 ? [] : (end < 0 ? text : text.slice(0, end - 1)).split('\n');
}

/** Reads the patch in a decoded body (a plain diff or a reply quoting one). */
function patchFromBody(body: string, context: BodyContext): Patch {
  // A body that quotes nothing and has no CR is parsed as it is, without copying its lines.
  const plain = !body.includes('\r') && !body.startsWith('>') && !body.includes('\n>');
  const diagnostics: Diagnostic[] = [];
  const pending: PendingComment[] = [];
  let text = body;
  let sourceLineOf = context.lineOf;
  let quoted: ReturnType<typeof readQuotedPatch> = null;
  if (!plain) {
    const bodyLines = body.split('\n');
    quoted = readQuotedPatch(bodyLines, context.author);
    let lines: string[] = bodyLines.map((l) => l.replace(/\r$/, ''));
    let sourceLines = lines.map((_, i) => context.lineOf(i));
    if (quoted) {
      const gaps = quoted.comments.map((c) => ({ before: c.before, sourceLine: context.lineOf(c.bodyIndex) }));
      const repaired = repairHunks({
        lines: quoted.lines,
        sourceLines: quoted.bodyIndex.map(context.lineOf),
        gaps,
        whitespaceDamaged: context.whitespaceDamaged,
      });
      ({ lines, sourceLines } = repaired);
      diagnostics.push(...quoted.rewrapped.map(([tail, above]) => rewrappedDiagnostic(context.lineOf(tail), context.lineOf(above))));
      diagnostics.push(...repaired.diagnostics);
      for (const c of quoted.comments) {
        const above = quoted.bodyIndex[c.before - 1];
        pending.push({
          author: c.author, text: c.text, sourceLine: context.lineOf(c.bodyIndex),
          anchorSourceLine: above === undefined ? null : context.lineOf(above),
        });
      }
    }
    const lastLine = sourceLines[sourceLines.length - 1] ?? 1;
    const final = sourceLines;
    sourceLineOf = (i: number): number => final[i] ?? lastLine;
    text = lines.join('\n');
  }
  const parsed = parseDiff(text, { sourceLineOf, whitespaceDamaged: context.whitespaceDamaged });
  diagnostics.push(...parsed.diagnostics);
  const before = leadingLines(text, parsed.firstDiffLine);
  const claimed = parsed.files.length > 0 ? readDiffstat(before, sourceLineOf) : null;
  let matches: boolean | null = null;
  if (claimed) {
    const check = checkDiffstat(claimed, parsed.files);
    matches = check.matches;
    diagnostics.push(...check.diagnostics);
  }
  const patch: Patch = {
    mail: context.mail,
    prose: proseOf(before, quoted !== null),
    files: parsed.files,
    comments: anchorComments(pending, parsed.files),
    diffstat: { claimed: claimed?.diffstat ?? null, matches },
    // A blank context line that lost its space means trailing white space was stripped on the way.
    whitespaceDamaged: context.whitespaceDamaged || diagnostics.some((d) => d.code === 'stripped-blank-context'),
    diagnostics,
  };
  const series = context.mail ? seriesPosition(context.mail.subject) : undefined;
  if (series) patch.series = series;
  return patch;
}

/**
 * A patch mail: the body, or when the body holds no diff, the patch attachments. `firstLine` is
 * the 1-based input line where the mail starts; `whitespaceDamaged` says white space was lost.
 */
export function patchFromMail(message: MailMessage, firstLine: number, whitespaceDamaged: boolean): Patch {
  const lines = message.bodySourceLines;
  const lineOf = lines === null ? (i: number) => i + 1 : (i: number) => firstLine - 1 + (bodySourceLine(lines, i) ?? 1);
  const author = message.headers.from.replace(/\s*<[^>]*>\s*$/, '').replace(/^"|"$/g, '') || message.headers.from;
  const patch = patchFromBody(message.body, { whitespaceDamaged, mail: message.headers, author, lineOf });
  if (patch.files.length > 0 || message.patchAttachments.length === 0) return patch;
  for (const attachment of message.patchAttachments) {
    const fromAttachment = patchFromBody(attachment.text, { whitespaceDamaged, mail: message.headers, author, lineOf: (i) => i + 1 });
    patch.files.push(...fromAttachment.files);
    patch.diagnostics.push(...fromAttachment.diagnostics);
    if (patch.diffstat.claimed === null) patch.diffstat = fromAttachment.diffstat;
    patch.diagnostics.push(diagnostic(1, 'info', 'patch-attachment',
      `The diff was read from the attachment ${attachment.fileName ?? attachment.mimeType}; its line numbers count from the attachment's first line.`));
  }
  return patch;
}

/** The input as text (bytes read as UTF-8). */
export function textOf(input: Uint8Array | string): string {
  return typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
}

function bytesOf(input: Uint8Array | string): Uint8Array | null {
  return typeof input === 'string' ? null : input;
}

/** Adds a `no-diff` warning to a patch without files (not to a cover letter, 0/m). */
export function withNoDiffDiagnostic(patch: Patch, fileName: string): Patch {
  if (patch.files.length === 0 && patch.series?.index !== 0) {
    patch.diagnostics.push(diagnostic(1, 'warning', 'no-diff', `No diff found in ${fileName}.`));
  }
  return patch;
}

/**
 * Reads every message of an mbox; messages keep file order. With the input's bytes, each mail
 * goes to the MIME reader as bytes, so 8-bit bodies in a legacy charset decode right.
 */
async function readMboxMessages(text: string, bytes: Uint8Array | null, fileName: string): Promise<Patch[]> {
  const patches: Patch[] = [];
  const starts = bytes ? lineStartOffsets(bytes) : [];
  for (const message of splitMbox(text)) {
    const raw = bytes ? mboxMessageBytes(bytes, starts, message) : message.text;
    const mail = await readMail(raw, message.text);
    patches.push(withNoDiffDiagnostic(patchFromMail(mail, message.firstLine, false), fileName));
  }
  return patches;
}

/** Reads archive text whose line breaks were lost: recovered lines, then the reply path. */
async function readFlattened(text: string, fileName: string): Promise<Patch> {
  const recovered = recoverFlattenedArchive(text);
  const mail = await readMail(recovered.text, recovered.text);
  const patch = patchFromMail(mail, 1, true);
  patch.diagnostics.push(...recovered.diagnostics);
  for (const d of patch.diagnostics) {
    const column = recovered.columns[d.line - 1];
    if (d.column === undefined && column !== undefined && column > 0) d.column = column;
  }
  return withNoDiffDiagnostic(patch, fileName);
}

/**
 * Reads a patch in any of the supported forms. For an mbox, the first message in series order
 * that holds a diff, so patch 1/m rather than the cover letter (use {@link readPatchSeries} for all). Never throws on bad input: problems are diagnostics.
 */
export async function readPatch(input: Uint8Array | string, options: ReadPatchOptions = {}): Promise<Patch> {
  const fileName = options.fileName ?? 'the input';
  const text = textOf(input);
  if (isFlattenedArchive(text)) return readFlattened(text, fileName);
  if (looksLikeMbox(text)) {
    const patches = inSeriesOrder(await readMboxMessages(text, bytesOf(input), fileName));
    const first = patches.find((p) => p.files.length > 0) ?? patches[0];
    if (first) return first;
  }
  if (looksLikeMail(text)) {
    const mail = await readMail(input, text);
    return withNoDiffDiagnostic(patchFromMail(mail, 1, false), fileName);
  }
  return withNoDiffDiagnostic(patchFromBody(text, { mail: null, author: '', lineOf: (i) => i + 1, whitespaceDamaged: false }), fileName);
}

/**
 * Reads every message of an mbox as one patch each, ordered by `[PATCH n/m]` (the cover letter
 * 0/m first, as prose with no files); messages without a position keep their place after those
 * with one. A single mail or diff gives a one-element series.
 */
export async function readPatchSeries(input: Uint8Array | string, options: ReadPatchOptions = {}): Promise<Patch[]> {
  const text = textOf(input);
  if (!looksLikeMbox(text) || isFlattenedArchive(text)) return [await readPatch(input, options)];
  return inSeriesOrder(await readMboxMessages(text, bytesOf(input), options.fileName ?? 'the input'));
}

/** Sorts by `[PATCH n/m]` (stable); messages without a position go after those with one. */
function inSeriesOrder(patches: Patch[]): Patch[] {
  const rank = (p: Patch): number => p.series?.index ?? Number.MAX_SAFE_INTEGER;
  return patches.map((p, i) => ({ p, i })).sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i).map(({ p }) => p);
}
