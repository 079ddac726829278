import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateActivityView, validateHostMessage } from '../../../src/protocol/validate-view';
import { simulatedView } from '../../webview/view-fixture';
import type { ActivityView } from '../../../src/core/analysis/activity-view-model';

/** A real view: baseline and patched on 4 CPUs, as the extension sends it. */
const { view } = simulatedView({ cpus: 4, durationNs: 20_000_000, bins: 50 });
const copy = (): ActivityView => structuredClone(view);

test('a real view passes and comes back equal (a fresh copy)', () => {
  const checked = validateActivityView(JSON.parse(JSON.stringify(view)));
  assert.ok(checked.ok, checked.ok ? '' : checked.error);
  assert.deepEqual(checked.value, JSON.parse(JSON.stringify(view)));
  const shown = validateHostMessage({ type: 'show', view, controls: { variants: ['baseline', 'patched'], workload: 'kernel-build', cpus: 4, seeds: 3 } });
  assert.ok(shown.ok);
});

test('malformed views are refused with the place named', () => {
  const cases: [string, (v: ActivityView) => void, RegExp][] = [
    ['a CPU row short of a bin', (v) => v.runs[0]!.utilisation[2]!.pop(), /view\.runs\[0\]\.utilisation must be 4 rows of 50/],
    ['one CPU row too many', (v) => v.runs[1]!.reaps.push(new Array<number>(50).fill(0)), /view\.runs\[1\]\.reaps/],
    ['NaN in a grid', (v) => { v.runs[0]!.reaperBusyNs[0]![0] = Number.NaN; }, /reaperBusyNs/],
    ['an unknown origin', (v) => { (v.runs[0] as { origin: string }).origin = 'guessed'; }, /origin must be simulated or traced/],
    ['a histogram with as many counts as edges', (v) => v.runs[0]!.exitToReap.counts.push(1), /exitToReap/],
    ['a metric with a value per run missing', (v) => v.metrics[0]!.values.pop(), /view\.metrics\[0\]\.values/],
    ['an unknown unit', (v) => { (v.metrics[1] as { unit: string }).unit = 'furlongs'; }, /view\.metrics\[1\]\.unit/],
    ['a note that is not a string', (v) => { (v.notes as unknown[]).push(42); }, /view\.notes/],
    ['a cost with a negative value', (v) => { v.costs![0]!.valueNs = -1; }, /costs\[0\]/],
  ];
  for (const [name, damage, message] of cases) {
    const v = copy();
    damage(v);
    const checked = validateActivityView(v);
    assert.ok(!checked.ok, `${name}: accepted`);
    assert.match(checked.error, message, name);
  }
});

test('host messages: progress, error and show are checked; anything else is refused', () => {
  assert.deepEqual(validateHostMessage({ type: 'progress', message: 'seed 2/5', fraction: 0.4, extra: 1 }), { ok: true, value: { type: 'progress', message: 'seed 2/5', fraction: 0.4 } });
  assert.ok(!validateHostMessage({ type: 'progress', message: 'x', fraction: 1.5 }).ok);
  assert.ok(!validateHostMessage({ type: 'error' }).ok);
  assert.ok(!validateHostMessage({ type: 'show', view, controls: { variants: [], workload: 'kernel-build', cpus: 4, seeds: 3 } }).ok);
  assert.ok(!validateHostMessage({ type: 'explode' }).ok);
  assert.ok(!validateHostMessage('show').ok);
});

test('a trace view with instant marks (a real capture) passes whole; marks out of the run are refused', async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { readTraceText } = await import('../../../src/core/trace/trace-reader');
  const { traceView } = await import('../../../src/extension/work/views');
  const read = readTraceText(readFileSync(join(__dirname, '../../fixtures/traces/linux-storm.report.txt')));
  assert.equal(read.kind, 'trace');
  if (read.kind !== 'trace') return;
  const traced = traceView(read, 'linux-storm.report.txt');
  // 3 sched_process_exec and 11 sched_process_wait records (the fixtures README)
  assert.equal(traced.runs[0]!.instants?.marks.length, 14);
  const checked = validateActivityView(JSON.parse(JSON.stringify(traced)));
  assert.ok(checked.ok, checked.ok ? '' : checked.error);
  assert.deepEqual(checked.value.runs[0]!.instants, traced.runs[0]!.instants);
  const bad: [string, (v: ActivityView) => void, RegExp][] = [
    ['a mark on a CPU the run does not have', (v) => { v.runs[0]!.instants!.marks[0]!.cpu = 2; }, /instants\.marks\[0\]/],
    ['a mark naming no name', (v) => { v.runs[0]!.instants!.marks[3]!.name = 9; }, /instants\.marks\[3\]/],
    ['a total below the marks', (v) => { v.runs[0]!.instants!.total = 1; }, /instants\.total/],
  ];
  for (const [what, change, error] of bad) {
    const v = structuredClone(traced);
    change(v);
    const r = validateActivityView(v);
    assert.ok(!r.ok && error.test(r.error), `${what}: ${r.ok ? 'passed' : r.error}`);
  }
});
