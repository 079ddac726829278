import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type CliIo } from '../../../src/cli/command';
import { pickVariant, readModelVariants } from '../../../src/cli/model-files';
import { MODEL_FORMAT, MODEL_VERSION, modelFileVariant } from '../../../src/core/sim/derive/model-file';
import { modelSteps } from '../../../src/core/sim/derive/model-steps';
import { variant } from '../../../src/core/sim/variants';
import { withTempDir } from './temp-tree';

const io = (stdin = ''): CliIo => ({ out: () => {}, err: () => {}, readStdin: async () => new TextEncoder().encode(stdin) });
const file = { format: MODEL_FORMAT, version: MODEL_VERSION, source: 'built-in', variants: [modelFileVariant(variant('baseline')), modelFileVariant(variant('lockless'))] };

test('a model file gives its variants with their programs, from a file or standard input', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'model.json');
    writeFileSync(path, JSON.stringify(file));
    const variants = await readModelVariants(path, io());
    assert.deepEqual(variants.map((v) => [v.name, v.side, v.reapers]), [['baseline', 'old', 'one'], ['lockless', 'new', 'per-cpu']]);
    // The programs read back are the built-in ones, step for step.
    assert.deepEqual(modelSteps(variants[1]!), modelSteps(variant('lockless')));
    assert.deepEqual((await readModelVariants('-', io(JSON.stringify(file)))).map((v) => v.name), ['baseline', 'lockless']);
  });
});

test('not JSON, or not a valid model, is bad input naming the file and each JSON path', async () => {
  await assert.rejects(readModelVariants('-', io('{ "format": ')), (e: unknown) => e instanceof InputError && e.message.startsWith('-: not JSON ('));
  const broken = structuredClone(file);
  broken.version = 2 as typeof MODEL_VERSION;
  broken.variants[1]!.steps[0]!.op = 'lok' as never;
  await assert.rejects(readModelVariants('-', io(JSON.stringify(broken))), (e: unknown) => e instanceof InputError
    && e.message.startsWith('-: not a valid model file:\n  version: 2 is not supported (this reads version 1)\n  variants[1].steps[0].op: "lok" is not an op'));
  await assert.rejects(readModelVariants('/nonexistent/m.json', io()), (e: unknown) => e instanceof InputError && /cannot read the file \(ENOENT\)/.test(e.message));
});

test('a variant by name, the first without one; a name the file lacks lists the ones it has', () => {
  const variants = [variant('baseline'), variant('lockless')];
  assert.equal(pickVariant(variants, undefined, 'm.json'), variants[0]);
  assert.equal(pickVariant(variants, 'lockless', 'm.json'), variants[1]);
  assert.throws(() => pickVariant(variants, 'patched', 'm.json'), (e: unknown) => e instanceof InputError && e.message === 'm.json: no variant named "patched" (it has baseline, lockless)');
});
