/**
 * `reaperscope apply PATCH --tree DIR [--dry-run] [--json] [--reverse]`: applies a patch (in
 * any form `patch` reads) to a source tree like patch(1), reporting each hunk's outcome and
 * the blob-id checks. Writes only when no hunk of any file failed, and never half-way.
 */
import { checkFilePatch, type FileCheckOptions } from '../../core/patch/apply/file-check';
import { fileOperations, type FileOperation } from '../../core/patch/apply/file-operations';
import type { FilePatch } from '../../core/patch/model';
import { applyFileJson, applyText, type AppliedFile, type ApplyJson } from '../apply-report';
import { EXIT_BAD_INPUT, EXIT_OK, InputError, UsageError, type Command } from '../command';
import { integerOption, parseCommandArgs } from '../parse-command-args';
import { diagnosticLines } from '../patch-summary';
import { readPatchArgument } from '../patch-input';
import { commitTreeChanges, readTreeText, treePath, type TreeChange } from '../tree-files';
import { patchFunctionFinder } from '../tree-functions';

const usage = `usage: reaperscope apply PATCH --tree DIR [--dry-run] [--json] [--reverse]
                         [--fuzz N] [--strip N] [--ignore-whitespace]

Applies PATCH (a diff, a patch mail, a review reply, archive text; - reads standard input)
to the source tree DIR like patch(1): each hunk at its line, else at the nearest offset,
else with fuzz. Reports per file and per hunk: exact, offset, fuzz or failed (with its
offset and fuzz), the C functions it touches, and whether the git blob ids of the 'index'
lines match the files before and after. Files are written only when no hunk failed.

  --tree DIR            the tree the paths of the patch are relative to (required)
  --dry-run             check only, write nothing
  --json                print the report as JSON
  --reverse             undo the patch (the tree holds the patched files)
  --fuzz N              context lines a hunk may ignore at each end (default 2)
  -p, --strip N         leading path components to remove, like patch -pN (default 0:
                        git's a/ and b/ are removed already; use 1 for 'diff -ru old new')
  --ignore-whitespace   match context ignoring white space (on by default for patches
                        whose white space was damaged, e.g. mail-archive text; such
                        patches are only checked, never written)

Exit status: 0 every hunk applies, 1 bad input or a hunk/file does not apply, 2 usage.
`;

/** Where the file's paths are in the tree (a path leaving the tree is bad input, checked before anything is read). */
function treePaths(file: FilePatch, tree: { dir: string; strip: number }, name: string): Map<string, string> {
  const paths = new Map<string, string>();
  for (const path of [file.oldPath, file.newPath]) {
    if (path !== null) paths.set(path, treePath(tree.dir, path, name, file.sourceLine, tree.strip));
  }
  return paths;
}

/** The operations of a file's plan as one tree change: written text as the file's bytes, a rename as a write to the new name and a removal of the old. */
function treeChange(operations: readonly FileOperation[], paths: ReadonlyMap<string, string>, encode: (text: string) => Uint8Array): TreeChange | null {
  const changes: TreeChange[] = [];
  for (const operation of operations) {
    const last = changes[changes.length - 1];
    if (operation.op === 'delete') changes.push({ writePath: null, bytes: null, mode: null, removePath: paths.get(operation.path)! });
    else if (operation.op === 'rename' && last) changes[changes.length - 1] = { ...last, writePath: paths.get(operation.to)!, removePath: paths.get(operation.from)! };
    else if (operation.op !== 'rename') changes.push({ writePath: paths.get(operation.path)!, bytes: encode(operation.text), mode: operation.mode, removePath: null });
  }
  return changes[0] ?? null;
}

/** Reads the pre-image and checks the file patch against it (the shared pipeline), planning its tree change when it applies. */
async function applyOne(file: FilePatch, tree: { dir: string; strip: number }, name: string, options: FileCheckOptions & { reverse: boolean }): Promise<AppliedFile & { change: TreeChange | null }> {
  const paths = treePaths(file, tree, name);
  const prePath = options.reverse ? file.newPath : file.oldPath;
  const pre = prePath === null ? null : await readTreeText(paths.get(prePath)!);
  const check = checkFilePatch(file, pre, { ...options, encode: pre?.encode });
  const applied = { file, result: check.result, alreadyApplied: check.alreadyApplied, functions: check.functions };
  if (!check.result.ok) return { ...applied, change: null };
  const operations = fileOperations(file, { exists: pre !== null, patchedText: check.patchedText }, options);
  return { ...applied, change: treeChange(operations, paths, pre?.encode ?? ((text: string) => new TextEncoder().encode(text))) };
}

/** `PATCH:LINE: ...` lines for what did not apply. */
function failureLines(applied: readonly AppliedFile[], name: string): string[] {
  const lines: string[] = [];
  for (const { file, result, alreadyApplied } of applied) {
    const path = file.newPath ?? file.oldPath ?? '?';
    if (result.problem) lines.push(`${name}:${file.sourceLine}: ${path}: ${result.problem}`);
    else if (alreadyApplied) lines.push(`${name}:${file.sourceLine}: ${path}: already applied (the patch applies in reverse)`);
    else {
      result.outcomes.forEach((o) => {
        if (o.status === 'failed') lines.push(`${name}:${file.hunks[o.hunk]!.sourceLine}: ${path}: hunk ${o.hunk + 1} does not apply`);
      });
    }
  }
  return lines;
}

export const applyCommand: Command = {
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      tree: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      reverse: { type: 'boolean' },
      fuzz: { type: 'string' },
      strip: { type: 'string', short: 'p' },
      'ignore-whitespace': { type: 'boolean' },
    });
    if (values.tree === undefined) throw new UsageError('--tree DIR is required');
    const { patch, name } = await readPatchArgument(positionals, io);
    const errors = patch.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) throw new InputError(`the patch has errors:\n${diagnosticLines(errors, name).join('\n')}`);
    const options = {
      reverse: values.reverse ?? false,
      maxFuzz: integerOption(values.fuzz, 'fuzz', 2),
      ignoreWhitespace: values['ignore-whitespace'] ?? patch.whitespaceDamaged,
      functionFinder: await patchFunctionFinder(patch),
    };
    const applied: (AppliedFile & { change: TreeChange | null })[] = [];
    const tree = { dir: values.tree, strip: integerOption(values.strip, 'strip', 0) };
    for (const file of patch.files) applied.push(await applyOne(file, tree, name, options));
    const ok = applied.every((a) => a.result.ok);
    // A white-space damaged patch (archive text) would write its added lines without their
    // indentation: it is checked, never written.
    const dryRun = (values['dry-run'] ?? false) || patch.whitespaceDamaged;
    if (ok && !dryRun) await commitTreeChanges(applied.flatMap((a) => (a.change ? [a.change] : [])));
    const written = ok && !dryRun;
    if (values.json) {
      const report: ApplyJson = { patch: name, tree: values.tree, reverse: options.reverse, dryRun, written, files: applied.map(applyFileJson) };
      io.out(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      const outcome = written ? `patched ${applied.length} file(s) in ${values.tree}`
        : ok && patch.whitespaceDamaged ? 'every hunk applies, but the patch lost its white space: checked only, nothing written'
          : ok ? 'dry run: every hunk applies; nothing written' : 'nothing written: the patch does not apply as a whole';
      io.out(applyText(applied, outcome));
    }
    if (!ok) {
      io.err(`${failureLines(applied, name).join('\n')}\n`);
      return EXIT_BAD_INPUT;
    }
    return EXIT_OK;
  },
};
