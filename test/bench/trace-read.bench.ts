/**
 * Trace reading benchmark (issue #4), all numbers measured in this one run:
 * 1. throughput of readTrace on a generated btrace file, as a ratio to a bare chunked line
 *    split (decode + find newlines + slice each line) of the same file (goal ≥ 0.5);
 * 2. bytes per event the finished table holds (goal ≤ 32), from its columns and from the
 *    retained heap + array buffers after a GC;
 * 3. peak memory while streaming a generated 1 GB trace (RSS, sampled at every chunk), next to
 *    the table it produced, to show the reader's own memory stays bounded.
 * Files go to the OS temp folder and are deleted at the end.
 *
 * Run: node --import tsx test/bench/trace-read.bench.ts [--small]   (--small: 64 MB / 256 MB)
 */
import { createReadStream, openSync, writeSync, closeSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readTrace, type TraceReadResult } from '../../src/core/trace/trace-reader';
import { BYTES_PER_EVENT } from '../../src/core/trace/event-table';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const small = process.argv.includes('--small');
const MB = 1 << 20;
const CHUNK = MB;
const ROUNDS = 5;

/** Writes a btrace trace of media/reaperscope.bt's format, about `bytes` long, 8 CPUs, per-CPU blocks out of order. */
function generate(path: string, bytes: number): number {
  const fd = openSync(path, 'w');
  const base = 1_720_624_895_000_000_000n;
  let written = 0;
  let lines = 0;
  let t = 0;
  const comms = ['sh', 'ksh', 'cc', 'ld', 'make', 'reaper0', 'reaper1', 'idle0'];
  while (written < bytes) {
    let block = '';
    for (let cpu = 7; cpu >= 0; cpu--) {
      for (let k = 0; k < 500; k++) {
        const ns = base + BigInt(t + k * 1000 + cpu);
        const tid = 100_000 + ((k * 7 + cpu) % 5000);
        const pid = 1000 + ((k * 7 + cpu) % 900);
        const comm = comms[tid % comms.length]!;
        switch (k % 5) {
          case 0: block += `${ns} ${cpu} ${tid} ${pid} tracepoint:sched:on__cpu 0 0 0 ${comm}\n`; break;
          case 1: block += `${ns} ${cpu} ${tid} ${pid} tracepoint:sched:wakeup ${tid + 1} ${pid} ${(cpu + 1) % 8} ${comm}\n`; break;
          case 2: block += `${ns} ${cpu} ${tid} ${pid} tracepoint:sched:sleep 0 0 0 ${comm}\n`; break;
          case 3: block += `${ns} ${cpu} ${tid} ${pid} raw_syscalls:sys_enter ${k % 50 === 3 ? 1 : 4} 0 0 ${comm}\n`; break;
          default: block += `${ns} ${cpu} ${tid} ${pid} tracepoint:sched:off__cpu ${tid + 3} ${pid} 0 ${comm}\n`;
        }
        lines++;
      }
    }
    t += 500 * 1000;
    const buf = Buffer.from(block);
    writeSync(fd, buf);
    written += buf.length;
  }
  closeSync(fd);
  return lines;
}

function chunks(path: string): AsyncIterable<Uint8Array> {
  return createReadStream(path, { highWaterMark: CHUNK }) as AsyncIterable<Uint8Array>;
}

/** The baseline: decode and split into lines, nothing else. */
async function bareSplit(path: string): Promise<number> {
  const decoder = new TextDecoder();
  let carry = '';
  let lines = 0;
  let chars = 0;
  for await (const chunk of chunks(path)) {
    const text = carry + decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      chars += text.slice(start, nl).length;
      lines++;
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  return lines + (chars < 0 ? 1 : 0);
}

/** CPU time (user + system) of f, ms: steadier than wall time on a shared machine. */
async function time<T>(f: () => Promise<T>): Promise<{ ms: number; wallMs: number; value: T }> {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = await f();
  const c = process.cpuUsage(c0);
  return { ms: (c.user + c.system) / 1000, wallMs: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

async function throughput(): Promise<void> {
  const path = join(tmpdir(), `reaperscope-bench-${process.pid}-tp.txt`);
  const lines = generate(path, (small ? 64 : 256) * MB);
  const size = statSync(path).size;
  let best = { split: Infinity, read: Infinity, splitWall: Infinity, readWall: Infinity };
  let events = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const s = await time(() => bareSplit(path));
    if (s.value !== lines) throw new Error(`split saw ${s.value} lines, wrote ${lines}`);
    const r = await time(() => readTrace(chunks(path)));
    const res = r.value as TraceReadResult;
    events = res.table.length;
    best = {
      split: Math.min(best.split, s.ms),
      read: Math.min(best.read, r.ms),
      splitWall: Math.min(best.splitWall, s.wallMs),
      readWall: Math.min(best.readWall, r.wallMs),
    };
    gc();
  }
  rmSync(path);
  const mbps = (ms: number): string => (size / MB / (ms / 1000)).toFixed(0);
  console.log(`throughput on ${(size / MB).toFixed(0)} MB, ${lines} lines, ${events} events (best of ${ROUNDS}, CPU time; wall time in brackets):`);
  console.log(`  bare chunked line split  ${best.split.toFixed(0)} ms  ${mbps(best.split)} MB/s  (${best.splitWall.toFixed(0)} ms)`);
  console.log(`  readTrace (btrace)       ${best.read.toFixed(0)} ms  ${mbps(best.read)} MB/s  (${best.readWall.toFixed(0)} ms)`);
  console.log(`  ratio readTrace / split  ${(best.split / best.read).toFixed(2)}  (wall ${(best.splitWall / best.readWall).toFixed(2)})  goal ≥ 0.5`);
}

function memNow(): { rss: number; heap: number; buffers: number } {
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed, buffers: m.arrayBuffers };
}

async function peakMemory(): Promise<void> {
  const path = join(tmpdir(), `reaperscope-bench-${process.pid}-1g.txt`);
  const target = (small ? 256 : 1024) * MB;
  const lines = generate(path, target);
  const size = statSync(path).size;
  gc();
  const before = memNow();
  let peakRss = before.rss;
  let peakReaderRss = before.rss;
  const r = (await readTrace(chunks(path), {
    onProgress: () => {
      const m = memNow();
      peakRss = Math.max(peakRss, m.rss);
      peakReaderRss = Math.max(peakReaderRss, m.rss);
    },
  })) as TraceReadResult;
  peakRss = Math.max(peakRss, memNow().rss);
  const n = r.table.length;
  const tableBytes = n * BYTES_PER_EVENT;
  gc();
  await new Promise((resolve) => setTimeout(resolve, 200)); // array buffers are freed after the GC, concurrently
  gc();
  const after = memNow();
  const retained = after.heap + after.buffers - (before.heap + before.buffers);
  console.log(`memory reading a ${(size / MB).toFixed(0)} MB trace (${lines} lines → ${n} events):`);
  console.log(`  table columns            ${(tableBytes / MB).toFixed(0)} MB = ${BYTES_PER_EVENT} bytes/event   (goal ≤ 32)`);
  console.log(`  retained heap+buffers    ${(retained / MB).toFixed(0)} MB = ${(retained / n).toFixed(1)} bytes/event after GC`);
  console.log(`  RSS before               ${(before.rss / MB).toFixed(0)} MB`);
  console.log(`  peak RSS while streaming ${(peakReaderRss / MB).toFixed(0)} MB (during the chunks)`);
  console.log(`  peak RSS overall         ${(peakRss / MB).toFixed(0)} MB (includes sorting and the final table)`);
  console.log(`  peak RSS / file size     ${(peakRss / size).toFixed(2)}; peak RSS − table ${(((peakRss - before.rss) - tableBytes) / MB).toFixed(0)} MB`);
  rmSync(path);
}

async function main(): Promise<void> {
  await throughput();
  gc();
  await peakMemory();
}

void main();
