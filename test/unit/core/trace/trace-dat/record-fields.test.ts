/**
 * Field reads from the records of the real storm recording, checked against what
 * `trace-cmd report -t` printed for the same record: char arrays, 4-byte pids, the 8-byte
 * prev_state, a 1-byte bool and a __data_loc string.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fieldBigInt, fieldNumber, fieldString } from '../../../../../src/core/trace/trace-dat/record-fields';
import { fieldsByName } from '../../../../../src/core/trace/trace-dat/event-format';
import { pairedRecords, type PairedRecord } from './dat-fixtures';

const storm = (): Promise<PairedRecord[]> => pairedRecords('linux-storm.v6.dat', 'linux-storm.report.txt');

test('sched_switch: comms, pids, prios and prev_state as the sched plugin printed them', async () => {
  const switches = (await storm()).filter((p) => p.format.name === 'sched_switch');
  assert.equal(switches.length, 339);
  // prev_state bits (the kernel's TASK_REPORT): R 0, S 1, D 2, under the mask the stored print fmt
  // applies: ((0x7f + 1) << 1) - 1 = 0xff (a preempted task has 0x100 set, printed R)
  const stateBits: Record<string, bigint> = { R: 0n, S: 1n, D: 2n };
  let states = 0;
  for (const { ref, format, line } of switches) {
    const f = fieldsByName(format);
    const m = /^(.*):(\d+) \[(\d+)\] (\S+) ==> (.*):(\d+) \[(\d+)\]$/.exec(line.payload);
    assert.ok(m, line.payload);
    assert.equal(fieldString(ref, f.get('prev_comm')!), m[1]);
    assert.equal(fieldNumber(ref, f.get('prev_pid')!), Number(m[2]));
    assert.equal(fieldNumber(ref, f.get('prev_prio')!), Number(m[3]));
    assert.equal(fieldString(ref, f.get('next_comm')!), m[5]);
    assert.equal(fieldNumber(ref, f.get('next_pid')!), Number(m[6]));
    assert.equal(fieldNumber(ref, f.get('next_prio')!), Number(m[7]));
    assert.equal(fieldNumber(ref, f.get('prev_pid')!), line.pid, 'the task switched out is the one the line is about');
    const bits = stateBits[m[4]!];
    if (bits !== undefined) {
      assert.equal(fieldBigInt(ref, f.get('prev_state')!) & 0xffn, bits, line.payload);
      states++;
    }
  }
  // grep of the report: 154 ' R ==>', 135 ' S ==>', 2 ' D ==>' (the rest W, X, Z)
  assert.equal(states, 154 + 135 + 2);
});

test('sched_process_exit: the 1-byte group_dead printed as false/true; exec: the __data_loc filename', async () => {
  const records = await storm();
  const exits = records.filter((p) => p.format.name === 'sched_process_exit');
  assert.equal(exits.length, 27);
  for (const { ref, format, line } of exits) {
    const f = fieldsByName(format);
    assert.equal(f.get('group_dead')!.size, 1);
    assert.equal(line.payload, `comm=${fieldString(ref, f.get('comm')!)} pid=${fieldNumber(ref, f.get('pid')!)} prio=${fieldNumber(ref, f.get('prio')!)} group_dead=${fieldNumber(ref, f.get('group_dead')!) ? 'true' : 'false'}`);
  }
  const execs = records.filter((p) => p.format.name === 'sched_process_exec');
  assert.equal(execs.length, 3);
  for (const { ref, format, line } of execs) {
    const filename = fieldsByName(format).get('filename')!;
    assert.equal(filename.location, 'data_loc');
    assert.equal(`filename=${fieldString(ref, filename)}`, line.payload.split(' ')[0]);
  }
  assert.equal(fieldString(execs[0]!.ref, fieldsByName(execs[0]!.format).get('filename')!), '/usr/bin/sh', 'the first exec line of the report');
});

test('fields past the record length read as 0 and empty, never from the next record', async () => {
  const { ref, format } = (await storm()).find((p) => p.format.name === 'sched_switch')!;
  const f = fieldsByName(format);
  // next_prio is the last field: 4 bytes at 60
  const cut = { ...ref, length: 60 };
  assert.equal(fieldNumber(cut, f.get('next_prio')!), 0);
  assert.equal(fieldBigInt(cut, f.get('next_prio')!), 0n);
  assert.equal(fieldBigInt({ ...ref, length: 32 }, f.get('prev_state')!), 0n);
  assert.equal(fieldString({ ...ref, length: 8 }, f.get('prev_comm')!), '');
  assert.equal(fieldString({ ...ref, length: 10 }, f.get('prev_comm')!), fieldString(ref, f.get('prev_comm')!).slice(0, 2));
});

test('rel_loc strings count their offset from the end of the field', () => {
  const bytes = new Uint8Array(32);
  const view = new DataView(bytes.buffer);
  // field at 8, 4 bytes: length 3 << 16 | offset 4 → the string at 8 + 4 + 4 = 16
  view.setUint32(8, (3 << 16) | 4, true);
  bytes.set([0x61, 0x62, 0x63], 16);
  const field = { name: 'name', offset: 8, size: 4, signed: false, isString: true, location: 'rel_loc' as const };
  assert.equal(fieldString({ bytes, view, at: 0, length: 32, littleEndian: true }, field), 'abc');
  assert.equal(fieldString({ bytes, view, at: 0, length: 32, littleEndian: true }, { ...field, location: 'data_loc' }), '', 'offset 4 holds zero bytes');
});

test('8-byte fields as numbers: the nearest double to the exact value, in either byte order, signed or not (seeded)', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.boolean(), fc.boolean(), (raw, littleEndian, signed) => {
      const bytes = new Uint8Array(16);
      const view = new DataView(bytes.buffer);
      view.setBigUint64(4, raw, littleEndian);
      const field = { name: 'v', offset: 4, size: 8, signed, isString: false, location: 'inline' as const };
      const r = { bytes, view, at: 0, length: 16, littleEndian };
      const exact = signed ? BigInt.asIntN(64, raw) : raw;
      assert.equal(fieldBigInt(r, field), exact);
      assert.equal(fieldNumber(r, field), Number(exact));
    }),
    { seed: 8, numRuns: 2000 },
  );
});
