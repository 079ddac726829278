/**
 * `reaperscope model PATCH --tree DIR`: derives the exit-path models from the C source of the
 * tree before the patch and with the patch applied in memory, and prints them (steps with
 * file:line, what was not understood, what the patch changes) or writes them as a model file.
 */
import { writeFile } from 'node:fs/promises';
import { InputError, UsageError, EXIT_BAD_INPUT, EXIT_OK, type CliIo, type Command } from '../command';
import { fileError } from '../file-error';
import { readExitPathTree, requireCParser } from '../exit-path-tree';
import { parseCommandArgs } from '../parse-command-args';
import { inputName, readInputFile } from '../read-input-file';
import { readPatch } from '../../core/patch/read-patch';
import { derivePatchModels } from '../../core/sim/derive/patch-models';
import { formatPatchModels, patchModelJson } from '../../core/sim/derive/model-report';

const usage = `usage: reaperscope model PATCH --tree DIR [--out FILE] [--json]

Derives the exit-path models (the step programs the simulator runs) from the C
source: DIR is the kernel tree before the patch (the directory holding sys/),
the tree after it is DIR with PATCH applied in memory. Prints each model's steps
with the file and line they come from, what the model did not understand, and
what the patch changes in the model.

  --tree DIR    the kernel tree before the patch (required)
  --out FILE    write the models as a model file (JSON, format version 1), to
                edit and run with simulate --model / compare --model-before
  --json        print that JSON instead of text

Exit status: 0 derived, 1 unreadable input or a model that cannot run, 2 usage.
`;

async function run(args: string[], io: CliIo): Promise<number> {
  const { values: v, positionals } = parseCommandArgs(args, { tree: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError('one PATCH expected');
  if (v.tree === undefined) throw new UsageError('--tree DIR is required');
  const path = positionals[0]!;
  const name = inputName(path);
  const patch = await readPatch(await readInputFile(path, io), { fileName: name });
  if (patch.files.length === 0) throw new InputError(`${name}: no diff found in the input`);
  const models = derivePatchModels(await requireCParser(), await readExitPathTree(v.tree, patch, name), patch);
  const json = JSON.stringify(patchModelJson(models), null, 2) + '\n';
  if (v.out !== undefined) {
    try {
      await writeFile(v.out, json);
    } catch (error) {
      throw fileError(v.out, 'cannot write', error);
    }
    io.err(`reaperscope model: wrote ${v.out}\n`);
  }
  io.out(v.json ? json : formatPatchModels(models, { steps: true }));
  const runnable = models.before.variant !== null && models.after.variant !== null;
  return runnable ? EXIT_OK : EXIT_BAD_INPUT;
}

export const modelCommand: Command = {
  usage,
  run,
};
