import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyInMemory } from '../../../../src/core/sim/derive/patch-models';
import { parseDiff } from '../../../../src/core/patch/diff/unified-diff';
import { runJob } from '../../../../src/extension/work/jobs';
import { workspace } from '../../seed';

const quiet = { progress: () => undefined, cancelled: false };
const read = (path: string): string => readFileSync(join(workspace, path), 'utf8');
const wasm = {
  runtime: new Uint8Array(readFileSync(join(workspace, '../../../node_modules/web-tree-sitter/tree-sitter.wasm'))),
  grammar: new Uint8Array(readFileSync(join(workspace, '../../../node_modules/tree-sitter-c/tree-sitter-c.wasm'))),
};

test('the derive-models job gives both runnable models of the seed patch on the workspace tree, its line index and what it changes', async () => {
  const before = ['sys/kern/kern_exit.c', 'sys/kern/kern_sched.c', 'sys/kern/init_main.c'].map((path) => ({ path, text: read(path) }));
  const after = applyInMemory(before, parseDiff(read('patches/one-reaper-per-cpu.patch'))).files;
  const result = await runJob({ job: 'derive-models', wasm, before, after, touched: [{ file: 'sys/kern/kern_exit.c', func: 'reaper' }], costs: { mutex: 50 } }, quiet);
  assert.equal(result.job, 'derive-models');
  if (result.job !== 'derive-models') return;
  assert.deepEqual(result.models.map((m) => [m.name, m.side, m.variant?.reapers, m.notUnderstood]), [['baseline', 'old', 'one', 0], ['patched', 'new', 'per-cpu', 0]]);
  // The reaper's mtx_enter(&deadproc_mutex) at line 160 (workspace README) at the overridden mutex cost, 50 ns.
  const line = result.index.find((e) => e.variant === 'baseline' && e.line === 160 && e.file === 'sys/kern/kern_exit.c')!;
  assert.deepEqual([line.kind, line.costNs, line.steps.map((s) => `${s.op} ${s.object}`)], ['step', 50, ['lock deadproc_mutex']]);
  assert.ok(result.touchesExitPath);
  assert.ok(result.changes.some((c) => /switch-idle/.test(c)), result.changes.join('\n'));
});
