import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, UsageError } from '../../../src/cli/command';
import { parseCommandArgs } from '../../../src/cli/parse-command-args';
import { numberOption, resolveCosts, SHARED_SIM_ARGS, SHARED_USAGE, sharedSimOptions } from '../../../src/cli/sim-options';
import { defaultCosts } from '../../../src/core/sim/costs';
import { WORKLOAD_NAMES } from '../../../src/core/sim/workload';
import { withTempDir } from './temp-tree';

const parse = (args: string[]) => sharedSimOptions(parseCommandArgs(args, SHARED_SIM_ARGS).values, 200);

test('defaults: kernel-build for the command\'s default duration, no costs, no threads', () => {
  // 200 ms is 200e6 ns.
  assert.deepEqual(parse([]), { workload: 'kernel-build', durationNs: 200e6, costFlags: [] });
  assert.equal(sharedSimOptions({}, 300).durationNs, 300e6);
});

test('units: --duration-ms in ms and --reap-cost-us in µs become ns; the rest as given', () => {
  const o = parse(['--workload', 'poisson', '--duration-ms', '2.5', '--exit-rate', '1000', '--reap-cost-us', '80', '--jobs', '4', '--threads', '2', '--costs', 'c.json', '--cost', 'mutex=40', '--cost', 'uvmExit=60000']);
  // 2.5 ms = 2 500 000 ns; 80 µs = 80 000 ns.
  assert.deepEqual(o, {
    workload: 'poisson', durationNs: 2_500_000, exitRatePerSec: 1000, reapCostNs: 80_000, jobs: 4, threads: 2,
    costsFile: 'c.json', costFlags: ['mutex=40', 'uvmExit=60000'],
  });
});

test('mistakes are usage errors naming the option: an unknown workload lists the known ones', () => {
  assert.throws(() => parse(['--workload', 'make']), (e: unknown) => e instanceof UsageError && e.message === "--workload takes kernel-build, fork-storm, thread-churn or poisson, not 'make'");
  for (const [flag, value] of [['--duration-ms', '0'], ['--duration-ms', '-5'], ['--exit-rate', 'x'], ['--jobs', '1.5'], ['--threads', ''], ['--reap-cost-us', 'Infinity']]) {
    assert.throws(() => parse([`${flag}=${value}`]), (e: unknown) => e instanceof UsageError && e.message.startsWith(`${flag} wants a positive `), `${flag} ${value}`);
  }
  assert.equal(numberOption('0.5', 'x'), 0.5);
  assert.throws(() => numberOption('0.5', 'x', true), /--x wants a positive whole number, not "0.5"/);
  assert.throws(() => numberOption(' ', 'x'), /--x wants a positive number, not " "/);
});

test('the usage text lists every workload, the first as the default', () => {
  assert.ok(SHARED_USAGE.includes(`--workload W        ${WORKLOAD_NAMES[0]} (default), ${WORKLOAD_NAMES.slice(1).join(', ')}\n`));
  for (const name of Object.keys(SHARED_SIM_ARGS)) assert.ok(SHARED_USAGE.includes(`--${name} `), name);
});

test('costs: the defaults, then the file, then each --cost flag in order', async () => {
  const defaults = defaultCosts();
  assert.deepEqual(await resolveCosts(parse([])), defaults);
  await withTempDir(async (dir) => {
    const file = join(dir, 'costs.json');
    writeFileSync(file, JSON.stringify({ contextSwitch: 3000, mutex: { dist: 'exponential', meanNs: 45 } }));
    const costs = await resolveCosts(parse(['--costs', file, '--cost', 'mutex=50', '--cost', 'mutex=60']));
    assert.deepEqual(costs.contextSwitch, { ...defaults.contextSwitch, meanNs: 3000 });
    // The flag sets the mean and keeps the file's distribution; the last flag wins.
    assert.deepEqual(costs.mutex, { dist: 'exponential', meanNs: 60 });
    assert.deepEqual(costs.uvmExit, defaults.uvmExit);
  });
});

test('a bad costs file is bad input naming the file; a bad --cost flag is a usage error', async () => {
  await withTempDir(async (dir) => {
    const notJson = join(dir, 'a.json');
    writeFileSync(notJson, '{ contextSwitch: 3000 }');
    await assert.rejects(resolveCosts(parse(['--costs', notJson])), (e: unknown) => e instanceof InputError && e.message.startsWith(`${notJson}: not JSON (`));
    const unknown = join(dir, 'b.json');
    writeFileSync(unknown, '{ "contextSwich": 3000 }');
    await assert.rejects(resolveCosts(parse(['--costs', unknown])), (e: unknown) => e instanceof InputError && e.message.startsWith(`${unknown}: unknown cost 'contextSwich'`));
    await assert.rejects(resolveCosts(parse(['--costs', join(dir, 'none.json')])), (e: unknown) => e instanceof InputError && /none\.json: cannot read the file \(ENOENT\)$/.test(e.message));
  });
  for (const flag of ['mutex', 'mutex=', 'mutex=-1', 'nosuch=5', 'mutex=5ns']) {
    await assert.rejects(resolveCosts(parse(['--cost', flag])), (e: unknown) => e instanceof UsageError && e.message === `--cost wants NAME=NS with a known cost name, not '${flag}'`, flag);
  }
});
