/**
 * What btrace(8) prints around the script's lines, and recordings from the scripts' variants:
 * how a recording stops (^C, SIGHUP), `btrace -v` statistics, kernels before OpenBSD 7.4
 * (wakeup without arguments, no fork/steal probes), the exit syscall probes and the DDBPROF
 * script's kprobes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { read, rows } from './trace-test-helpers';

const T0 = 1_720_624_895_000_000_000n;
/** A line of the scripts' format at T0 + `dt` ns. */
const at = (dt: number, rest: string): string => `${T0 + BigInt(dt)} ${rest}`;
/** The BEGIN line at T0: times in the table are then ns after T0. */
const BEGIN = at(0, '0 0 0 BEGIN 0 0 0 -');

test('^C: the empty line btrace prints, END, the maps and older btrace -v statistics on stdout; drops are reported with their number', () => {
  const text = [
    at(0, '0 0 0 BEGIN 0 0 0 -'),
    at(1000, '0 100200 5000 tracepoint:sched:on__cpu 0 0 0 sh'),
    '', // ^C while btrace waits in read(2)
    at(9000, '0 0 0 END 0 0 0 -'),
    '@calls[sh]: 3',
    '5 events read',
    '4 events dropped',
    '0 events filtered',
    '0 clock ticks skipped',
    '2 recursive events dropped',
  ].join('\n') + '\n';
  const r = read(text);
  assert.deepEqual(rows(r.table), ['1000 0 on-cpu 100200 sh -1 -1']);
  assert.equal(r.table.endTs, 9000);
  assert.equal(r.junkLines + r.unknownLines, 0);
  assert.deepEqual(r.diagnostics.map((d) => [d.line, d.severity, d.code]), [[10, 'warning', 'events-dropped']], 'at the last drop line, 10');
  // 4 events dropped + 2 recursive events dropped
  assert.match(r.diagnostics[0]!.message, /reports 6 event\(s\) dropped/);
});

test('a btrace -v report without drops says nothing', () => {
  const r = read(`${BEGIN}\n${at(1000, '0 100200 5000 tracepoint:sched:on__cpu 0 0 0 sh')}\n${at(2000, '0 0 0 END 0 0 0 -')}\n7 events read\n0 events dropped\n`);
  assert.deepEqual(r.diagnostics, []);
});

test('SIGHUP: no END line; the recording ends at its last event and the reader says why that can be', () => {
  const r = read(`${BEGIN}\n${at(1000, '0 100200 5000 tracepoint:sched:on__cpu 0 0 0 sh')}\n${at(3000, '0 100200 5000 tracepoint:sched:sleep 0 0 0 sh')}\n`);
  assert.equal(r.table.endTs, undefined);
  assert.deepEqual(rows(r.table), ['1000 0 on-cpu 100200 sh -1 -1', '3000 0 sleep 100200 sh -1 -1']);
  assert.deepEqual(r.diagnostics.map((d) => [d.line, d.severity, d.code]), [[3, 'info', 'end-not-recorded']]);
  assert.match(r.diagnostics[0]!.message, /SIGHUP/);
});

test('a kernel before OpenBSD 7.4: wakeups without arguments, raw_syscalls exits, no fork or steal lines', () => {
  const r = read([
    BEGIN,
    at(1000, '0 100200 5000 tracepoint:sched:wakeup 0 0 0 sh'),
    at(2000, '1 100300 6000 tracepoint:sched:wakeup 0 0 0 ksh'),
    at(3000, '0 100200 5000 tracepoint:raw_syscalls:sys_enter 1 0 0 sh'),
    at(4000, '0 100200 5000 tracepoint:sched:off__cpu 100010 0 0 sh'),
    at(5000, '0 0 0 END 0 0 0 -'),
  ].join('\n') + '\n');
  const dead = r.table.strings.lookup('spc_deadproc');
  assert.deepEqual(rows(r.table), [
    '1000 0 wakeup 100200 sh -1 -1', // woken thread and CPU unknown
    '2000 1 wakeup 100300 ksh -1 -1',
    '3000 0 exit 100200 sh -1 1',
    '4000 0 off-cpu 100200 sh 100010 0',
    `4000 0 dead 100200 sh ${dead} 0`,
  ]);
  assert.deepEqual(r.diagnostics.map((d) => [d.line, d.severity, d.code]), [[2, 'info', 'wakeup-without-args']]);
  assert.match(r.diagnostics[0]!.message, /^2 wakeup line\(s\) without arguments/);
});

test('the syscall provider\'s exit probes: exit(2) with its status, __threxit(2) without one', () => {
  const r = read([
    BEGIN,
    at(1000, '0 100200 5000 syscall:exit:entry 3 0 0 sh'),
    at(1500, '0 100200 5000 tracepoint:sched:off__cpu 100010 0 0 sh'),
    at(2000, '1 100301 6000 syscall:__threxit:entry 0 0 0 worker'),
    at(2500, '1 100301 6000 tracepoint:sched:off__cpu 100011 0 0 worker'),
    at(3000, '0 0 0 END 0 0 0 -'),
  ].join('\n') + '\n');
  const exits = rows(r.table).filter((row) => row.includes(' exit '));
  assert.deepEqual(exits, ['1000 0 exit 100200 sh 3 1', '2000 1 exit 100301 worker -1 302']);
  assert.equal(rows(r.table).filter((row) => row.includes(' dead ')).length, 2, 'each final switch gives Dead');
  assert.deepEqual(r.diagnostics, []);
});

test('DDBPROF kprobes: uvm_exit and proc_free in a reaper are reaps; proc_free in a parent\'s wait4 is not', () => {
  const r = read([
    BEGIN,
    at(1000, '2 100005 0 kprobe:uvm_exit:entry 0 0 0 reaper2'),
    at(2000, '2 100005 0 kprobe:proc_free:entry 0 0 0 reaper2'),
    at(3000, '0 100300 6000 kprobe:proc_free:entry 0 0 0 ksh'),
    at(3500, '1 100301 6001 kprobe:proc_free:entry 0 0 0 make'),
    at(4000, '0 0 0 END 0 0 0 -'),
  ].join('\n') + '\n');
  assert.deepEqual(rows(r.table), ['1000 2 reap 100005 reaper2 -1 -1', '2000 2 reap 100005 reaper2 -1 -1']);
  assert.deepEqual(r.diagnostics.map((d) => [d.line, d.severity, d.code]), [[4, 'info', 'proc-free-in-parent']]);
  assert.match(r.diagnostics[0]!.message, /^2 proc_free call\(s\) outside a reaper/);
});
