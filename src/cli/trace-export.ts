/** Writes `reaperscope trace --export` files: Chrome Trace JSON streamed piece by piece, or CSV. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { fileError } from './file-error';
import type { EventTable } from '../core/events/event-table';
import { chromeTracePieces } from '../core/trace/chrome-trace-export';
import { toCsv } from '../core/trace/csv-export';
import { summaryMetrics, type TraceComparison } from '../core/compare/trace-comparison';
import type { TraceSummary } from '../core/analysis/trace-summary';

/** Writes pieces to `file`, waiting for the stream to drain (bounded memory for large traces). */
export async function writePieces(file: string, pieces: Iterable<string>): Promise<void> {
  const out = createWriteStream(file);
  const failed = once(out, 'error').then(([e]) => {
    throw fileError(file, 'cannot write', e);
  });
  const work = (async () => {
    for (const piece of pieces) if (!out.write(piece)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
  })();
  await Promise.race([work, failed]);
}

export function writeChrome(file: string, table: EventTable): Promise<void> {
  return writePieces(file, chromeTracePieces(table));
}

export function summaryCsv(s: TraceSummary): string {
  return toCsv(['metric', 'unit', 'value'], summaryMetrics(s).map((m) => [m.metric, m.unit, m.value]));
}

export function comparisonCsv(c: TraceComparison): string {
  return toCsv(['metric', 'unit', 'a', 'b', 'delta', 'ratio'], c.rows.map((r) => [r.metric, r.unit, r.a, r.b, r.delta, r.ratio]));
}
