/**
 * Trace reading benchmark, all numbers measured in this one run:
 * 1. throughput of readTrace on a generated btrace file, as a ratio to a bare chunked line
 *    split (decode + find newlines + slice each line) of the same file (goal ≥ 0.5); the same
 *    for Linux ftrace text, for information (its payloads are parsed with regular expressions);
 * 2. bytes per event the finished table holds (goal ≤ 32), from its columns and from the
 *    retained heap + array buffers after a GC;
 * 3. peak memory while streaming a generated 256 MB and 1 GB trace (RSS, sampled at every
 *    chunk, each in a fresh process), next to the table it produced: the reader's own memory
 *    beyond the events it holds stays flat.
 * Files go to the OS temp folder and are deleted at the end.
 *
 * Run: node --import tsx test/bench/trace-read.bench.ts [--small]   (--small: 64 MB / 256 MB)
 */
import { createReadStream, openSync, writeSync, closeSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readTrace, type TraceReadResult } from '../../src/core/trace/trace-reader';
import { BYTES_PER_EVENT } from '../../src/core/events/event-table';

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
          case 3: block += `${ns} ${cpu} ${tid} ${pid} tracepoint:raw_syscalls:sys_enter ${k % 50 === 3 ? 1 : 4} 0 0 ${comm}\n`; break;
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

/** Writes Linux ftrace text (kernel printing, 5-character latency field), about `bytes` long, 8 CPUs. */
function generateFtrace(path: string, bytes: number): number {
  const fd = openSync(path, 'w');
  const comms = ['bash', 'make', 'cc1', 'ld', 'kworker/0:1'];
  let written = 0;
  let lines = 0;
  let t = 5_000_000_000;
  writeSync(fd, '# tracer: nop\n#\n');
  while (written < bytes) {
    let block = '';
    for (let k = 0; k < 4000; k++, lines++) {
      const cpu = k % 8;
      const pid = 1000 + ((k * 7) % 3000);
      const comm = comms[pid % comms.length]!;
      t += 137;
      const ts = `${Math.floor(t / 1e6)}.${String(t % 1e6).padStart(6, '0')}`;
      const head = `${`${comm}-${pid}`.padStart(22)} [${String(cpu).padStart(3, '0')}] d..2. ${ts}: `;
      block += k % 2
        ? `${head}sched_switch: prev_comm=${comm} prev_pid=${pid} prev_prio=120 prev_state=S ==> next_comm=bash next_pid=${pid + 1} next_prio=120\n`
        : `${head}sched_wakeup: comm=bash pid=${pid + 1} prio=120 target_cpu=00${(cpu + 1) % 8}\n`;
    }
    const buf = Buffer.from(block);
    writeSync(fd, buf);
    written += buf.length;
  }
  closeSync(fd);
  return lines + 2;
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

async function throughput(format: 'btrace' | 'ftrace'): Promise<void> {
  const path = join(tmpdir(), `reaperscope-bench-${process.pid}-tp.txt`);
  const mb = format === 'btrace' ? (small ? 64 : 256) : 64;
  const lines = format === 'btrace' ? generate(path, mb * MB) : generateFtrace(path, mb * MB);
  const size = statSync(path).size;
  let best = { split: Infinity, read: Infinity, splitWall: Infinity, readWall: Infinity };
  let events = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const s = await time(() => bareSplit(path));
    if (s.value !== lines) throw new Error(`split saw ${s.value} lines, wrote ${lines}`);
    const r = await time(() => readTrace(chunks(path), { totalBytes: size }));
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
  console.log(`${format} throughput on ${(size / MB).toFixed(0)} MB, ${lines} lines, ${events} events (best of ${ROUNDS}, CPU time; wall time in brackets):`);
  console.log(`  bare chunked line split  ${best.split.toFixed(0)} ms  ${mbps(best.split)} MB/s  (${best.splitWall.toFixed(0)} ms)`);
  console.log(`  readTrace (${format})       ${best.read.toFixed(0)} ms  ${mbps(best.read)} MB/s  (${best.readWall.toFixed(0)} ms)`);
  console.log(`  ratio readTrace / split  ${(best.split / best.read).toFixed(2)}  (wall ${(best.splitWall / best.readWall).toFixed(2)})  ${format === 'btrace' ? 'goal ≥ 0.5' : 'for information'}`);
}

function memNow(): { rss: number; heap: number; buffers: number } {
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed, buffers: m.arrayBuffers };
}

/**
 * Reads a generated trace of `mb` MB in this (fresh) process and prints its memory: the reader's
 * own overhead = RSS − RSS before − the bytes the events read so far take (31 per event),
 * maximised over the chunks; it should not grow with the file, unlike the table.
 */
async function peakMemory(mb: number): Promise<void> {
  const path = join(tmpdir(), `reaperscope-bench-${process.pid}-${mb}m.txt`);
  const lines = generate(path, mb * MB);
  const size = statSync(path).size;
  gc();
  await settle();
  const before = memNow();
  let peakRss = before.rss;
  let peakOverhead = 0;
  const r = (await readTrace(chunks(path), {
    totalBytes: size,
    onProgress: (_bytes, _total, events) => {
      const rss = memNow().rss;
      peakRss = Math.max(peakRss, rss);
      peakOverhead = Math.max(peakOverhead, rss - before.rss - events * BYTES_PER_EVENT);
    },
  })) as TraceReadResult;
  const streamingPeak = peakRss;
  peakRss = Math.max(peakRss, memNow().rss);
  rmSync(path);
  const n = r.table.length;
  const tableBytes = n * BYTES_PER_EVENT;
  gc();
  await settle();
  const after = memNow();
  const retained = after.heap + after.buffers - (before.heap + before.buffers);
  const mbs = (b: number): string => `${(b / MB).toFixed(0)} MB`;
  console.log(`memory reading a ${mbs(size)} trace (${lines} lines → ${n} events), fresh process:`);
  console.log(`  table columns              ${mbs(tableBytes)} = ${BYTES_PER_EVENT} bytes/event (goal ≤ 32)`);
  console.log(`  resident after a GC        ${mbs(after.rss - before.rss)} more than before = ${((after.rss - before.rss) / n).toFixed(1)} bytes/event`);
  console.log(`  array buffers reserved     ${mbs(retained)} (the flat columns' capacity from the file size; pages never written are not resident)`);
  console.log(`  RSS before                 ${mbs(before.rss)}`);
  console.log(`  peak RSS while streaming   ${mbs(streamingPeak)}; reader overhead beyond the events held: ≤ ${mbs(peakOverhead)}`);
  console.log(`  RSS when the table is back ${mbs(peakRss)} (after sorting in place: + the sort's scratch, garbage until a GC)`);
}

/** Array buffers are freed after a GC, concurrently: give that a moment. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 300));
}

async function main(): Promise<void> {
  const memoryRun = process.argv.indexOf('--memory');
  if (memoryRun >= 0) {
    await peakMemory(Number(process.argv[memoryRun + 1]));
    return;
  }
  await throughput('btrace');
  await throughput('ftrace');
  // memory in fresh processes, so the throughput runs leave nothing behind; two sizes show
  // that the reader's own overhead stays flat while the table grows with the events
  for (const mb of small ? [64, 256] : [256, 1024]) {
    spawnSync(process.execPath, [...process.execArgv, __filename, '--memory', String(mb)], { stdio: 'inherit' });
  }
}

void main();
