/**
 * The real trace.dat recordings under test/fixtures/traces (README there says how they were
 * made) as bytes and as read metadata, for the trace.dat module tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { readTraceDatLayout, type TraceDatLayout } from '../../../../../src/core/trace/trace-dat/trace-dat-layout';
import { memoryByteSource } from '../../../../../src/core/trace/trace-dat/byte-source';
import { CpuPages } from '../../../../../src/core/trace/trace-dat/cpu-pages';
import { PageEvents } from '../../../../../src/core/trace/trace-dat/page-events';
import type { RecordRef } from '../../../../../src/core/trace/trace-dat/record-fields';
import type { EventFormat } from '../../../../../src/core/trace/trace-dat/event-format';
import { TRACES } from '../trace-test-helpers';

/** The storm recording in its three encodings: version 6, version 7, version 7 with zstd. */
export const STORM_DATS = ['linux-storm.v6.dat', 'linux-storm.v7.dat', 'linux-storm.v7-zstd.dat'] as const;

export function datBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(TRACES, name)));
}

/** The layout of a fixture (or of changed bytes), asserting it reads. */
export async function layoutOf(data: string | Uint8Array): Promise<TraceDatLayout> {
  const l = await readTraceDatLayout(memoryByteSource(typeof data === 'string' ? datBytes(data) : data));
  assert.ok(typeof l !== 'string', typeof l === 'string' ? l : '');
  return l;
}

/** `trace-cmd report -t` lines of a fixture, without the `cpus=N` first line. */
export function reportLines(name: string): string[] {
  return readFileSync(join(TRACES, name), 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('cpus='));
}

/** A report line's parts: comm, pid, cpu, time (the `s.ns` text as integer ns), event name and payload. */
export function reportLine(line: string): { comm: string; pid: number; cpu: number; ns: bigint; event: string; payload: string } {
  const m = /^\s*(.+)-(\d+)\s+\[(\d+)\]\s+(\d+)\.(\d{9}): (\w+):\s+(.*)$/.exec(line);
  assert.ok(m, `report line: ${line}`);
  return { comm: m[1]!, pid: Number(m[2]), cpu: Number(m[3]), ns: BigInt(m[4]!) * 1_000_000_000n + BigInt(m[5]!), event: m[6]!, payload: m[7]! };
}

/** A record of a recording with its format and the report line trace-cmd printed for it. */
export interface PairedRecord {
  ref: RecordRef;
  format: EventFormat;
  line: ReturnType<typeof reportLine>;
}

/**
 * Every record of a fixture, each paired with its `trace-cmd report -t` line (the report lists
 * each CPU's records in the order the pages hold them; the page walk test holds that).
 */
export async function pairedRecords(dat: string, report: string): Promise<PairedRecord[]> {
  const bytes = datBytes(dat);
  const layout = await layoutOf(bytes);
  const lines = reportLines(report).map(reportLine);
  const out: PairedRecord[] = [];
  for (const data of layout.cpus) {
    const onCpu = lines.filter((l) => l.cpu === data.cpu);
    const pages = new CpuPages(memoryByteSource(bytes), data, layout, () => {});
    const events = new PageEvents(layout.page, layout.littleEndian, 0n);
    for (let page = await pages.next(); page; page = await pages.next()) {
      const copy = page.slice();
      events.load(copy);
      while (events.next()) {
        const ref: RecordRef = { bytes: copy, view: events.view, at: events.at, length: events.length, littleEndian: layout.littleEndian };
        const format = layout.formats.get(events.view.getUint16(events.at, layout.littleEndian));
        assert.ok(format, 'every record has a stored format');
        out.push({ ref, format, line: onCpu.shift()! });
      }
    }
  }
  return out;
}
