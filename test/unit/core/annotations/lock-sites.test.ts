import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findSites, formatNs, siteAt, siteHoverLines } from '../../../../src/core/annotations/lock-sites';
import { simulationSummary, sitesIn, traceSummary } from '../../../../src/core/annotations/function-numbers';
import type { ActivityView, RunView } from '../../../../src/core/analysis/activity-view-model';
import { cFinder, workspaceText } from '../../seed';

test('sites name the lock, channel or probe they are about', () => {
  assert.deepEqual(findSites('\tmtx_enter(&p->p_p->ps_mtx);').map((s) => [s.kind, s.subject]), [['mutex', 'ps_mtx']]);
  assert.deepEqual(findSites('\t\tmtx_enter(&deadproc_mutex);').map((s) => s.subject), ['deadproc_mutex']);
  assert.deepEqual(findSites('\tKERNEL_UNLOCK();').map((s) => [s.kind, s.subject]), [['kernel-lock', 'kernel_lock']]);
  assert.deepEqual(findSites('\tSCHED_LOCK();').map((s) => s.subject), ['sched_lock']);
  assert.deepEqual(findSites('\twakeup_one(&spc->spc_deadproc);').map((s) => [s.kind, s.word, s.subject]), [['wakeup', 'wakeup_one', 'spc_deadproc']]);
  assert.deepEqual(findSites('\t\tTRACEPOINT(sched, off__cpu, idle->p_tid + THREAD_PID_OFFSET,').map((s) => s.subject), ['sched:off__cpu']);
  assert.deepEqual(findSites('\t\t\ttsleep_nsec(&spc->spc_deadproc, PVM, "reaper", INFSLP);').map((s) => [s.kind, s.subject]), [['sleep', 'spc_deadproc']]);
  assert.deepEqual(findSites('\tmy_wakeup_thing(x); mtx_enters(y);'), []);
  const line = '\tmtx_enter(&deadproc_mutex);';
  assert.equal(siteAt(line, line.indexOf('enter'))?.word, 'mtx_enter');
  assert.equal(siteAt(line, line.indexOf('deadproc')), null);
});

function run(label: string, lockWaitNs: Record<string, number>): RunView {
  return { label, origin: 'simulated', cpus: 4, spanNs: 1e9, binNs: 1e7, reaperBusyNs: [], reaps: [], utilisation: [], backlog: [], exitToReap: { edgesNs: [0], counts: [] }, exitToReapInferred: false, lockWaitNs };
}

test('hovers and lens summaries show a simulation per variant and a trace\'s counts', async () => {
  const sim: ActivityView = { title: 'kernel-build, 4 CPUs', source: 'simulation', notes: [], metrics: [],
    runs: [run('baseline', { deadproc_mutex: 12_300, kernel_lock: 2_000_000 }), run('patched', { kernel_lock: 2_500_000 })] };
  const site = findSites('\t\tmtx_enter(&deadproc_mutex);')[0]!;
  const hover = siteHoverLines(site, sim, null).join('\n');
  assert.match(hover, /- baseline: 12\.3 µs/);
  assert.match(hover, /- patched: 0 ns/);
  const trace = { label: 'kbuild.btrace', byKind: { wakeup: 340, sleep: 120 }, lockWaitNs: {} };
  assert.match(siteHoverLines(findSites('\twakeup(&deadproc);')[0]!, null, trace).join('\n'), /Traced `wakeup` events \(kbuild\.btrace\): 340/);
  assert.match(siteHoverLines(site, null, null).join('\n'), /Simulate/);
  const withMetrics: ActivityView = { ...sim, metrics: [{ key: 'crossCpuWakeups', label: 'cross-CPU wakeups', unit: 'count', values: [120, 0] }] };
  assert.match(siteHoverLines(findSites('\twakeup(&deadproc);')[0]!, withMetrics, null).join('\n'), /Simulated cross-CPU wakeups \(kernel-build, 4 CPUs\): baseline 120 · patched 0/);

  // The reaper() of the workspace's kern_exit.c drops the kernel lock, takes deadproc_mutex and sleeps (in source order).
  const text = workspaceText('sys/kern/kern_exit.c');
  const reaper = (await cFinder()).functionSpans(text).find((s) => s.name === 'reaper')!;
  const sites = sitesIn(text.split('\n'), reaper.startLine, reaper.endLine);
  assert.equal(simulationSummary(sites, sim), 'sim wait on kernel_lock, deadproc_mutex: baseline 2.01 ms · patched 2.50 ms');
  assert.equal(traceSummary(sites, trace), 'trace: 120 sleep, 340 wakeup');
  assert.equal(simulationSummary(sites, null), null);
});

test('ns are formatted with their unit', () => {
  assert.deepEqual([formatNs(850), formatNs(12_345), formatNs(4_560_000), formatNs(1.2e9)], ['850 ns', '12.3 µs', '4.56 ms', '1.20 s']);
});

test('the model\'s steps in reaper(): the baseline takes deadproc_mutex, only patched takes the kernel lock to sleep', async () => {
  const { exitPathSteps, describeSteps, stepLocks } = await import('../../../../src/core/annotations/exit-path-steps');
  const steps = exitPathSteps('sys/kern/kern_exit.c', 'reaper');
  assert.deepEqual(steps.map((s) => s.variant), ['baseline', 'patched', 'lockless']);
  const byName = Object.fromEntries(steps.map((s) => [s.variant, s]));
  assert.ok(byName.baseline!.steps.some((s) => s.lock === 'deadproc_mutex'));
  assert.ok(!byName.patched!.steps.some((s) => s.lock === 'deadproc_mutex'));
  // Both take the kernel lock for the zombie part; patched also around tsleep_nsec.
  const kernelLocks = (v: string): number => byName[v]!.steps.filter((s) => s.op === 'Lock' && s.lock === 'kernel_lock').length;
  assert.equal(kernelLocks('patched'), kernelLocks('lockless') + 1);
  assert.ok(stepLocks(steps).includes('deadproc_mutex'));
  assert.match(describeSteps(steps)!, /^exit path \(model\): baseline \d+ steps · patched \d+ · lockless \d+$/);
  // exit2() is modelled in the baseline only.
  assert.deepEqual(exitPathSteps('sys/kern/kern_exit.c', 'exit2').map((s) => s.variant), ['baseline']);
  assert.deepEqual(exitPathSteps('sys/kern/kern_exit.c', 'no_such_function'), []);
});
