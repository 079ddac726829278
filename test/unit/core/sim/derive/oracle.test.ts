import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deriveModel } from '../../../../../src/core/sim/derive/derive-model';
import { variantDifferences } from '../../../../../src/core/sim/derive/model-steps';
import { variant } from '../../../../../src/core/sim/variants';
import { cParser, treeAfter, treeBefore, treeLockless } from './exit-path-fixture';

// The built-in programs are the oracle: the model read from the fixture tree before the seed
// patch is `baseline`, after it `patched`, and after it without the two kernel-lock lines
// `lockless` — the same steps in the same order, modulo labels and jumps to the next step.

test('the tree before the seed patch derives the built-in baseline', async () => {
  const m = deriveModel(await cParser(), treeBefore(), 'baseline', 'old');
  assert.deepEqual(m.problems, []);
  assert.deepEqual(m.notUnderstood, []);
  assert.equal(m.reapers, 'one');
  assert.deepEqual(variantDifferences(m.variant!, variant('baseline')), []);
});

test('the tree after the seed patch derives the built-in patched', async () => {
  const m = deriveModel(await cParser(), treeAfter(), 'patched', 'new');
  assert.deepEqual(m.problems, []);
  assert.deepEqual(m.notUnderstood, []);
  assert.equal(m.reapers, 'per-cpu');
  assert.deepEqual(variantDifferences(m.variant!, variant('patched')), []);
});

test('the tree after the seed patch without the kernel lock around the sleep derives lockless', async () => {
  const m = deriveModel(await cParser(), treeLockless(), 'lockless', 'new');
  assert.deepEqual(m.problems, []);
  assert.deepEqual(variantDifferences(m.variant!, variant('lockless')), []);
  // and it is not the same as patched: the oracle can tell the two apart
  assert.notDeepEqual(variantDifferences(m.variant!, variant('patched')), []);
});

test('every derived step keeps the file, side and line of its statement', async () => {
  const files = treeAfter();
  const m = deriveModel(await cParser(), files, 'patched', 'new');
  for (const p of m.programs) {
    for (const d of p.drafts) {
      const src = d.src!;
      assert.equal(src.side, 'new');
      const text = files.find((f) => f.path === src.file)!.text.split('\n')[src.line! - 1]!;
      // the synthetic entry step (system call entry) sits on exit1's line; all others quote their line
      if (!src.text.startsWith('KERNEL_LOCK() at system call entry')) assert.equal(text.trim(), src.text, `${src.file}:${src.line}`);
    }
  }
});
