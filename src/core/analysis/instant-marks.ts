/**
 * The events a trace keeps only as instants (Linux events other than the scheduler's, with
 * their fields as printed), as marks for the panel's timeline: time, CPU, name and fields. A
 * view carries at most {@link MAX_INSTANT_MARKS} of them, evenly spaced over all (the panel
 * gets chart-ready data, never every event), and says how many there were.
 */
import type { EventTable } from '../events/event-table';
import { EventKind } from '../events/event-kind';

/** Marks a run view carries at most. */
export const MAX_INSTANT_MARKS = 2000;

export interface InstantMark {
  /** Time, ns from the view's start. */
  tNs: number;
  cpu: number;
  /** Index into {@link InstantMarks.names}. */
  name: number;
  /** The event's fields as printed ('' when not kept). */
  fields: string;
}

export interface InstantMarks {
  /** Event names, each once. */
  names: string[];
  /** Instants in the run (marks are at most {@link MAX_INSTANT_MARKS} of them). */
  total: number;
  marks: InstantMark[];
}

/**
 * The instants of `table` whose time is in [start, start + spanNs], as marks relative to
 * `start` (ns); null when there are none.
 */
export function instantMarks(table: EventTable, start: number, spanNs: number, max = MAX_INSTANT_MARKS): InstantMarks | null {
  const at: number[] = [];
  const end = start + spanNs;
  for (let i = 0; i < table.length; i++) {
    if (table.kind[i] === EventKind.Instant && table.ts[i]! >= start && table.ts[i]! <= end) at.push(i);
  }
  if (at.length === 0) return null;
  const names: string[] = [];
  const nameIndex = new Map<number, number>();
  const marks: InstantMark[] = [];
  const shown = Math.min(max, at.length);
  for (let k = 0; k < shown; k++) {
    // evenly spaced over all instants: every one when they fit
    const i = at[Math.floor((k * at.length) / shown)]!;
    const id = table.arg0[i]!;
    let name = nameIndex.get(id);
    if (name === undefined) {
      name = names.length;
      names.push(table.strings.get(id));
      nameIndex.set(id, name);
    }
    const fields = table.arg1[i]!;
    marks.push({ tNs: table.ts[i]! - start, cpu: table.cpu[i]!, name, fields: fields < 0 ? '' : table.strings.get(fields) });
  }
  return { names, total: at.length, marks };
}
