/**
 * Trace reading, as the user waits for it: whole processes, all numbers measured in this run.
 *
 * For each trace shape, `node dist/cli.js trace FILE --json > /dev/null` against a bare chunked
 * line split of the same file in its own process (1 MB chunks, every line end found, nothing
 * else). Printed: the best of ROUNDS CPU times (user + system, reported by each process at its
 * exit: steadier than wall time on a shared machine) and wall times of each, their ratios
 * (split / trace, goal >= 0.5), and the trace process's peak RSS with the events it held (goal:
 * <= 32 bytes per event held plus a bounded reader; the table itself holds 31 bytes per event).
 * Memory is measured at two sizes, the file's first third of lines and the whole file: the
 * difference of peak RSS over the difference of events is what each event held costs, the rest
 * (peak RSS at the first third, less that) what the process holds whatever the size.
 *
 * Shapes:
 * 1. the bundled script's format: `simulate --trace-out`, 16 CPUs, 3 s fork-storm;
 * 2. btrace printf output in another column order (`nsecs cpu tid pid comm probe arg0 arg1`),
 *    400k exits on 16 CPUs, per-CPU blocks out of order as btrace prints them (generated here);
 * 3. Linux ftrace text: a capture given with `--ftrace FILE` (record one, README "Recording a
 *    trace"), else generated sched_switch/sched_wakeup text, labelled as such (linux-trace.bench.ts
 *    measures the real capture and trace.dat).
 * Files go to the OS temp folder and are deleted at the end. Needs `npm run build` first
 * (`npm run bench` does it).
 *
 * Run: node --import tsx test/bench/trace-read.bench.ts [--small] [--ftrace FILE]
 *      (--small: 1 s of simulation, 100k exits, 2 rounds)
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BYTES_PER_EVENT } from '../../src/core/events/event-table';
import { BARE_LINE_SPLIT } from './bare-programs';

const small = process.argv.includes('--small');
const ftraceArg = process.argv.indexOf('--ftrace');
const ftraceFile = ftraceArg > 0 ? process.argv[ftraceArg + 1] : undefined;
const ROUNDS = small ? 2 : 3;
const CLI = join(__dirname, '../../dist/cli.js');
const dir = join(tmpdir(), `reaperscope-bench-${process.pid}`);
const MB = 1 << 20;


/**
 * The floor under a btrace reader written in JavaScript, as its own process: the split above
 * plus one pass over every byte of every line that finds each space-separated field and folds
 * its bytes into a number (a number's digits into its value, any other field into garbage),
 * keeping nothing: less than a btrace reader must do, since every byte of a btrace line is part
 * of a number or a name it must check (it checks nothing, tells no field from another). Not a
 * floor for ftrace text, whose padding and labels a reader can skip.
 */
const FIELD_SCAN = `
const { openSync, readSync } = require('node:fs');
const fd = openSync(process.argv[1], 'r');
const buf = Buffer.allocUnsafe(1 << 20);
let carry = 0, n, sum = 0;
function line(b, i, end) {
  while (i < end) {
    let v = 0;
    for (let c; i < end && (c = b[i]) !== 32; i++) v = (v * 10 + c - 48) | 0;
    sum += v;
    i++;
  }
}
while ((n = readSync(fd, buf, carry, buf.length - carry, null)) > 0) {
  const end = carry + n;
  let s = 0;
  for (let nl = buf.indexOf(10, s); nl >= 0 && nl < end; nl = buf.indexOf(10, s)) { line(buf, s, nl); s = nl + 1; }
  buf.copyWithin(0, s, end);
  carry = end - s;
}
process.stdout.write(String(sum));
`;

/** Loaded before each measured program: prints its CPU time (µs) and peak RSS (bytes) to stderr at exit. */
const REPORT = `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\nreport ' + (u.userCPUTime + u.systemCPUTime) + ' ' + u.maxRSS * 1024 + '\\n'); });\n`;
const reportFile = join(dir, 'report.cjs');

interface Run {
  wallMs: number;
  cpuMs: number;
  maxRss: number;
  stdout: string;
}

/** Runs node with `args` (after the report preload), stdout piped or dropped. */
function run(args: string[], stdout: 'pipe' | 'ignore' = 'pipe'): Run {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', reportFile, ...args], { stdio: ['ignore', stdout, 'pipe'], maxBuffer: 256 * MB, encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const report = /report (\d+) (\d+)/.exec(r.stderr ?? '');
  if (!report) throw new Error(`no report from node ${args.join(' ')}: ${r.stderr}`);
  return { wallMs, cpuMs: Number(report[1]) / 1000, maxRss: Number(report[2]), stdout: r.stdout ?? '' };
}

/** Best CPU and best wall time of ROUNDS runs. */
function best(args: string[], stdout: 'pipe' | 'ignore'): { cpuMs: number; wallMs: number } {
  let cpuMs = Infinity;
  let wallMs = Infinity;
  for (let i = 0; i < ROUNDS; i++) {
    const r = run(args, stdout);
    cpuMs = Math.min(cpuMs, r.cpuMs);
    wallMs = Math.min(wallMs, r.wallMs);
  }
  return { cpuMs, wallMs };
}

/** Writes lines to `path` through a buffer, returns the number of lines. */
function writer(path: string): { line: (s: string) => void; close: () => number } {
  const fd = openSync(path, 'w');
  let parts: string[] = [];
  let lines = 0;
  const flush = (): void => {
    writeSync(fd, parts.join(''));
    parts = [];
  };
  return {
    line: (s) => {
      parts.push(s, '\n');
      if (++lines % 8192 === 0) flush();
    },
    close: () => {
      flush();
      closeSync(fd);
      return lines;
    },
  };
}

/**
 * btrace printf lines `nsecs cpu tid pid comm probe arg0 arg1`: per CPU a parent forks a child,
 * switches to it, the child exits and switches back (4 lines per exit), `exits` in all over 16
 * CPUs; each CPU's lines in blocks of 64, the CPUs' blocks interleaved (btrace reads per-CPU
 * buffers), so the file is out of time order.
 */
function generateGeneric(path: string, exits: number): number {
  const w = writer(path);
  const cpus = 16;
  const base = 1_720_624_895_000_000_000n;
  const perCpu = Math.ceil(exits / cpus);
  const comms = ['make', 'sh', 'cc', 'ld'];
  const BLOCK = 16; // exits per block: 64 lines
  for (let from = 0; from < perCpu; from += BLOCK) {
    for (let cpu = 0; cpu < cpus; cpu++) {
      for (let k = from; k < Math.min(perCpu, from + BLOCK); k++) {
        const t = base + BigInt(k * 20_000 + cpu * 7);
        const parent = 100_000 + cpu * 10;
        const ppid = 1000 + cpu;
        const child = 200_000 + (k * cpus + cpu) % 99_000;
        const cpid = 10_000 + (k * cpus + cpu) % 29_000;
        const comm = comms[cpu % comms.length]!;
        w.line(`${t} ${cpu} ${parent} ${ppid} ${comm} tracepoint:sched:fork ${child} ${cpid}`);
        w.line(`${t + 3000n} ${cpu} ${parent} ${ppid} ${comm} tracepoint:sched:off__cpu ${child} ${cpid}`);
        w.line(`${t + 9000n} ${cpu} ${child} ${cpid} true syscall:exit:entry 0 0`);
        w.line(`${t + 11_000n} ${cpu} ${child} ${cpid} true tracepoint:sched:off__cpu ${parent} ${ppid}`);
      }
    }
  }
  return w.close();
}

/** Linux ftrace text (tracefs, 5-character latency field): sched_switch and sched_wakeup on 2 CPUs, about `bytes` long. */
function generateFtrace(path: string, bytes: number): number {
  const w = writer(path);
  w.line('# tracer: nop');
  w.line('#');
  let t = 5_000_000_000;
  let written = 0;
  for (let k = 0; written < bytes; k++) {
    const cpu = k % 2;
    const pid = 1000 + ((k * 7) % 3000);
    t += 137;
    const ts = `${Math.floor(t / 1e6)}.${String(t % 1e6).padStart(6, '0')}`;
    const head = `${`bash-${pid}`.padStart(22)} [${String(cpu).padStart(3, '0')}] d..2. ${ts}: `;
    const line = k % 2
      ? `${head}sched_switch: prev_comm=bash prev_pid=${pid} prev_prio=120 prev_state=S ==> next_comm=bash next_pid=${pid + 1} next_prio=120`
      : `${head}sched_wakeup: comm=bash pid=${pid + 1} prio=120 target_cpu=00${(cpu + 1) % 2}`;
    w.line(line);
    written += line.length + 1;
  }
  return w.close();
}

/** Peak RSS (bytes, best of ROUNDS) of `trace PATH --json` and the events it read. */
function traceMemory(path: string): { maxRss: number; events: number } {
  let maxRss = Infinity;
  let events = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const r = run([CLI, 'trace', path, '--json']);
    maxRss = Math.min(maxRss, r.maxRss);
    events = (JSON.parse(r.stdout) as { events: number }).events;
  }
  return { maxRss, events };
}

/** Writes the first third of `path`'s lines to `to`. */
function firstThird(path: string, to: string): void {
  const bytes = readFileSync(path);
  const cut = bytes.indexOf(10, Math.floor(bytes.length / 3));
  writeFileSync(to, bytes.subarray(0, cut < 0 ? bytes.length : cut + 1));
}

/** @param floor whether to measure the fields-only scan too (btrace shapes) */
function measure(name: string, path: string, floor: boolean): void {
  const size = statSync(path).size;
  const lines = Number(run(['-e', BARE_LINE_SPLIT, path]).stdout);
  const split = best(['-e', BARE_LINE_SPLIT, path], 'ignore');
  const trace = best([CLI, 'trace', path, '--json'], 'ignore');
  const scan = floor ? best(['-e', FIELD_SCAN, path], 'ignore') : null;
  const mem = traceMemory(path);
  const third = join(dir, 'third.txt');
  firstThird(path, third);
  const memThird = traceMemory(third);
  rmSync(third);
  const events = mem.events;
  const perEvent = (mem.maxRss - memThird.maxRss) / (mem.events - memThird.events);
  const fixed = memThird.maxRss - perEvent * memThird.events;
  // the same command on an empty trace: what the process holds before any event
  const empty = join(dir, 'empty.txt');
  writeFileSync(empty, '');
  const baseRss = run([CLI, 'trace', empty, '--json']).maxRss;
  const rate = (ms: number): string => `${(size / MB / (ms / 1000)).toFixed(0)} MB/s`;
  console.log(`\n${name}: ${(size / MB).toFixed(1)} MB, ${lines.toLocaleString('en')} lines, ${events.toLocaleString('en')} events`);
  console.log(`  bare chunked line split   cpu ${split.cpuMs.toFixed(0).padStart(6)} ms (${rate(split.cpuMs)})  wall ${split.wallMs.toFixed(0).padStart(6)} ms`);
  if (scan) console.log(`  fields-only scan (floor)  cpu ${scan.cpuMs.toFixed(0).padStart(6)} ms (${rate(scan.cpuMs)})  wall ${scan.wallMs.toFixed(0).padStart(6)} ms   ratio split/scan cpu ${(split.cpuMs / scan.cpuMs).toFixed(3)}x`);
  console.log(`  trace FILE --json         cpu ${trace.cpuMs.toFixed(0).padStart(6)} ms (${rate(trace.cpuMs)})  wall ${trace.wallMs.toFixed(0).padStart(6)} ms`);
  console.log(`  ratio split/trace         cpu ${(split.cpuMs / trace.cpuMs).toFixed(3)}x  wall ${(split.wallMs / trace.wallMs).toFixed(3)}x   (goal >= 0.5)`);
  console.log(`  peak RSS ${(mem.maxRss / MB).toFixed(0)} MB, ${(baseRss / MB).toFixed(0)} MB on an empty trace: ${((mem.maxRss - baseRss) / events).toFixed(1)} bytes per event above that`);
  console.log(`  memory per event held     ${perEvent.toFixed(1)} bytes (peak RSS ${(memThird.maxRss / MB).toFixed(0)} MB at ${memThird.events.toLocaleString('en')} events, ${(mem.maxRss / MB).toFixed(0)} MB at ${events.toLocaleString('en')}; table: ${BYTES_PER_EVENT}; goal <= 32), fixed ${(fixed / MB).toFixed(0)} MB`);
}

function main(): void {
  statSync(CLI); // built?
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(reportFile, REPORT);
  try {
    console.log(`trace reading, whole processes, best of ${ROUNDS} runs each`);
    const bundled = join(dir, 'bundled.txt');
    run([CLI, 'simulate', '--cpus', '16', '--workload', 'fork-storm', '--duration-ms', small ? '1000' : '3000', '--trace-out', bundled], 'ignore');
    measure(`bundled script format (simulate --trace-out, 16 CPUs, ${small ? 1 : 3} s fork-storm)`, bundled, true);
    rmSync(bundled);

    const generic = join(dir, 'generic.txt');
    const exits = small ? 100_000 : 400_000;
    generateGeneric(generic, exits);
    measure(`btrace printf, generic layout (nsecs cpu tid pid comm probe arg0 arg1; ${exits / 1000}k exits, 16 CPUs)`, generic, true);
    rmSync(generic);

    if (ftraceFile) measure(`Linux ftrace capture ${ftraceFile}`, ftraceFile, false);
    else {
      const ftrace = join(dir, 'ftrace.txt');
      generateFtrace(ftrace, (small ? 32 : 128) * MB);
      measure('Linux ftrace text (generated; pass --ftrace FILE for a real capture)', ftrace, false);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
