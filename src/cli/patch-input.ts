/** The one PATCH argument of `patch` and `apply`: read (file or `-`) in any form readPatch knows. */
import type { Patch } from '../core/patch/model';
import { readPatch } from '../core/patch/read-patch';
import { InputError, UsageError, type CliIo } from './command';
import { inputName, readInputFile } from './read-input-file';

/** Reads the patch named by the single positional argument; no diff in it is bad input (exit 1). */
export async function readPatchArgument(positionals: readonly string[], io: CliIo): Promise<{ patch: Patch; name: string }> {
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'which patch? Give a file, or - for standard input' : 'one patch at a time');
  const path = positionals[0]!;
  const name = inputName(path);
  return { patch: await patchOfInput(await readInputFile(path, io), name), name };
}

/** Reads the patch in `data` (named `name` in messages); no diff in it is bad input (exit 1). */
export async function patchOfInput(data: Uint8Array | string, name: string): Promise<Patch> {
  const patch = await readPatch(data, { fileName: name });
  if (patch.files.length === 0) throw new InputError(`${name}:1: no diff found`);
  return patch;
}
