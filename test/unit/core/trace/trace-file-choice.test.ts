import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTraceFileName, traceChoices } from '../../../../src/core/trace/trace-file-choice';

test('trace files of the test workspace are offered, trace folders first, the first pick left out of the second step', () => {
  // test/fixtures/workspace holds traces/btrace-baseline.txt and traces/ftrace-flags5.txt, plus patches and C sources.
  const files = ['README.md', 'patches/one-reaper-per-cpu.patch', 'patches/stale-sched.diff', 'sys/kern/kern_sched.c',
    'notes.txt', 'traces/ftrace-flags5.txt', 'traces/btrace-baseline.txt', 'run/trace.dat', 'x/kernel.BTRACE'];
  assert.deepEqual(traceChoices(files), ['run/trace.dat', 'traces/btrace-baseline.txt', 'traces/ftrace-flags5.txt', 'x/kernel.BTRACE', 'notes.txt']);
  assert.deepEqual(traceChoices(files, 'traces/btrace-baseline.txt'), ['run/trace.dat', 'traces/ftrace-flags5.txt', 'x/kernel.BTRACE', 'notes.txt']);
});

test('a dot in a folder name is not an extension', () => {
  assert.equal(isTraceFileName('traces.txt/README'), false);
  assert.equal(isTraceFileName('a/b.log'), true);
  assert.equal(isTraceFileName('txt'), false);
});
