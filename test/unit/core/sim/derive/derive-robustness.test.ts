import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { deriveModel } from '../../../../../src/core/sim/derive/derive-model';
import { simulate } from '../../../../../src/core/sim/simulate';
import { cParser, treeAfter, treeBefore } from './exit-path-fixture';

// Damaged trees (lines dropped or duplicated, kernel-macro noise inserted) never make the
// translator throw: it returns a model with its problems and what it did not understand, and a
// model it calls runnable runs in the engine. Seeded, so a failure reproduces.

const NOISE = ['LIST_FOREACH(q, &spc->spc_deadproc, p_hash) {', '}', '__dead', 'TAILQ_FOREACH_SAFE(p, &l, p_runq, n)', '#if 0', '#endif', '@@', 'goto out;', 'out:', 'break;', 'continue;', 'return;'];

const damage = fc.array(fc.record({
  file: fc.nat(2),
  line: fc.nat(400),
  kind: fc.constantFrom('drop', 'duplicate', 'noise'),
  noise: fc.constantFrom(...NOISE),
}), { minLength: 1, maxLength: 6 });

test('a damaged tree gives a model with its problems, never an exception; a runnable one runs', async () => {
  const parser = await cParser();
  const trees = [treeBefore(), treeAfter()];
  fc.assert(fc.property(fc.nat(1), damage, (which, edits) => {
    const files = trees[which]!.map((f) => ({ ...f, lines: f.text.split('\n') }));
    for (const e of edits) {
      const f = files[e.file % files.length]!;
      const at = e.line % f.lines.length;
      if (e.kind === 'drop') f.lines.splice(at, 1);
      else if (e.kind === 'duplicate') f.lines.splice(at, 0, f.lines[at]!);
      else f.lines.splice(at, 0, e.noise);
    }
    const m = deriveModel(parser, files.map((f) => ({ path: f.path, text: f.lines.join('\n') })), which === 0 ? 'baseline' : 'patched', which === 0 ? 'old' : 'new');
    assert.equal(m.variant === null, m.problems.length > 0);
    for (const n of m.notUnderstood) assert.ok(n.line >= 1 && n.why.length > 0);
    if (m.variant) {
      // a runnable model may still be a wrong one (a lock left held, a list never drained):
      // the engine reports that as a thrown program error or broken invariants, never a hang
      try {
        simulate({ variant: m.name, model: m.variant, cpus: 2, workload: 'fork-storm', seed: 1, durationNs: 2e6 });
      } catch (error) {
        assert.match(String(error), /program bug|takes .* twice|releases .* it does not hold|Remove on an empty/);
      }
    }
  }), { seed: 1307, numRuns: 60 });
});
