/**
 * `reaperscope patch FILE|DIR|-... [--json] [--tree DIR]`: reads a patch in any form (bare diff,
 * format-patch mail, review reply, flattened archive text) and prints its files, hunks, the
 * functions each hunk touches, review comments and diagnostics; input holding more than one
 * message (an mbox, a maildir, several mails) is read as a thread: its series, replies,
 * trailers and totals.
 */
import { parseCommandArgs } from '../parse-command-args';
import { patchJson } from '../patch-json';
import { diagnosticLines, patchSummary } from '../patch-summary';
import { groupSeries } from '../../core/patch/mail/series';
import { readThread, type ThreadSource } from '../../core/patch/mail/thread';
import { looksLikeMbox, splitMbox } from '../../core/patch/mail/mbox';
import { readPatch, textOf } from '../../core/patch/read-patch';
import { EXIT_BAD_INPUT, EXIT_OK, InputError, UsageError, type CliIo, type Command } from '../command';
import { threadJson } from '../thread-json';
import { loneReplyJson, loneReplySummary, readLoneReply } from '../thread-lone-reply';
import { threadSummary } from '../thread-summary';
import { readThreadSources } from '../thread-input';
import { treeHunkFunctions, withTreeFunctions } from '../tree-hunk-functions';

const usage = `usage: reaperscope patch FILE|DIR|-... [--json] [--tree DIR]

Reads a kernel patch as a reviewer gets it: a bare diff, a git format-patch mail, a review
reply quoting the patch, or mail-archive text whose line breaks were lost. Prints the files,
hunks and the C functions each hunk touches, the review comments with the line they are
about, and the diagnostics (FILE:LINE).

Input holding more than one message (an mbox, a maildir or folder of mails, several mail
files) is a thread: prints each series by version (cover letter, each patch's counts,
trailers given in replies, the replies, missing patches), the other messages, and totals.

  FILE          the patch, an mbox, or a mail; - reads standard input
  DIR           a maildir (its cur/ and new/) or a folder of mail files
  --json        print the result as JSON (files, totals, diffstat, comments, mail,
                whitespaceDamaged, diagnostics; for a thread: series, replies,
                comments, totals, diagnostics)
  --tree DIR    the source tree the patch is against: functions come from its C files
                (tree-sitter); without it, from the @@ headers and the hunk text

A review reply read alone (the patch it answers not given) is read from its quote: hunks
quoted without their file header, cut short or snipped are notes, not errors; each comment
says how sure its line is, and the report lists the comments that could not be checked.

Exit status: 0 read, 1 no diff found or the diff has errors (named FILE:LINE), 2 usage.
`;

/** True when `source` is an mbox of more than one message. */
function holdsSeveralMessages(source: ThreadSource): boolean {
  const text = textOf(source.data);
  return looksLikeMbox(text) && splitMbox(text).length > 1;
}

/** Reads `sources` as a thread and prints it; exit 1 when no patch holds a diff or a patch has errors. */
async function runThread(sources: readonly ThreadSource[], values: { json?: boolean; tree?: string }, io: CliIo): Promise<number> {
  const thread = await readThread(sources);
  const grouped = groupSeries(thread);
  const members = grouped.series.flatMap((s) => s.patches.map((p) => thread.messages[p.message]!));
  if (!members.some((m) => m.patch.files.length > 0)) {
    const names = sources.map((s) => s.name).join(', ');
    throw new InputError(`${names}:1: no diff found in ${thread.messages.length} message(s)`);
  }
  let printed = thread;
  if (values.tree !== undefined) {
    const messages = [...thread.messages];
    for (const m of members) messages[m.index] = { ...m, patch: withTreeFunctions(m.patch, await treeHunkFunctions(m.patch, values.tree, m.source)) };
    printed = { ...thread, messages };
  }
  const json = threadJson(printed, grouped);
  io.out(values.json ? `${JSON.stringify(json, null, 2)}\n` : threadSummary(json, thread.messages.length));
  const errors = members.flatMap((m) => m.patch.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ ...d, source: m.source })));
  if (errors.length > 0) {
    io.err(`${errors.flatMap((d) => diagnosticLines([d], d.source)).join('\n')}\n`);
    return EXIT_BAD_INPUT;
  }
  return EXIT_OK;
}

export const patchCommand: Command = {
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      json: { type: 'boolean' },
      tree: { type: 'string' },
    });
    if (positionals.length === 0) throw new UsageError('which patch? Give a file, a folder, or - for standard input');
    const sources = await readThreadSources(positionals, io);
    if (sources.length > 1 || holdsSeveralMessages(sources[0]!)) return runThread(sources, values, io);
    const name = sources[0]!.name;
    const read = await readPatch(sources[0]!.data, { fileName: name });
    // A reply read alone: its quoted hunks are read as far as they go (notes, not errors).
    const lone = read.mail ? await readLoneReply(sources[0]!, read) : null;
    const base = lone?.patch ?? read;
    if (base.files.length === 0 && !lone) throw new InputError(`${name}:1: no diff found`);
    const patch = values.tree === undefined ? base : withTreeFunctions(base, await treeHunkFunctions(base, values.tree, name));
    if (values.json) io.out(`${JSON.stringify(lone ? loneReplyJson({ ...lone, patch }) : patchJson(patch), null, 2)}\n`);
    else io.out(lone ? `${patchSummary(patch, name)}${loneReplySummary({ ...lone, patch }, name).map((l) => `${l}\n`).join('')}` : patchSummary(patch, name));
    const errors = patch.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      io.err(`${diagnosticLines(errors, name).join('\n')}\n`);
      return EXIT_BAD_INPUT;
    }
    return EXIT_OK;
  },
};
