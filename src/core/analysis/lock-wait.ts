/** Time spent waiting for locks, per lock name: lock-wait → lock-acquire on the same CPU. */
import type { EventTable } from '../events/event-table';
import { EventKind } from '../events/event-kind';

/** The locks every report lists, even at zero. */
export const REPORTED_LOCKS = ['deadproc_mutex', 'kernel_lock', 'sched_lock'] as const;

/** Total wait per lock name, ns; `REPORTED_LOCKS` are always present. */
export function lockWaitByName(table: EventTable): Record<string, number> {
  const waitSince = new Map<number, { lock: number; t: number }>();
  const byId = new Map<number, number>();
  for (let i = 0; i < table.length; i++) {
    const kind = table.kind[i]!;
    if (kind === EventKind.LockWait) {
      waitSince.set(table.cpu[i]!, { lock: table.arg0[i]!, t: table.ts[i]! });
    } else if (kind === EventKind.LockAcquire) {
      const w = waitSince.get(table.cpu[i]!);
      if (w && w.lock === table.arg0[i]!) {
        byId.set(w.lock, (byId.get(w.lock) ?? 0) + table.ts[i]! - w.t);
        waitSince.delete(table.cpu[i]!);
      }
    }
  }
  const out: Record<string, number> = {};
  for (const name of REPORTED_LOCKS) out[name] = 0;
  for (const [id, ns] of byId) out[table.strings.get(id)] = ns;
  return out;
}
