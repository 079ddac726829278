/**
 * Deriving the exit-path models from C, measured in this one run: both models of the seed patch
 * (the fixture tree before it, and the tree with it applied in memory: parse, translate, apply,
 * compare) after tree-sitter is loaded. Goal: < 200 ms per patch; prints the median and the
 * ratio to the goal (below 1 meets it), by wall clock and by this process's CPU time.
 * Run: node --import tsx test/bench/sim-derive.bench.ts
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadCParser } from '../../src/core/patch/c/c-functions';
import { parseDiff } from '../../src/core/patch/diff/unified-diff';
import { derivePatchModels } from '../../src/core/sim/derive/patch-models';

const GOAL_MS = 200;
const ROUNDS = 30;

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

async function main(): Promise<void> {
  const loadStart = performance.now();
  const parser = await loadCParser({
    runtime: new Uint8Array(readFileSync(new URL('node_modules/web-tree-sitter/tree-sitter.wasm', root))),
    grammar: new Uint8Array(readFileSync(new URL('node_modules/tree-sitter-c/tree-sitter-c.wasm', root))),
  });
  const loadMs = performance.now() - loadStart;
  const files = ['sys/kern/kern_exit.c', 'sys/kern/kern_sched.c', 'sys/kern/init_main.c'].map((path) => ({ path, text: read(`test/fixtures/c/exit-path/${path}`) }));
  const patch = parseDiff(read('test/fixtures/workspace/patches/one-reaper-per-cpu.patch'));
  const wall: number[] = [];
  const cpu: number[] = [];
  let steps = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const m = derivePatchModels(parser, files, patch);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    steps = m.before.programs.concat(m.after.programs).reduce((n, p) => n + p.drafts.length, 0);
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const r = (ms: number): string => (ms / GOAL_MS).toFixed(3);
  console.log(`tree-sitter load (not counted): ${loadMs.toFixed(0)} ms`);
  console.log(`derive both models of the seed patch (${steps} steps; ${ROUNDS} rounds): first ${wall[0]!.toFixed(1)} ms wall / ${cpu[0]!.toFixed(1)} ms CPU (cold: JIT and wasm tier-up), median ${median(wall).toFixed(1)} ms wall / ${median(cpu).toFixed(1)} ms CPU`);
  console.log(`ratio to the ${GOAL_MS} ms goal: first ${r(wall[0]!)} wall / ${r(cpu[0]!)} CPU, median ${r(median(wall))} wall / ${r(median(cpu))} CPU (goal < 1; wall time on a shared machine includes waiting for a core)`);
}

void main();
