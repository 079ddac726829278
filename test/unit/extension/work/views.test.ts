/** The panel's views of traces and comparisons: what was read said in a note, OpenBSD and Linux told apart. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTraceText, type TraceReadResult } from '../../../../src/core/trace/trace-reader';
import { comparisonView, readNote, traceKernel, traceView } from '../../../../src/extension/work/views';
import { workspace } from '../../seed';

const btraceText = readFileSync(join(workspace, 'traces/btrace-baseline.txt'), 'utf8');

function read(text: string): Extract<TraceReadResult, { kind: 'trace' }> {
  const result = readTraceText(new TextEncoder().encode(text));
  assert.equal(result.kind, 'trace');
  return result as Extract<TraceReadResult, { kind: 'trace' }>;
}

// The sample (test/fixtures/workspace/traces/btrace-baseline.txt): 15 events on CPUs 0 and 1; line 13 is a
// probe Reaperscope does not read (tracepoint:uvm:fault), line 14 btrace's drop notice, unreadable.
const SAMPLE_NOTE = "b.txt: btrace trace, 15 events on 2 CPUs; 2 lines not read (1 unknown, 1 unreadable; first: line 13: probe 'tracepoint:uvm:fault' is not one Reaperscope reads; line skipped.).";

test('the btrace sample: its events and CPUs, the lines not read counted by why, an OpenBSD trace whose exit→reap is inferred', () => {
  const trace = read(btraceText);
  assert.equal(readNote(trace, 'b.txt'), SAMPLE_NOTE);
  assert.equal(traceKernel(trace), 'openbsd');
  const view = traceView(trace, 'b.txt');
  assert.equal(view.source, 'trace');
  assert.deepEqual(view.notes, [SAMPLE_NOTE, 'Exit→reap pairs in traces are inferred: a trace cannot see which dead thread a reap freed.']);
});

test('a line that is no btrace line adds to the unreadable ones; a clean trace says nothing was left', () => {
  const trace = read(`${btraceText.trimEnd()}\nthis is not a trace line\n`);
  assert.match(readNote(trace, 'b.txt'), /^b\.txt: btrace trace, 15 events on 2 CPUs; 3 lines not read \(1 unknown, 2 unreadable; first: line 13: /);
  // Lines 1-12 only: the same 15 events, nothing left unread.
  const clean = read(btraceText.split('\n').slice(0, 12).join('\n') + '\n');
  assert.equal(readNote(clean, 'b.txt'), 'b.txt: btrace trace, 15 events on 2 CPUs.');
});

test('an OpenBSD trace against a Linux one: both notes, and the warning that the intervals differ', () => {
  const linux = read(readFileSync(join(__dirname, '../../../fixtures/traces/ftrace-flags5.txt'), 'utf8'));
  assert.equal(traceKernel(linux), 'linux');
  const view = comparisonView([read(btraceText), linux], ['b.txt', 'f.txt']);
  assert.equal(view.title, 'b.txt vs f.txt');
  assert.equal(view.notes.length, 4);
  assert.match(view.notes[1]!, /^f\.txt: /);
  assert.deepEqual(view.warnings, ['One trace is from OpenBSD, the other from Linux: exit→reap and exit→free are different intervals, and a Linux trace has no reaper.']);
  assert.equal(comparisonView([read(btraceText), read(btraceText)], ['a', 'b']).warnings, undefined);
});
