/**
 * Event format files as the kernel writes them (/sys/kernel/tracing/events/SYSTEM/EVENT/format),
 * taken from the real storm recording (version 6 stores them as plain text), and hand-written
 * ones for __rel_loc, arrays and what is not a format.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldsByName, parseEventFormat } from '../../../../../src/core/trace/trace-dat/event-format';
import { datBytes } from './dat-fixtures';

/** The stored format text of one event: from its `name:` line to the end of its `print fmt:` line. */
function storedFormat(event: string): string {
  const text = Buffer.from(datBytes('linux-storm.v6.dat')).toString('latin1');
  const start = text.indexOf(`name: ${event}\n`);
  assert.ok(start >= 0, event);
  const fmt = text.indexOf('print fmt: ', start);
  return text.slice(start, text.indexOf('\n', fmt) + 1);
}

test('sched_waking as stored: id, the four fields after the common ones, the print fmt', () => {
  const f = parseEventFormat(storedFormat('sched_waking'), 'sched');
  assert.deepEqual(f, {
    id: 375,
    name: 'sched_waking',
    system: 'sched',
    fields: [
      { name: 'comm', offset: 8, size: 16, signed: false, isString: true, location: 'inline' },
      { name: 'pid', offset: 24, size: 4, signed: true, isString: false, location: 'inline' },
      { name: 'prio', offset: 28, size: 4, signed: true, isString: false, location: 'inline' },
      { name: 'target_cpu', offset: 32, size: 4, signed: true, isString: false, location: 'inline' },
    ],
    printFmt: '"comm=%s pid=%d prio=%d target_cpu=%03d", REC->comm, REC->pid, REC->prio, REC->target_cpu',
  });
});

test('sched_process_exec as stored: the __data_loc filename string', () => {
  const f = parseEventFormat(storedFormat('sched_process_exec'), 'sched');
  assert.equal(f?.id, 365);
  assert.deepEqual(f?.fields.map((x) => [x.name, x.offset, x.size, x.isString, x.location]), [
    ['filename', 8, 4, true, 'data_loc'], ['pid', 12, 4, false, 'inline'], ['old_pid', 16, 4, false, 'inline'],
  ]);
  assert.deepEqual([...fieldsByName(f!).keys()], ['filename', 'pid', 'old_pid']);
  assert.equal(fieldsByName(f!).get('old_pid')?.offset, 16);
});

test('hand-written: __rel_loc, non-char arrays, no signed column, unparsable field lines', () => {
  const f = parseEventFormat([
    'name: made', 'ID: 7', 'format:',
    '\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;',
    '\tfield:__rel_loc char[] msg;\toffset:8;\tsize:4;\tsigned:0;',
    '\tfield:unsigned long caller[4];\toffset:12;\tsize:32;\tsigned:0;',
    '\tfield:u64 old;\toffset:44;\tsize:8;',
    '\tfield:;\toffset:52;\tsize:4;\tsigned:0;',
    'print fmt: "x"',
  ].join('\n'), 'test');
  assert.deepEqual(f?.fields, [
    { name: 'msg', offset: 8, size: 4, signed: false, isString: true, location: 'rel_loc' },
    { name: 'caller', offset: 12, size: 32, signed: false, isString: false, location: 'inline' },
    { name: 'old', offset: 44, size: 8, signed: false, isString: false, location: 'inline' },
  ]);
});

test('no name or no ID: not a format; no print fmt: empty', () => {
  const body = storedFormat('sched_waking');
  assert.equal(parseEventFormat(body.replace('name: sched_waking\n', ''), 'sched'), null);
  assert.equal(parseEventFormat(body.replace('ID: 375\n', ''), 'sched'), null);
  assert.equal(parseEventFormat(body.replace('ID: 375', 'ID: -1'), 'sched'), null);
  assert.equal(parseEventFormat(body.replace(/print fmt: .*\n/, ''), 'sched')?.printFmt, '');
  assert.equal(parseEventFormat('', 'sched'), null);
});
