import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatComparisonMarkdown, formatComparisonText, wrap } from '../../../../src/core/compare/comparison-report';
import type { Comparison, ComparisonPoint } from '../../../../src/core/compare/comparison';
import { METRICS } from '../../../../src/core/analysis/metric-catalog';
import { defaultCosts } from '../../../../src/core/sim/costs';
import type { Detection } from '../../../../src/core/sim/variant-detection';

/** Means of every metric: 0 but for those given. */
function means(values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(METRICS.map((d) => [d.key, values[d.key] ?? 0]));
}

/**
 * A comparison with hand-chosen figures: on 2 CPUs the patch cuts the exit→reap mean from
 * 12 300 ns to 9 800 ns, a paired difference of −2 500 ns [−3 000, −2 000] over 3 seeds (the
 * interval excludes 0); the backlog's +100 [−200, 400] does not.
 */
function comparison(detection: Detection | null, violations: string[] = []): Comparison {
  const point = (cpus: number): ComparisonPoint => ({
    cpus,
    variants: [
      { variant: 'baseline', metrics: [], mean: means({ 'exitToReapNs.mean': 12_300, backlogMax: 40, utilisation: 0.5 }) },
      {
        variant: 'patched', metrics: [], mean: means({ 'exitToReapNs.mean': 9_800, backlogMax: 140, utilisation: 0.25 }),
        difference: {
          'exitToReapNs.mean': { mean: -2500, low: -3000, high: -2000, n: 3 },
          backlogMax: { mean: 100, low: -200, high: 400, n: 3 },
        },
      },
    ],
  });
  return {
    plan: { variants: ['baseline', 'patched'], cpus: [2, 8], seeds: [1, 2, 3], workload: 'kernel-build', durationNs: 200e6, costs: defaultCosts(), viewCpus: 8, bins: 100 },
    detection, points: [point(2), point(8)], events: 0, views: [],
    invariants: { ok: violations.length === 0, violations, runs: 12, globalListCrossCpuTouches: 0 },
  };
}

/** A detection with one piece of evidence: the seed patch removes `struct mutex deadproc_mutex =` (line 84 of the mail, old line 401 of kern_exit.c). */
const detection: Detection = {
  kind: 'model', variant: 'patched', summary: 'one reaper per CPU',
  evidence: [{ what: 'removes the global deadproc_mutex', file: 'sys/kern/kern_exit.c', side: 'old', line: 401, text: 'struct mutex deadproc_mutex =', sourceLine: 84 }],
};

test('the text report: setup, then per metric a table over the CPU counts with each difference and its CI half-width', () => {
  const text = formatComparisonText(comparison(detection), 'one-reaper-per-cpu.patch');
  const lines = text.split('\n');
  assert.equal(lines[0], 'Reaperscope: one-reaper-per-cpu.patch');
  assert.ok(lines.includes('Detected variant: patched, one reaper per CPU.'));
  assert.ok(lines.includes('  sys/kern/kern_exit.c:401 (removed): removes the global deadproc_mutex'));
  // 200e6 ns = 200 ms per run, 3 seeds; 12 runs.
  assert.ok(lines.includes('Simulated kernel-build, 200 ms per run, 3 seeds per point,'));
  assert.ok(lines.includes('Invariants: held in all 12 runs.'));
  const table = lines.indexOf('exit→reap latency, mean (µs)');
  assert.equal(lines[table + 1], 'CPUs  baseline   patched               Δ');
  // 12 300 ns = 12.3 µs, 9 800 ns = 9.80 µs; −2 500 ns = −2.50 µs, half-width (−2 000 − −3 000) / 2 = 500 ns = 0.500 µs, `*`: the CI excludes 0.
  assert.equal(lines[table + 2], '   2      12.3      9.80    −2.50±0.500*');
  assert.equal(lines[table + 3], '   8      12.3      9.80    −2.50±0.500*');
  // Backlog: +100, half-width (400 − −200) / 2 = 300, no star (the CI holds 0): `+100±300 ` padded to 14, the trailing space trimmed.
  const backlog = lines.indexOf('dead threads waiting, max');
  assert.equal(lines[backlog + 2], `   2        40       140  ${' '.repeat(14 - 9)}+100±300`);
  // Utilisation in %: 0.5 → 50, 0.25 → 25; no difference given, so an empty Δ cell.
  const util = lines.indexOf('CPU utilisation (%)');
  assert.equal(lines[util + 2], '   2        50        25');
  assert.ok(lines.every((l) => l.length <= 72), 'fits a mail reply');
  assert.ok(text.endsWith('Not a measurement: a simulation of the exit path with default costs.\n'));
});

test('without a detected model there is no evidence; broken invariants are counted and the first five listed', () => {
  const violations = Array.from({ length: 7 }, (_, i) => `violation ${i + 1}`);
  const text = formatComparisonText(comparison(null, violations), 'p');
  assert.ok(!text.includes('Detected variant'));
  assert.ok(text.includes('Invariants: VIOLATED (7).'));
  assert.deepEqual(text.split('\n').filter((l) => l.startsWith('violation: ')), ['violation: violation 1', 'violation: violation 2', 'violation: violation 3', 'violation: violation 4', 'violation: violation 5']);
});

test('the Markdown report: a heading, evidence as a list, one table per metric with the CI as [low, high]', () => {
  const md = formatComparisonMarkdown(comparison(detection), 'one-reaper-per-cpu.patch');
  const lines = md.split('\n');
  assert.equal(lines[0], '### Reaperscope: one-reaper-per-cpu.patch');
  assert.ok(lines.includes('- sys/kern/kern_exit.c:401 (removed): removes the global deadproc_mutex'));
  const table = lines.indexOf('**exit→reap latency, mean (µs)**');
  assert.deepEqual(lines.slice(table + 2, table + 6), [
    '| CPUs | baseline | patched | Δ patched [95 % CI] |',
    '|---:|---:|---:|---:|',
    // −2 500 ns = −2.50 µs in [−3, −2] µs (whole numbers are written without decimals).
    '| 2 | 12.3 | 9.80 | -2.50 [-3, -2] |',
    '| 8 | 12.3 | 9.80 | -2.50 [-3, -2] |',
  ]);
});

test('long lines are broken at spaces, continuation lines indented two more', () => {
  assert.deepEqual(wrap('short'), ['short']);
  const long = '  sys/kern/kern_sched.c:233 (added): wakeup_one(&spc->spc_deadproc) wakes this CPU\'s own reaper';
  const out = wrap(long);
  // With `wakes` the first line would be 73 characters: it goes to the next line.
  assert.deepEqual(out, [
    '  sys/kern/kern_sched.c:233 (added): wakeup_one(&spc->spc_deadproc)',
    '    wakes this CPU\'s own reaper',
  ]);
  assert.ok(out.every((l) => l.length <= 72));
  // A word longer than the width is kept whole; a break that would leave no more than the
  // continuation indent (2) on the line is not taken: the line runs on to the next space.
  assert.deepEqual(wrap(`a ${'x'.repeat(80)} b`, 72), [`a ${'x'.repeat(80)}`, '  b']);
  assert.deepEqual(wrap(`abc ${'x'.repeat(80)} b`, 72), ['abc', `  ${'x'.repeat(80)}`, '  b']);
  assert.deepEqual(wrap('x'.repeat(80)), ['x'.repeat(80)]);
});
