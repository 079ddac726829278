/** Reading model files for `simulate --model` and `compare --model-before/--model-after`. */
import { readModelFile } from '../core/sim/derive/model-file';
import type { Variant } from '../core/sim/variants';
import { InputError, type CliIo } from './command';
import { readInputFile } from './read-input-file';

/** The variants of the model file at `path`; bad JSON or a bad model is an input error naming the JSON path. */
export async function readModelVariants(path: string, io: CliIo): Promise<Variant[]> {
  const text = new TextDecoder().decode(await readInputFile(path, io));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const r = readModelFile(json);
  if (!r.ok) throw new InputError(`${path}: not a valid model file:\n${r.errors.map((e) => `  ${e}`).join('\n')}`);
  return r.variants;
}

/** The variant named `name` in the file (the first one when no name is given). */
export function pickVariant(variants: Variant[], name: string | undefined, path: string): Variant {
  const v = name === undefined ? variants[0] : variants.find((x) => x.name === name);
  if (!v) throw new InputError(`${path}: no variant named ${JSON.stringify(name)} (it has ${variants.map((x) => x.name).join(', ')})`);
  return v;
}
