// package.json's settings list the same names and bounds as core (the simulator's variants,
// workloads, limits and the costs it describes) and as the protocol's validator of the panel's controls: a name
// added in one place and not the others fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VARIANT_NAMES } from '../../src/core/sim/variants';
import { WORKLOAD_NAMES } from '../../src/core/sim/workload';
import { MAX_CPUS, MAX_SEEDS, SIMULATION_LIMITS } from '../../src/core/sim/limits';
import { COST_NAMES, defaultCosts, type CostName } from '../../src/core/sim/costs';
import { controlLimits, validateControls, variantNames, workloadNames } from '../../src/protocol/validate';

interface Setting { type: string | string[]; default?: unknown; enum?: string[]; minimum?: number; maximum?: number; items?: Setting; properties?: Record<string, unknown> }

const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, Setting> } } };
const setting = (name: string): Setting => {
  const found = manifest.contributes.configuration.properties[`reaperscope.${name}`];
  assert.ok(found, `reaperscope.${name} is in package.json`);
  return found;
};

test('the workload setting lists exactly core\'s workloads, the default first', () => {
  assert.deepEqual(setting('simulation.workload').enum, [...WORKLOAD_NAMES]);
  assert.equal(setting('simulation.workload').default, WORKLOAD_NAMES[0]);
});

test('the variants setting lists exactly core\'s variants, all of them by default', () => {
  assert.deepEqual(setting('simulation.variants').items?.enum, [...VARIANT_NAMES]);
  assert.deepEqual(setting('simulation.variants').default, [...VARIANT_NAMES]);
});

test('the CPU and seed settings have core\'s bounds (1..256 CPUs, 1..100 seeds)', () => {
  assert.deepEqual([setting('simulation.cpus').minimum, setting('simulation.cpus').maximum], [SIMULATION_LIMITS.cpus.min, MAX_CPUS]);
  assert.deepEqual([setting('simulation.seeds').minimum, setting('simulation.seeds').maximum], [SIMULATION_LIMITS.seeds.min, MAX_SEEDS]);
});

test('the costs setting describes only core\'s cost names, each with core\'s default', () => {
  const described = Object.entries(setting('costs').properties ?? {}) as [string, { markdownDescription: string }][];
  // Not every cost is described (the others are accepted through additionalProperties).
  assert.ok(described.length > 0);
  const defaults = defaultCosts();
  for (const [name, { markdownDescription }] of described) {
    assert.ok((COST_NAMES as readonly string[]).includes(name), `${name} is a cost of core/sim/costs.ts`);
    assert.ok(markdownDescription.endsWith(`default ${defaults[name as CostName].meanNs} ns.`), `${name}: ${markdownDescription}`);
  }
});

test('the protocol\'s validator accepts exactly core\'s names and bounds', () => {
  assert.deepEqual(variantNames, VARIANT_NAMES);
  assert.deepEqual(workloadNames, WORKLOAD_NAMES);
  assert.deepEqual(controlLimits, SIMULATION_LIMITS);
  const controls = { variants: [...VARIANT_NAMES], workload: WORKLOAD_NAMES[0], cpus: MAX_CPUS, seeds: MAX_SEEDS };
  assert.equal(validateControls(controls).ok, true);
  for (const workload of WORKLOAD_NAMES) assert.equal(validateControls({ ...controls, workload }).ok, true, workload);
  assert.equal(validateControls({ ...controls, cpus: MAX_CPUS + 1 }).ok, false);
  assert.equal(validateControls({ ...controls, seeds: MAX_SEEDS + 1 }).ok, false);
  assert.equal(validateControls({ ...controls, variants: ['unknown'] }).ok, false);
  // The defaults of package.json are valid controls.
  assert.equal(validateControls({ variants: setting('simulation.variants').default, workload: setting('simulation.workload').default, cpus: setting('simulation.cpus').default, seeds: setting('simulation.seeds').default }).ok, true);
});
