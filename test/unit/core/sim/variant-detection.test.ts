import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readPatch } from '../../../../src/core/patch/read-patch';
import { detectVariant } from '../../../../src/core/sim/variant-detection';

const fixture = (name: string): string => readFileSync(new URL(`../../../fixtures/${name}`, import.meta.url), 'utf8');

test('the seed patch is the posted variant: every piece of evidence on its real line', async () => {
  const d = detectVariant(await readPatch(fixture('one-reaper-per-cpu.patch')));
  assert.equal(d.kind, 'model');
  if (d.kind !== 'model') return;
  assert.equal(d.variant, 'patched');
  const byWhat = Object.fromEntries(d.evidence.map((e) => [e.what, e]));
  // hunk @@ -392,38 of kern_exit.c: 3 context lines, the 6-line comment, then the mutex at old line 401
  assert.deepEqual(
    (({ text, side, line, file }) => ({ text, side, line, file }))(byWhat['removes the global deadproc_mutex']!),
    { text: 'struct mutex deadproc_mutex =', side: 'old', line: 401, file: 'sys/kern/kern_exit.c' });
  assert.equal(byWhat['removes exit2()']!.line, 413);
  // hunk @@ -230,14 +230,17 @@ of kern_sched.c: three context lines, sched_toidle() removed, then 233..235
  assert.equal(byWhat['wakeup_one(&spc->spc_deadproc) in sched_exit()']!.line, 235);
  assert.equal(byWhat['removes exit2()']!.text, 'exit2(struct proc *p)');
  assert.equal(byWhat['creates a reaper per CPU in sched_kthreads_create()']!.text, 'if (kthread_create(reaper, ci, NULL, comm))');
  assert.equal(byWhat['creates a reaper per CPU in sched_kthreads_create()']!.file, 'sys/kern/kern_sched.c');
  assert.equal(byWhat['wakeup_one(&spc->spc_deadproc) in sched_exit()']!.text, 'wakeup_one(&spc->spc_deadproc);');
  const lock = byWhat['KERNEL_LOCK() around the reaper\'s tsleep_nsec']!;
  assert.equal(lock.text, 'KERNEL_LOCK();');
  const sleep = byWhat['the reaper sleeps on its CPU\'s spc_deadproc']!;
  assert.equal(lock.line + 1, sleep.line);
  assert.equal(lock.side, 'new');
  // the input line really holds that text
  const input = fixture('one-reaper-per-cpu.patch').split('\n');
  for (const e of d.evidence) assert.equal(input[e.sourceLine - 1]!.slice(1).trim(), e.text, e.what);
});

test('the review reply quoting the patch, and its flattened archive copy, read as the same variant', async () => {
  const lines = (d: ReturnType<typeof detectVariant>): string[] => d.evidence.map((e) => `${e.file}:${e.line} ${e.what}`);
  const posted = detectVariant(await readPatch(fixture('one-reaper-per-cpu.patch')));
  for (const name of ['one-reaper-per-cpu.review.eml', 'one-reaper-per-cpu.marc.txt']) {
    const d = detectVariant(await readPatch(fixture(name)));
    assert.equal(d.kind === 'model' && d.variant, 'patched', name);
    assert.deepEqual(lines(d), lines(posted), name);
  }
});

test('without the kernel lock around tsleep_nsec the patch is the lockless variant', async () => {
  const text = fixture('one-reaper-per-cpu.patch')
    .replace('+\t\t\tKERNEL_LOCK();\n', '').replace('+\t\t\tKERNEL_UNLOCK();\n', '')
    .replace('@@ -441,20 +408,26 @@', '@@ -441,20 +408,24 @@').replace(' 59 ++++', ' 57 ++++');
  const d = detectVariant(await readPatch(text));
  assert.equal(d.kind === 'model' && d.variant, 'lockless');
});

test('a patch outside the modelled exit path gets no model, and no numbers', async () => {
  const other = [
    'diff --git a/sys/kern/kern_fork.c b/sys/kern/kern_fork.c', '--- a/sys/kern/kern_fork.c', '+++ b/sys/kern/kern_fork.c',
    '@@ -10,3 +10,3 @@ fork1(struct proc *curp)', ' a', '-b', '+c', ' d', '',
  ].join('\n');
  const d = detectVariant(await readPatch(other));
  assert.equal(d.kind, 'no-model');
  assert.match(d.kind === 'no-model' ? d.reason : '', /^no model for this patch/);
  // half of the change (only the mutex removed) is not the modelled change either
  const half = fixture('one-reaper-per-cpu.patch').replace(/\+\t\*wakeup_one\(&spc->spc_deadproc\);\n/, '').replace('+\twakeup_one(&spc->spc_deadproc);\n', '+\twakeup(&spc->spc_deadproc);\n');
  const h = detectVariant(await readPatch(half));
  assert.equal(h.kind, 'no-model');
  assert.match(h.kind === 'no-model' ? h.reason : '', /missing: wakeup_one/);
});
