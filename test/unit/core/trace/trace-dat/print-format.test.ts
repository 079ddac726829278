/**
 * Rendering records by their stored `print fmt`: on the real recordings every event whose
 * format is plain conversions prints exactly what `trace-cmd report -t` printed; formats with
 * helpers fall back to name=value; hand-written formats for widths, flags and escapes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldRenderer, parsePrintFmt } from '../../../../../src/core/trace/trace-dat/print-format';
import { parseEventFormat } from '../../../../../src/core/trace/trace-dat/event-format';
import type { RecordRef } from '../../../../../src/core/trace/trace-dat/record-fields';
import { pairedRecords } from './dat-fixtures';

/** Counts of records per event whose rendering equals the report's payload, and of the others. */
async function agreement(dat: string, report: string): Promise<Map<string, [number, number]>> {
  const out = new Map<string, [number, number]>();
  for (const { ref, format, line } of await pairedRecords(dat, report)) {
    const c = out.get(format.name) ?? [0, 0];
    c[fieldRenderer(format)(ref) === line.payload ? 0 : 1]++;
    out.set(format.name, c);
  }
  return out;
}

test('storm: the print fmt events render as trace-cmd printed them, every record', async () => {
  const a = await agreement('linux-storm.v6.dat', 'linux-storm.report.txt');
  // counts from the fixture README (grep of the report)
  assert.deepEqual(a.get('sched_waking'), [162, 0]);
  assert.deepEqual(a.get('sched_process_fork'), [26, 0]);
  assert.deepEqual(a.get('sched_process_free'), [25, 0]);
  assert.deepEqual(a.get('sched_process_exec'), [3, 0], '__get_str(filename)');
  assert.deepEqual(a.get('sched_migrate_task'), [3, 0]);
  assert.deepEqual(a.get('sched_process_wait'), [11, 0]);
  // printed by trace-cmd's sched plugin, or through an expression: not the print fmt's text
  assert.deepEqual(a.get('sched_switch'), [0, 339]);
  assert.deepEqual(a.get('sched_wakeup'), [0, 162]);
  assert.deepEqual(a.get('sched_process_exit'), [0, 27]);
});

test('runtime: sched_stat_runtime with its (u64) cast argument, 477 records', async () => {
  const a = await agreement('linux-runtime.v7-zstd.dat', 'linux-runtime.report.txt');
  assert.deepEqual(a.get('sched_stat_runtime'), [477, 0]);
});

test('a print fmt with helpers (__print_flags, ?:) falls back to every field as name=value', async () => {
  const sw = (await pairedRecords('linux-storm.v6.dat', 'linux-storm.report.txt')).find((p) => p.format.name === 'sched_switch')!;
  assert.equal(parsePrintFmt(sw.format), null);
  // the report's first CPU 0 switch is `trace-cmd:22918 [120] R ==> rcu_preempt:15 [120]`, a preempted task: prev_state 0x100 = 256
  assert.equal(sw.line.payload, 'trace-cmd:22918 [120] R ==> rcu_preempt:15 [120]');
  assert.equal(fieldRenderer(sw.format)(sw.ref), 'prev_comm=trace-cmd prev_pid=22918 prev_prio=120 prev_state=256 next_comm=rcu_preempt next_pid=15 next_prio=120');
});

/** A format file with an int a at 8, unsigned short b at 12, char c at 14, a __data_loc string s at 16. */
function made(printFmt: string) {
  const text = [
    'name: made', 'ID: 9', 'format:',
    '\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;',
    '\tfield:int a;\toffset:8;\tsize:4;\tsigned:1;',
    '\tfield:unsigned short b;\toffset:12;\tsize:2;\tsigned:0;',
    '\tfield:char c;\toffset:14;\tsize:1;\tsigned:1;',
    '\tfield:__data_loc char[] s;\toffset:16;\tsize:4;\tsigned:0;',
    '', `print fmt: ${printFmt}`,
  ].join('\n');
  const format = parseEventFormat(text, 'test');
  assert.ok(format);
  const bytes = new Uint8Array(32);
  const view = new DataView(bytes.buffer);
  view.setInt32(8, -42, true);
  view.setUint16(12, 0xbeef, true);
  bytes[14] = 0x41; // 'A'
  view.setUint32(16, (3 << 16) | 24, true);
  bytes.set([0x78, 0x79, 0], 24); // "xy"
  const ref: RecordRef = { bytes, view, at: 0, length: 32, littleEndian: true };
  return { format, render: () => fieldRenderer(format)(ref) };
}

test('conversions, widths and flags on a hand-written format', () => {
  assert.equal(made('"a=%d b=%u b=%x c=%c s=%s", REC->a, REC->b, REC->b, REC->c, __get_str(s)').render(), 'a=-42 b=48879 b=beef c=A s=xy');
  // width 6: "   -42"; zero-padded: "-00042"; left: "-42   "; %u of -42 in 32 bits: 2^32 - 42 = 4294967254
  assert.equal(made('"[%6d][%06d][%-6d][%u][%i]", REC->a, REC->a, REC->a, REC->a, REC->a').render(), '[   -42][-00042][-42   ][4294967254][-42]');
  assert.equal(made('"%08x %5s|%-4s|", REC->b, __get_str(s), __get_str(s)').render(), '0000beef    xy|xy  |');
  assert.equal(made('"100%% a=%ld\\tb=%hu\\n", (long)REC->a, (unsigned short)REC->b').render(), '100% a=-42\tb=48879\n');
});

test('what is not understood: null parts, name=value rendering', () => {
  for (const fmt of [
    '"a=%d", REC->a + 1', // an expression
    '"a=%d b=%d", REC->a', // fewer arguments than conversions
    '"a=%d", REC->nope', // no such field
    '"a=%p", REC->a', // a conversion not handled
    '"a=%d", f(REC->a', // brackets that do not close
    'a=%d, REC->a', // not a quoted string
  ]) {
    const m = made(fmt);
    assert.equal(parsePrintFmt(m.format), null, fmt);
    assert.equal(m.render(), 'a=-42 b=48879 c=65 s=xy', fmt);
  }
  assert.deepEqual(parsePrintFmt(made('"no fields"').format), [{ text: 'no fields' }]);
});
