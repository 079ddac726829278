/**
 * Linux traces, whole processes (what a user waits for), all numbers measured in this one run:
 * 1. tracefs text: a ~188 MB capture (1.3 M events, 2 CPUs) made from the real capture
 *    test/fixtures/traces/linux-tracefs-storm.txt, its lines repeated with times shifted past
 *    the previous copy; `node dist/cli.js trace FILE --json` against a bare chunked line split
 *    of the same file in its own process (1 MiB chunks read into one buffer, every line end
 *    found: bare-programs.ts, the same as trace-read.bench.ts). Goal ≥ 0.5.
 * 2. trace.dat: the real recording test/fixtures/traces/linux-storm.v6.dat with its per-CPU
 *    ring-buffer pages repeated (page timestamps shifted) to about as many events, read by
 *    `trace FILE --json`, against a bare chunked read of the same file, and against the bare
 *    line split of the text of the same number of events.
 * Each command runs 3 times; the best CPU time (user + system of the process, which the
 * machine's load does not change) and the best wall time count. Files go to the OS temp folder and are
 * deleted at the end. Needs `npm run build` first (npm run bench does it).
 *
 * Run: node --import tsx test/bench/linux-trace.bench.ts [--small] [--capture FILE]
 *   --small: a tenth of the size; --capture FILE: measure a recorded tracefs text instead of the
 *   generated one (record it as root: `mount -t tracefs nodev /sys/kernel/tracing`, make an
 *   instance with the sched events of test/fixtures/traces/README.md enabled and a 64 MiB
 *   buffer per CPU, run `recording/storm.c` in a loop, e.g. 40 × `./storm 200 3`, then copy
 *   the instance's `trace` file: about 150 MB, 1 M events on 2 CPUs).
 */
import { closeSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENTS_PER_COPY, repeatedTraceDat } from '../unit/core/trace/trace-dat/repeat-trace-dat';
import { BARE_LINE_SPLIT, BARE_READ } from './bare-programs';

const small = process.argv.includes('--small');
const captureAt = process.argv.indexOf('--capture');
const capture = captureAt > 0 ? process.argv[captureAt + 1] : undefined;
const TRACES = join(__dirname, '../fixtures/traces');
const TEXT_BYTES = (small ? 19 : 188) * (1 << 20);
const RUNS = 3;

/** Repeats the capture's event lines, shifted by its span each time, until `bytes` are written; returns the event lines. */
function generateText(path: string, bytes: number): number {
  const lines = readFileSync(join(TRACES, 'linux-tracefs-storm.txt'), 'utf8').split('\n');
  const header = lines.filter((l) => l.startsWith('#'));
  const events = lines.filter((l) => l !== '' && !l.startsWith('#'));
  const time = /(\s)(\d+)\.(\d{6}):/;
  const us = events.map((l) => {
    const m = time.exec(l)!;
    return Number(m[2]) * 1e6 + Number(m[3]);
  });
  const span = us[us.length - 1]! - us[0]! + 1;
  const fd = openSync(path, 'w');
  writeSync(fd, `${header.join('\n')}\n`);
  let written = 0;
  let count = 0;
  for (let copy = 0; written < bytes; copy++) {
    let block = '';
    for (let i = 0; i < events.length; i++) {
      const t = us[i]! + copy * span;
      block += events[i]!.replace(time, `$1${Math.floor(t / 1e6)}.${String(t % 1e6).padStart(6, '0')}:`) + '\n';
    }
    written += writeSync(fd, block);
    count += events.length;
  }
  closeSync(fd);
  return count;
}

/** Loaded into each measured process: prints its own CPU time (user + system, µs) on stderr at exit. */
const CPU_PROBE = `process.on('exit', () => { const u = process.cpuUsage(); require('node:fs').writeSync(2, '\\ncpu-us ' + (u.user + u.system) + '\\n'); });`;

interface Timing {
  /** Best wall time, ms. */
  wallMs: number;
  /** Best CPU time of the process (user + system), ms: what the machine's load does not change. */
  cpuMs: number;
}

/** Best of `RUNS` runs of a node process. */
function best(args: string[], probe: string): Timing {
  const t = { wallMs: Infinity, cpuMs: Infinity };
  for (let r = 0; r < RUNS; r++) {
    const start = process.hrtime.bigint();
    const p = spawnSync(process.execPath, ['--require', probe, ...args], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (p.status !== 0) throw new Error(`${args.join(' ')} exited ${p.status}: ${p.stderr.toString()}`);
    const cpu = /cpu-us (\d+)/.exec(p.stderr.toString());
    t.wallMs = Math.min(t.wallMs, ms);
    t.cpuMs = Math.min(t.cpuMs, cpu ? Number(cpu[1]) / 1000 : Infinity);
  }
  return t;
}

const ratio = (reference: Timing, measured: Timing): string =>
  `${(reference.cpuMs / measured.cpuMs).toFixed(3)}× CPU, ${(reference.wallMs / measured.wallMs).toFixed(3)}× wall`;
const show = (t: Timing): string => `${t.cpuMs.toFixed(0)} ms CPU (${t.wallMs.toFixed(0)} ms wall)`;

const cli = join(__dirname, '../../dist/cli.js');
const dir = tmpdir();
const text = join(dir, `reaperscope-linux-${process.pid}.txt`);
const dat = join(dir, `reaperscope-linux-${process.pid}.dat`);
const probe = join(dir, `reaperscope-linux-${process.pid}-cpu.js`);
try {
  writeFileSync(probe, CPU_PROBE);
  const events = capture ? readFileSync(capture, 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#')).length : generateText(text, TEXT_BYTES);
  const textFile = capture ?? text;
  const mb = (f: string): string => (statSync(f).size / (1 << 20)).toFixed(0);
  const whole = best([cli, 'trace', textFile, '--json'], probe);
  const split = best(['-e', BARE_LINE_SPLIT, textFile], probe);
  console.log(`tracefs text${capture ? ` (recorded: ${capture})` : ''} ${mb(textFile)} MB, ${events} event lines, 2 CPUs: trace --json ${show(whole)}, bare line split ${show(split)}: ${ratio(split, whole)} (goal ≥ 0.5)`);
  const copies = Math.ceil(events / EVENTS_PER_COPY);
  const fd = openSync(dat, 'w');
  for (const piece of repeatedTraceDat(copies)) writeSync(fd, piece);
  closeSync(fd);
  const datWhole = best([cli, 'trace', dat, '--json'], probe);
  const datRead = best(['-e', BARE_READ, dat], probe);
  console.log(`trace.dat ${mb(dat)} MB, ${copies * EVENTS_PER_COPY} events: trace --json ${show(datWhole)}, bare chunked read ${show(datRead)}: ${ratio(datRead, datWhole)}; ` +
    `against the text's bare line split (same events): ${ratio(split, datWhole)}`);
} finally {
  rmSync(text, { force: true });
  rmSync(dat, { force: true });
  rmSync(probe, { force: true });
}
