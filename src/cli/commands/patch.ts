/**
 * `reaperscope patch FILE|- [--json] [--tree DIR]`: reads a patch in any form (bare diff,
 * format-patch mail, mbox, review reply, flattened archive text) and prints its files, hunks,
 * the functions each hunk touches, review comments and diagnostics.
 */
import { applyFilePatch, hunkStarts } from '../../core/patch/apply/apply';
import { placedHunkFunctions } from '../../core/patch/c/c-functions';
import type { Patch } from '../../core/patch/model';
import { EXIT_BAD_INPUT, EXIT_OK, type Command } from '../command';
import { parseCommandArgs } from '../parse-command-args';
import { patchJson } from '../patch-json';
import { diagnosticLines, patchSummary } from '../patch-summary';
import { readPatchArgument } from '../patch-input';
import { readTreeText, treePath } from '../tree-files';
import { cFunctionSpans } from '../tree-functions';

const usage = `usage: reaperscope patch FILE|- [--json] [--tree DIR]

Reads a kernel patch as a reviewer gets it: a bare diff, a git format-patch mail, an mbox
(its first message), a review reply quoting the patch, or mail-archive text whose line
breaks were lost. Prints the files, hunks and the C functions each hunk touches, the review
comments with the line they are about, and the diagnostics (FILE:LINE).

  FILE          the patch; - reads standard input
  --json        print the result as JSON (files, totals, diffstat, comments, mail,
                whitespaceDamaged, diagnostics)
  --tree DIR    the source tree the patch is against: functions come from its C files
                (tree-sitter); without it, from the @@ headers and the hunk text

Exit status: 0 read, 1 no diff found or the diff has errors (named FILE:LINE), 2 usage.
`;

/**
 * Replaces each hunk's functions by tree-sitter's answer where the pre-image is in `tree`: in
 * that file as it is, at the lines where the hunk applies (a tree is rarely the patch's base,
 * so the header's line numbers are off by the hunk's offset).
 */
async function functionsFromTree(patch: Patch, tree: string, name: string): Promise<void> {
  for (const file of patch.files) {
    if (file.hunks.length === 0 || file.oldPath === null) continue;
    const source = await readTreeText(treePath(tree, file.oldPath, name, file.sourceLine));
    const spans = await cFunctionSpans(file.oldPath, source?.text ?? null);
    if (!spans || !source) continue;
    const result = applyFilePatch(file, source.text, { ignoreWhitespace: patch.whitespaceDamaged });
    const patchedSpans = await cFunctionSpans(file.newPath, result.postImage);
    const functions = placedHunkFunctions(file.hunks, hunkStarts(result, file.hunks.length), spans, patchedSpans);
    file.hunks.forEach((hunk, h) => (hunk.functions = functions[h]!));
  }
}

export const patchCommand: Command = {
  name: 'patch',
  summary: 'read a patch, mail or review reply: files, hunks, functions, comments',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      json: { type: 'boolean' },
      tree: { type: 'string' },
    });
    const { patch, name } = await readPatchArgument(positionals, io);
    if (values.tree !== undefined) await functionsFromTree(patch, values.tree, name);
    io.out(values.json ? `${JSON.stringify(patchJson(patch), null, 2)}\n` : patchSummary(patch, name));
    const errors = patch.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      io.err(`${diagnosticLines(errors, name).join('\n')}\n`);
      return EXIT_BAD_INPUT;
    }
    return EXIT_OK;
  },
};
