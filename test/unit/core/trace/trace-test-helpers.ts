/** Shared helpers for the trace reader tests: fixture loading and event rows. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { readTraceText, type TraceReadResult } from '../../../../src/core/trace/trace-reader';
import { eventAt, type EventTable } from '../../../../src/core/events/event-table';
import { EventKind, eventKindName } from '../../../../src/core/events/event-kind';

export const TRACES = join(__dirname, '../../../fixtures/traces');

export function fixture(name: string): string {
  return readFileSync(join(TRACES, name), 'utf8');
}

/** Reads text, asserting it is a trace (not a format error). */
export function read(text: string | Uint8Array): TraceReadResult {
  const r = readTraceText(text);
  assert.equal(r.kind, 'trace', r.kind === 'format-error' ? r.message : '');
  return r as TraceReadResult;
}

/**
 * Events as `ts cpu kind tid comm arg0 arg1` strings, for readable whole-table assertions; an
 * instant's arg0 and arg1 (name and fields, interned) are shown as their text, `|`-separated.
 */
export function rows(table: EventTable): string[] {
  const out: string[] = [];
  for (let i = 0; i < table.length; i++) {
    const e = eventAt(table, i);
    const args = e.kind === EventKind.Instant ? `${table.strings.get(e.arg0)}|${e.arg1 < 0 ? '' : table.strings.get(e.arg1)}` : `${e.arg0} ${e.arg1}`;
    out.push(`${e.ts} ${e.cpu} ${eventKindName(e.kind)} ${e.tid} ${e.comm} ${args}`);
  }
  return out;
}
