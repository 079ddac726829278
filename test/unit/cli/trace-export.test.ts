import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type CliIo } from '../../../src/cli/command';
import { comparisonCsv, summaryCsv, writeChrome, writePieces } from '../../../src/cli/trace-export';
import { readTraceFile } from '../../../src/cli/trace-file-reader';
import { summarizeTrace, type TraceSummary } from '../../../src/core/analysis/trace-summary';
import { compareTraces } from '../../../src/core/compare/trace-comparison';
import type { EventTable } from '../../../src/core/events/event-table';
import { TRACES } from '../core/trace/trace-test-helpers';
import { withTempDir } from './temp-tree';

const io: CliIo = { out: () => {}, err: () => {}, readStdin: async () => new Uint8Array() };

async function readFixture(name: string): Promise<{ table: EventTable; summary: TraceSummary }> {
  const r = await readTraceFile(join(TRACES, name), io);
  return { table: r.table, summary: summarizeTrace({ format: r.format, table: r.table, unknownLines: r.unknownLines, junkLines: r.junkLines, diagnostics: r.diagnostics }) };
}

test('pieces are written in order, also past what the stream buffers (it waits to drain)', async () => {
  await withTempDir(async (dir) => {
    // 4000 pieces of 1 KiB: 4 MiB, far over a write stream's 16 KiB high-water mark.
    const pieces = Array.from({ length: 4000 }, (_, i) => `${String(i).padStart(6, '0')}${'x'.repeat(1017)}\n`);
    await writePieces(join(dir, 'out.txt'), pieces);
    assert.equal(readFileSync(join(dir, 'out.txt'), 'utf8'), pieces.join(''));
    await writePieces(join(dir, 'empty.txt'), []);
    assert.equal(readFileSync(join(dir, 'empty.txt'), 'utf8'), '');
  });
});

test('a file that cannot be written is bad input naming it and the reason', async () => {
  await assert.rejects(writePieces('/nonexistent/dir/out.json', ['{}']), (e: unknown) => e instanceof InputError && e.message === '/nonexistent/dir/out.json: cannot write (ENOENT)');
  await withTempDir(async (dir) => {
    await assert.rejects(writePieces(dir, ['x']), (e: unknown) => e instanceof InputError && e.message === `${dir}: cannot write (EISDIR)`);
  });
});

test('chrome: the table as Chrome Trace JSON; csv: the summary\'s metrics, and a comparison\'s rows', async () => {
  const { table, summary } = await readFixture('btrace-baseline.txt');
  await withTempDir(async (dir) => {
    await writeChrome(join(dir, 't.json'), table);
    const doc = JSON.parse(readFileSync(join(dir, 't.json'), 'utf8'));
    assert.ok(doc.traceEvents.some((e: { cat?: string }) => e.cat === 'reaper'));
  });
  const lines = summaryCsv(summary).split('\n');
  assert.equal(lines[0], 'metric,unit,value');
  // btrace-baseline.txt: the reaper on CPU 1 is busy 50.1 µs and reaps once (trace.test.ts's facts).
  assert.ok(lines.includes('reaperBusyNs,ns,50100'));
  assert.ok(lines.includes('cpu1.reaps,count,1'));
  const other = await readFixture('btrace-patched-begin-end.txt');
  const rows = comparisonCsv(compareTraces(summary, other.summary)).split('\n');
  assert.equal(rows[0], 'metric,unit,a,b,delta,ratio');
  // 15 events against 12 (btrace-patched-begin-end.txt: 12 events on 2 CPUs): delta -3, ratio 0.8.
  assert.ok(rows.includes('events,count,15,12,-3,0.8'), rows.join('\n'));
});
