/**
 * trace.dat metadata (trace-cmd.dat.v6(5), trace-cmd.dat.v7(5)) read from the real recordings:
 * the same storm recorded as version 6 and converted to version 7, plain and zstd.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTraceDat, readTraceDatLayout, TRACE_DAT_MAGIC } from '../../../../../src/core/trace/trace-dat/trace-dat-layout';
import { memoryByteSource } from '../../../../../src/core/trace/trace-dat/byte-source';
import { datBytes, layoutOf, reportLine, reportLines, STORM_DATS } from './dat-fixtures';
import { fixture } from '../trace-test-helpers';

const readLayout = (bytes: Uint8Array) => readTraceDatLayout(memoryByteSource(bytes));

test('isTraceDat: the ten magic bytes, nothing shorter, not text', () => {
  for (const name of STORM_DATS) assert.equal(isTraceDat(datBytes(name)), true, name);
  assert.equal(isTraceDat(Uint8Array.from(TRACE_DAT_MAGIC)), true);
  assert.equal(isTraceDat(Uint8Array.from(TRACE_DAT_MAGIC).subarray(0, 9)), false);
  assert.equal(isTraceDat(new TextEncoder().encode(fixture('linux-storm.report.txt'))), false);
  const changed = Uint8Array.from(TRACE_DAT_MAGIC);
  changed[9] = 0x47; // "tracinG"
  assert.equal(isTraceDat(changed), false);
});

test('header: version, byte order, page size and compression as stored after the magic', async () => {
  const expected = { 'linux-storm.v6.dat': [6, 'none', false], 'linux-storm.v7.dat': [7, 'none', false], 'linux-storm.v7-zstd.dat': [7, 'zstd', true] } as const;
  for (const name of STORM_DATS) {
    const bytes = datBytes(name);
    const l = await layoutOf(name);
    // magic (10 bytes), the version as text and a NUL (2), endianness (1), long size (1), then the u32 page size
    const pageSize = new DataView(bytes.buffer, bytes.byteOffset).getUint32(14, true);
    assert.equal(pageSize, 4096, 'x86-64 pages');
    assert.deepEqual([l.version, l.compression, l.compressedData], expected[name], name);
    assert.equal(l.littleEndian, true, 'recorded on x86-64');
    assert.equal(l.pageSize, pageSize);
    // the kernel's buffer_data_page: u64 time stamp at 0, local_t commit (8 bytes on 64-bit) at 8, data at 16
    assert.deepEqual(l.page, { timestampOffset: 0, commitOffset: 8, commitSize: 8, dataOffset: 16 });
    assert.equal(l.clock, 'local', 'trace-cmd records with the local clock unless told');
    assert.equal(l.offsetNs, 0n);
    assert.deepEqual(l.notes, []);
  }
});

test('version 6: the flyrecord table read as (offset, size) per CPU, page aligned', async () => {
  const bytes = datBytes('linux-storm.v6.dat');
  const l = await layoutOf(bytes);
  const at = Buffer.from(bytes).indexOf('flyrecord\0') + 10;
  const v = new DataView(bytes.buffer, bytes.byteOffset);
  const table = [0, 1].map((cpu) => ({ cpu, offset: Number(v.getBigUint64(at + cpu * 16, true)), size: Number(v.getBigUint64(at + cpu * 16 + 8, true)) }));
  assert.deepEqual(l.cpus, table);
  assert.ok(l.cpus.every((c) => c.offset % 4096 === 0 && c.size % 4096 === 0 && c.size > 0));
  assert.ok(l.cpus[1]!.offset >= l.cpus[0]!.offset + l.cpus[0]!.size, "CPU 1's data after CPU 0's");
  assert.ok(l.cpus[1]!.offset + l.cpus[1]!.size <= bytes.length);
});

test('the three encodings hold the same formats and command lines; the zstd one compressed data', async () => {
  const [v6, v7, zstd] = await Promise.all(STORM_DATS.map((n) => layoutOf(n)));
  assert.deepEqual(v7!.formats, v6!.formats);
  assert.deepEqual(zstd!.formats, v6!.formats);
  assert.deepEqual(v7!.cmdlines, v6!.cmdlines);
  assert.deepEqual(zstd!.cmdlines, v6!.cmdlines);
  assert.equal(v7!.cpus.length, 2);
  assert.equal(zstd!.cpus.length, 2);
  // compressed data is smaller than the 6 + 5 pages of 4096 bytes stored plain
  assert.ok(zstd!.cpus.every((c, i) => c.size < v6!.cpus[i]!.size));
});

test('sched_switch format: the kernel fields after the 8 bytes of common_* fields', async () => {
  const l = await layoutOf('linux-storm.v6.dat');
  const formats = [...l.formats.values()];
  // the ten sched events the README lists, and a format per id
  for (const name of ['sched_switch', 'sched_waking', 'sched_wakeup', 'sched_wakeup_new', 'sched_process_fork', 'sched_process_exit', 'sched_process_free', 'sched_process_exec', 'sched_migrate_task', 'sched_process_wait']) {
    assert.equal(formats.filter((f) => f.name === name && f.system === 'sched').length, 1, name);
  }
  assert.ok([...l.formats].every(([id, f]) => id === f.id));
  const sw = formats.find((f) => f.name === 'sched_switch')!;
  // char prev_comm[16] at 8, pid_t prev_pid 4, int prev_prio 4, long prev_state 8, char next_comm[16], pid, prio
  assert.deepEqual(sw.fields.map((f) => [f.name, f.offset, f.size, f.isString]), [
    ['prev_comm', 8, 16, true], ['prev_pid', 24, 4, false], ['prev_prio', 28, 4, false], ['prev_state', 32, 8, false],
    ['next_comm', 40, 16, true], ['next_pid', 56, 4, false], ['next_prio', 60, 4, false],
  ]);
});

test('saved command lines: the names trace-cmd report printed for each pid', async () => {
  const l = await layoutOf('linux-storm.v6.dat');
  let checked = 0;
  for (const line of reportLines('linux-storm.report.txt')) {
    const r = reportLine(line);
    if (r.pid === 0 || !l.cmdlines.has(r.pid)) continue;
    assert.equal(l.cmdlines.get(r.pid), r.comm, line);
    checked++;
  }
  assert.ok(checked > 700, `${checked} of the 784 lines name a saved pid`);
});

test('not read: other files, other versions, cut files, zlib, odd page sizes', async () => {
  const v6 = datBytes('linux-storm.v6.dat');
  assert.match(String(await readLayout(new TextEncoder().encode(fixture('linux-storm.report.txt')))), /not a trace\.dat file/);
  const v5 = v6.slice();
  v5[10] = 0x35; // version "5"
  assert.equal(await readLayout(v5), 'trace.dat version 5 is not supported (versions 6 and 7 are)');
  assert.match(String(await readLayout(v6.subarray(0, 2000))), /^trace\.dat is cut short: the file ends at byte 2000/);
  const zlib = datBytes('linux-storm.v7-zstd.dat');
  // version 7: the compression name follows the page size at 18
  assert.equal(new TextDecoder().decode(zlib.subarray(18, 23)), 'zstd\0');
  zlib.set(new TextEncoder().encode('zlib'), 18);
  assert.match(String(await readLayout(zlib)), /compressed with zlib, which Reaperscope cannot read/);
  const tiny = v6.slice();
  new DataView(tiny.buffer).setUint32(14, 32, true);
  assert.equal(await readLayout(tiny), 'trace.dat: a page size of 32 bytes is not a ring buffer\'s');
});
