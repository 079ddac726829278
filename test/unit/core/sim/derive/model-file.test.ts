import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODEL_FORMAT, MODEL_VERSION, modelFileVariant, readModelFile } from '../../../../../src/core/sim/derive/model-file';
import { variantDifferences } from '../../../../../src/core/sim/derive/model-steps';
import { variant, VARIANT_NAMES } from '../../../../../src/core/sim/variants';

const file = (variants: unknown[]): unknown => JSON.parse(JSON.stringify({ format: MODEL_FORMAT, version: MODEL_VERSION, source: 'built-in', variants }));

test('every built-in variant survives a round trip through a model file, step for step', () => {
  for (const name of VARIANT_NAMES) {
    const r = readModelFile(file([modelFileVariant(variant(name))]));
    assert.ok(r.ok, r.ok ? '' : r.errors.join('\n'));
    if (r.ok) assert.deepEqual(variantDifferences(r.variants[0]!, variant(name)), []);
  }
});

test('errors name the JSON path of what is wrong', () => {
  const good = modelFileVariant(variant('patched'));
  const errorsOf = (json: unknown): string[] => {
    const r = readModelFile(json);
    assert.equal(r.ok, false);
    return r.ok ? [] : r.errors;
  };
  assert.deepEqual(errorsOf({ format: 'x', version: 2, variants: [] }), [
    'format: must be "reaperscope-model"', 'version: 2 is not supported (this reads version 1)', 'variants: must be a non-empty array',
  ]);
  const steps = good.steps.map((s) => ({ ...s }));
  const workAt = steps.findIndex((s) => s.op === 'work');
  steps[workAt] = { ...steps[workAt]!, object: 'uvmExitt' };
  const jumpAt = steps.findIndex((s) => s.program === 'reaper' && s.target !== undefined);
  steps[jumpAt] = { ...steps[jumpAt]!, target: 999 };
  const e = errorsOf(file([{ ...good, side: 'sideways', steps }]));
  assert.deepEqual(e, [`variants[0].side: must be "old" or "new"`, `variants[0].steps[${workAt}].object: "uvmExitt" is not a cost name (costs.ts)`]);
  const e2 = errorsOf(file([{ ...good, steps: steps.map((s, i) => (i === workAt ? good.steps[i]! : s)) }]));
  assert.match(e2[0]!, new RegExp(`^variants\\[0\\]\\.steps\\[${jumpAt}\\]\\.target: 999 is past the end of the reaper program \\(\\d+ steps\\)$`));
});

test('a program that cannot run is refused: no final jump, no switch away, a dead thread never taken', () => {
  const good = modelFileVariant(variant('baseline'));
  const noJump = good.steps.filter((s, i, all) => !(s.program === 'idle' && all.slice(i + 1).every((x) => x.program !== 'idle')));
  const r1 = readModelFile(file([{ ...good, steps: noJump }]));
  assert.ok(!r1.ok && r1.errors.some((x) => /the idle program must end with a jump/.test(x)), JSON.stringify(r1));
  const noSwitch = good.steps.filter((s) => !(s.program === 'exit' && s.op === 'switch-idle'));
  const r2 = readModelFile(file([{ ...good, steps: noSwitch }]));
  assert.ok(!r2.ok && r2.errors.some((x) => /the exit program never switches away/.test(x)));
  // the reaper without its remove: the P_THREAD test has no dead thread to look at
  const reaperSteps = good.steps.filter((s) => s.program === 'reaper');
  const removeAt = reaperSteps.findIndex((s) => s.op === 'remove');
  const noRemove = good.steps.map((s) => (s === reaperSteps[removeAt] ? { ...s, op: 'work' as const, object: 'mutex' } : s));
  const r3 = readModelFile(file([{ ...good, steps: noRemove }]));
  assert.ok(!r3.ok && r3.errors.some((x) => /the reaper program works on a dead thread .* but never takes one off a list/.test(x)), JSON.stringify(r3));
});
