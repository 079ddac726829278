import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { indexCFunctions, parameterNames } from '../../../../../src/core/sim/derive/c-functions-index';
import { cParser, treeAfter, treeBefore } from './exit-path-fixture';

const reapq = (): { path: string; text: string } => ({
  path: 'sys/kern/kern_reapq.c',
  text: readFileSync(new URL('../../../../fixtures/c/declarators/kern_reapq.c', import.meta.url), 'utf8'),
});

test('every function of the fixture tree is indexed with its file and line', async () => {
  const idx = indexCFunctions(await cParser(), treeBefore());
  try {
    // grep '^[a-z_]*(' over test/fixtures/c/exit-path: 4 in kern_exit.c, 7 in kern_sched.c, main in init_main.c
    for (const [name, file, line] of [
      ['exit1', 'sys/kern/kern_exit.c', 50], ['reaper', 'sys/kern/kern_exit.c', 151], ['proc_free', 'sys/kern/kern_exit.c', 138],
      ['sched_idle', 'sys/kern/kern_sched.c', 96], ['sched_exit', 'sys/kern/kern_sched.c', 151], ['sched_kthreads_create', 'sys/kern/kern_sched.c', 72],
      ['main', 'sys/kern/init_main.c', 46],
    ] as const) {
      const f = idx.functions.get(name);
      assert.equal(f?.file, file, name);
      // the definition starts at its return type, on the line before the name
      assert.equal(f!.node.startPosition.row + 2, line, name);
    }
    assert.equal(idx.functions.has('kthread_create'), false); // called, not defined
  } finally {
    idx.dispose();
  }
});

test('kthread_create calls with the function they are in (kthread_create_deferred is another function)', async () => {
  const before = indexCFunctions(await cParser(), treeBefore());
  const after = indexCFunctions(await cParser(), treeAfter());
  try {
    // init_main.c main(): pagedaemon, reaper, cleaner, update (lines 88, 92, 96, 100)
    assert.deepEqual(before.kthreadCreates.map((c) => [c.func, c.node.startPosition.row + 1]), [['main', 88], ['main', 92], ['main', 96], ['main', 100]]);
    // the seed patch moves the reaper's into sched_kthreads_create()
    assert.deepEqual(after.kthreadCreates.map((c) => c.func).sort(), ['main', 'main', 'main', 'sched_kthreads_create']);
  } finally {
    before.dispose();
    after.dispose();
  }
});

test('the first definition of a name wins; a pointer return type is followed to the name', async () => {
  const text = [
    'static struct proc *',
    'pick(int n)',
    '{',
    '\treturn NULL;',
    '}',
    '',
  ].join('\n');
  const idx = indexCFunctions(await cParser(), [{ path: 'a.c', text }, { path: 'b.c', text: 'void\npick(void)\n{\n}\n' }]);
  try {
    assert.equal(idx.functions.get('pick')?.file, 'a.c');
    assert.equal(idx.functions.size, 1);
  } finally {
    idx.dispose();
  }
});

test('text that is not C indexes nothing and does not throw', async () => {
  const idx = indexCFunctions(await cParser(), [{ path: 'x.c', text: '}}}} ((( @@ not C' }, { path: 'y.c', text: '' }]);
  assert.equal(idx.functions.size, 0);
  assert.deepEqual(idx.kthreadCreates, []);
  idx.dispose();
});

test('names inside parentheses and old-style definitions are indexed, with their parameters', async () => {
  const idx = indexCFunctions(await cParser(), [reapq()]);
  try {
    // test/fixtures/c/declarators/kern_reapq.c: name, line of the definition's first line, parameters
    const expected = [
      ['reapq_hook', 26, ['slot']], // void / (*reapq_hook(int slot))(struct proc *): the parameters are the inner list's
      ['reapq_handler', 34, ['sig']], // int (*reapq_handler(int sig))(int), on one line
      ['reapq_count', 40, ['rq']], // int / (reapq_count)(struct reapq *rq)
      ['reapq_reset', 46, []], // static void (reapq_reset)(void)
      ['reapq_insert', 53, ['rq', 'p']], // int / reapq_insert(rq, p) / struct reapq *rq; / struct proc *p;
      ['reapq_wait', 63, ['rq', 'timo', 'wmesg']],
      ['reapq_drain', 75, ['rq']],
    ] as const;
    assert.deepEqual([...idx.functions.keys()], expected.map(([name]) => name));
    for (const [name, line, params] of expected) {
      const f = idx.functions.get(name)!;
      assert.equal(f.node.startPosition.row + 1, line, name);
      assert.deepEqual(parameterNames(f.node), params, name);
    }
  } finally {
    idx.dispose();
  }
});
