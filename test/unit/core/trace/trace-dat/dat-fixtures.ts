/**
 * The real trace.dat recordings under test/fixtures/traces (README there says how they were
 * made) as bytes and as read metadata, for the trace.dat module tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { readTraceDatLayout, type TraceDatLayout } from '../../../../../src/core/trace/trace-dat/trace-dat-layout';
import { memoryByteSource } from '../../../../../src/core/trace/trace-dat/byte-source';
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
