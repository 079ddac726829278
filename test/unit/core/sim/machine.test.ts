import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventKind } from '../../../../src/core/events/event-kind';
import { defaultCosts } from '../../../../src/core/sim/costs';
import { Machine } from '../../../../src/core/sim/machine';
import { StreamFactory } from '../../../../src/core/sim/prng';
import { simulate } from '../../../../src/core/sim/simulate';
import { variant } from '../../../../src/core/sim/variants';
import { makeWorkload } from '../../../../src/core/sim/workload';
import { deriveModel } from '../../../../src/core/sim/derive/derive-model';
import { cParser, treeBefore } from './derive/exit-path-fixture';

// machine.ts: the step interpreter and the event loop over the scheduler and the locks.

test('a machine without CPUs (or with a fraction of one) is refused', () => {
  const streams = new StreamFactory(1);
  const make = (cpus: number) => () => new Machine({ cpus, cpusPerSocket: 16, durationNs: 1e6, costs: defaultCosts() }, variant('baseline'),
    makeWorkload('fork-storm', { cpus: 1 }), { machine: streams.next(), arrivals: streams.next(), spawner: () => streams.next() });
  assert.throws(make(0), RangeError);
  assert.throws(make(1.5), RangeError);
  assert.doesNotThrow(make(1));
});

test('each reap ran the reaper\'s teardown once: uvm_uarea_free(p) executed as often as threads were reaped (one more if a teardown was cut by the end)', async () => {
  // The model derived from the fixture tree runs uvm_uarea_free(p) once per subject before its
  // Reap event, so the profiled count of that line is the reap count, or one more when the run
  // ends inside a teardown (one reaper). A step skipped or run twice breaks it.
  const model = deriveModel(await cParser(), treeBefore(), 'baseline', 'old').variant!;
  const r = simulate({ variant: 'baseline', model, cpus: 4, workload: 'fork-storm', seed: 3, durationNs: 20e6, profileSteps: true });
  let reaps = 0;
  for (let i = 0; i < r.table.length; i++) if (r.table.kind[i] === EventKind.Reap) reaps++;
  assert.ok(reaps > 100, `${reaps} reaps`);
  const kernExit = treeBefore().find((f) => f.path === 'sys/kern/kern_exit.c')!.text.split('\n');
  const line = kernExit.findIndex((l) => l.includes('uvm_uarea_free(p);')) + 1;
  const uarea = r.lineTimes!.find((t) => t.program === 'reaper' && t.line === line)!;
  assert.ok(uarea.count === reaps || uarea.count === reaps + 1, `${uarea.count} frees, ${reaps} reaps`);
});
