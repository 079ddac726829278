import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { read } from './trace-test-helpers';
import { probeOf } from '../../../../src/core/trace/btrace-probes';
import { checkBtScript, parseBtScript } from './bt-script-rules';

const MEDIA = join(__dirname, '../../../../media');
const SCRIPT = readFileSync(join(MEDIA, 'reaperscope.bt'), 'utf8');
const DDBPROF_SCRIPT = readFileSync(join(MEDIA, 'reaperscope-ddbprof.bt'), 'utf8');

/** Each clause: its probe, its filter (if any) and its printf format and arguments. */
const CLAUSES = [...SCRIPT.matchAll(/^([a-z_]+:[a-z_]+:[a-z_]+)\n(?:\/(.*)\/\n)?\{\n\tprintf\("(.*)\\n", (.*)\);\n\}/gm)].map((m) => ({
  probe: m[1]!,
  filter: m[2],
  format: m[3]!,
  args: m[4]!.split(', '),
}));

/** The END clause: printf of the end-of-recording line, nsecs its only argument. */
const END_CLAUSE = /^END\n\{\n\tprintf\("(.*)\\n", (.*)\);\n\}/m.exec(SCRIPT);

/** The BEGIN clause: printf of the start-of-recording line, nsecs its only argument. */
const BEGIN_CLAUSE = /^BEGIN\n\{\n\tprintf\("(.*)\\n", (.*)\);\n\}/m.exec(SCRIPT);

const VALUES: Record<string, string> = { nsecs: '1720624895000000123', cpu: '1', tid: '100123', pid: '42', arg0: '1', arg1: '8', arg2: '2', comm: 'sh' };

const STOCK_PROBES = [
  'tracepoint:sched:on__cpu', 'tracepoint:sched:off__cpu', 'tracepoint:sched:wakeup', 'tracepoint:sched:sleep',
  'tracepoint:sched:enqueue', 'tracepoint:sched:dequeue', 'tracepoint:sched:fork', 'tracepoint:sched:steal',
  'syscall:exit:entry', 'syscall:__threxit:entry',
];

test('the default script has one printf clause per probe of a stock kernel, named as dt(4) names them, no filter', () => {
  assert.deepEqual(CLAUSES.map((c) => c.probe), STOCK_PROBES);
  assert.deepEqual(CLAUSES.filter((c) => c.filter), []);
});

test('the DDBPROF script is the default one plus the two kprobes, before END', () => {
  assert.deepEqual(parseBtScript(DDBPROF_SCRIPT).map((c) => c.probes.join(',')), [
    'BEGIN', ...STOCK_PROBES, 'kprobe:uvm_exit:entry', 'kprobe:proc_free:entry', 'END',
  ]);
  // the clauses they share are the same text
  const body = (text: string): string => text.slice(text.indexOf('\nBEGIN\n'), text.indexOf('\nsyscall:__threxit:entry\n'));
  assert.equal(body(DDBPROF_SCRIPT), body(SCRIPT));
});

test('both shipped scripts follow the rules btrace and dt(4) enforce', () => {
  assert.deepEqual(checkBtScript(SCRIPT, { noKprobes: true }), []);
  assert.deepEqual(checkBtScript(DDBPROF_SCRIPT, { noKprobes: false }), []);
});

test('the rule checker catches each broken rule', () => {
  const clause = (probe: string, filter: string, fmt: string, args: string): string => `${probe}\n${filter}{\n\tprintf("${fmt}\\n", ${args});\n}\n`;
  const ok = clause('tracepoint:sched:on__cpu', '', '%u %s', 'nsecs, comm');
  assert.deepEqual(checkBtScript(ok, { noKprobes: true }), []);
  // the old script's two filtered rules on one probe: enabled twice, and it fires on every syscall
  const twice = clause('tracepoint:raw_syscalls:sys_enter', '/arg0 == 1/\n', '%u', 'arg0') + clause('tracepoint:raw_syscalls:sys_enter', '/arg0 == 302/\n', '%u', 'arg0');
  const problems = checkBtScript(twice, { noKprobes: true });
  assert.equal(problems.filter((p) => p.includes('again (first at line 1)')).length, 1, problems.join('\n'));
  assert.equal(problems.filter((p) => p.includes('every system call')).length, 2);
  assert.match(checkBtScript(clause('kprobe:uvm_exit:entry', '', '%u', 'nsecs'), { noKprobes: true }).join(), /DDBPROF/);
  assert.deepEqual(checkBtScript(clause('kprobe:uvm_exit:entry', '', '%u', 'nsecs'), { noKprobes: false }), []);
  assert.match(checkBtScript(clause('tracepoint:sched:sleep', '', '%lu %s', 'nsecs, comm'), { noKprobes: true }).join(), /%lu has a length modifier/);
  assert.match(checkBtScript(clause('tracepoint:sched:sleep', '', '%u %u %s', 'nsecs, comm'), { noKprobes: true }).join(), /3 conversion\(s\) for 2 argument/);
  assert.match(checkBtScript(clause('tracepoint:sched:sleep', '', '%u %u', 'nsecs, arg0'), { noKprobes: true }).join(), /has 0 argument\(s\), arg0 prints 0/);
  assert.deepEqual(checkBtScript(clause('tracepoint:sched:sleep', '', '100%% %u', 'nsecs'), { noKprobes: true }), [], '%% is no conversion');
});

test('every printf follows the documented line and uses no length modifier', () => {
  for (const c of CLAUSES) {
    assert.doesNotMatch(c.format, /%(l|ll|h|j|z|q)[a-z]/, c.probe);
    const convs = c.format.match(/%[a-z]/g)!;
    assert.equal(convs.length, c.args.length, c.probe);
    assert.match(c.format, new RegExp(`^%u %u %u %u ${c.probe} (%u|0) (%u|0) (%u|0) %s$`), c.probe);
    assert.deepEqual(c.args.slice(0, 4), ['nsecs', 'cpu', 'tid', 'pid']);
    assert.equal(c.args.at(-1), 'comm');
    assert.ok(probeOf(c.probe) !== undefined, `the reader knows ${c.probe}`);
  }
});

test('the END clause prints the documented end line with nsecs, its only builtin', () => {
  assert.ok(END_CLAUSE, 'the script has an END clause');
  assert.equal(END_CLAUSE[1], '%u 0 0 0 END 0 0 0 -');
  assert.equal(END_CLAUSE[2], 'nsecs');
  assert.equal(parseBtScript(SCRIPT).at(-1)!.probes[0], 'END', 'END is the last clause');
});

test('the BEGIN clause prints the documented start line with nsecs, its only builtin', () => {
  assert.ok(BEGIN_CLAUSE, 'the script has a BEGIN clause');
  assert.equal(BEGIN_CLAUSE[1], '%u 0 0 0 BEGIN 0 0 0 -');
  assert.equal(BEGIN_CLAUSE[2], 'nsecs');
  assert.equal(parseBtScript(SCRIPT)[0]!.probes[0], 'BEGIN', 'BEGIN is the first clause');
  // the header documents both lines
  assert.ok(SCRIPT.includes(' *\tNSECS 0 0 0 BEGIN 0 0 0 -\n'));
  assert.ok(SCRIPT.includes(' *\tNSECS 0 0 0 END 0 0 0 -\n'));
});

test('what the script prints, the reader reads without a diagnostic', () => {
  const lines = CLAUSES.map((c) => {
    let k = 0;
    return c.format.replace(/%[us]/g, () => VALUES[c.args[k++]!]!);
  });
  // btrace starts 1 s before the events and stops 2 s after them
  const begin = BEGIN_CLAUSE![1]!.replace('%u', '1720624894000000123');
  const end = END_CLAUSE![1]!.replace('%u', '1720624897000000123');
  const r = read(`${begin}\n${lines.join('\n')}\n${end}\n`);
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.table.baseNs, 1_720_624_894_000_000_123n, 'the recording starts at BEGIN');
  assert.equal(r.table.startTs, 0);
  assert.equal(r.table.ts[0], 1e9, 'the events 1 s after it');
  assert.equal(r.table.endTs, 3e9, 'the end 2 s after the (simultaneous) events');
  assert.equal(r.unknownLines + r.junkLines, 0);
  // 10 lines; off__cpu gives two events, on__cpu and the off__cpu's on-cpu of tid 1 are distinct
  assert.ok(r.table.length >= lines.length);
});
