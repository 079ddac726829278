/**
 * Linux traces, whole processes (what a user waits for), all numbers measured in this one run:
 * 1. tracefs text: a ~188 MB capture (1.3 M events, 2 CPUs) made from the real capture
 *    test/fixtures/traces/linux-tracefs-storm.txt, its lines repeated with times shifted past
 *    the previous copy; `node dist/cli.js trace FILE --json` against a bare chunked line split
 *    of the same file in its own process (1 MiB chunks, every line end found). Goal ≥ 0.5.
 * 2. trace.dat: the real recording test/fixtures/traces/linux-storm.v6.dat with its per-CPU
 *    ring-buffer pages repeated (page timestamps shifted) to about as many events, read by
 *    `trace FILE --json`, against a bare chunked read of the same file, and against the bare
 *    line split of the text of the same number of events.
 * Each command runs 3 times; the best CPU time (user + system of the process, which the
 * machine's load does not change) and the best wall time count. Files go to the OS temp folder and are
 * deleted at the end. Needs `npm run build` first (npm run bench does it).
 *
 * Run: node --import tsx test/bench/linux-trace.bench.ts [--small]   (--small: a tenth of the size)
 */
import { closeSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const small = process.argv.includes('--small');
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

/**
 * A version 6 trace.dat with the fixture's CPU data repeated `copies` times: the metadata up to
 * the flyrecord table as recorded, the table rewritten, each copy's page timestamps moved 1 s on.
 */
function generateDat(path: string, copies: number): void {
  const src = readFileSync(join(TRACES, 'linux-storm.v6.dat'));
  const view = new DataView(src.buffer, src.byteOffset, src.length);
  const at = src.indexOf('flyrecord\0') + 10;
  // magic (10 bytes), "6\0", endianness and long size bytes, then the page size
  const pageSize = view.getUint32(14, true);
  const cpus: { offset: number; size: number }[] = [];
  for (let c = 0; at + c * 16 + 16 <= src.length && c < 2; c++) {
    cpus.push({ offset: Number(view.getBigUint64(at + c * 16, true)), size: Number(view.getBigUint64(at + c * 16 + 8, true)) });
  }
  const tableEnd = at + cpus.length * 16;
  let next = Math.ceil(tableEnd / pageSize) * pageSize;
  const table = Buffer.alloc(cpus.length * 16);
  cpus.forEach((c, i) => {
    table.writeBigUInt64LE(BigInt(next), i * 16);
    table.writeBigUInt64LE(BigInt(c.size * copies), i * 16 + 8);
    next += c.size * copies;
  });
  const fd = openSync(path, 'w');
  writeSync(fd, src.subarray(0, at));
  writeSync(fd, table);
  writeSync(fd, Buffer.alloc(Math.ceil(tableEnd / pageSize) * pageSize - tableEnd));
  for (const c of cpus) {
    const data = Buffer.from(src.subarray(c.offset, c.offset + c.size));
    const stamps = [];
    for (let p = 0; p < data.length; p += pageSize) stamps.push(data.readBigUInt64LE(p));
    for (let k = 0; k < copies; k++) {
      for (let p = 0, i = 0; p < data.length; p += pageSize, i++) data.writeBigUInt64LE(stamps[i]! + BigInt(k) * 1_000_000_000n, p);
      writeSync(fd, data);
    }
  }
  closeSync(fd);
}

const SPLIT = `
const { createReadStream } = require('node:fs');
(async () => {
  let lines = 0;
  for await (const chunk of createReadStream(process.argv[1], { highWaterMark: 1 << 20 })) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
  }
  console.log(lines);
})();`;

const READ = `
const { createReadStream } = require('node:fs');
(async () => {
  let sum = 0;
  for await (const chunk of createReadStream(process.argv[1], { highWaterMark: 1 << 20 })) sum += chunk[chunk.length - 1];
  console.log(sum);
})();`;

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
  const events = generateText(text, TEXT_BYTES);
  const mb = (f: string): string => (statSync(f).size / (1 << 20)).toFixed(0);
  const whole = best([cli, 'trace', text, '--json'], probe);
  const split = best(['-e', SPLIT, text], probe);
  console.log(`tracefs text ${mb(text)} MB, ${events} event lines, 2 CPUs: trace --json ${show(whole)}, bare line split ${show(split)}: ${ratio(split, whole)} (goal ≥ 0.5)`);
  // the fixture holds 1150 events a copy (the trace.dat reader's test counts them)
  const copies = Math.ceil(events / 1150);
  generateDat(dat, copies);
  const datWhole = best([cli, 'trace', dat, '--json'], probe);
  const datRead = best(['-e', READ, dat], probe);
  console.log(`trace.dat ${mb(dat)} MB, ${copies * 1150} events: trace --json ${show(datWhole)}, bare chunked read ${show(datRead)}: ${ratio(datRead, datWhole)}; ` +
    `against the text's bare line split (same events): ${ratio(split, datWhole)}`);
} finally {
  rmSync(text, { force: true });
  rmSync(dat, { force: true });
  rmSync(probe, { force: true });
}
