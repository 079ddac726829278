/**
 * `reaperscope trace FILE --json` prints the same summary, byte for byte, as the reader and the
 * analysis change underneath it (they are tuned for speed; the output must not move). The
 * expected summaries in test/fixtures/traces/summaries/*.json were printed by the reader before
 * that tuning; the inputs are the hand-written btrace fixtures, two simulated recordings in the
 * bundled script's format (`simulate --trace-out`: baseline fork-storm on 8 CPUs, 20 ms; patched
 * thread-churn on 8 CPUs, 8 ms, seed 3), and those recordings reshaped the way real btrace output
 * comes: each CPU's lines in blocks, the CPUs' blocks interleaved (btrace reads per-CPU buffers),
 * and printed in the generic printf layout `nsecs cpu tid pid comm probe arg0 arg1`.
 *
 * To print the expected files again (only when an output change is meant):
 * REAPERSCOPE_WRITE_SUMMARIES=1 node scripts/run-unit-tests.mjs test/unit/cli/commands/trace-json-stability.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../run-cli';
import { TRACES } from '../../core/trace/trace-test-helpers';

const SUMMARIES = join(TRACES, 'summaries');
const write = process.env.REAPERSCOPE_WRITE_SUMMARIES === '1';

/** Lines of a documented-format recording: BEGIN first, END last, each CPU's lines in time order. */
function probeLines(text: string): { begin: string[]; byCpu: Map<number, string[]>; end: string[] } {
  const begin: string[] = [];
  const end: string[] = [];
  const byCpu = new Map<number, string[]>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const f = line.split(' ');
    if (f[4] === 'BEGIN') begin.push(line);
    else if (f[4] === 'END') end.push(line);
    else {
      const cpu = Number(f[1]);
      const list = byCpu.get(cpu) ?? [];
      list.push(line);
      byCpu.set(cpu, list);
    }
  }
  return { begin, byCpu, end };
}

/** The lines as btrace prints them: `block` lines of each CPU at a time, highest CPU first. */
function perCpuBlocks(text: string, block: number): string {
  const { begin, byCpu, end } = probeLines(text);
  const cpus = [...byCpu.keys()].sort((a, b) => b - a);
  const out = [...begin];
  for (let from = 0; cpus.some((c) => byCpu.get(c)!.length > from); from += block) {
    for (const c of cpus) out.push(...byCpu.get(c)!.slice(from, from + block));
  }
  out.push(...end);
  return `${out.join('\n')}\n`;
}

/**
 * Documented lines `NSECS CPU TID PID PROBE A0 A1 A2 COMM` as a printf script in another
 * column order would print them: `NSECS CPU TID PID COMM PROBE A0 A1`, times since the epoch
 * (BEGIN and END are dropped: a printf-only script has no such lines).
 */
function genericLayout(text: string): string {
  const base = 1_720_624_895_000_000_000n;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    if (f.length < 9 || f[4] === 'BEGIN' || f[4] === 'END') continue;
    out.push(`${base + BigInt(f[0]!)} ${f[1]} ${f[2]} ${f[3]} ${f.slice(8).join(' ')} ${f[4]} ${f[5]} ${f[6]}`);
  }
  return `${out.join('\n')}\n`;
}

const simBaseline = (): string => readFileSync(join(SUMMARIES, 'sim-baseline-fork-storm.txt'), 'utf8');
const simPatched = (): string => readFileSync(join(SUMMARIES, 'sim-patched-thread-churn.txt'), 'utf8');

const CASES: { name: string; text: () => string }[] = [
  { name: 'btrace-baseline', text: () => readFileSync(join(TRACES, 'btrace-baseline.txt'), 'utf8') },
  { name: 'btrace-patched-begin-end', text: () => readFileSync(join(TRACES, 'btrace-patched-begin-end.txt'), 'utf8') },
  { name: 'sim-baseline-fork-storm', text: simBaseline },
  { name: 'sim-patched-thread-churn', text: simPatched },
  { name: 'sim-baseline-fork-storm.blocks', text: () => perCpuBlocks(simBaseline(), 64) },
  { name: 'sim-patched-thread-churn.blocks', text: () => perCpuBlocks(simPatched(), 16) },
  { name: 'sim-baseline-fork-storm.generic', text: () => genericLayout(simBaseline()) },
  { name: 'sim-patched-thread-churn.generic-blocks', text: () => perCpuBlocks(genericLayout(simPatched()), 32) },
];

for (const c of CASES) {
  test(`trace --json on ${c.name} prints the summary it printed before the reader was tuned`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reaperscope-summary-'));
    try {
      const file = join(dir, `${c.name}.txt`);
      writeFileSync(file, c.text());
      const r = await runCli(['trace', file, '--json']);
      assert.equal(r.status, 0, r.stderr);
      const printed = r.stdout.replace(JSON.stringify(file), '"FILE"');
      const expectedFile = join(SUMMARIES, `${c.name}.json`);
      if (write) writeFileSync(expectedFile, printed);
      assert.equal(printed, readFileSync(expectedFile, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
