import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changesAgainstBaseline, lineFigures, modelStepsAt, stepAction } from '../../../../src/core/annotations/line-model';
import { functionChanges, functionFigures, functionTrace } from '../../../../src/core/annotations/function-numbers';
import { lineHoverLines, type TraceCounts } from '../../../../src/core/annotations/site-figures';
import type { ActivityView, MetricRow, RunView } from '../../../../src/core/analysis/activity-view-model';
import { cFinder, workspaceText } from '../../seed';

const EXIT = 'sys/kern/kern_exit.c';

function run(label: string): RunView {
  return {
    label, origin: 'simulated', cpus: 4, spanNs: 1e9, binNs: 1e7, reaperBusyNs: [], reaps: [], utilisation: [], backlog: [],
    exitToReap: { edgesNs: [0], counts: [] }, exitToReapInferred: false, lockWaitNs: {}, kernel: 'openbsd',
    recorded: { locks: true, reaper: true }, idleHops: [], crossCpuWakeups: [],
  };
}

const row = (key: string, unit: MetricRow['unit'], values: number[], interval: [number, number][]): MetricRow =>
  ({ key, label: key, unit, values, interval: interval.map(([low, high]) => ({ low, high })) });

/** A simulation view of baseline and patched over seeds: means and 95 % intervals as the panel's table holds them. */
const sim: ActivityView = {
  title: 'kernel-build, 4 CPUs, 5 seed(s)', source: 'simulation', notes: [], runs: [run('baseline'), run('patched')],
  metrics: [
    // seed 1 alone would be another number: the hover must show the mean, 12.3 µs, and its interval.
    row('lockWaitNs.deadproc_mutex', 'ns', [12_300, 0], [[11_000, 13_600], [0, 0]]),
    row('crossCpuWakeups.reaper', 'count', [2433.6, 0], [[2400, 2467.2], [0, 0]]),
    row('crossCpuWakeups.other', 'count', [310, 290], [[300, 320], [280, 300]]),
    row('idleHops', 'count', [8704, 0], [[8700, 8708], [0, 0]]),
  ],
};

const btrace: TraceCounts = { label: 'kbuild.btrace', kernel: 'openbsd', byKind: {}, lockWaitNs: {}, sites: { reaperSleeps: 120, reaperWakeups: 340, reaperCrossCpuWakeups: 95, idleHops: 7 } };
const linux: TraceCounts = { ...btrace, label: 'kbuild.ftrace', kernel: 'linux' };

test('a line is the steps the variants have there, found by function and statement', () => {
  const mutex = modelStepsAt(EXIT, 'reaper', '\t\tmtx_enter(&deadproc_mutex);');
  // Only the baseline's reaper takes deadproc_mutex (variants.ts: the patch removes it).
  assert.deepEqual(mutex.map((s) => [s.variant, stepAction(s)]), [['baseline', 'takes deadproc_mutex']]);
  // The same statement in exit2 is exit2's step, not the reaper's.
  assert.deepEqual(modelStepsAt(EXIT, 'exit2', '\tmtx_enter(&deadproc_mutex);').map((s) => s.variant), ['baseline']);
  // wakeup(pr->ps_pptr) is modelled in reaper() (the zombie's parent); the same text elsewhere is not a model step.
  assert.deepEqual([...new Set(modelStepsAt(EXIT, 'reaper', '\t\t\twakeup(pr->ps_pptr);').map((s) => s.variant))], ['baseline', 'patched', 'lockless']);
  assert.deepEqual(modelStepsAt(EXIT, 'exit1', '\t\twakeup(pr->ps_pptr);'), []);
  assert.deepEqual(modelStepsAt('sys/kern/kern_sched.c', 'sched_idle', '\t\t\twakeup(spc);'), []);
  assert.deepEqual(modelStepsAt(EXIT, 'reaper', ''), []);
});

test('each site gets its own figure: the lock\'s wait, the reaper\'s wakeups, the parent\'s wakeups', () => {
  const figure = (func: string, line: string, path = EXIT) => lineFigures(modelStepsAt(path, func, line)).map((f) => [f.key, f.variants.join('+')]);
  assert.deepEqual(figure('reaper', 'mtx_enter(&deadproc_mutex);'), [['lockWaitNs.deadproc_mutex', 'baseline']]);
  assert.deepEqual(figure('exit2', 'wakeup(&deadproc);'), [['lockWaitNs.sched_lock', 'baseline'], ['crossCpuWakeups.reaper', 'baseline']]);
  assert.deepEqual(figure('reaper', 'wakeup(pr->ps_pptr);'), [['lockWaitNs.sched_lock', 'baseline+patched+lockless'], ['crossCpuWakeups.other', 'baseline+patched+lockless']]);
  assert.deepEqual(figure('sched_toidle', 'cpu_switchto(NULL, idle);', 'sys/kern/kern_sched.c'), [['idleHops', 'baseline']]);
});

test('the hover shows the table\'s mean [CI], "removed by the patch" instead of 0 ns, and no trace count from Linux', () => {
  const steps = modelStepsAt(EXIT, 'reaper', 'mtx_enter(&deadproc_mutex);');
  const hover = lineHoverLines('h', steps, lineFigures(steps), sim, btrace).join('\n');
  assert.match(hover, /- baseline: takes deadproc_mutex/);
  assert.match(hover, /- patched: removed by the patch/);
  assert.match(hover, /baseline 12\.3 µs \[11\.0 µs – 13\.6 µs\] · patched removed by the patch/);
  assert.doesNotMatch(hover, /patched 0 ns/);
  // No event of a btrace maps to a mutex (btrace sees no locks).
  assert.match(hover, /No event of kbuild\.btrace maps to this line/);

  const wake = modelStepsAt(EXIT, 'exit2', 'wakeup(&deadproc);');
  const wakeHover = lineHoverLines('h', wake, lineFigures(wake), sim, btrace).join('\n');
  assert.match(wakeHover, /cross-CPU wakeups of a reaper.*baseline 2,433\.6 \[2,400 – 2,467\.2\] · patched removed by the patch/);
  assert.match(wakeHover, /Traced \(kbuild\.btrace\): 95 cross-CPU wakeups of a reaper/);
  assert.match(lineHoverLines('h', wake, lineFigures(wake), null, linux).join('\n'), /kbuild\.ftrace is a Linux trace: its events do not map/);

  const parent = modelStepsAt(EXIT, 'reaper', 'wakeup(pr->ps_pptr);');
  const parentHover = lineHoverLines('h', parent, lineFigures(parent), sim, null).join('\n');
  assert.match(parentHover, /cross-CPU wakeups of other threads.*baseline 310 \[300 – 320\] · patched 290 \[280 – 300\]/);
  assert.doesNotMatch(parentHover, /2,433/, 'not the reaper\'s wakeups');

  const none = lineHoverLines('h', [], [], sim, btrace).join('\n');
  assert.match(none, /Not a step of the exit-path model/);
  assert.doesNotMatch(none, /\d µs|2,433/);
});

test('what a variant changes is said in a kernel developer\'s words', () => {
  assert.deepEqual(changesAgainstBaseline('patched', null, null), [
    '−idle hop', '−ps_mtx', '−deadproc_mutex', '+KERNEL_LOCK around tsleep', '−wakeup(deadproc)', '+wakeup_one(spc_deadproc)', '+reaper pegged to its CPU',
  ]);
  // The reviewer's suggestion: the same without the kernel lock around the sleep.
  assert.ok(!changesAgainstBaseline('lockless', null, null).includes('+KERNEL_LOCK around tsleep'));
  assert.equal(functionChanges(EXIT, 'exit2'), 'exit2 in the model vs baseline: patched removed by the patch · lockless removed by the patch');
  assert.equal(functionChanges(EXIT, 'reaper'), 'reaper in the model vs baseline: patched −deadproc_mutex, +KERNEL_LOCK around tsleep, +reaper pegged to its CPU · lockless −deadproc_mutex, +reaper pegged to its CPU');
  assert.equal(functionChanges(EXIT, 'proc_free'), null);
});

test('the CodeLens figures of exit2 say "removed by the patch" for the variants that delete it', async () => {
  const figures = functionFigures(EXIT, 'exit2', sim);
  assert.ok(figures.includes('sim wait on deadproc_mutex (all its sites): baseline 12.3 µs [11.0 µs – 13.6 µs] · patched removed by the patch'), figures.join('\n'));
  assert.equal(functionTrace(EXIT, 'reaper', linux), null, 'no counts from a Linux trace');
  // reaper() sleeps (a trace's reaper sleeps map there); it wakes only the parent, which no trace count maps to.
  assert.equal(functionTrace(EXIT, 'reaper', btrace), 'trace (kbuild.btrace): 120 reaper sleeps');
  assert.equal(functionTrace(EXIT, 'exit2', btrace), 'trace (kbuild.btrace): 95 cross-CPU wakeups of a reaper');
  // The workspace's exit2 exists and reaper() is found by tree-sitter: the spans the extension uses.
  const spans = (await cFinder()).functionSpans(workspaceText(EXIT));
  assert.ok(spans.some((s) => s.name === 'exit2') && spans.some((s) => s.name === 'reaper'));
});
