/**
 * Patch parsing benchmark (issue #2): our parseDiff against jsdiff's parsePatch (package
 * `diff`) on the same inputs: a generated git patch of kernel-style C hunks (~32 MB, --small:
 * ~4 MB) and the fixtures. Both parsers must find the same files, hunks and hunk lines; then
 * each is timed over several rounds (best round counts) and the MB/s and the ratio are
 * printed, all measured in this one run. Goal: parseDiff ≥ 2× jsdiff.
 *
 * Run: node --import tsx test/bench/patch-parse.bench.ts [--small]
 */
import { readFileSync } from 'node:fs';
import { parsePatch } from 'diff';
import { parseDiff } from '../../src/core/patch/unified-diff';

const MB = 1 << 20;
const small = process.argv.includes('--small');

/** Deterministic 32-bit PRNG (mulberry32), so every run parses the same text. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATEMENTS = [
  'mtx_enter(&deadproc_mutex);', 'LIST_INSERT_HEAD(&spc->spc_deadproc, p, p_hash);', 'mtx_leave(&deadproc_mutex);',
  'KERNEL_ASSERT_LOCKED();', 'wakeup_one(&spc->spc_deadproc);', 'SCHED_LOCK();', 'SCHED_UNLOCK();',
  'p->p_stat = SRUN;', 'uvmexp.swtch++;', 'cpu_switchto(NULL, nextproc);', 'if (curproc != NULL)',
  'TRACEPOINT(sched, off__cpu, idle->p_tid + THREAD_PID_OFFSET, idle->p_p->ps_pid);',
  'tsleep_nsec(&spc->spc_deadproc, PVM, "reaper", INFSLP);', '/* Remove us from the deadproc list. */',
  'struct schedstate_percpu *spc = &curcpu()->ci_schedstate;', 'return (0);', '}', '',
];

/** A git patch of `files` C files, each with several hunks of tab-indented kernel code. */
function generatePatch(targetBytes: number): string {
  const random = prng(20240710);
  const pick = (): string => {
    const s = STATEMENTS[Math.floor(random() * STATEMENTS.length)]!;
    return s === '' ? '' : '\t'.repeat(1 + Math.floor(random() * 3)) + s;
  };
  const parts: string[] = [];
  let size = 0;
  for (let f = 0; size < targetBytes; f++) {
    const path = `sys/kern/gen_${f}.c`;
    const out: string[] = [`diff --git a/${path} b/${path}`, `index ${(f * 2654435761 >>> 0).toString(16).padStart(12, '0')}..${(f * 40503 + 7 >>> 0).toString(16).padStart(12, '0')} 100644`, `--- a/${path}`, `+++ b/${path}`];
    let oldLine = 1 + Math.floor(random() * 40);
    let newLine = oldLine;
    const hunks = 2 + Math.floor(random() * 8);
    for (let h = 0; h < hunks; h++) {
      const body: string[] = [];
      let oldCount = 0;
      let newCount = 0;
      const context = (): void => { body.push(` ${pick()}`); oldCount++; newCount++; };
      for (let k = 0; k < 3; k++) context();
      const changes = 1 + Math.floor(random() * 4);
      for (let c = 0; c < changes; c++) {
        const removed = Math.floor(random() * 5);
        const added = Math.floor(random() * 6);
        for (let k = 0; k < removed; k++) { body.push(`-${pick()}`); oldCount++; }
        for (let k = 0; k < added; k++) { body.push(`+${pick()}`); newCount++; }
        for (let k = 0; k < 3; k++) context();
      }
      out.push(`@@ -${oldLine},${oldCount} +${newLine},${newCount} @@ sched_fn_${f}_${h}(struct proc *p)`, ...body);
      oldLine += oldCount + 20 + Math.floor(random() * 100);
      newLine += newCount + 20 + Math.floor(random() * 100) + (newCount - oldCount);
      newLine = Math.max(newLine, 1);
    }
    const text = out.join('\n') + '\n';
    parts.push(text);
    size += text.length;
  }
  return parts.join('');
}

interface Counts { files: number; hunks: number; lines: number }

function ourCounts(text: string): Counts {
  const { files } = parseDiff(text);
  return { files: files.length, hunks: files.reduce((n, f) => n + f.hunks.length, 0), lines: files.reduce((n, f) => n + f.hunks.reduce((m, h) => m + h.lines.length, 0), 0) };
}

function theirCounts(text: string): Counts {
  const patches = parsePatch(text);
  const withHunks = patches.filter((p) => p.hunks.length > 0);
  return {
    files: withHunks.length,
    hunks: withHunks.reduce((n, p) => n + p.hunks.length, 0),
    lines: withHunks.reduce((n, p) => n + p.hunks.reduce((m, h) => m + h.lines.filter((l) => !l.startsWith('\\')).length, 0), 0),
  };
}

/**
 * Best time per call over `rounds` rounds of `batch` calls each, in ms (small inputs are timed
 * in batches so the clock's resolution does not count; the first round also warms the JIT).
 */
function best(rounds: number, batch: number, run: () => void): number {
  let min = Infinity;
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let k = 0; k < batch; k++) run();
    min = Math.min(min, Number(process.hrtime.bigint() - start) / 1e6 / batch);
  }
  return min;
}

function compare(name: string, text: string, rounds: number, batch = 1): number {
  const ours = ourCounts(text);
  const theirs = theirCounts(text);
  const same = ours.hunks === theirs.hunks && ours.lines === theirs.lines;
  const bytes = Buffer.byteLength(text);
  const oursMs = best(rounds, batch, () => parseDiff(text));
  const theirsMs = best(rounds, batch, () => parsePatch(text));
  const rate = (ms: number): string => `${(bytes / MB / (ms / 1000)).toFixed(1).padStart(7)} MB/s`;
  console.log(`${name.padEnd(38)} ${(bytes / 1024).toFixed(1).padStart(8)} KB  ${ours.hunks} hunks / ${ours.lines} lines ${same ? '(same counts)' : `(COUNTS DIFFER: jsdiff ${theirs.hunks} hunks / ${theirs.lines} lines)`}`);
  console.log(`  parseDiff ${oursMs.toFixed(4).padStart(10)} ms ${rate(oursMs)}   jsdiff parsePatch ${theirsMs.toFixed(4).padStart(10)} ms ${rate(theirsMs)}   ratio ${(theirsMs / oursMs).toFixed(2)}x`);
  return theirsMs / oursMs;
}

/** The diff part of a fixture (from the first `diff --git` to the mail signature): jsdiff reads no mail. */
const fixtureDiff = (name: string): string => {
  const text = readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
  const start = Math.max(0, text.indexOf('diff --git '));
  const signature = text.indexOf('\n-- \n', start);
  return text.slice(start, signature < 0 ? text.length : signature + 1);
};
console.log('patch parsing: parseDiff (ours) vs jsdiff parsePatch, best of N rounds, same process\n');
const big = generatePatch((small ? 4 : 32) * MB);
const ratios = [
  compare('generated kernel-style patch', big, small ? 8 : 5),
  compare('one-reaper-per-cpu.patch (diff part)', fixtureDiff('one-reaper-per-cpu.patch'), 30, 500),
  compare('c/kern_sched_like.diff', fixtureDiff('c/kern_sched_like.diff'), 30, 500),
  compare('diffs/no-prefix.diff', fixtureDiff('diffs/no-prefix.diff'), 30, 500),
];
console.log(`\nratio jsdiff time / parseDiff time: generated ${ratios[0]!.toFixed(2)}x, fixtures ${ratios.slice(1).map((r) => `${r.toFixed(2)}x`).join(', ')} (goal ≥ 2x)`);
