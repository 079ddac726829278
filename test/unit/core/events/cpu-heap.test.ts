import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { heapAdd, heapRemoveRoot, heapReplaceRoot } from '../../../../src/core/events/cpu-heap';

/** Drives the heap like a merge: add CPUs, then repeatedly take the root and give it a later key or remove it. */
test('the root is always the CPU with the earliest key, ties to the lower CPU', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 40 }), fc.array(fc.integer({ min: -1, max: 6 }), { maxLength: 200 }), (starts, steps) => {
      const key = new Float64Array(starts.length);
      const heap = new Int32Array(starts.length);
      let size = 0;
      starts.forEach((t, cpu) => {
        key[cpu] = t;
        size = heapAdd(heap, key, size, cpu);
      });
      const live = new Set(starts.map((_, cpu) => cpu));
      const best = (): number => [...live].sort((a, b) => key[a]! - key[b]! || a - b)[0]!;
      for (const step of steps) {
        if (size === 0) break;
        assert.equal(heap[0], best());
        const cpu = heap[0]!;
        if (step < 0) {
          live.delete(cpu);
          size = heapRemoveRoot(heap, key, size);
        } else {
          key[cpu] = key[cpu]! + step;
          heapReplaceRoot(heap, key, size, cpu);
        }
        assert.equal(size, live.size);
      }
    }),
    { numRuns: 300, seed: 4 },
  );
});
