import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultCosts } from '../../../src/core/sim/costs';
import { modelCosts } from '../../../src/core/sim/model-costs';
import { validateControls, validateModelCosts, validateWebviewMessage } from '../../../src/protocol/validate';

const controls = { variants: ['baseline', 'patched'], workload: 'fork-storm', cpus: 8, seeds: 5 };

test('accepts each well-formed message and returns a clean copy', () => {
  assert.deepEqual(validateWebviewMessage({ type: 'ready' }), { ok: true, value: { type: 'ready' } });
  assert.deepEqual(validateWebviewMessage({ type: 'cancel', extra: 1 }), { ok: true, value: { type: 'cancel' } });
  const run = validateWebviewMessage({ type: 'run-simulation', controls: { ...controls, evil: '<script>' } });
  assert.deepEqual(run, { ok: true, value: { type: 'run-simulation', controls } });
  const png = { type: 'export', format: 'png', chart: 'reaper-heatmap', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' };
  assert.deepEqual(validateWebviewMessage(png), { ok: true, value: png });
  const csv = { type: 'export', format: 'csv', csv: 'key,label\n' };
  assert.deepEqual(validateWebviewMessage(csv), { ok: true, value: csv });
});

test('rejects malformed messages with a reason', () => {
  const bad: unknown[] = [
    null, 'ready', [], { type: 'show' }, { type: 'export', format: 'svg' },
    { type: 'export', format: 'png', chart: '../../etc/passwd', dataUrl: 'data:image/png;base64,AAAA' },
    { type: 'export', format: 'png', chart: 'x', dataUrl: 'data:text/html;base64,AAAA' },
    { type: 'export', format: 'png', chart: 'x', dataUrl: 'data:image/png;base64,<svg onload=x>' },
    { type: 'export', format: 'csv', csv: 42 },
    { type: 'run-simulation' },
  ];
  for (const message of bad) {
    const result = validateWebviewMessage(message);
    assert.equal(result.ok, false, JSON.stringify(message));
    if (!result.ok) assert.ok(result.error.length > 0);
  }
});

test('checks every control field and its bounds', () => {
  assert.equal(validateControls(controls).ok, true);
  const cases: Record<string, unknown>[] = [
    { variants: [] }, { variants: ['baseline', 'baseline'] }, { variants: ['fast'] },
    { workload: 'idle' }, { cpus: 0 }, { cpus: 257 }, { cpus: 2.5 }, { cpus: '8' },
    { seeds: 0 }, { seeds: 101 },
  ];
  for (const change of cases) assert.equal(validateControls({ ...controls, ...change }).ok, false, JSON.stringify(change));
  assert.equal(validateControls({ ...controls, cpus: 1, seeds: 100 }).ok, true);
  assert.equal(validateControls({ ...controls, cpus: 256, seeds: 1 }).ok, true);
});

test('model costs: accepts the simulator\'s own list and returns clean copies', () => {
  const costs = modelCosts({ ...defaultCosts(), contextSwitch: { dist: 'fixed', meanNs: 3000 } });
  const withExtra = costs.map((c) => ({ ...c, evil: '<script>' }));
  const result = validateModelCosts(withExtra);
  assert.deepEqual(result, { ok: true, value: costs });
  assert.deepEqual(validateModelCosts([]), { ok: true, value: [] });
});

test('model costs: rejects malformed lists and entries with a reason', () => {
  const good = modelCosts(defaultCosts())[0]!;
  const bad: unknown[] = [
    null, {}, 'contextSwitch', Array.from({ length: 257 }, () => good),
    [null], [[good]],
    [{ ...good, name: '' }], [{ ...good, name: '<img src=x>' }], [{ ...good, name: 42 }],
    [{ ...good, valueNs: -1 }], [{ ...good, valueNs: Number.NaN }], [{ ...good, valueNs: '2000' }], [{ ...good, defaultNs: Infinity }],
    [{ ...good, dist: 'gaussian' }], [{ ...good, dist: undefined }],
    [{ ...good, description: '' }], [{ ...good, source: 7 }], [{ ...good, source: 'x'.repeat(1001) }],
    [{ ...good, overridden: 'no' }], [{ name: good.name }],
    [good, { ...good, overridden: 1 }],
  ];
  for (const costs of bad) {
    const result = validateModelCosts(costs);
    assert.equal(result.ok, false, JSON.stringify(costs)?.slice(0, 200));
    if (!result.ok) assert.ok(result.error.length > 0);
  }
});
