/**
 * The ftrace reader reads lines from their bytes; before, it decoded every line and read it
 * with the regular expressions of ftrace-line.ts and ftrace-payloads.ts. The hashes below were
 * taken from that reader (commit 72964b1) on the fixtures and on a seeded corpus of mutated
 * fixture lines: the byte reader must give the same tables, diagnostics and counts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readTraceText } from '../../../../src/core/trace/trace-reader';
import { tableHash } from '../../../../src/core/events/table-hash';
import { fixture } from './trace-test-helpers';
import { mutations } from './ftrace-mutations';

/** Table hash, then diagnostics, instants, skipped lines, lines and header CPUs, as the regex reader gave them. */
function outcome(text: string): string {
  const r = readTraceText(text, { format: 'ftrace' });
  if (r.kind !== 'trace') return JSON.stringify(r);
  return `${tableHash(r.table)} ${JSON.stringify([r.diagnostics, r.unknownLines, r.junkLines, r.lines, r.headerCpus])}`;
}

const FIXTURE_TABLES: Record<string, string> = {
  'ftrace-flags5.txt': 'c9c3d952db234d8192ea21e28dc6e7098d01a554e4c7da25c5fc03fd909dba87',
  'ftrace-tgid-flags4.txt': '22709fe5e98cb4c508a8a8a27441b8744839ff4d2dd5f203bf9214f351919092',
  'ftrace-trace-cmd.txt': 'c9c3d952db234d8192ea21e28dc6e7098d01a554e4c7da25c5fc03fd909dba87',
  'linux-runtime.report.txt': 'adf868fde6a68b4471f8c80db21f4cdf7f4d79639808ffe0b9eeb39a8e26608c',
  'linux-storm.report.txt': '9d16b0d8fe1fbd2656b9332c802100f78cd0fe2706a2929f749aee2d8b0d9da3',
  'linux-tracefs-storm.txt': 'ec057a53421fb090eca829a16870634faa35100d47bd3a1431907594b8e95bbd',
};

test('every ftrace fixture gives the table the regex reader gave, without diagnostics', () => {
  for (const [name, hash] of Object.entries(FIXTURE_TABLES)) {
    const r = readTraceText(fixture(name), { format: 'ftrace' });
    assert.equal(r.kind, 'trace');
    if (r.kind !== 'trace') continue;
    assert.equal(tableHash(r.table), hash, name);
    assert.deepEqual(r.diagnostics, [], name);
  }
});

test('600 mutated fixture lines (seed 1) give what the regex reader gave, diagnostics included', () => {
  const all = mutations(600, 1).map((m) => outcome(m.text));
  const digest = createHash('sha256').update(all.join('\n')).digest('hex');
  assert.equal(digest, '6da107128ea826761c5754360f18c1383c497affaa9bd010604895dc41d2579d');
});
