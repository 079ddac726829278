/**
 * Where a run's open intervals end: the end of the recording when the table knows it (a
 * simulation's duration, a btrace `END` line), else its last event. Every figure that closes
 * a run still open at the end (reaper runs and busy time, busy time per CPU, the view's bins,
 * the Chrome export) goes through here, so a simulation and its trace count the same way.
 */
import type { EventTable } from './event-table';

/** End of the recording, ns relative to the table's base (0 for an empty table without one). */
export function recordingEnd(table: EventTable): number {
  const last = table.length > 0 ? table.ts[table.length - 1]! : 0;
  return table.endTs === undefined ? last : Math.max(table.endTs, last);
}
