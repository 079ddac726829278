import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineFigures, modelStepsAt } from '../../../../src/core/annotations/line-model';
import { absentText, figureRuns, lineHoverLines, stepLines, traceFigure } from '../../../../src/core/annotations/site-figures';
import { btrace, EXIT, linux, sim } from './annotation-figures';

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


test('a variant without a step at a line says why: the baseline quotes the unpatched kernel, the others the patched one', () => {
  assert.equal(absentText('baseline'), 'not in the unpatched kernel (added by the patch)');
  assert.equal(absentText('patched'), 'removed by the patch');
  // sched_exit's wakeup_one of the CPU's own reaper exists only after the patch.
  const wakeOne = modelStepsAt('sys/kern/kern_sched.c', 'sched_exit', 'wakeup_one(&spc->spc_deadproc);');
  assert.equal(stepLines(wakeOne)[0], 'baseline: not in the unpatched kernel (added by the patch)');
  assert.match(stepLines(wakeOne)[1]!, /^patched: .*spc_deadproc/);
  assert.deepEqual(stepLines(modelStepsAt(EXIT, 'reaper', 'mtx_enter(&deadproc_mutex);')), [
    'baseline: takes deadproc_mutex', 'patched: removed by the patch', 'lockless: removed by the patch']);
});

test('a figure over the runs: only simulated runs of a known variant, none without the metric\'s row', () => {
  const [wait] = lineFigures(modelStepsAt(EXIT, 'reaper', 'mtx_enter(&deadproc_mutex);'));
  // A traced run named like a variant is still not a simulated figure.
  const traced = { ...sim.runs[1]!, label: 'patched', origin: 'traced' as const };
  const other = { ...sim.runs[1]!, label: 'my-model' };
  const view = { ...sim, runs: [sim.runs[0]!, traced, other] };
  assert.equal(figureRuns(wait!, view), 'baseline 12.3 µs [11.0 µs – 13.6 µs]');
  assert.equal(figureRuns(wait!, { ...sim, runs: [traced] }), null);
  assert.equal(figureRuns(wait!, { ...sim, metrics: [] }), null);
});

test('the trace line of a site: its count from an OpenBSD trace, why there is none otherwise', () => {
  const idle = lineFigures(modelStepsAt('sys/kern/kern_sched.c', 'sched_toidle', 'cpu_switchto(NULL, idle);'));
  // btrace's 7 idle hops (annotation-figures.ts).
  assert.equal(traceFigure(idle, btrace), 'Traced (kbuild.btrace): 7 idle hops');
  assert.equal(traceFigure(idle, linux), '_kbuild.ftrace is a Linux trace: its events do not map to OpenBSD source lines._');
  assert.equal(traceFigure([], btrace), '_No event of kbuild.btrace maps to this line._');
  // 12,345 sleeps are grouped as the panel groups counts.
  assert.match(traceFigure(lineFigures(modelStepsAt(EXIT, 'reaper', 'tsleep_nsec(&spc->spc_deadproc, PVM, "reaper", INFSLP);')), { ...btrace, sites: { ...btrace.sites, reaperSleeps: 12_345 } }), /12,345 reaper sleeps/);
});

test('a hover with neither a simulation nor a trace says how to get figures', () => {
  const steps = modelStepsAt(EXIT, 'reaper', 'mtx_enter(&deadproc_mutex);');
  const lines = lineHoverLines('**reaper**', steps, lineFigures(steps), null, null);
  assert.equal(lines[0], '**reaper**');
  assert.equal(lines[lines.length - 1], '_Run **Reaperscope: Simulate** or open a trace to see figures here._');
  assert.ok(!lineHoverLines('h', steps, lineFigures(steps), sim, null).some((l) => l.includes('Run **Reaperscope')));
  assert.ok(!lineHoverLines('h', steps, lineFigures(steps), null, btrace).some((l) => l.includes('Run **Reaperscope')));
});
