import { test } from 'node:test';
import assert from 'node:assert/strict';
import { repairHunks } from '../../../../../src/core/patch/mail/hunk-repair';

const numbered = (lines: string[]): number[] => lines.map((_, i) => 100 + i);

test('a hunk short by one line where a comment sits gets a blank context line there', () => {
  const lines = ['@@ -1,4 +1,4 @@', ' a', '-b', '+B', ' d', '@@ -10,2 +10,2 @@', '-x', '+y'];
  // The comment was between '+B' and ' d'; the blank context line ' ' after '+B' went with it.
  const result = repairHunks({ lines, sourceLines: numbered(lines), gaps: [{ before: 4, sourceLine: 50 }] });
  assert.deepEqual(result.lines, ['@@ -1,4 +1,4 @@', ' a', '-b', '+B', ' ', ' d', '@@ -10,2 +10,2 @@', '-x', '+y']);
  assert.deepEqual(result.sourceLines, [100, 101, 102, 103, 50, 104, 105, 106, 107]);
  assert.deepEqual(result.diagnostics.map((d) => [d.line, d.severity, d.code]), [[50, 'info', 'hunk-repaired']]);
  assert.match(result.diagnostics[0]!.message, /"@@ -1,4 \+1,4 @@" was 1 line short/);
});

test('a hunk cut short by the reviewer (more lines missing than comments) is not padded', () => {
  const lines = ['@@ -1,6 +1,6 @@', ' a', '-b', '+B', 'diff --git a/x b/x'];
  const result = repairHunks({ lines, sourceLines: numbered(lines), gaps: [{ before: 4, sourceLine: 9 }] });
  assert.deepEqual([result.lines, result.diagnostics], [lines, []]);
});

test('a comment at the end of a hunk, and two gaps in one hunk', () => {
  const end = ['@@ -1,3 +1,3 @@', '-a', '+b', ' c', 'diff --git a/x b/x'];
  assert.deepEqual(repairHunks({ lines: end, sourceLines: numbered(end), gaps: [{ before: 4, sourceLine: 9 }] }).lines,
    ['@@ -1,3 +1,3 @@', '-a', '+b', ' c', ' ', 'diff --git a/x b/x']);
  const two = ['@@ -1,5 +1,5 @@', '-a', '+b', ' c', ' d'];
  const result = repairHunks({ lines: two, sourceLines: numbered(two), gaps: [{ before: 2, sourceLine: 7 }, { before: 4, sourceLine: 8 }] });
  assert.deepEqual(result.lines, ['@@ -1,5 +1,5 @@', '-a', ' ', '+b', ' c', ' ', ' d']);
  assert.deepEqual(result.diagnostics.map((d) => d.line).sort(), [7, 8]);
});

test('fewer missing lines than gaps: one at each of the first gaps', () => {
  const lines = ['@@ -1,4 +1,4 @@', '-a', '+b', ' c', ' d'];
  const result = repairHunks({ lines, sourceLines: numbered(lines), gaps: [{ before: 2, sourceLine: 7 }, { before: 4, sourceLine: 8 }] });
  assert.deepEqual(result.lines, ['@@ -1,4 +1,4 @@', '-a', ' ', '+b', ' c', ' d']);
  assert.deepEqual(result.diagnostics.map((d) => d.line), [7]);
});

test('complete hunks, hunks short without a comment, and unequal shortfalls are left alone', () => {
  const complete = ['@@ -1,2 +1,2 @@', '-a', '+b', ' c'];
  const r1 = repairHunks({ lines: complete, sourceLines: numbered(complete), gaps: [{ before: 3, sourceLine: 9 }] });
  assert.deepEqual([r1.lines, r1.diagnostics], [complete, []]);
  const short = ['@@ -1,3 +1,3 @@', '-a', '+b', ' c'];
  const r2 = repairHunks({ lines: short, sourceLines: numbered(short), gaps: [] });
  assert.deepEqual([r2.lines, r2.diagnostics], [short, []]);
  const unequal = ['@@ -1,3 +1,2 @@', '-a', '+b', ' c', 'prose'];
  const r3 = repairHunks({ lines: unequal, sourceLines: numbered(unequal), gaps: [{ before: 2, sourceLine: 9 }] });
  assert.deepEqual([r3.lines, r3.diagnostics], [unequal, []]);
});

test('empty lines count as stripped blank context, white-space damaged lines as context', () => {
  const lines = ['@@ -1,3 +1,3 @@', '', '-a', '+b', ' c'];
  assert.deepEqual(repairHunks({ lines, sourceLines: numbered(lines), gaps: [] }).diagnostics, []);
  const damaged = ['@@ -1,4 +1,4 @@', 'int x;', '-a', '+b', 'return;'];
  const result = repairHunks({ lines: damaged, sourceLines: numbered(damaged), gaps: [{ before: 4, sourceLine: 3 }], whitespaceDamaged: true });
  assert.deepEqual(result.lines, ['@@ -1,4 +1,4 @@', 'int x;', '-a', '+b', ' ', 'return;']);
});

test('a diff line the replier\'s client wrapped is joined back, with a warning', () => {
  const lines = [
    '@@ -1,3 +1,3 @@', ' \tstruct proc *p;',
    '-\t\tTRACEPOINT(sched, off__cpu, idle->p_tid + THREAD_PID_OFFSET,', 'idle->p_p->ps_pid);',
    '+\t\tTRACEPOINT(sched, off__cpu, nextproc->p_tid +', 'THREAD_PID_OFFSET, nextproc->p_p->ps_pid);', ' }',
  ];
  const result = repairHunks({ lines, sourceLines: numbered(lines), gaps: [] });
  assert.deepEqual(result.lines, [
    '@@ -1,3 +1,3 @@', ' \tstruct proc *p;',
    '-\t\tTRACEPOINT(sched, off__cpu, idle->p_tid + THREAD_PID_OFFSET, idle->p_p->ps_pid);',
    '+\t\tTRACEPOINT(sched, off__cpu, nextproc->p_tid + THREAD_PID_OFFSET, nextproc->p_p->ps_pid);', ' }',
  ]);
  assert.deepEqual(result.sourceLines, [100, 101, 102, 104, 106]);
  assert.deepEqual(result.diagnostics.map((d) => [d.line, d.severity, d.code]), [[103, 'warning', 'quote-rewrapped'], [105, 'warning', 'quote-rewrapped']]);
  // A short line, or one with no diff line after it, is no wrap: the hunk just ends there.
  const trimmed = ['@@ -1,3 +1,3 @@', '-a', '+b', 'Looks fine.', ' c'];
  assert.deepEqual(repairHunks({ lines: trimmed, sourceLines: numbered(trimmed), gaps: [] }).lines, trimmed);
});

test('git\'s `-- ` after the patch ends the last hunk, so a comment that replaced its last line is repaired', () => {
  const lines = ['@@ -1,3 +1,3 @@', '-a', '+b', ' c', '-- ', '2.45.2'];
  const result = repairHunks({ lines, sourceLines: numbered(lines), gaps: [{ before: 4, sourceLine: 9 }] });
  assert.deepEqual(result.lines, ['@@ -1,3 +1,3 @@', '-a', '+b', ' c', ' ', '-- ', '2.45.2']);
  assert.deepEqual(result.diagnostics.map((d) => d.code), ['hunk-repaired']);
  // A removed line `- ` inside a hunk that goes on is still a removed line.
  const inside = ['@@ -1,3 +1,2 @@', '-- ', '-x', ' c'];
  assert.deepEqual(repairHunks({ lines: inside, sourceLines: numbered(inside), gaps: [] }).lines, inside);
});
