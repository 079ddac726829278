import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type CliIo } from '../../../src/cli/command';
import { readTraceFile } from '../../../src/cli/trace-file-reader';
import { btraceChunks } from '../../../src/core/trace/btrace-writer';
import { simulate } from '../../../src/core/sim/simulate';
import { TRACES } from '../core/trace/trace-test-helpers';
import { withTempDir } from './temp-tree';

const io = (stdin: Uint8Array = new Uint8Array()): CliIo => ({ out: () => {}, err: () => {}, readStdin: async () => stdin });

test('a btrace file and the same bytes on standard input read the same', async () => {
  const file = join(TRACES, 'btrace-baseline.txt');
  const r = await readTraceFile(file, io());
  // btrace-baseline.txt: 15 events on 2 CPUs, 1 unknown probe line, 1 unreadable line (trace.test.ts's facts).
  assert.deepEqual([r.format, r.table.length, r.table.cpuCount, r.unknownLines, r.junkLines], ['btrace', 15, 2, 1, 1]);
  const piped = await readTraceFile('-', io(new Uint8Array(readFileSync(file))));
  assert.deepEqual([piped.format, piped.table.length, [...piped.table.ts]], [r.format, r.table.length, [...r.table.ts]]);
});

test('a file of several 1 MiB chunks reads as it does in one piece', async () => {
  // A simulated run written as btrace text: 4 CPUs of fork-storm for 150 ms is over 2 MiB (about 2.4).
  const { table } = simulate({ variant: 'patched', cpus: 4, workload: 'fork-storm', seed: 5, durationNs: 150e6 });
  const text = [...btraceChunks(table)].join('');
  await withTempDir(async (dir) => {
    const file = join(dir, 'run.bt');
    writeFileSync(file, text);
    assert.ok(statSync(file).size > 2 * (1 << 20), String(statSync(file).size));
    const chunked = await readTraceFile(file, io());
    const whole = await readTraceFile('-', io(new TextEncoder().encode(text)));
    assert.deepEqual(chunked.diagnostics, []);
    assert.equal(chunked.table.length, whole.table.length);
    assert.deepEqual([...chunked.table.ts], [...whole.table.ts]);
    assert.deepEqual([...chunked.table.tid], [...whole.table.tid]);
    assert.deepEqual([...chunked.table.kind], [...whole.table.kind]);
  });
});

test('a trace-cmd trace.dat is found by its first bytes, whatever its name', async () => {
  await withTempDir(async (dir) => {
    const renamed = join(dir, 'recording.txt');
    writeFileSync(renamed, readFileSync(join(TRACES, 'linux-storm.v7.dat')));
    const r = await readTraceFile(renamed, io());
    // linux-storm: 1150 events (trace.test.ts, from the trace.dat reader's test).
    assert.deepEqual([r.format, r.table.length], ['trace-dat', 1150]);
  });
});

test('a missing file, a folder, or a file that is no trace is bad input naming the file (and line)', async () => {
  await assert.rejects(readTraceFile('/nonexistent/t.txt', io()), (e: unknown) => e instanceof InputError && e.message === '/nonexistent/t.txt: cannot read (ENOENT)');
  await withTempDir(async (dir) => {
    await assert.rejects(readTraceFile(dir, io()), (e: unknown) => e instanceof InputError && e.message === `${dir}: is a directory, not a trace file`);
    const mail = join(dir, 'mail.txt');
    writeFileSync(mail, '\nFrom: someone\nSubject: hello\n');
    await assert.rejects(readTraceFile(mail, io()), (e: unknown) => e instanceof InputError && e.message.startsWith(`${mail}:2: `));
  });
});
